import { parseDigitalLinkUri } from "./digital-link.ts";
import {
  buildUdi,
  checkReferenceYear,
  defaultParseUdiOptions,
  fixedLengthOf,
  isSupportedApplicationIdentifier,
  malformed,
  udiElements,
  unknownApplicationIdentifier,
} from "./gs1-elements.ts";
import type { ParseUdiOptions, RawElement, Udi } from "./gs1-elements.ts";
import { traceLimits } from "./limits.ts";

export { defaultParseUdiOptions, gs1CenturyYear } from "./gs1-elements.ts";
export type { ParseUdiOptions, Udi } from "./gs1-elements.ts";
export { gtinCheckDigit, isValidGtin, toGtin14 } from "./gtin.ts";

/** FNC1 as a scanner transmits it between variable-length fields: GS, ASCII 29. */
export const groupSeparator = "\u001d";

/** Symbology identifiers that announce GS1 data: GS1-128, GS1 DataBar, GS1 DataMatrix, GS1 QR Code, GS1 DotCode. */
const gs1SymbologyIdentifiers = new Set(["]C1", "]e0", "]d2", "]Q3", "]J1"]);

/**
 * Digits in an application identifier, known from its first two digits (GS1 General
 * Specifications, table of AI lengths by prefix); needed to name an AI we do not support.
 */
function applicationIdentifierLength(firstTwoDigits: number): number {
  if ([23, 24, 25, 40, 41, 42, 71].includes(firstTwoDigits)) return 3;
  if ((firstTwoDigits >= 31 && firstTwoDigits <= 36) || [39, 43, 70, 72, 80, 81, 82].includes(firstTwoDigits)) return 4;
  return 2;
}

function splitScanned(data: string): RawElement[] {
  const elements: RawElement[] = [];
  let position = 0;
  while (position < data.length) {
    if (data[position] === groupSeparator) {
      position++;
      continue;
    }
    const prefix = data.slice(position, position + 2);
    if (!/^[0-9]{2}$/.test(prefix)) {
      throw malformed(`expected an application identifier at position ${position + 1}, found ${JSON.stringify(data.slice(position, position + 4))}`);
    }
    const length = applicationIdentifierLength(Number(prefix));
    const applicationIdentifier = data.slice(position, position + length);
    if (!isSupportedApplicationIdentifier(applicationIdentifier)) throw unknownApplicationIdentifier(applicationIdentifier);
    position += length;
    const fixedLength = fixedLengthOf(applicationIdentifier);
    let end: number;
    if (fixedLength !== undefined) end = Math.min(position + fixedLength, data.length);
    else {
      const separator = data.indexOf(groupSeparator, position);
      end = separator === -1 ? data.length : separator;
    }
    elements.push({ applicationIdentifier, value: data.slice(position, end) });
    position = end;
  }
  return elements;
}

const bracketedIdentifierPattern = /^\(([0-9]{2,4})\)/;

/**
 * Human-readable form `(01)…(17)…`. Set 82 allows parentheses in a lot or serial, so a literal
 * `(` in data that would look like an AI is written `\(`; a space before the next AI is tolerated.
 */
function splitBracketed(text: string): RawElement[] {
  const elements: RawElement[] = [];
  let position = 0;
  while (position < text.length) {
    const match = bracketedIdentifierPattern.exec(text.slice(position, position + 6));
    if (match === null) {
      throw malformed(`expected '(' and an application identifier at position ${position + 1}, found ${JSON.stringify(text.slice(position, position + 6))}`);
    }
    position += match[0].length;
    let value = "";
    while (position < text.length) {
      const character = text[position] as string;
      if (character === "\\" && text[position + 1] === "(") {
        value += "(";
        position += 2;
        continue;
      }
      if (character === "(" && bracketedIdentifierPattern.test(text.slice(position, position + 6))) break;
      if (character === " " && text[position + 1] === "(" && bracketedIdentifierPattern.test(text.slice(position + 1, position + 7))) {
        position++;
        break;
      }
      value += character;
      position++;
    }
    elements.push({ applicationIdentifier: match[1] as string, value });
  }
  return elements;
}

function stripSymbologyIdentifier(data: string): string {
  if (!data.startsWith("]")) return data;
  const identifier = data.slice(0, 3);
  if (!gs1SymbologyIdentifiers.has(identifier)) {
    throw malformed(`symbology identifier ${JSON.stringify(identifier)} does not announce GS1 data (expected ]C1, ]e0, ]d2, ]Q3 or ]J1)`);
  }
  return data.slice(3);
}

/**
 * Parses a GS1 UDI in any of the forms a person or scanner produces: the human-readable
 * `(01)09506000134352(17)201225(10)ABC123(21)XYZ`, the scanner form with GS separators and an
 * optional symbology identifier (`]d2`, `]C1`, `]Q3`, `]e0`, `]J1`), or a GS1 Digital Link URI.
 */
export function parseUdi(input: string, options: ParseUdiOptions = {}): Udi {
  if (typeof input !== "string") throw malformed("a UDI must be a string");
  const text = input.trim();
  if (text.length === 0) throw malformed("a UDI must not be empty");
  if (text.length > traceLimits.udiInputLengthMax) throw malformed(`a UDI is at most ${traceLimits.udiInputLengthMax} characters, got ${text.length}`);
  const referenceYear = checkReferenceYear(options.referenceYear ?? defaultParseUdiOptions.referenceYear);
  if (/^https?:\/\//i.test(text)) return parseDigitalLinkUri(text, { referenceYear });
  const elements = text.startsWith("(") ? splitBracketed(text) : splitScanned(stripSymbologyIdentifier(text));
  return buildUdi(elements, referenceYear);
}

/** Human-readable form in the canonical order (01), (11), (17), (10), (21); `(` inside data is escaped as `\(`. */
export function formatUdi(udi: Udi): string {
  return udiElements(udi)
    .map(({ applicationIdentifier, value }) => `(${applicationIdentifier})${value.replaceAll("(", "\\(")}`)
    .join("");
}

/**
 * The element string a barcode encodes (without the leading FNC1): fixed-length fields first, a
 * GS after every variable-length field except the last.
 */
export function formatUdiElementString(udi: Udi): string {
  const elements = udiElements(udi);
  return elements
    .map(({ applicationIdentifier, value }, index) => {
      const needsSeparator = fixedLengthOf(applicationIdentifier) === undefined && index < elements.length - 1;
      return `${applicationIdentifier}${value}${needsSeparator ? groupSeparator : ""}`;
    })
    .join("");
}

/**
 * A stable identifier for on-chain keys: `gtin|lot|serial`, empty where absent. `|` is outside
 * GS1 character set 82, so no lot or serial can contain it and the key is unambiguous. Dates are
 * attributes of the item, not part of its identity.
 */
export function udiKey(udi: Udi): string {
  udiElements(udi);
  return `${udi.gtin}|${udi.lot ?? ""}|${udi.serial ?? ""}`;
}
