import { TraceError, type Udi, formatUdi, gs1KeyFormOf, parseDigitalLinkUri, parseGs1Key, parseSgtinUri, parseUdi, toGtin14, udiKey } from "@kexin/core";
import { TraceModuleError, invalidEvent } from "./errors.ts";
import { traceModuleLimits } from "./limits.ts";
import { isCalendarDate } from "./time.ts";

/** What an EPC or a scanned code identifies, and the key its state lives under. */
export interface ObjectIdentity {
  /**
   * For GS1 trade items: `udiKey` of the GTIN with its serial (a serialised unit, whatever its lot)
   * or with its lot (a lot-controlled item without serial). For the other GS1 keys (SSCC, GRAI,
   * SGLN, …) their element string `(00)…`, which the EPC URI and the Digital Link of one key both
   * map to. Otherwise the EPC URI itself.
   */
  readonly key: string;
  readonly kind: "unit" | "object";
  readonly epc: string;
  readonly gtin?: string;
  readonly lot?: string;
  readonly serial?: string;
  readonly expiryDate?: string;
}

const sgtinScheme = "urn:epc:id:sgtin:";
const classScheme = "urn:epc:class:";
const webPattern = /^https?:\/\//i;

function identityOfUdi(udi: Udi, epc: string): ObjectIdentity | undefined {
  const attributes = { ...(udi.lot === undefined ? {} : { lot: udi.lot }), ...(udi.expiryDate === undefined ? {} : { expiryDate: udi.expiryDate }) };
  // A serialised unit keeps one identity whichever lot a label adds; the lot is an attribute checked against the record.
  if (udi.serial !== undefined) return { key: udiKey({ gtin: udi.gtin, serial: udi.serial }), kind: "unit", epc, gtin: udi.gtin, serial: udi.serial, ...attributes };
  if (udi.lot !== undefined) return { key: udiKey({ gtin: udi.gtin, lot: udi.lot }), kind: "unit", epc, gtin: udi.gtin, ...attributes };
  return undefined;
}

/** Maps an EPC from an EPCIS event (SGTIN URI, GS1 Digital Link URI, an EPC URI or Digital Link of another GS1 key, or any other URI) to its identity. */
export function identifyEpc(epc: string, field: string): ObjectIdentity {
  if (epc.length > traceModuleLimits.identifierLengthMax) throw invalidEvent(field, `identifier is longer than ${traceModuleLimits.identifierLengthMax} characters`);
  try {
    if (epc.startsWith(sgtinScheme)) {
      const sgtin = parseSgtinUri(epc);
      return { key: udiKey({ gtin: sgtin.gtin, serial: sgtin.serial }), kind: "unit", epc, gtin: sgtin.gtin, serial: sgtin.serial };
    }
    if (gs1KeyFormOf(epc) !== undefined) return { key: parseGs1Key(epc).elementString, kind: "object", epc };
    if (webPattern.test(epc)) {
      const identity = identityOfUdi(parseDigitalLinkUri(epc), epc);
      if (identity === undefined) throw invalidEvent(field, `${epc} names a device model (GTIN only); an event lists units with a serial (21) or a lot (10)`);
      return identity;
    }
  } catch (error) {
    if (error instanceof TraceError) throw invalidEvent(field, error.message);
    throw error;
  }
  if (epc.startsWith(classScheme)) throw invalidEvent(field, `${epc} is a class of objects; classes belong in a quantity list, not an EPC list`);
  return { key: epc, kind: "object", epc };
}

function invalidCode(field: string, reason: string): TraceModuleError {
  return new TraceModuleError({ code: "TRACE_INVALID_UDI", field, reason }, reason.startsWith(`${field}: `) ? reason : `${field}: ${reason}`);
}

/**
 * A scanned or typed code for a public lookup: any UDI form parseUdi reads, an EPC URI, or another
 * GS1 key as a Digital Link or element string (`(00)…`, the form lookups answer with).
 */
export function identifyScannedCode(input: string, field: string): { identity: ObjectIdentity; scanned?: Udi } {
  const text = input.trim();
  if (text.startsWith("urn:") || gs1KeyFormOf(text) !== undefined) {
    try {
      return { identity: identifyEpc(text, field) };
    } catch (error) {
      if (error instanceof TraceModuleError) throw invalidCode(field, error.message);
      throw error;
    }
  }
  let udi: Udi;
  try {
    udi = parseUdi(text);
  } catch (error) {
    if (error instanceof TraceError) throw invalidCode(field, error.message);
    throw error;
  }
  const identity = identityOfUdi(udi, text);
  if (identity === undefined) throw invalidCode(field, `${formatUdi(udi)} identifies a device model, not a unit: it has no serial (21) or lot (10)`);
  return { identity, scanned: udi };
}

/** The GTIN-14 of a GTIN-8/12/13/14 with a valid check digit. */
export function normaliseGtin(value: string, field: string): string {
  try {
    return toGtin14(value);
  } catch (error) {
    if (error instanceof TraceError) throw invalidCode(field, error.message);
    throw error;
  }
}

/** Checks a lot number against GS1 AI (10): at most 20 characters of set 82. */
export function checkLot(gtin: string, lot: string, field: string): void {
  try {
    udiKey({ gtin, lot });
  } catch (error) {
    if (error instanceof TraceError) throw invalidCode(field, error.message);
    throw error;
  }
}

export function checkDate(value: string, field: string): void {
  if (!isCalendarDate(value)) {
    throw invalidCode(field, `must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value.slice(0, 40))}`);
  }
}

/** How a unit is named in messages and views: the human-readable UDI, or the EPC. */
export function unitLabel(unit: { readonly kind: "unit" | "object"; readonly epc: string; readonly gtin?: string; readonly lot?: string; readonly serial?: string }): string {
  if (unit.kind === "object" || unit.gtin === undefined) return unit.epc;
  return formatUdi({ gtin: unit.gtin, ...(unit.lot === undefined ? {} : { lot: unit.lot }), ...(unit.serial === undefined ? {} : { serial: unit.serial }) });
}
