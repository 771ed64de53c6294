import { daysInMonth, parseIsoDate, twoDigits } from "./calendar.ts";
import { TraceError } from "./errors.ts";
import { gtinCheckDigit } from "./gtin.ts";
import { traceLimits } from "./limits.ts";

/** The UDI carried by a GS1 element string: device identifier (GTIN) and production identifiers. */
export interface Udi {
  /** GTIN-14, check digit verified. */
  gtin: string;
  /** ISO 8601 calendar date `YYYY-MM-DD`. */
  productionDate?: string;
  /** ISO 8601 calendar date `YYYY-MM-DD`. */
  expiryDate?: string;
  lot?: string;
  serial?: string;
}

export interface ParseUdiOptions {
  /** The year two-digit GS1 dates are resolved against (GS1 General Specifications §7.12). */
  referenceYear?: number;
}

/** Defaults are fixed rather than read from the clock, so a parse gives the same answer everywhere. */
export const defaultParseUdiOptions = { referenceYear: 2026 } as const;

export type SupportedApplicationIdentifier = "01" | "11" | "17" | "10" | "21";

interface ElementDefinition {
  label: string;
  /** Set for the predefined-length AIs; the others end at a GS separator or the end of the data. */
  fixedLength?: number;
}

const elementDefinitions: Record<SupportedApplicationIdentifier, ElementDefinition> = {
  "01": { label: "GTIN", fixedLength: 14 },
  "11": { label: "production date", fixedLength: 6 },
  "17": { label: "expiry", fixedLength: 6 },
  "10": { label: "lot" },
  "21": { label: "serial" },
};

export interface RawElement {
  applicationIdentifier: string;
  value: string;
}

/** GS1 AI encodable character set 82 (GS1 General Specifications §7.11, Figure 7.11-1). */
const characterSet82 = new Set(`!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`);

export function isSupportedApplicationIdentifier(applicationIdentifier: string): applicationIdentifier is SupportedApplicationIdentifier {
  return Object.hasOwn(elementDefinitions, applicationIdentifier);
}

export function fixedLengthOf(applicationIdentifier: SupportedApplicationIdentifier): number | undefined {
  return elementDefinitions[applicationIdentifier].fixedLength;
}

export function malformed(reason: string): TraceError {
  return new TraceError({ code: "UDI_MALFORMED", reason }, reason);
}

export function unknownApplicationIdentifier(applicationIdentifier: string): TraceError {
  return new TraceError(
    { code: "UDI_UNKNOWN_AI", applicationIdentifier },
    `unknown or unsupported application identifier (${applicationIdentifier}); a UDI here may carry only (01), (11), (17), (10) and (21)`,
  );
}

export function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  if (codePoint > 0x20 && codePoint < 0x7f) return `'${character}'`;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

