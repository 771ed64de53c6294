import { epcMalformed, unescapeComponent } from "./epc-uri.ts";
import { TraceError } from "./errors.ts";
import { gtinCheckDigit } from "./gtin.ts";
import { traceLimits } from "./limits.ts";

/**
 * GS1 keys other than the GTIN, as EPCIS 2.0 names objects, places and parties with them: in
 * Digital Link form (`https://id.gs1.org/00/…`), as an EPC URI (`urn:epc:id:sscc:…`) or as an
 * element string (`(00)…`). GTIN-based identifiers are UDIs and read by the functions of gs1.ts.
 *
 * An EPC URI marks the end of the GS1 Company Prefix with a dot, a Digital Link does not, so the
 * two forms meet only in the element string; that string is the one identity of a key here.
 */
export type Gs1KeyType = "sscc" | "sgln" | "pgln" | "grai" | "giai" | "gsrn" | "gsrnp" | "gdti" | "sgcn" | "ginc" | "gsin";

export interface Gs1KeyElement {
  readonly applicationIdentifier: string;
  readonly value: string;
}

export interface Gs1Key {
  readonly type: Gs1KeyType;
  /** The key first, then its qualifier when it has one (only an SGLN's (254) extension). */
  readonly elements: readonly Gs1KeyElement[];
  /** `(00)106141412345678908`, `(414)0614141123452(254)400`: the same for every form of one key. */
  readonly elementString: string;
}

interface KeyDefinition {
  readonly type: Gs1KeyType;
  readonly applicationIdentifier: string;
  /** Leading digits protected by a mod-10 check digit (which is the last of them); 0 for none. */
  readonly checkedDigits: number;
  /** What may follow the checked digits, or the whole value when nothing is checked. */
  readonly rest?: { readonly label: string; readonly lengthMax: number; readonly digitsOnly: boolean };
  /** The Digital Link key qualifier this key may carry. */
  readonly qualifier?: { readonly applicationIdentifier: string; readonly label: string; readonly lengthMax: number };
  /**
   * EPC URI fields after the scheme, and how their digits make the checked part: `indicator` means
   * the first digit of the second field goes in front of the company prefix (SSCC);
   * `zero` puts a 0 in front (GRAI).
   */
  readonly epc: { readonly fields: 2 | 3; readonly arrangement: "plain" | "indicator" | "zero" };
}

const definitions: readonly KeyDefinition[] = [
  { type: "sscc", applicationIdentifier: "00", checkedDigits: 18, epc: { fields: 2, arrangement: "indicator" } },
  { type: "sgln", applicationIdentifier: "414", checkedDigits: 13, qualifier: { applicationIdentifier: "254", label: "GLN extension", lengthMax: 20 }, epc: { fields: 3, arrangement: "plain" } },
  { type: "pgln", applicationIdentifier: "417", checkedDigits: 13, epc: { fields: 2, arrangement: "plain" } },
  {
    type: "grai",
    applicationIdentifier: "8003",
    checkedDigits: 14,
    rest: { label: "serial", lengthMax: 16, digitsOnly: false },
    epc: { fields: 3, arrangement: "zero" },
  },
  { type: "giai", applicationIdentifier: "8004", checkedDigits: 0, rest: { label: "asset reference", lengthMax: 30, digitsOnly: false }, epc: { fields: 2, arrangement: "plain" } },
  { type: "gsrn", applicationIdentifier: "8018", checkedDigits: 18, epc: { fields: 2, arrangement: "plain" } },
  { type: "gsrnp", applicationIdentifier: "8017", checkedDigits: 18, epc: { fields: 2, arrangement: "plain" } },
  {
    type: "gdti",
    applicationIdentifier: "253",
    checkedDigits: 13,
    rest: { label: "serial", lengthMax: 17, digitsOnly: false },
    epc: { fields: 3, arrangement: "plain" },
  },
  { type: "sgcn", applicationIdentifier: "255", checkedDigits: 13, rest: { label: "serial", lengthMax: 12, digitsOnly: true }, epc: { fields: 3, arrangement: "plain" } },
  { type: "ginc", applicationIdentifier: "401", checkedDigits: 0, rest: { label: "consignment reference", lengthMax: 30, digitsOnly: false }, epc: { fields: 2, arrangement: "plain" } },
  { type: "gsin", applicationIdentifier: "402", checkedDigits: 17, epc: { fields: 2, arrangement: "plain" } },
];

