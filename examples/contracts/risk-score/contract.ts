import type { Context, ContractValue, MethodsDeclaration } from "@kexin/sdk/contract";

/*
 * An integer risk score over a record passed in the arguments: score = base + Σ weight × value,
 * divided by the weights' divisor, rounded toward minus infinity and clamped to 0…1000. The
 * record itself is never stored; a recorded assessment keeps only the score, its band and the
 * hash of the record. Weights are fixed at init (an upgrade with `migrate` changes them).
 * Every step is integer arithmetic within the safe-integer range, so every node computes the
 * same score.
 */

const factorsMax = 32;
const valueMax = 1_000_000;
const weightMax = 10_000;
const scoreMax = 1_000;
const factorName = "^[a-z][a-z0-9_]{0,31}$";
const record = { type: "object", propertyNames: { pattern: factorName }, additionalProperties: { type: "integer", minimum: 0, maximum: valueMax }, maxProperties: factorsMax };

export const methods = {
  init: {
    args: {
      type: "object",
      properties: {
        weights: { type: "object", propertyNames: { pattern: factorName }, additionalProperties: { type: "integer", minimum: -weightMax, maximum: weightMax }, minProperties: 1, maxProperties: factorsMax },
        base: { type: "integer", minimum: -scoreMax, maximum: scoreMax },
        divisor: { type: "integer", minimum: 1, maximum: 1_000_000 },
        bands: {
          type: "object",
          properties: { medium: { type: "integer", minimum: 1, maximum: scoreMax }, high: { type: "integer", minimum: 1, maximum: scoreMax } },
          required: ["medium", "high"],
          additionalProperties: false,
        },
      },
      required: ["weights", "base", "divisor", "bands"],
      additionalProperties: false,
    },
  },
  score: { args: { type: "object", properties: { record }, required: ["record"], additionalProperties: false }, readOnly: true },
  assess: {
    args: { type: "object", properties: { subject: { type: "string", minLength: 1, maxLength: 128 }, record }, required: ["subject", "record"], additionalProperties: false },
  },
  assessment: { args: { type: "object", properties: { subject: { type: "string", minLength: 1, maxLength: 128 } }, required: ["subject"], additionalProperties: false }, readOnly: true },
} satisfies MethodsDeclaration;

type Model = { weights: Record<string, number>; base: number; divisor: number; bands: { medium: number; high: number } };
type Band = "low" | "medium" | "high";
export type Score = { score: number; band: Band; contributions: Record<string, number> };

/** Floor division of integers without a rounded quotient: a − (a mod b) is an exact multiple of b. */
function divideFloor(dividend: number, divisor: number): number {
  const remainder = dividend % divisor;
  const quotient = (dividend - remainder) / divisor;
  return remainder < 0 ? quotient - 1 : quotient;
}

/** Own keys only: a factor named like an Object.prototype member ("constructor") must not find the prototype's. */
function has(object: Record<string, number>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** The factors are ASCII by their schema, so each character is one byte (the sandbox has no TextEncoder). */
function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (character) => character.charCodeAt(0));
}

function model(ctx: Context): Model {
  const stored = ctx.state.get("model") as Model | undefined;
  if (stored === undefined) throw new Error("the model has not been initialised");
  return stored;
}

function scoreOf(current: Model, values: Record<string, number>): Score {
  const unknown = Object.keys(values).filter((factor) => !has(current.weights, factor));
  if (unknown.length > 0) throw new Error(`the record has factors the model does not weigh: ${unknown.join(", ")}`);
  const contributions: Record<string, number> = {};
  let total = current.base * current.divisor;
  // Sorted, so the contributions' order never depends on how the record was written.
  for (const factor of Object.keys(current.weights).sort()) {
    // "+ 0" turns the -0 of a negative weight times zero into 0: -0 is a float, and floats may not leave a contract.
    const contribution = (current.weights[factor] as number) * (has(values, factor) ? (values[factor] as number) : 0) + 0;
    contributions[factor] = contribution;
    total += contribution;
  }
  const score = Math.min(scoreMax, Math.max(0, divideFloor(total, current.divisor)));
  const band: Band = score >= current.bands.high ? "high" : score >= current.bands.medium ? "medium" : "low";
  return { score, band, contributions };
}

export function init(args: Model, ctx: Context): void {
  if (args.bands.medium > args.bands.high) throw new Error(`the medium band (${args.bands.medium}) starts above the high band (${args.bands.high})`);
  ctx.state.set("model", args);
}

export function score(args: { record: Record<string, number> }, ctx: Context): Score {
  return scoreOf(model(ctx), args.record);
}

/** Scores a record and keeps the outcome under the subject, with the hash of the record's factors rather than the record. */
export function assess(args: { subject: string; record: Record<string, number> }, ctx: Context): { score: number; band: Band } {
  const { score: value, band } = scoreOf(model(ctx), args.record);
  const canonical = Object.keys(args.record)
    .sort()
    .map((factor) => `${factor}=${args.record[factor] as number}`)
    .join(";");
  const recordHash = ctx.hash(asciiBytes(canonical));
  ctx.state.set(`assessment/${args.subject}`, { score: value, band, recordHash, by: ctx.caller.address, height: ctx.block.height });
  ctx.emit("scored", { subject: args.subject, score: value, band });
  return { score: value, band };
}

export function assessment(args: { subject: string }, ctx: Context): ContractValue {
  return ctx.state.get(`assessment/${args.subject}`) ?? null;
}
