export * from "./cbv.ts";
export { parseDigitalLinkUri, formatDigitalLinkUri, defaultFormatDigitalLinkOptions } from "./digital-link.ts";
export type { FormatDigitalLinkOptions } from "./digital-link.ts";
export { formatLgtinUri, formatSgtinUri, parseLgtinUri, parseSgtinUri } from "./epc-uri.ts";
export type { LgtinClass, SgtinIdentity } from "./epc-uri.ts";
export { epcisContextUri, parseEpcisDocument, parseEpcisEvent, parseEpcisEvents } from "./epcis.ts";
export { exportEpcisDocument, exportEpcisEvent } from "./epcis-export.ts";
export type { ExportEpcisDocumentOptions } from "./epcis-export.ts";
export { measurementTypeName, sensorReadings, temperatureReadingsCelsius } from "./epcis-sensor.ts";
export type { SensorReading } from "./epcis-sensor.ts";
export { isEpcisTimestamp, isTimeZoneOffset } from "./epcis-time.ts";
export * from "./epcis-types.ts";
export { TraceError } from "./errors.ts";
export type { EpcisErrorType, EpcisIssue, EpcisIssueCode, TraceErrorType, UdiErrorType } from "./errors.ts";
export {
  defaultParseUdiOptions,
  formatUdi,
  formatUdiElementString,
  groupSeparator,
  gs1CenturyYear,
  gtinCheckDigit,
  isValidGtin,
  parseUdi,
  toGtin14,
  udiKey,
} from "./gs1.ts";
export type { ParseUdiOptions, Udi } from "./gs1.ts";
export {
  digitalLinkPrimaryKey,
  gs1KeyFormOf,
  isGs1KeyEpcUri,
  parseGs1Key,
  parseGs1KeyDigitalLink,
  parseGs1KeyElementString,
  parseGs1KeyEpcUri,
} from "./gs1-keys.ts";
export type { Gs1Key, Gs1KeyElement, Gs1KeyType } from "./gs1-keys.ts";
export type { JsonObject, JsonValue } from "./json.ts";
export { traceLimits } from "./limits.ts";
export * from "./records.ts";
