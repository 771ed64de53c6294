import { TraceError, toGtin14, udiKey } from "@kexin/core";
import { invalidParameter } from "../errors.ts";
import { type DeviceClass, deviceClasses, traceLimits } from "./types.ts";

/** Checks of the trace builders and queries, the same the node applies (docs/api.md, "trace"). */

const datePattern = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const regionPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const orgIdPattern = /^[a-z][a-z0-9_]{0,31}$/;
const uriPattern = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  return typeof value === "number" || typeof value === "boolean" || value === null ? String(value) : typeof value;
}

/** A GTIN-8, -12, -13 or -14 with a valid check digit, as the GTIN-14 the node stores. */
export function requireGtin(context: string, parameter: string, value: unknown): string {
  if (typeof value !== "string" || !/^(?:[0-9]{8}|[0-9]{12,14})$/.test(value)) {
    throw invalidParameter(context, parameter, `must be a GTIN of 8, 12, 13 or 14 digits, got ${show(value)}`);
  }
  try {
    return toGtin14(value);
  } catch (error) {
    throw invalidParameter(context, parameter, error instanceof TraceError ? error.message : "is not a valid GTIN");
  }
}

/** A GS1 AI (10) lot: 1 to 20 characters of GS1 character set 82. */
export function requireLot(context: string, parameter: string, value: unknown, gtin: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > traceLimits.lotLengthMax) {
    throw invalidParameter(context, parameter, `must be a lot of 1 to ${traceLimits.lotLengthMax} characters, got ${show(value)}`);
  }
  try {
    udiKey({ gtin, lot: value });
  } catch (error) {
    throw invalidParameter(context, parameter, error instanceof TraceError ? error.message : "is not a valid lot");
  }
  return value;
}

/** A calendar date YYYY-MM-DD that exists (no 2026-02-30). */
export function requireDate(context: string, parameter: string, value: unknown): string {
  const match = typeof value === "string" ? datePattern.exec(value) : null;
  if (match !== null) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return value as string;
  }
  throw invalidParameter(context, parameter, `must be a calendar date YYYY-MM-DD, got ${show(value)}`);
}

export function requireDeviceClass(context: string, parameter: string, value: unknown): DeviceClass {
  if (typeof value !== "string" || !(deviceClasses as readonly string[]).includes(value)) {
    throw invalidParameter(context, parameter, `must be a device class "I", "II" or "III", got ${show(value)}`);
  }
  return value as DeviceClass;
}

export function requireRegion(context: string, parameter: string, value: unknown): string {
  if (typeof value !== "string" || !regionPattern.test(value)) {
    throw invalidParameter(context, parameter, `must be a region code such as "CN-31" (letters, digits, "-" and "_", at most 32), got ${show(value)}`);
  }
  return value;
}

export function requireOrganisation(context: string, parameter: string, value: unknown): string {
  if (typeof value !== "string" || !orgIdPattern.test(value)) {
    throw invalidParameter(context, parameter, `must be an organisation id (a lower-case letter, then letters, digits or _; at most 32), got ${show(value)}`);
  }
  return value;
}

/** An absolute URI such as urn:epc:id:sgln:0614141.00001.0. */
export function requireUri(context: string, parameter: string, value: unknown): string {
  if (typeof value !== "string" || value.length > traceLimits.identifierLengthMax || !uriPattern.test(value)) {
    throw invalidParameter(context, parameter, `must be an absolute URI without spaces of at most ${traceLimits.identifierLengthMax} characters (e.g. urn:epc:id:sgln:0614141.00001.0), got ${show(value)}`);
  }
  return value;
}

export function requireBoundedText(context: string, parameter: string, value: unknown, lengthMax: number): string {
  if (typeof value !== "string" || value.length === 0) throw invalidParameter(context, parameter, `must be a non-empty string, got ${show(value)}`);
  if (value.length > lengthMax) throw invalidParameter(context, parameter, `must be at most ${lengthMax} characters, got ${value.length}`);
  return value;
}

export function requireRegistrationNumber(context: string, value: unknown): string {
  const text = requireBoundedText(context, "registrationNumber", value, traceLimits.registrationNumberLengthMax);
  // The node refuses C0 control characters (U+0000 to U+001F) here, and nothing else.
  if ([...text].some((character) => character.charCodeAt(0) < 0x20)) throw invalidParameter(context, "registrationNumber", "must not contain control characters");
  return text;
}

export function requireInteger(context: string, parameter: string, value: unknown, minimum: number, maximum: number, unit = ""): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < minimum || value > maximum) {
    throw invalidParameter(context, parameter, `must be a whole number${unit} between ${minimum} and ${maximum}, got ${show(value)}`);
  }
  return value;
}

/** A scanned or typed code: any UDI form or an EPC URI; the node parses it, so only its size is checked here. */
export function requireCode(context: string, value: unknown): string {
  if (typeof value !== "string" || value.trim().length === 0) throw invalidParameter(context, "udi", `must be a scanned UDI or an EPC URI, got ${show(value)}`);
  if (value.length > 512) throw invalidParameter(context, "udi", `must be at most 512 characters, got ${value.length}`);
  return value;
}
