/**
 * Bounds on traceability input. Every parser in this folder enforces them before it trusts the
 * data, so a hostile scan or upload costs bounded memory and time in a browser or on a node.
 */
export const traceLimits = {
  /** A GS1 element string, Digital Link URI or EPC URI as scanned or typed. */
  udiInputLengthMax: 512,
  /** AI (10) lot and AI (21) serial are X..20 in the GS1 General Specifications. */
  udiVariableFieldLengthMax: 20,
  /** A serialised EPCIS document, in UTF-8 bytes. */
  epcisDocumentBytesMax: 16 * 1024 * 1024,
  eventsPerDocumentMax: 10_000,
  jsonDepthMax: 32,
  jsonArrayItemsMax: 100_000,
  jsonObjectKeysMax: 1_000,
  jsonStringLengthMax: 8_192,
  jsonValuesMax: 4_000_000,
  /** Problems listed in one refusal; the total count is still reported. */
  epcisIssuesReportedMax: 100,
} as const;