const byApplicationIdentifier = new Map(definitions.map((definition) => [definition.applicationIdentifier, definition]));
const byEpcScheme = new Map(definitions.map((definition) => [`urn:epc:id:${definition.type}:`, definition]));

/** The application identifiers that start the path of a Digital Link: these keys, and (01) for GTINs. */
const digitalLinkPrimaryKeys: ReadonlySet<string> = new Set(["01", ...byApplicationIdentifier.keys()]);

/** GS1 AI encodable character set 82 (GS1 General Specifications §7.11). */
const characterSet82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
const digits = /^[0-9]*$/;

function keyMalformed(applicationIdentifier: string, reason: string): TraceError {
  return new TraceError({ code: "GS1_KEY_MALFORMED", applicationIdentifier, reason }, `(${applicationIdentifier}) ${reason}`);
}

function quoted(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function checkText(applicationIdentifier: string, label: string, value: string, lengthMax: number, digitsOnly: boolean): void {
  if (value.length > lengthMax) throw keyMalformed(applicationIdentifier, `${label} ${quoted(value)} has ${value.length} characters; at most ${lengthMax}`);
  if (!(digitsOnly ? digits : characterSet82).test(value)) {
    throw keyMalformed(applicationIdentifier, `${label} ${quoted(value)} must be ${digitsOnly ? "digits" : "characters of GS1 AI encodable set 82"}`);
  }
}

/** Checks one key value: length, characters, and the check digit where the key has one. */
function checkKeyValue(definition: KeyDefinition, value: string): void {
  const { applicationIdentifier, checkedDigits, rest } = definition;
  if (value.length === 0) throw keyMalformed(applicationIdentifier, `${definition.type.toUpperCase()} is empty`);
  const checked = value.slice(0, checkedDigits);
  if (checked.length < checkedDigits || !digits.test(checked)) {
    throw keyMalformed(applicationIdentifier, `${definition.type.toUpperCase()} ${quoted(value)} must start with ${checkedDigits} digits`);
  }
  if (checkedDigits > 0) {
    const expected = gtinCheckDigit(checked.slice(0, -1));
    if (expected !== Number(checked.slice(-1))) {
      throw new TraceError(
        { code: "GS1_KEY_BAD_CHECK_DIGIT", applicationIdentifier, value, expected },
        `(${applicationIdentifier}) ${definition.type.toUpperCase()} ${value}: check digit ${checked.slice(-1)} should be ${expected}`,
      );
    }
  }
  const remainder = value.slice(checkedDigits);
  if (rest === undefined) {
    if (remainder.length > 0) throw keyMalformed(applicationIdentifier, `${definition.type.toUpperCase()} ${quoted(value)} has ${value.length} digits; it takes exactly ${checkedDigits}`);
    return;
  }
  checkText(applicationIdentifier, rest.label, remainder, rest.lengthMax, rest.digitsOnly);
}

function buildKey(definition: KeyDefinition, value: string, qualifier: string | undefined): Gs1Key {
  checkKeyValue(definition, value);
  const elements: Gs1KeyElement[] = [{ applicationIdentifier: definition.applicationIdentifier, value }];
  if (qualifier !== undefined && definition.qualifier !== undefined) {
    const { applicationIdentifier, label, lengthMax } = definition.qualifier;
    if (qualifier.length === 0) throw keyMalformed(applicationIdentifier, `${label} is empty`);
    checkText(applicationIdentifier, label, qualifier, lengthMax, false);
    elements.push({ applicationIdentifier, value: qualifier });
  }
  return { type: definition.type, elements, elementString: formatGs1KeyElementString(elements) };
}

/** Element values keep a literal `(` escaped as `\(`, as the human-readable form of gs1.ts does. */
function formatGs1KeyElementString(elements: readonly Gs1KeyElement[]): string {
  return elements.map(({ applicationIdentifier, value }) => `(${applicationIdentifier})${value.replaceAll("(", "\\(")}`).join("");
}

/** The EPC URI schemes of the keys read here (`urn:epc:id:sscc:`, …); the SGTIN is a UDI. */
export function isGs1KeyEpcUri(text: string): boolean {
  return byEpcScheme.has(/^urn:epc:id:[a-z]+:/.exec(text)?.[0] ?? "");
}

/**
 * Reads `urn:epc:id:sscc:0614141.1234567890` and the other pure identities of the EPC Tag Data
 * Standard for the keys above. The company prefix is 6 to 12 digits; the check digit, which the
 * URI omits, is computed.
 */
export function parseGs1KeyEpcUri(uri: string): Gs1Key {
  if (typeof uri !== "string" || uri.length > traceLimits.udiInputLengthMax) throw epcMalformed(String(uri).slice(0, 80), "not a string of bounded length");
  const scheme = /^urn:epc:id:[a-z]+:/.exec(uri)?.[0] ?? "";
  const definition = byEpcScheme.get(scheme);
  if (definition === undefined) throw epcMalformed(uri, `not an EPC URI of a supported GS1 key (${[...byEpcScheme.keys()].join(", ")})`);
  const fields = uri.slice(scheme.length).split(".");
  const expected = definition.epc.fields;
  // The last field (a serial, a GIAI or GINC reference) may itself contain dots, which EPC URIs do not escape.
  const parts = [...fields.slice(0, expected - 1), fields.slice(expected - 1).join(".")];
  if (fields.length < expected) {
    throw epcMalformed(uri, `expected ${scheme}${expected === 2 ? "CompanyPrefix.Reference" : "CompanyPrefix.Reference.Serial"}`);
  }
  const companyPrefix = parts[0] as string;
  if (!/^[0-9]{6,12}$/.test(companyPrefix)) throw epcMalformed(uri, `company prefix '${companyPrefix.slice(0, 20)}' must have 6 to 12 digits`);
  const reference = definition.checkedDigits === 0 ? unescapeComponent(parts[1] as string, uri) : (parts[1] as string);
  const serial = expected === 3 ? unescapeComponent(parts[2] as string, uri) : undefined;
  if (definition.checkedDigits === 0) return buildKey(definition, `${companyPrefix}${reference}`, undefined);
  if (!digits.test(reference)) throw epcMalformed(uri, `reference '${reference.slice(0, 20)}' must be digits`);
  const { arrangement } = definition.epc;
  const payload =
    arrangement === "indicator" ? `${reference.slice(0, 1)}${companyPrefix}${reference.slice(1)}` : arrangement === "zero" ? `0${companyPrefix}${reference}` : `${companyPrefix}${reference}`;
  if (payload.length !== definition.checkedDigits - 1) {
    throw epcMalformed(uri, `company prefix and reference must have ${definition.checkedDigits - 1 - (arrangement === "zero" ? 1 : 0)} digits together, got ${companyPrefix.length + reference.length}`);
  }
  const checked = `${payload}${gtinCheckDigit(payload)}`;
  if (definition.type === "sgln") return buildKey(definition, checked, serial === "0" ? undefined : serial);
  return buildKey(definition, `${checked}${serial ?? ""}`, undefined);
}

function decodeSegment(segment: string, uri: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new TraceError({ code: "UDI_MALFORMED", reason: "bad percent-encoding" }, `Digital Link ${JSON.stringify(uri.slice(0, 80))}: segment ${JSON.stringify(segment.slice(0, 40))} is not valid percent-encoding`);
  }
}

