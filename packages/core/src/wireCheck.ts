import type { Static, TSchema } from "@sinclair/typebox";
import { Errors } from "@sinclair/typebox/errors";
import { Check } from "@sinclair/typebox/value";

/**
 * What is wrong with a value against a wire schema (a service's record or answer), as
 * "/path: message" of the first mismatch, or undefined when it matches. Interpreted rather than
 * compiled, so it runs where generated code may not (a browser page with a strict CSP).
 */
export function wireProblem(schema: TSchema, value: unknown): string | undefined {
  if (Check(schema, value)) return undefined;
  const first = Errors(schema, value).First();
  return first === undefined ? "does not match its schema" : `${first.path === "" ? "/" : first.path}: ${first.message}`;
}

/** A value read from the wire is not changed by its reader: every object and array of it is read-only. */
export type Immutable<T> = T extends object ? { readonly [Key in keyof T]: Immutable<T[Key]> } : T;

/** The type of a wire schema's values, read-only throughout. */
export type WireStatic<Schema extends TSchema> = Immutable<Static<Schema>>;

export function isWire<T extends TSchema>(schema: T, value: unknown): value is WireStatic<T> {
  return Check(schema, value);
}
