import { TraceError } from "./errors.ts";
import { checkElementValue } from "./gs1-elements.ts";
import { gtinCheckDigit, toGtin14 } from "./gtin.ts";
import { traceLimits } from "./limits.ts";

/** An SGTIN pure identity: one serialised trade item. */
export interface SgtinIdentity {
  gtin: string;
  serial: string;
  companyPrefixLength: number;
}

/** An LGTIN class: all items of one GTIN and lot. */
export interface LgtinClass {
  gtin: string;
  lot: string;
  companyPrefixLength: number;
}

/** EPC Tag Data Standard: these characters of set 82 are written %-escaped inside an EPC URI. */
const escapedCharacters = new Set(['"', "%", "&", "/", "<", ">", "?"]);

export function epcMalformed(uri: string, reason: string): TraceError {
  return new TraceError({ code: "EPC_MALFORMED", uri, reason }, `EPC URI ${JSON.stringify(uri.slice(0, 80))}: ${reason}`);
}

function isCompanyPrefixLength(companyPrefixLength: number): boolean {
  return Number.isInteger(companyPrefixLength) && companyPrefixLength >= 6 && companyPrefixLength <= 12;
}

function escapeComponent(value: string): string {
  let escaped = "";
  for (const character of value) {
    escaped += escapedCharacters.has(character) ? `%${character.charCodeAt(0).toString(16).toUpperCase()}` : character;
  }
  return escaped;
}

/** Reverses the %-escapes of an EPC URI component, refusing a reserved character left bare. */
export function unescapeComponent(text: string, uri: string): string {
  let value = "";
  for (let index = 0; index < text.length; index++) {
    const character = text[index] as string;
    if (character !== "%") {
      if (escapedCharacters.has(character)) throw epcMalformed(uri, `character '${character}' must be %-escaped`);
      value += character;
      continue;
    }
    const hex = text.slice(index + 1, index + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw epcMalformed(uri, `'%${hex}' is not a valid escape`);
    value += String.fromCharCode(parseInt(hex, 16));
    index += 2;
  }
  return value;
}

/** The company prefix and the indicator digit followed by the item reference, as EPC URIs write a GTIN. */
function splitGtin(gtin: string, companyPrefixLength: number): string {
  const gtin14 = toGtin14(gtin);
  if (!isCompanyPrefixLength(companyPrefixLength)) {
    const reason = `GS1 Company Prefix length must be an integer from 6 to 12, got ${companyPrefixLength}`;
    throw new TraceError({ code: "UDI_MALFORMED", reason }, reason);
  }
  return `${gtin14.slice(1, 1 + companyPrefixLength)}.${gtin14[0]}${gtin14.slice(1 + companyPrefixLength, 13)}`;
}

function joinGtin(uri: string, companyPrefix: string, indicatorAndItemReference: string): string {
  if (!isCompanyPrefixLength(companyPrefix.length)) throw epcMalformed(uri, `company prefix '${companyPrefix}' must have 6 to 12 digits`);
  if (companyPrefix.length + indicatorAndItemReference.length !== 13) {
    throw epcMalformed(uri, `company prefix and item reference must have 13 digits together, got ${companyPrefix.length + indicatorAndItemReference.length}`);
  }
  const withoutCheck = `${indicatorAndItemReference[0]}${companyPrefix}${indicatorAndItemReference.slice(1)}`;
  return `${withoutCheck}${gtinCheckDigit(withoutCheck)}`;
}

function parseGtinUri(uri: string, scheme: string): { gtin: string; companyPrefixLength: number; rest: string } {
  if (typeof uri !== "string" || uri.length > traceLimits.udiInputLengthMax) throw epcMalformed(String(uri), "not a string of bounded length");
  if (!uri.startsWith(scheme)) throw epcMalformed(uri, `does not start with ${scheme}`);
  const match = /^([0-9]+)\.([0-9]+)\.(.+)$/.exec(uri.slice(scheme.length));
  if (match === null) throw epcMalformed(uri, `expected ${scheme}CompanyPrefix.IndicatorItemReference.Value`);
  const companyPrefix = match[1] as string;
  return { gtin: joinGtin(uri, companyPrefix, match[2] as string), companyPrefixLength: companyPrefix.length, rest: match[3] as string };
}

const sgtinScheme = "urn:epc:id:sgtin:";
const lgtinScheme = "urn:epc:class:lgtin:";

/** `urn:epc:id:sgtin:CompanyPrefix.IndicatorItemReference.Serial` (EPC Tag Data Standard, SGTIN). */
export function formatSgtinUri(gtin: string, serial: string, companyPrefixLength: number): string {
  checkElementValue("21", serial);
  return `${sgtinScheme}${splitGtin(gtin, companyPrefixLength)}.${escapeComponent(serial)}`;
}

export function parseSgtinUri(uri: string): SgtinIdentity {
  const { gtin, companyPrefixLength, rest } = parseGtinUri(uri, sgtinScheme);
  const serial = unescapeComponent(rest, uri);
  checkElementValue("21", serial);
  return { gtin, serial, companyPrefixLength };
}

/** `urn:epc:class:lgtin:CompanyPrefix.IndicatorItemReference.Lot` (EPC Tag Data Standard, LGTIN). */
export function formatLgtinUri(gtin: string, lot: string, companyPrefixLength: number): string {
  checkElementValue("10", lot);
  return `${lgtinScheme}${splitGtin(gtin, companyPrefixLength)}.${escapeComponent(lot)}`;
}

export function parseLgtinUri(uri: string): LgtinClass {
  const { gtin, companyPrefixLength, rest } = parseGtinUri(uri, lgtinScheme);
  const lot = unescapeComponent(rest, uri);
  checkElementValue("10", lot);
  return { gtin, lot, companyPrefixLength };
}
