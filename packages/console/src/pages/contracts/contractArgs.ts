import type { CborValue } from "@kexin/core";
import { contracts } from "@kexin/sdk";
import { firstNonIntegerNumber } from "../../components/jsonNumbers.ts";

/** Why typed arguments cannot be sent; the page words each kind in the reader's language. */
export type ArgsProblem =
  | { readonly kind: "json"; readonly detail: string }
  | { readonly kind: "float"; readonly number: string }
  | { readonly kind: "notObject" }
  | { readonly kind: "value"; readonly detail: string };

export type ParsedArgs = { readonly ok: true; readonly value: { readonly [name: string]: CborValue } } | { readonly ok: false; readonly problem: ArgsProblem };

/**
 * A method's arguments as typed in the page: a JSON object whose numbers are all safe integers
 * (contracts take no floats). Empty text is the empty object. Checked before anything is signed.
 */
export function parseContractArgs(text: string): ParsedArgs {
  if (text.trim() === "") return { ok: true, value: {} };
  const nonInteger = firstNonIntegerNumber(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: { kind: "json", detail: error instanceof Error ? error.message : String(error) } };
  }
  if (nonInteger !== undefined) return { ok: false, problem: { kind: "float", number: nonInteger } };
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return { ok: false, problem: { kind: "notObject" } };
  const problem = contracts.valueProblem(parsed);
  if (problem !== undefined) return { ok: false, problem: { kind: "value", detail: problem } };
  return { ok: true, value: parsed as { [name: string]: CborValue } };
}

/** A starting point for a method's arguments, from its declared schema: each property with an empty value of its type. */
export function argsTemplate(schema: unknown): string {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> } | null)?.properties;
  if (properties === undefined || typeof properties !== "object") return "{}";
  const empty = (type: unknown): unknown => (type === "integer" || type === "number" ? 0 : type === "string" ? "" : type === "boolean" ? false : type === "array" ? [] : type === "object" ? {} : null);
  const template = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, empty(property?.type)]));
  return Object.keys(template).length === 0 ? "{}" : JSON.stringify(template, null, 2);
}
