import { KexinError } from "@kexin/core";
import { type TSchema, type TString, Type } from "@sinclair/typebox";

/*
 * Every integer in a query string or path — heights, positions, page limits, times — is read by
 * the one rule below, whichever route or module query declares it: the API finds such parameters
 * by the schema key they carry and parses them before anything else looks at them. The schema
 * itself holds no pattern, so no second rule can answer first with another code.
 */

export interface IntegerBounds {
  readonly minimum: number;
  readonly maximum: number;
}

export type IntegerParameterErrorType = { code: "API_INVALID_INTEGER"; parameter: string; minimum: number; maximum: number };
export class IntegerParameterError extends KexinError<IntegerParameterErrorType> {}

/** The schema key that marks a text parameter as an integer and holds its bounds (an OpenAPI extension name, so schema validators may be told to pass it). */
export const integerBoundsKey = "x-kexin-integer";

/** Digits only; no sign, exponent, decimal point, spaces or hex; no leading zero except in "0" itself. */
const integerText = /^(?:0|[1-9][0-9]*)$/;
const safeIntegerDigitsMax = String(Number.MAX_SAFE_INTEGER).length;

export const integerParameterRule = "decimal digits only, without sign, exponent, decimal point, spaces or leading zeros";

/** A query-string or path parameter holding an integer in [minimum, maximum]; it arrives as text. */
export function integerParameter(bounds: { minimum?: number; maximum: number }, description: string): TString {
  const minimum = bounds.minimum ?? 0;
  const maximum = Math.min(bounds.maximum, Number.MAX_SAFE_INTEGER);
  return Type.String({ description: `${description}; an integer from ${minimum} to ${maximum}, ${integerParameterRule}`, [integerBoundsKey]: { minimum, maximum } });
}

/** The value of integer parameter `name`, or an API_INVALID_INTEGER error naming it, the rule and the bounds. */
export function parseIntegerParameter(name: string, text: unknown, bounds: IntegerBounds): number {
  const value = typeof text === "string" && text.length <= safeIntegerDigitsMax && integerText.test(text) ? Number(text) : Number.NaN;
  if (value >= bounds.minimum && value <= bounds.maximum) return value;
  const got = typeof text === "string" ? `got ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}` : "it was given more than once";
  throw new IntegerParameterError(
    { code: "API_INVALID_INTEGER", parameter: name, minimum: bounds.minimum, maximum: bounds.maximum },
    `parameter ${name} must be an integer from ${bounds.minimum} to ${bounds.maximum}, written in ${integerParameterRule}; ${got}`,
  );
}

/**
 * Checks every integer parameter an object schema (a route's querystring or params, a module
 * query's parameters) declares among `values`, and returns their values; other parameters are left
 * to the schema.
 */
export function parseIntegerParameters(schema: TSchema | undefined, values: Readonly<Record<string, unknown>>): Record<string, number> {
  const parsed: Record<string, number> = {};
  const properties = (schema as { properties?: Record<string, TSchema> } | undefined)?.properties;
  if (properties === undefined) return parsed;
  for (const [name, property] of Object.entries(properties)) {
    const bounds = (property as Record<string, unknown>)[integerBoundsKey] as IntegerBounds | undefined;
    if (bounds !== undefined && values[name] !== undefined) parsed[name] = parseIntegerParameter(name, values[name], bounds);
  }
  return parsed;
}
