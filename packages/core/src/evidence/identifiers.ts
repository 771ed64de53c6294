/**
 * Session and draw ids are restricted to printable ASCII so that every implementation encodes
 * them to the same bytes: no Unicode normalisation or lone surrogates can make two ids look alike.
 */
export const identifierPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** Why `value` is not an identifier of at most `lengthMax` characters, or undefined when it is one. */
export function identifierProblem(value: unknown, lengthMax: number): string | undefined {
  if (typeof value !== "string") return "must be a string";
  if (value.length === 0) return "must not be empty";
  if (value.length > lengthMax) return `must be at most ${lengthMax} characters`;
  if (!identifierPattern.test(value)) return "may hold only letters, digits and . _ : - and must start with a letter or digit";
  return undefined;
}

export function isSafeIntegerInRange(value: unknown, minimum: number, maximum: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= minimum && value <= maximum;
}
