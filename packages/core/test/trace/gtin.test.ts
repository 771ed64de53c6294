import assert from "node:assert/strict";
import { test } from "node:test";
import { gtinCheckDigit, isValidGtin, toGtin14 } from "../../src/trace/index.ts";
import { expectTraceError } from "./helpers.ts";

/*
 * Examples and where they come from. "GS1 example" marks numbers printed in the named GS1
 * document; "constructed" marks numbers made for the test under the cited rule.
 */

// The GS1 General Specifications §7.9.1 check digit, written out independently: multiply the
// data digits by 3 and 1 alternately, starting with 3 at the right, and round the sum up to ten.
function referenceCheckDigit(digits: string): number {
  const weighted = [...digits].reverse().map((digit, index) => Number(digit) * (index % 2 === 0 ? 3 : 1));
  const sum = weighted.reduce((total, value) => total + value, 0);
  return Math.ceil(sum / 10) * 10 - sum;
}

test("vector: GTIN 09506000134352 has check digit 2", () => {
  // GS1 example: the demonstration GTIN of GS1 Global Office (prefix 950), used across the
  // GS1 Digital Link: URI Syntax and GS1 Barcode Syntax Resource examples.
  assert.equal(gtinCheckDigit("0950600013435"), 2, "check digit of 0950600013435");
  assert.equal(isValidGtin("09506000134352"), true, "09506000134352 is valid");
});

test("vector: GS1 General Specifications §7.9.1 worked example, GTIN-13 629104150021 → 3", () => {
  // GS1 example: the check digit calculation figure of §7.9.1 uses this GTIN-13.
  assert.equal(gtinCheckDigit("629104150021"), 3, "check digit of 629104150021");
  assert.equal(isValidGtin("6291041500213"), true, "6291041500213 is valid");
});

test("vector: EAN-13 4012345000009 with the GS1 Germany example prefix 4012345", () => {
  // Constructed under §7.9.1 from company prefix 4012345, the prefix of the EPCIS and CBV 2.0 examples.
  assert.equal(gtinCheckDigit("401234500000"), 9, "check digit of 401234500000");
  assert.equal(toGtin14("4012345000009"), "04012345000009", "GTIN-13 right-justified to 14 digits");
});

test("vector: GTIN-12 (UPC-A) and GTIN-8 are normalised to GTIN-14", () => {
  // Constructed under §7.9.1 and the GTIN-14 field rule of GS1 General Specifications §3.3.2
  // (shorter GTINs are right-justified with leading zeros).
  assert.equal(toGtin14("036000291452"), "00036000291452", "GTIN-12");
  assert.equal(toGtin14("96385074"), "00000096385074", "GTIN-8");
  assert.equal(toGtin14("09506000134352"), "09506000134352", "GTIN-14 unchanged");
});

test("vector: EPC Tag Data Standard SGTIN example GTIN 80614141123458", () => {
  // GS1 example: EPC Tag Data Standard §6.3.1 pairs urn:epc:id:sgtin:0614141.812345.6789 with (01) 80614141123458.
  assert.equal(gtinCheckDigit("8061414112345"), 8, "check digit of 8061414112345");
});

test("behavior: check digit equals the independent reference for many numbers of every GTIN length", () => {
  let state = 12345;
  const nextDigit = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % 10;
  };
  for (const length of [7, 11, 12, 13, 17]) {
    for (let round = 0; round < 200; round++) {
      const digits = Array.from({ length }, nextDigit).join("");
      assert.equal(gtinCheckDigit(digits), referenceCheckDigit(digits), `check digit of ${digits}`);
    }
  }
});

test("behavior: isValidGtin refuses wrong check digits, wrong lengths and non-digits", () => {
  assert.equal(isValidGtin("09506000134353"), false, "wrong check digit");
  assert.equal(isValidGtin("9506000134352"), true, "a leading zero does not change the check digit, so the GTIN-13 form is valid too");
  assert.equal(isValidGtin("9506000134353"), false, "GTIN-13 with a wrong check digit");
  assert.equal(isValidGtin("123456789"), false, "9 digits is no GTIN length");
  assert.equal(isValidGtin("0950600013435A"), false, "letter");
  assert.equal(isValidGtin(""), false, "empty");
});

test("error: toGtin14 names the expected check digit", () => {
  const error = expectTraceError(() => toGtin14("09506000134353"), "UDI_BAD_CHECK_DIGIT", "09506000134353", "should be 2");
  assert.deepEqual(error.type, { code: "UDI_BAD_CHECK_DIGIT", gtin: "09506000134353", expected: 2 }, "payload");
});

test("error: toGtin14 and gtinCheckDigit refuse malformed input", () => {
  expectTraceError(() => toGtin14("12345"), "UDI_MALFORMED", "8, 12, 13 or 14 digits");
  expectTraceError(() => gtinCheckDigit("12a4"), "UDI_MALFORMED", "1 to 17 digits");
  expectTraceError(() => gtinCheckDigit("123456789012345678"), "UDI_MALFORMED", "1 to 17 digits");
});
