import assert from "node:assert/strict";
import { test } from "node:test";
import { formatUdi, formatUdiElementString, gs1CenturyYear, groupSeparator, parseUdi, udiKey } from "../../src/trace/index.ts";
import type { Udi } from "../../src/trace/index.ts";
import { expectTraceError } from "./helpers.ts";

/*
 * Element strings follow the GS1 General Specifications: AIs (01), (11), (17) are predefined
 * length (§7.8.5), (10) and (21) are variable length up to 20 characters of set 82 (§3.2, §7.11)
 * and end with FNC1, transmitted by scanners as GS (ASCII 29). Unless marked "GS1 example",
 * values are constructed under those rules around the GS1 demonstration GTIN 09506000134352.
 */

const gtin = "09506000134352";
const expected: Udi = { gtin, expiryDate: "2020-12-25", lot: "ABC123", serial: "XYZ" };

test("default: human-readable element string", () => {
  assert.deepEqual(parseUdi("(01)09506000134352(17)201225(10)ABC123(21)XYZ"), expected, "parsed UDI");
});

test("default: scanner form with symbology identifier ]d2 and a GS after the lot", () => {
  // The transmitted data of a GS1 DataMatrix: ]d2, then the element string with FNC1 sent as GS.
  const scanned = `]d2${"01" + gtin}17201225${"10ABC123"}${groupSeparator}21XYZ`;
  assert.deepEqual(parseUdi(scanned), expected, "parsed UDI");
});

test("behavior: every GS1 symbology identifier is stripped", () => {
  for (const identifier of ["]C1", "]e0", "]d2", "]Q3", "]J1"]) {
    assert.deepEqual(parseUdi(`${identifier}01${gtin}10ABC123${groupSeparator}21XYZ`), { gtin, lot: "ABC123", serial: "XYZ" }, identifier);
  }
});

test("behavior: scanner form without symbology identifier, with a leading FNC1 and a GS after a fixed-length field", () => {
  const scanned = `${groupSeparator}01${gtin}${groupSeparator}17201225${"10ABC123"}`;
  assert.deepEqual(parseUdi(scanned), { gtin, expiryDate: "2020-12-25", lot: "ABC123" }, "parsed UDI");
});

test("behavior: a keyboard-wedge scanner's trailing newline and HRI spaces between elements are tolerated", () => {
  assert.deepEqual(parseUdi(`]d201${gtin}21XYZ\r\n`), { gtin, serial: "XYZ" }, "trailing CR LF");
  assert.deepEqual(parseUdi("(01)09506000134352 (17)201225 (10)ABC123 (21)XYZ"), expected, "spaced HRI");
});

test("behavior: AIs in any order parse to the same UDI and format in canonical order", () => {
  const udi = parseUdi("(21)XYZ(10)ABC123(17)201225(01)09506000134352");
  assert.deepEqual(udi, expected, "parsed UDI");
  assert.equal(formatUdi(udi), "(01)09506000134352(17)201225(10)ABC123(21)XYZ", "canonical order 01, 11, 17, 10, 21");
});

test("behavior: production date (11) and expiry (17) both become ISO dates", () => {
  const udi = parseUdi("(01)09506000134352(11)240229(17)290131(10)L1");
  assert.deepEqual(udi, { gtin, productionDate: "2024-02-29", expiryDate: "2029-01-31", lot: "L1" }, "parsed UDI");
  assert.equal(formatUdi(udi), "(01)09506000134352(11)240229(17)290131(10)L1", "formatted");
});

test("behavior: expiry day 00 means the last day of the month (GS1 General Specifications §3.4.7)", () => {
  assert.equal(parseUdi("(01)09506000134352(17)250200").expiryDate, "2025-02-28", "February 2025");
  assert.equal(parseUdi("(01)09506000134352(17)240200").expiryDate, "2024-02-29", "February of a leap year");
  assert.equal(parseUdi("(01)09506000134352(17)251100").expiryDate, "2025-11-30", "November");
  assert.equal(parseUdi("(01)09506000134352(11)251100").productionDate, "2025-11-01", "a production date without day is read as the first");
});

