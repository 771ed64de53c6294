/** Whether a value holds a number canonical CBOR cannot carry as an integer: a fraction, NaN, an infinity, -0 or an unsafe integer. */
export function holdsFloat(value: unknown, depthLeft = 64): boolean {
  if (typeof value === "number") return !Number.isSafeInteger(value) || Object.is(value, -0);
  if (depthLeft === 0 || value === null || typeof value !== "object" || value instanceof Uint8Array) return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => holdsFloat(child, depthLeft - 1));
}
