import { TraceError } from "./errors.ts";

const digitsPattern = /^[0-9]+$/;
const gtinLengths = new Set([8, 12, 13, 14]);

function malformed(reason: string): TraceError {
  return new TraceError({ code: "UDI_MALFORMED", reason }, reason);
}

/**
 * The GS1 mod-10 check digit (GS1 General Specifications §7.9.1): weights 3 and 1 alternate
 * from the rightmost data digit, which has weight 3. Works for every GS1 key up to 17 data digits.
 */
export function gtinCheckDigit(digitsWithoutCheck: string): number {
  if (!digitsPattern.test(digitsWithoutCheck) || digitsWithoutCheck.length > 17) {
    throw malformed(`check digit input must be 1 to 17 digits, got '${digitsWithoutCheck.slice(0, 20)}'`);
  }
  let sum = 0;
  for (let offset = 0; offset < digitsWithoutCheck.length; offset++) {
    const digit = digitsWithoutCheck.charCodeAt(digitsWithoutCheck.length - 1 - offset) - 48;
    sum += offset % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True for a GTIN-8, -12, -13 or -14 whose check digit is right. */
export function isValidGtin(gtin: string): boolean {
  if (!gtinLengths.has(gtin.length) || !digitsPattern.test(gtin)) return false;
  return gtinCheckDigit(gtin.slice(0, -1)) === Number(gtin.slice(-1));
}

/** Right-justifies a valid GTIN in the 14-digit field with leading zeros, as GS1 keys are compared. */
export function toGtin14(gtin: string): string {
  if (!gtinLengths.has(gtin.length) || !digitsPattern.test(gtin)) {
    throw malformed(`GTIN '${gtin.slice(0, 20)}' must be 8, 12, 13 or 14 digits`);
  }
  const expected = gtinCheckDigit(gtin.slice(0, -1));
  if (expected !== Number(gtin.slice(-1))) {
    throw new TraceError(
      { code: "UDI_BAD_CHECK_DIGIT", gtin, expected },
      `GTIN ${gtin}: check digit ${gtin.slice(-1)} should be ${expected}`,
    );
  }
  return gtin.padStart(14, "0");
}
