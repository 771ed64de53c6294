/** Why a number typed in a form cannot be used; the page words each kind in the reader's language. */
export type WholeNumberProblem = { readonly kind: "float"; readonly text: string } | { readonly kind: "range"; readonly min: number; readonly max: number };

export type ParsedWholeNumber = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly problem: WholeNumberProblem };

/**
 * A whole number from `min` to `max` as typed in a form. A decimal point or an exponent is named
 * as such ("2.5", and "3.0" too): the chain takes integers only, and a fraction dropped in silence
 * would sign something other than what the reader wrote.
 */
export function parseWholeNumber(text: string, min: number, max: number): ParsedWholeNumber {
  const trimmed = text.trim();
  if (/^[+-]?[0-9]*[.eE]/.test(trimmed) && trimmed !== "" && Number.isFinite(Number(trimmed))) return { ok: false, problem: { kind: "float", text: trimmed } };
  const value = /^[0-9]+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!(value >= min && value <= max)) return { ok: false, problem: { kind: "range", min, max } };
  return { ok: true, value };
}
