import { KexinError } from "@kexin/core";

/** Refusals of the trace module; each message names the field or the party involved and what to do. */
export type TraceModuleErrorType =
  | { code: "TRACE_INVALID_EPCIS"; issueCount: number }
  | { code: "TRACE_INVALID_EVENT"; field: string; reason: string }
  | { code: "TRACE_INVALID_UDI"; field: string; reason: string }
  | { code: "TRACE_INVALID_RULE"; field: string; reason: string }
  | { code: "TRACE_LIMIT_EXCEEDED"; limit: string; size: number; sizeMax: number }
  | { code: "TRACE_UNKNOWN_PRODUCT"; gtin: string }
  | { code: "TRACE_PRODUCT_EXISTS"; gtin: string }
  | { code: "TRACE_NOT_MANUFACTURER"; gtin: string; manufacturer: string; org: string }
  | { code: "TRACE_UNKNOWN_UNIT"; unit: string; field: string }
  | { code: "TRACE_UNIT_EXISTS"; unit: string; field: string }
  | { code: "TRACE_NOT_CUSTODIAN"; unit: string; custodian: string; org: string; field: string }
  | { code: "TRACE_IN_TRANSIT"; unit: string; destination: string; field: string }
  | { code: "TRACE_UNKNOWN_LOCATION"; location: string; field: string }
  | { code: "TRACE_LOCATION_TAKEN"; location: string; org: string }
  | { code: "TRACE_DUPLICATE_EVENT"; eventId: string; field: string }
  | { code: "TRACE_ALREADY_RECALLED"; gtin: string; lot: string }
  | { code: "TRACE_BAD_QUERY"; field: string; reason: string };
export class TraceModuleError extends KexinError<TraceModuleErrorType> {}

export function invalidEvent(field: string, reason: string): TraceModuleError {
  return new TraceModuleError({ code: "TRACE_INVALID_EVENT", field, reason }, `${field}: ${reason}`);
}

export function limitExceeded(limit: string, size: number, sizeMax: number, what: string): TraceModuleError {
  return new TraceModuleError({ code: "TRACE_LIMIT_EXCEEDED", limit, size, sizeMax }, `${what}: ${size} is more than ${limit} (${sizeMax})`);
}

export function badQuery(field: string, reason: string): TraceModuleError {
  return new TraceModuleError({ code: "TRACE_BAD_QUERY", field, reason }, `${field}: ${reason}`);
}