function quoted(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function badCharacter(applicationIdentifier: string, label: string, value: string, index: number, rule: string): TraceError {
  const character = String.fromCodePoint(value.codePointAt(index) ?? 0);
  return new TraceError(
    { code: "UDI_BAD_CHARACTER", applicationIdentifier, character, position: index + 1 },
    `(${applicationIdentifier}) ${label} ${quoted(value)}: character ${describeCharacter(character)} at position ${index + 1} ${rule}`,
  );
}

/** Checks length and characters of one element value; dates and the check digit are checked later. */
export function checkElementValue(applicationIdentifier: SupportedApplicationIdentifier, value: string): void {
  const { label, fixedLength } = elementDefinitions[applicationIdentifier];
  if (value.length === 0) throw malformed(`(${applicationIdentifier}) ${label} is empty`);
  if (fixedLength !== undefined) {
    for (let index = 0; index < value.length; index++) {
      const unit = value.charCodeAt(index);
      if (unit < 48 || unit > 57) throw badCharacter(applicationIdentifier, label, value, index, "is not a digit");
    }
    if (value.length > fixedLength) {
      throw new TraceError(
        { code: "UDI_FIELD_TOO_LONG", applicationIdentifier, length: value.length, lengthMax: fixedLength },
        `(${applicationIdentifier}) ${label} ${quoted(value)} has ${value.length} digits; (${applicationIdentifier}) takes exactly ${fixedLength}`,
      );
    }
    if (value.length < fixedLength) {
      throw malformed(`(${applicationIdentifier}) ${label} ${quoted(value)} has ${value.length} digits; (${applicationIdentifier}) takes exactly ${fixedLength}`);
    }
    return;
  }
  const lengthMax = traceLimits.udiVariableFieldLengthMax;
  if (value.length > lengthMax) {
    throw new TraceError(
      { code: "UDI_FIELD_TOO_LONG", applicationIdentifier, length: value.length, lengthMax },
      `(${applicationIdentifier}) ${label} ${quoted(value)} is ${value.length} characters; (${applicationIdentifier}) allows at most ${lengthMax}`,
    );
  }
  for (let index = 0; index < value.length; index++) {
    if (!characterSet82.has(value[index] as string)) {
      throw badCharacter(applicationIdentifier, label, value, index, "is not in GS1 AI encodable character set 82");
    }
  }
}

/**
 * GS1 General Specifications §7.12: a two-digit year lies within 49 years before and 50 years
 * after the reference year.
 */
export function gs1CenturyYear(twoDigitYear: number, referenceYear: number): number {
  const referenceCentury = Math.floor(referenceYear / 100) * 100;
  const difference = twoDigitYear - (referenceYear % 100);
  if (difference >= 51) return referenceCentury - 100 + twoDigitYear;
  if (difference <= -50) return referenceCentury + 100 + twoDigitYear;
  return referenceCentury + twoDigitYear;
}

/** The bounds keep every resolved year at four digits, as ISO dates need. */
export function checkReferenceYear(referenceYear: number): number {
  if (!Number.isInteger(referenceYear) || referenceYear < 1049 || referenceYear > 9949) {
    throw malformed(`referenceYear must be an integer from 1049 to 9949, got ${referenceYear}`);
  }
  return referenceYear;
}

function badDate(applicationIdentifier: string, value: string, reason: string): TraceError {
  const { label } = elementDefinitions[applicationIdentifier as SupportedApplicationIdentifier];
  return new TraceError(
    { code: "UDI_BAD_DATE", applicationIdentifier, value, reason },
    `(${applicationIdentifier}) ${label} ${value}: ${reason}`,
  );
}

/**
 * YYMMDD to `YYYY-MM-DD`. GS1 allows DD = 00 when only the month is known: an expiry then means
 * the last day of that month, and a production date is taken as the first day.
 */
export function decodeGs1Date(applicationIdentifier: "11" | "17", value: string, referenceYear: number): string {
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (month < 1 || month > 12) throw badDate(applicationIdentifier, value, `month ${value.slice(2, 4)} is not 01–12`);
  const year = gs1CenturyYear(Number(value.slice(0, 2)), referenceYear);
  const lastDay = daysInMonth(year, month);
  if (day > lastDay) {
    throw badDate(applicationIdentifier, value, `day ${value.slice(4, 6)} does not exist in ${year}-${twoDigits(month)}, which has ${lastDay} days`);
  }
  const resolvedDay = day !== 0 ? day : applicationIdentifier === "17" ? lastDay : 1;
  return `${year}-${twoDigits(month)}-${twoDigits(resolvedDay)}`;
}

export function encodeGs1Date(applicationIdentifier: "11" | "17", isoDate: string): string {
  const date = parseIsoDate(isoDate);
  if (date === undefined) throw badDate(applicationIdentifier, isoDate, "not a valid calendar date YYYY-MM-DD");
  return `${twoDigits(date.year % 100)}${twoDigits(date.month)}${twoDigits(date.day)}`;
}

function checkGtin14(gtin: string): void {
  const expected = gtinCheckDigit(gtin.slice(0, -1));
  if (expected !== Number(gtin.slice(-1))) {
    throw new TraceError(
      { code: "UDI_BAD_CHECK_DIGIT", gtin, expected },
      `(01) GTIN ${gtin}: check digit ${gtin.slice(-1)} should be ${expected}`,
    );
  }
}

/** Turns split element strings into a UDI, enforcing every rule that does not depend on the syntax. */
export function buildUdi(elements: readonly RawElement[], referenceYear: number): Udi {
  const values = new Map<SupportedApplicationIdentifier, string>();
  for (const { applicationIdentifier, value } of elements) {
    if (!isSupportedApplicationIdentifier(applicationIdentifier)) throw unknownApplicationIdentifier(applicationIdentifier);
    if (values.has(applicationIdentifier)) {
      throw new TraceError(
        { code: "UDI_DUPLICATE_AI", applicationIdentifier },
        `application identifier (${applicationIdentifier}) appears more than once`,
      );
    }
    checkElementValue(applicationIdentifier, value);
    values.set(applicationIdentifier, value);
  }
  const gtin = values.get("01");
  if (gtin === undefined) {
    const found = [...values.keys()].map((applicationIdentifier) => `(${applicationIdentifier})`).join(", ");
    throw new TraceError({ code: "UDI_MISSING_GTIN" }, `a UDI needs (01) GTIN; found ${found === "" ? "nothing" : found}`);
  }
  checkGtin14(gtin);
  const udi: Udi = { gtin };
  const productionDate = values.get("11");
  if (productionDate !== undefined) udi.productionDate = decodeGs1Date("11", productionDate, referenceYear);
  const expiryDate = values.get("17");
  if (expiryDate !== undefined) udi.expiryDate = decodeGs1Date("17", expiryDate, referenceYear);
  const lot = values.get("10");
  if (lot !== undefined) udi.lot = lot;
  const serial = values.get("21");
  if (serial !== undefined) udi.serial = serial;
  return udi;
}

export interface UdiElement {
  applicationIdentifier: SupportedApplicationIdentifier;
  value: string;
}

/** Checks a UDI built by a caller before it is written out, and returns its element values in canonical order. */
export function udiElements(udi: Udi): UdiElement[] {
  if (typeof udi !== "object" || udi === null || typeof udi.gtin !== "string") throw malformed("a UDI needs a gtin string");
  checkElementValue("01", udi.gtin);
  checkGtin14(udi.gtin);
  const elements: UdiElement[] = [{ applicationIdentifier: "01", value: udi.gtin }];
  if (udi.productionDate !== undefined) elements.push({ applicationIdentifier: "11", value: encodeGs1Date("11", udi.productionDate) });
  if (udi.expiryDate !== undefined) elements.push({ applicationIdentifier: "17", value: encodeGs1Date("17", udi.expiryDate) });
  for (const [applicationIdentifier, value] of [["10", udi.lot], ["21", udi.serial]] as const) {
    if (value === undefined) continue;
    if (typeof value !== "string") throw malformed(`(${applicationIdentifier}) must be a string`);
    checkElementValue(applicationIdentifier, value);
    elements.push({ applicationIdentifier, value });
  }
  return elements;
}
