import { collectMentionedPrefixes, epcisContextUri } from "./epcis-context.ts";
import { parseEpcisDocument, parseEpcisEvent } from "./epcis.ts";
import type { EpcisEvent, EpcisLocation, ErrorDeclaration, SensorElement } from "./epcis-types.ts";
import { TraceError } from "./errors.ts";
import { cloneJson, setOwnProperty } from "./json.ts";
import type { JsonObject, JsonValue } from "./json.ts";
import { traceLimits } from "./limits.ts";

export interface ExportEpcisDocumentOptions {
  creationDate: string;
  schemaVersion: "2.0";
  id?: string;
  sender?: string;
  receiver?: string;
  instanceIdentifier?: string;
  epcisHeader?: JsonObject;
}

/** Wire order of event fields, as the EPCIS 2.0 examples write them. */
const eventFieldOrder = [
  "type",
  "eventTime",
  "eventTimeZoneOffset",
  "recordTime",
  "eventID",
  "certificationInfo",
  "errorDeclaration",
  "parentID",
  "epcList",
  "childEPCs",
  "inputEPCList",
  "inputQuantityList",
  "outputEPCList",
  "outputQuantityList",
  "transformationID",
  "quantityList",
  "childQuantityList",
  "action",
  "bizStep",
  "disposition",
  "persistentDisposition",
  "readPoint",
  "bizLocation",
  "bizTransactionList",
  "sourceList",
  "destinationList",
  "sensorElementList",
  "ilmd",
] as const;

/** Copies the fields of a normalised object and lays its extensions back beside them. */
function withExtensions(object: object): JsonObject {
  const json: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === "extensions" || value === undefined) continue;
    setOwnProperty(json, key, cloneJson(value as JsonValue));
  }
  const extensions = (object as { extensions?: JsonObject }).extensions;
  for (const [key, value] of Object.entries(extensions ?? {})) setOwnProperty(json, key, cloneJson(value));
  return json;
}

function sensorElementToJson(element: SensorElement): JsonObject {
  const json: JsonObject = {};
  if (element.sensorMetadata !== undefined) json.sensorMetadata = withExtensions(element.sensorMetadata);
  json.sensorReport = element.sensorReport.map(withExtensions);
  for (const [key, value] of Object.entries(element.extensions ?? {})) setOwnProperty(json, key, cloneJson(value));
  return json;
}

function fieldToJson(key: (typeof eventFieldOrder)[number], value: unknown): JsonValue {
  if (key === "readPoint" || key === "bizLocation") return withExtensions(value as EpcisLocation);
  if (key === "errorDeclaration") return withExtensions(value as ErrorDeclaration);
  if (key === "sensorElementList") return (value as SensorElement[]).map(sensorElementToJson);
  if (key === "certificationInfo") {
    const uris = value as string[];
    return uris.length === 1 ? (uris[0] as string) : [...uris];
  }
  return cloneJson(value as JsonValue);
}

/** The JSON of one event without any @context; namespaces are placed by the caller. */
function eventToJson(event: EpcisEvent): JsonObject {
  const json: JsonObject = {};
  const fields = event as unknown as Record<string, unknown>;
  for (const key of eventFieldOrder) {
    if (fields[key] !== undefined) setOwnProperty(json, key, fieldToJson(key, fields[key]));
  }
  for (const [key, value] of Object.entries(event.extensions ?? {})) setOwnProperty(json, key, cloneJson(value));
  return json;
}

function sortedObject(entries: Iterable<[string, string]>): JsonObject {
  const object: JsonObject = {};
  for (const [key, value] of [...entries].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))) setOwnProperty(object, key, value);
  return object;
}

/**
 * Declares each prefix once at document level when every event agrees on its IRI and no other
 * event uses the same prefix without declaring it; otherwise the event carries its own @context,
 * so merging events from different sources never changes what any of them means.
 */
function placeNamespaces(events: readonly EpcisEvent[], bodies: readonly JsonObject[]): { document: JsonObject; perEvent: Array<JsonObject | undefined> } {
  const iris = new Map<string, Set<string>>();
  const blocked = new Set<string>();
  events.forEach((event, index) => {
    const own = event.namespaces ?? {};
    for (const [prefix, iri] of Object.entries(own)) {
      if (!iris.has(prefix)) iris.set(prefix, new Set());
      iris.get(prefix)!.add(iri);
    }
    for (const prefix of collectMentionedPrefixes(bodies[index] as JsonObject, new Set())) if (!Object.hasOwn(own, prefix)) blocked.add(prefix);
  });
  const shared = new Map<string, string>();
  for (const [prefix, values] of iris) if (values.size === 1 && !blocked.has(prefix)) shared.set(prefix, [...values][0] as string);
  const perEvent = events.map((event) => {
    const local = Object.entries(event.namespaces ?? {}).filter(([prefix]) => !shared.has(prefix));
    return local.length === 0 ? undefined : sortedObject(local);
  });
  return { document: sortedObject(shared), perEvent };
}

function contextWith(namespaces: JsonObject): JsonValue {
  return Object.keys(namespaces).length === 0 ? [epcisContextUri] : [epcisContextUri, namespaces];
}

/**
 * Writes normalised events as an EPCIS 2.0 JSON-LD document. The result is parsed again before
 * it is returned, so an export is always a document this module accepts.
 */
export function exportEpcisDocument(events: readonly EpcisEvent[], options: ExportEpcisDocumentOptions): JsonObject {
  if (events.length > traceLimits.eventsPerDocumentMax) {
    throw new TraceError(
      { code: "EPCIS_TOO_LARGE", limit: "eventsPerDocumentMax", size: events.length, sizeMax: traceLimits.eventsPerDocumentMax },
      `EPCIS export exceeds eventsPerDocumentMax: ${events.length} > ${traceLimits.eventsPerDocumentMax}`,
    );
  }
  const bodies = events.map(eventToJson);
  const placement = placeNamespaces(events, bodies);
  const eventList = bodies.map((body, index) => {
    const local = placement.perEvent[index];
    return local === undefined ? body : { "@context": local, ...body };
  });
  const document: JsonObject = {
    "@context": contextWith(placement.document),
    type: "EPCISDocument",
    schemaVersion: options.schemaVersion,
    creationDate: options.creationDate,
  };
  for (const key of ["id", "sender", "receiver", "instanceIdentifier"] as const) if (options[key] !== undefined) document[key] = options[key];
  if (options.epcisHeader !== undefined) document.epcisHeader = cloneJson(options.epcisHeader);
  document.epcisBody = { eventList };
  parseEpcisDocument(document);
  return document;
}

/** Writes one normalised event as a standalone EPCIS 2.0 JSON-LD event with its own @context. */
export function exportEpcisEvent(event: EpcisEvent): JsonObject {
  const json: JsonObject = { "@context": contextWith(sortedObject(Object.entries(event.namespaces ?? {}))), ...eventToJson(event) };
  parseEpcisEvent(json);
  return json;
}
