import { type CborValue, contractMethodNameSchema, contractNameSchema, contractProposalIdSchema } from "@kexin/core";
import { invalidParameter } from "../errors.ts";
import { requireRoles } from "../validation.ts";
import { contractLimits } from "./types.ts";
import type { ContractPolicy } from "./types.ts";

/** Client-side checks of the contracts builders and actions; each throws SDK_INVALID_PARAMETER naming the parameter. */

// The node's patterns, from the payload schemas in @kexin/core, so both sides refuse the same names.
export const contractNamePattern = new RegExp(contractNameSchema.pattern as string);
const proposalIdPattern = new RegExp(contractProposalIdSchema.pattern as string);
const methodNamePattern = new RegExp(contractMethodNameSchema.pattern as string);

export function requireContractName(context: string, parameter: string, value: unknown): string {
  if (typeof value !== "string" || !contractNamePattern.test(value)) {
    throw invalidParameter(context, parameter, `must be a contract name (a lower-case letter, then 2 to 63 lower-case letters, digits, _ or -), got ${JSON.stringify(value)}`);
  }
  return value;
}

export function requireProposalId(context: string, parameter: string, value: unknown): string {
  if (typeof value !== "string" || !proposalIdPattern.test(value)) {
    throw invalidParameter(context, parameter, `must be a proposal id (1 to 64 lower-case letters, digits, _ or -, not starting with _ or -), got ${JSON.stringify(value)}`);
  }
  return value;
}

export function requireMethodName(context: string, parameter: string, value: unknown): string {
  if (typeof value !== "string" || !methodNamePattern.test(value)) {
    throw invalidParameter(context, parameter, `must be a method name (a JavaScript identifier of at most 64 characters), got ${JSON.stringify(value)}`);
  }
  return value;
}

export function requireGasLimit(context: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw invalidParameter(context, "gasLimit", `must be a whole number of at least 1, got ${String(value)}`);
  }
  return value;
}

/** A method → roles map; a method absent from it cannot be called by transactions. */
export function requirePolicy(context: string, value: unknown): ContractPolicy {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalidParameter(context, "policy", 'must be an object of method name → roles allowed to call it, e.g. { "transfer": [] } ([] admits any registered member)');
  }
  const entries = Object.entries(value);
  if (entries.length > contractLimits.policyMethodsMax) throw invalidParameter(context, "policy", `must name at most ${contractLimits.policyMethodsMax} methods, got ${entries.length}`);
  return Object.fromEntries(entries.map(([method, roles]) => [requireMethodName(context, "policy", method), requireRoles(context, `policy.${method}`, roles)]));
}

/** Where in a value its first float (or other value canonical CBOR cannot carry) is, or undefined when there is none. */
export function valueProblem(value: unknown, path = "", depth = 0): string | undefined {
  if (depth > contractLimits.valueNestingDepthMax) return `${path || "/"}: nested deeper than ${contractLimits.valueNestingDepthMax}`;
  if (value === null || typeof value === "boolean" || typeof value === "string" || typeof value === "bigint" || value instanceof Uint8Array) return undefined;
  if (typeof value === "number") {
    if (Number.isSafeInteger(value) && !Object.is(value, -0)) return undefined;
    return `${path || "/"}: ${Object.is(value, -0) ? "-0" : String(value)} is not a safe integer (floats cannot enter a contract)`;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = valueProblem(item, `${path}/${index}`, depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      const problem = valueProblem(item, `${path}/${key}`, depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  return `${path || "/"}: a ${typeof value} cannot enter a contract (null, booleans, integers, strings, bytes, arrays and plain objects can)`;
}

export function requireContractValue(context: string, parameter: string, value: unknown): CborValue {
  const problem = valueProblem(value);
  if (problem !== undefined) throw invalidParameter(context, parameter, `must be a contract value: ${problem}`);
  return value as CborValue;
}