test("behavior: century of two-digit years follows GS1 General Specifications §7.12 against referenceYear", () => {
  // §7.12: with the year's last two digits compared to the reference year's, a difference of
  // 51..99 means the previous century and -99..-50 the next; the window is reference -49..+50.
  assert.equal(parseUdi("(01)09506000134352(17)760101").expiryDate, "2076-01-01", "+50 years stays in this century");
  assert.equal(parseUdi("(01)09506000134352(17)770101").expiryDate, "1977-01-01", "+51 goes to the previous century");
  assert.equal(parseUdi("(01)09506000134352(17)100101", { referenceYear: 2060 }).expiryDate, "2110-01-01", "-50 goes to the next century");
  assert.equal(parseUdi("(01)09506000134352(17)110101", { referenceYear: 2060 }).expiryDate, "2011-01-01", "-49 stays");
  assert.equal(gs1CenturyYear(99, 2049), 2099, "2049 + 50");
  assert.equal(gs1CenturyYear(0, 2049), 2000, "2049 - 49");
  assert.equal(gs1CenturyYear(0, 1999), 2000, "1999 + 1");
});

test("behavior: a lot containing '(' survives formatUdi and parseUdi", () => {
  const udi: Udi = { gtin, lot: "A(10)B", serial: "S(1)" };
  const text = formatUdi(udi);
  assert.equal(text, "(01)09506000134352(10)A\\(10)B(21)S\\(1)", "escaped form");
  assert.deepEqual(parseUdi(text), udi, "round trip");
});

test("behavior: formatUdiElementString puts GS only after variable-length fields that are followed by another", () => {
  assert.equal(formatUdiElementString(expected), `01${gtin}17201225${"10ABC123"}${groupSeparator}21XYZ`, "element string");
  assert.equal(formatUdiElementString({ gtin, lot: "ABC123" }), `01${gtin}10ABC123`, "no trailing GS");
});

test("behavior: parse, format and element string round-trip", () => {
  const udis: Udi[] = [
    { gtin },
    { gtin, serial: "12345678901234567890" },
    { gtin, lot: `!"%&'()*+,-./:;<=>?_z`.slice(0, 20), expiryDate: "2031-07-31" },
    { gtin: "00036000291452", productionDate: "1990-01-01", expiryDate: "2075-12-31", lot: "a", serial: "b" },
  ];
  for (const udi of udis) {
    assert.deepEqual(parseUdi(formatUdi(udi)), udi, `HRI ${formatUdi(udi)}`);
    assert.deepEqual(parseUdi(`]d2${formatUdiElementString(udi)}`), udi, `scanned ${JSON.stringify(udi)}`);
  }
});

test("behavior: udiKey joins gtin, lot and serial with '|', which set 82 cannot contain", () => {
  assert.equal(udiKey(expected), "09506000134352|ABC123|XYZ", "all parts");
  assert.equal(udiKey({ gtin, serial: "XYZ" }), "09506000134352||XYZ", "no lot");
  assert.equal(udiKey({ gtin, lot: "ABC123", expiryDate: "2020-12-25" }), "09506000134352|ABC123|", "dates are not identity");
  assert.notEqual(udiKey({ gtin, lot: "A", serial: "B" }), udiKey({ gtin, lot: "AB" }), "no ambiguity between lot and serial");
});

test("error: UDI_BAD_CHECK_DIGIT names the GTIN and the right check digit", () => {
  expectTraceError(() => parseUdi("(01)09506000134353(10)A"), "UDI_BAD_CHECK_DIGIT", "(01) GTIN 09506000134353", "should be 2");
  expectTraceError(() => formatUdi({ gtin: "09506000134353" }), "UDI_BAD_CHECK_DIGIT", "should be 2");
});

test("error: UDI_BAD_DATE for impossible months and days", () => {
  const error = expectTraceError(() => parseUdi("(01)09506000134352(17)251301"), "UDI_BAD_DATE");
  assert.equal(error.message, "(17) expiry 251301: month 13 is not 01–12", "message names the field");
  expectTraceError(() => parseUdi("(01)09506000134352(17)250230"), "UDI_BAD_DATE", "(17) expiry 250230", "day 30", "2025-02");
  expectTraceError(() => parseUdi("(01)09506000134352(11)230229"), "UDI_BAD_DATE", "(11) production date 230229", "28 days");
  expectTraceError(() => parseUdi("(01)09506000134352(11)250001"), "UDI_BAD_DATE", "month 00");
  expectTraceError(() => formatUdi({ gtin, expiryDate: "2025-02-30" }), "UDI_BAD_DATE", "(17)");
});

