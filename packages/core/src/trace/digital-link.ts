import { TraceError } from "./errors.ts";
import { buildUdi, checkReferenceYear, defaultParseUdiOptions, malformed, udiElements, unknownApplicationIdentifier } from "./gs1-elements.ts";
import type { ParseUdiOptions, RawElement, Udi } from "./gs1-elements.ts";
import { toGtin14 } from "./gtin.ts";
import { traceLimits } from "./limits.ts";

/** Key qualifiers of AI (01) in the order GS1 Digital Link requires them: (22), (10), (21). */
const qualifierOrder = ["22", "10", "21"];
const dataAttributes = new Set(["11", "17"]);
const applicationIdentifierPattern = /^[0-9]{2,4}$/;

export interface FormatDigitalLinkOptions {
  /** Scheme and host, optionally with a path prefix; defaults to GS1's resolver. */
  origin?: string;
}

export const defaultFormatDigitalLinkOptions = { origin: "https://id.gs1.org" } as const;

function decodeSegment(segment: string, uri: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw malformed(`Digital Link ${JSON.stringify(uri)}: segment ${JSON.stringify(segment)} is not valid percent-encoding`);
  }
}

/**
 * Parses an uncompressed GS1 Digital Link URI (GS1 Digital Link: URI Syntax 1.2):
 * `https://any.host/optional/prefix/01/{gtin}/10/{lot}/21/{serial}?11={YYMMDD}&17={YYMMDD}`.
 * Query parameters that are not application identifiers (linkType, …) are ignored.
 */
export function parseDigitalLinkUri(uri: string, options: ParseUdiOptions = {}): Udi {
  if (typeof uri !== "string" || uri.length > traceLimits.udiInputLengthMax) {
    throw malformed(`a Digital Link URI must be a string of at most ${traceLimits.udiInputLengthMax} characters`);
  }
  const referenceYear = checkReferenceYear(options.referenceYear ?? defaultParseUdiOptions.referenceYear);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw malformed(`${JSON.stringify(uri)} is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw malformed(`Digital Link ${JSON.stringify(uri)} must use http or https`);
  const segments = url.pathname.split("/").slice(1);
  if (segments.at(-1) === "") segments.pop();
  const keyIndex = segments.indexOf("01");
  if (keyIndex === -1 || keyIndex + 1 >= segments.length) {
    throw new TraceError({ code: "UDI_MISSING_GTIN" }, `Digital Link ${JSON.stringify(uri)} has no /01/{gtin} path`);
  }
  const gtinText = decodeSegment(segments[keyIndex + 1] as string, uri);
  const elements: RawElement[] = [{ applicationIdentifier: "01", value: /^[0-9]{8}$|^[0-9]{12,13}$/.test(gtinText) ? toGtin14(gtinText) : gtinText }];
  const qualifiers = segments.slice(keyIndex + 2);
  if (qualifiers.length % 2 !== 0) throw malformed(`Digital Link ${JSON.stringify(uri)}: key qualifier ${JSON.stringify(qualifiers.at(-1))} has no value`);
  let lastQualifierRank = -1;
  for (let index = 0; index < qualifiers.length; index += 2) {
    const applicationIdentifier = qualifiers[index] as string;
    const rank = qualifierOrder.indexOf(applicationIdentifier);
    if (rank === -1) {
      if (applicationIdentifierPattern.test(applicationIdentifier)) throw unknownApplicationIdentifier(applicationIdentifier);
      throw malformed(`Digital Link ${JSON.stringify(uri)}: ${JSON.stringify(applicationIdentifier)} is not a key qualifier of (01)`);
    }
    if (rank <= lastQualifierRank) throw malformed(`Digital Link ${JSON.stringify(uri)}: key qualifiers must appear once each, in the order (22), (10), (21)`);
    lastQualifierRank = rank;
    elements.push({ applicationIdentifier, value: decodeSegment(qualifiers[index + 1] as string, uri) });
  }
  for (const [key, value] of url.searchParams) {
    if (!applicationIdentifierPattern.test(key)) continue;
    if (!dataAttributes.has(key)) {
      if (key === "01" || qualifierOrder.includes(key)) throw malformed(`Digital Link ${JSON.stringify(uri)}: (${key}) belongs in the path, not the query`);
      throw unknownApplicationIdentifier(key);
    }
    elements.push({ applicationIdentifier: key, value });
  }
  return buildUdi(elements, referenceYear);
}

/** Percent-encodes everything outside RFC 3986 unreserved characters, which GS1 Digital Link always accepts. */
function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Writes a UDI as an uncompressed GS1 Digital Link URI: key qualifiers in the path, dates in the query. */
export function formatDigitalLinkUri(udi: Udi, options: FormatDigitalLinkOptions = {}): string {
  const origin = (options.origin ?? defaultFormatDigitalLinkOptions.origin).replace(/\/+$/, "");
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    throw malformed(`Digital Link origin ${JSON.stringify(origin)} is not a URL`);
  }
  if ((base.protocol !== "https:" && base.protocol !== "http:") || base.search !== "" || base.hash !== "") {
    throw malformed(`Digital Link origin ${JSON.stringify(origin)} must be an http(s) URL without query or fragment`);
  }
  let path = "";
  const query: string[] = [];
  for (const { applicationIdentifier, value } of udiElements(udi)) {
    if (dataAttributes.has(applicationIdentifier)) query.push(`${applicationIdentifier}=${value}`);
    else path += `/${applicationIdentifier}/${encodeSegment(value)}`;
  }
  return `${origin}${path}${query.length > 0 ? `?${query.join("&")}` : ""}`;
}
