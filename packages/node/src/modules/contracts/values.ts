import { type CborValue, type ContractErrorCode, KexinError, encodeCanonical } from "@kexin/core";
import { contractError } from "./errors.ts";

/** Whether a value holds a number canonical CBOR cannot carry as an integer: a fraction, NaN, an infinity, -0 or an unsafe integer. */
export function holdsFloat(value: unknown, depthLeft = 64): boolean {
  if (typeof value === "number") return !Number.isSafeInteger(value) || Object.is(value, -0);
  if (depthLeft === 0 || value === null || typeof value !== "object" || value instanceof Uint8Array) return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => holdsFloat(child, depthLeft - 1));
}

/** The canonical bytes of a value crossing the contract boundary, refused when it holds a float or is larger than bytesMax. */
export function boundaryBytes(value: unknown, bytesMax: number, tooLarge: ContractErrorCode, what: string): Uint8Array {
  if (holdsFloat(value)) throw contractError("CONTRACT_FLOAT_REFUSED", `${what} holds a floating-point number; contracts use integers (in the smallest unit)`);
  let bytes: Uint8Array;
  try {
    bytes = encodeCanonical(value as CborValue);
  } catch (error) {
    if (!(error instanceof KexinError)) throw error;
    throw contractError("CONTRACT_THREW", `${what} is not a canonical CBOR value: ${error.message}`);
  }
  if (bytes.length > bytesMax) throw contractError(tooLarge, `${what} is ${bytes.length} bytes; at most ${bytesMax} are allowed`);
  return bytes;
}