test("error: UDI_UNKNOWN_AI names the AI in every form", () => {
  expectTraceError(() => parseUdi("(01)09506000134352(240)ABC"), "UDI_UNKNOWN_AI", "(240)");
  expectTraceError(() => parseUdi(`01${gtin}240ABC`), "UDI_UNKNOWN_AI", "(240)");
  expectTraceError(() => parseUdi(`01${gtin}70032512312359`), "UDI_UNKNOWN_AI", "(7003)");
  expectTraceError(() => parseUdi(`01${gtin}3103000500`), "UDI_UNKNOWN_AI", "(3103)");
  expectTraceError(() => parseUdi("(01)09506000134352(99)X"), "UDI_UNKNOWN_AI", "(99)");
});

test("error: UDI_MISSING_GTIN when (01) is absent", () => {
  expectTraceError(() => parseUdi("(10)ABC123(21)XYZ"), "UDI_MISSING_GTIN", "(01)", "(10), (21)");
});

test("error: UDI_BAD_CHARACTER names the character and its position", () => {
  const error = expectTraceError(() => parseUdi("(01)09506000134352(10)AB~C"), "UDI_BAD_CHARACTER", "(10) lot", "'~'", "position 3", "set 82");
  assert.deepEqual(error.type, { code: "UDI_BAD_CHARACTER", applicationIdentifier: "10", character: "~", position: 3 }, "payload");
  expectTraceError(() => parseUdi(`01${gtin}21X Y`), "UDI_BAD_CHARACTER", "(21) serial", "U+0020");
  expectTraceError(() => parseUdi("(01)0950600013435A"), "UDI_BAD_CHARACTER", "(01) GTIN", "'A'", "not a digit");
  expectTraceError(() => parseUdi(`01${gtin}10A${groupSeparator}${groupSeparator}21B\\C`), "UDI_BAD_CHARACTER", "'\\'");
});

test("error: UDI_FIELD_TOO_LONG for a lot over 20 characters and an overlong fixed field", () => {
  expectTraceError(() => parseUdi(`(01)${gtin}(10)${"L".repeat(21)}`), "UDI_FIELD_TOO_LONG", "(10) lot", "21 characters", "at most 20");
  expectTraceError(() => parseUdi(`01${gtin}21${"9".repeat(21)}`), "UDI_FIELD_TOO_LONG", "(21) serial");
  expectTraceError(() => parseUdi("(01)095060001343520"), "UDI_FIELD_TOO_LONG", "(01) GTIN", "exactly 14");
});

test("error: UDI_DUPLICATE_AI", () => {
  expectTraceError(() => parseUdi(`(01)${gtin}(10)A(10)B`), "UDI_DUPLICATE_AI", "(10)");
  expectTraceError(() => parseUdi(`01${gtin}01${gtin}`), "UDI_DUPLICATE_AI", "(01)");
});

test("error: UDI_MALFORMED for empty, truncated, non-GS1 and unbounded input", () => {
  expectTraceError(() => parseUdi(""), "UDI_MALFORMED", "empty");
  expectTraceError(() => parseUdi(`]d101${gtin}`), "UDI_MALFORMED", "]d1", "GS1");
  expectTraceError(() => parseUdi("(01)0950600013435"), "UDI_MALFORMED", "(01) GTIN", "13 digits");
  expectTraceError(() => parseUdi("01095060001343"), "UDI_MALFORMED", "exactly 14");
  expectTraceError(() => parseUdi("(1)X"), "UDI_MALFORMED", "position 1");
  expectTraceError(() => parseUdi("ABC"), "UDI_MALFORMED", "application identifier");
  expectTraceError(() => parseUdi(`(01)${gtin}(10)`), "UDI_MALFORMED", "(10) lot is empty");
  expectTraceError(() => parseUdi(`(01)${gtin}`.padEnd(600, "X")), "UDI_MALFORMED", "at most 512");
  expectTraceError(() => parseUdi(`(01)${gtin}`, { referenceYear: 2026.5 }), "UDI_MALFORMED", "referenceYear");
});
