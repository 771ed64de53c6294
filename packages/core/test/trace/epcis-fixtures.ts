import type { EpcisIssue, JsonObject } from "../../src/trace/index.ts";
import { TraceError, epcisContextUri, parseEpcisDocument } from "../../src/trace/index.ts";

export function documentWith(events: JsonObject[], context: unknown = [epcisContextUri]): JsonObject {
  return {
    "@context": context as JsonObject,
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: "2026-07-22T10:30:00Z",
    epcisBody: { eventList: events },
  };
}

export function objectEvent(fields: JsonObject = {}): JsonObject {
  return {
    type: "ObjectEvent",
    eventTime: "2026-07-22T06:45:00+02:00",
    eventTimeZoneOffset: "+02:00",
    action: "OBSERVE",
    epcList: ["urn:epc:id:sgtin:9506000.013435.XYZ"],
    ...fields,
  };
}

/** The issues a document is refused for, or an empty list when it is accepted. */
export function issuesOf(document: JsonObject): EpcisIssue[] {
  try {
    parseEpcisDocument(document);
    return [];
  } catch (error) {
    if (error instanceof TraceError && error.type.code === "EPCIS_INVALID") return [...error.type.issues];
    throw error;
  }
}

export function summarize(issues: readonly EpcisIssue[]): string[] {
  return issues.map(({ code, path }) => `${code} at ${path}`);
}