function pathSegments(uri: string): string[] | undefined {
  if (uri.length > traceLimits.udiInputLengthMax || !/^https?:\/\//i.test(uri)) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const segments = url.pathname.split("/").slice(1);
  if (segments.at(-1) === "") segments.pop();
  return segments;
}

function qualifiersFit(segments: readonly string[], keyIndex: number): boolean {
  const rest = segments.length - keyIndex - 2;
  if (rest < 0 || rest % 2 !== 0) return false;
  const key = segments[keyIndex] as string;
  if (key === "01") return true;
  const allowed = byApplicationIdentifier.get(key)?.qualifier?.applicationIdentifier;
  return rest === 0 || (rest === 2 && segments[keyIndex + 2] === allowed);
}

/** Where the primary key sits in a Digital Link path: the first primary-key AI after which the rest is its value and qualifiers. */
function primaryKeyIndex(segments: readonly string[]): number {
  return segments.findIndex((segment, index) => digitalLinkPrimaryKeys.has(segment) && qualifiersFit(segments, index));
}

/**
 * The primary key of a GS1 Digital Link URI (`01`, `00`, `414`, …), or undefined when the URI is
 * not a Digital Link; the path may start with any prefix of the resolver's.
 */
export function digitalLinkPrimaryKey(uri: string): string | undefined {
  const segments = pathSegments(uri);
  if (segments === undefined) return undefined;
  const index = primaryKeyIndex(segments);
  return index === -1 ? undefined : segments[index];
}

/** Reads a Digital Link of a key other than the GTIN: `https://id.gs1.org/414/4012345000054/254/7`. Data attributes in the query are ignored. */
export function parseGs1KeyDigitalLink(uri: string): Gs1Key {
  const segments = pathSegments(uri) ?? [];
  const keyIndex = primaryKeyIndex(segments);
  const definition = byApplicationIdentifier.get(segments[keyIndex] ?? "");
  if (definition === undefined) {
    const reason = `not a GS1 Digital Link of a supported key other than the GTIN: its path does not end in /{AI}/{key}, optionally followed by the key's qualifier, with AI one of ${[...byApplicationIdentifier.keys()].join(", ")}`;
    throw new TraceError({ code: "UDI_MALFORMED", reason }, `${JSON.stringify(uri.slice(0, 80))} is ${reason}`);
  }
  const value = decodeSegment(segments[keyIndex + 1] as string, uri);
  const qualifier = segments.length - keyIndex === 4 ? decodeSegment(segments[keyIndex + 3] as string, uri) : undefined;
  return buildKey(definition, value, qualifier);
}

/** Reads the human-readable element string of a key, `(00)…` or `(414)…(254)…`, as the chain shows it. */
export function parseGs1KeyElementString(text: string): Gs1Key {
  const match = /^\(([0-9]{2,4})\)((?:[^(\\]|\\\()*)(?:\(([0-9]{2,4})\)((?:[^(\\]|\\\()*))?$/.exec(text);
  const definition = match === null ? undefined : byApplicationIdentifier.get(match[1] as string);
  if (match === null || definition === undefined) {
    const reason = `expected (AI)value of a supported GS1 key: ${[...byApplicationIdentifier.keys()].map((ai) => `(${ai})`).join(", ")}`;
    throw new TraceError({ code: "UDI_MALFORMED", reason }, `${quoted(text)}: ${reason}`);
  }
  const unescape = (value: string) => value.replaceAll("\\(", "(");
  if (match[3] !== undefined && match[3] !== definition.qualifier?.applicationIdentifier) {
    throw keyMalformed(match[3], `is not a qualifier of (${definition.applicationIdentifier})`);
  }
  return buildKey(definition, unescape(match[2] as string), match[4] === undefined ? undefined : unescape(match[4]));
}

/** Which form a text takes, so a caller can route it without trying every parser. */
export function gs1KeyFormOf(text: string): "epc-uri" | "digital-link" | "element-string" | undefined {
  if (isGs1KeyEpcUri(text)) return "epc-uri";
  const primary = digitalLinkPrimaryKey(text);
  if (primary !== undefined && primary !== "01") return "digital-link";
  const leading = /^\(([0-9]{2,4})\)/.exec(text)?.[1];
  if (leading !== undefined && byApplicationIdentifier.has(leading)) return "element-string";
  return undefined;
}

/** Reads a key other than the GTIN in any of its three forms. */
export function parseGs1Key(text: string): Gs1Key {
  const form = gs1KeyFormOf(text);
  if (form === "epc-uri") return parseGs1KeyEpcUri(text);
  if (form === "element-string") return parseGs1KeyElementString(text);
  return parseGs1KeyDigitalLink(text);
}
