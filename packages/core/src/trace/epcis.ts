import { cbvVocabularies } from "./cbv.ts";
import { IssueList, at, describeJson, epcisContextUri, itemAt, namespacesUsedBy, readContext, checkNestedNames } from "./epcis-context.ts";
import type { Scope } from "./epcis-context.ts";
import {
  assignDefined,
  readBusinessTransactionList,
  readCertificationInfo,
  readDestinationList,
  readErrorDeclaration,
  readExtensions,
  readIlmd,
  readLocation,
  readObject,
  readPersistentDisposition,
  readQuantityList,
  readSourceList,
  readString,
  readTime,
  readUri,
  readUriList,
  readVocabulary,
  requireField,
} from "./epcis-fields.ts";
import { readSensorElementList } from "./epcis-sensor-fields.ts";
import { isTimeZoneOffset } from "./epcis-time.ts";
import { epcisEventTypes } from "./epcis-types.ts";
import type { EpcisAction, EpcisDocument, EpcisEvent, EpcisEventCommon, EpcisEventType } from "./epcis-types.ts";
import { TraceError, epcisInvalidError } from "./errors.ts";
import { cloneJson, isJsonObject, readJsonInput } from "./json.ts";
import type { JsonObject, JsonValue } from "./json.ts";
import { traceLimits } from "./limits.ts";

export { epcisContextUri };

const commonFields = [
  "@context",
  "type",
  "eventTime",
  "eventTimeZoneOffset",
  "recordTime",
  "eventID",
  "certificationInfo",
  "errorDeclaration",
  "bizStep",
  "disposition",
  "persistentDisposition",
  "readPoint",
  "bizLocation",
  "bizTransactionList",
  "sourceList",
  "destinationList",
  "sensorElementList",
];

const fieldsByType: Record<EpcisEventType, ReadonlySet<string>> = {
  ObjectEvent: new Set([...commonFields, "action", "epcList", "quantityList", "ilmd"]),
  AggregationEvent: new Set([...commonFields, "action", "parentID", "childEPCs", "childQuantityList"]),
  AssociationEvent: new Set([...commonFields, "action", "parentID", "childEPCs", "childQuantityList"]),
  TransactionEvent: new Set([...commonFields, "action", "parentID", "epcList", "quantityList"]),
  TransformationEvent: new Set([
    ...commonFields,
    "inputEPCList",
    "inputQuantityList",
    "outputEPCList",
    "outputQuantityList",
    "transformationID",
    "ilmd",
  ]),
};

const actions: ReadonlySet<string> = new Set(["ADD", "OBSERVE", "DELETE"]);

function isEventType(value: string): value is EpcisEventType {
  return (epcisEventTypes as readonly string[]).includes(value);
}

function readAction(scope: Scope, raw: JsonObject, path: string, type: EpcisEventType): EpcisAction | undefined {
  const value = requireField(scope, raw, "action", path, `${type} must say whether it is ADD, OBSERVE or DELETE`);
  if (value === undefined) return undefined;
  if (typeof value === "string" && actions.has(value)) return value as EpcisAction;
  scope.issues.add("EPCIS_BAD_VALUE", at(path, "action"), `must be ADD, OBSERVE or DELETE, got ${describeJson(value)}`);
  return undefined;
}

function readCommon(scope: Scope, raw: JsonObject, path: string): EpcisEventCommon {
  const eventTime = readTime(scope, requireField(scope, raw, "eventTime", path, "every EPCIS event records when it happened"), at(path, "eventTime"));
  const offsetValue = requireField(scope, raw, "eventTimeZoneOffset", path, "every EPCIS event records the local time zone offset");
  let eventTimeZoneOffset: string | undefined;
  if (offsetValue !== undefined) {
    if (typeof offsetValue === "string" && isTimeZoneOffset(offsetValue)) eventTimeZoneOffset = offsetValue;
    else scope.issues.add("EPCIS_BAD_VALUE", at(path, "eventTimeZoneOffset"), `must be ±hh:mm between -14:00 and +14:00, got ${describeJson(offsetValue)}`);
  }
  const common: EpcisEventCommon = { eventTime: eventTime ?? "", eventTimeZoneOffset: eventTimeZoneOffset ?? "" };
  assignDefined(common, "recordTime", readTime(scope, raw.recordTime, at(path, "recordTime")));
  assignDefined(common, "eventID", readUri(scope, raw.eventID, at(path, "eventID")));
  assignDefined(common, "certificationInfo", readCertificationInfo(scope, raw.certificationInfo, at(path, "certificationInfo")));
  assignDefined(common, "errorDeclaration", readErrorDeclaration(scope, raw.errorDeclaration, at(path, "errorDeclaration")));
  assignDefined(common, "bizStep", readVocabulary(scope, cbvVocabularies.businessStep, raw.bizStep, at(path, "bizStep")));
  assignDefined(common, "disposition", readVocabulary(scope, cbvVocabularies.disposition, raw.disposition, at(path, "disposition")));
  assignDefined(common, "persistentDisposition", readPersistentDisposition(scope, raw.persistentDisposition, at(path, "persistentDisposition")));
  assignDefined(common, "readPoint", readLocation(scope, raw.readPoint, at(path, "readPoint")));
  assignDefined(common, "bizLocation", readLocation(scope, raw.bizLocation, at(path, "bizLocation")));
  assignDefined(common, "sourceList", readSourceList(scope, raw.sourceList, at(path, "sourceList")));
  assignDefined(common, "destinationList", readDestinationList(scope, raw.destinationList, at(path, "destinationList")));
  assignDefined(common, "sensorElementList", readSensorElementList(scope, raw.sensorElementList, at(path, "sensorElementList")));
  return common;
}

function reportMissing(scope: Scope, path: string, field: string, message: string): void {
  scope.issues.add("EPCIS_MISSING_FIELD", at(path, field), message);
}

function hasItems(raw: JsonObject, key: string): boolean {
  const value = raw[key];
  return Array.isArray(value) && value.length > 0;
}

type EventFields = Record<string, unknown>;

/** Reads an identifier list (epcList, childEPCs, …) or a quantity list (quantityList, childQuantityList, …). */
function readListField(scope: Scope, raw: JsonObject, path: string, event: EventFields, key: string): void {
  const isQuantityList = key.toLowerCase().endsWith("quantitylist");
  assignDefined(event, key, isQuantityList ? readQuantityList(scope, raw[key], at(path, key)) : readUriList(scope, raw[key], at(path, key)));
}

function readTransformationFields(scope: Scope, raw: JsonObject, path: string, event: EventFields): void {
  for (const key of ["inputEPCList", "inputQuantityList", "outputEPCList", "outputQuantityList"]) readListField(scope, raw, path, event, key);
  assignDefined(event, "transformationID", readUri(scope, raw.transformationID, at(path, "transformationID")));
  assignDefined(event, "ilmd", readIlmd(scope, raw.ilmd, at(path, "ilmd")));
  assignDefined(event, "bizTransactionList", readBusinessTransactionList(scope, raw.bizTransactionList, at(path, "bizTransactionList")));
  const hasInput = hasItems(raw, "inputEPCList") || hasItems(raw, "inputQuantityList");
  const hasOutput = hasItems(raw, "outputEPCList") || hasItems(raw, "outputQuantityList");
  if (!(hasInput && hasOutput) && !((hasInput || hasOutput) && raw.transformationID !== undefined)) {
    reportMissing(scope, path, hasInput ? "outputEPCList" : "inputEPCList", "a TransformationEvent needs inputs and outputs, or one side plus a transformationID");
  }
}

function readObjectFields(scope: Scope, raw: JsonObject, path: string, event: EventFields, action: EpcisAction | undefined): void {
  readListField(scope, raw, path, event, "epcList");
  readListField(scope, raw, path, event, "quantityList");
  assignDefined(event, "bizTransactionList", readBusinessTransactionList(scope, raw.bizTransactionList, at(path, "bizTransactionList")));
  assignDefined(event, "ilmd", readIlmd(scope, raw.ilmd, at(path, "ilmd")));
  if (raw.ilmd !== undefined && action !== undefined && action !== "ADD") {
    scope.issues.add("EPCIS_BAD_VALUE", at(path, "ilmd"), `instance/lot master data belongs only to an ADD event, this one is ${action}`);
  }
  // The EPCIS 2.0 JSON schema lets an ObjectEvent carry only sensor data observed at a read point.
  const sensorOnly = hasItems(raw, "sensorElementList") && raw.readPoint !== undefined;
  if (raw.epcList === undefined && !hasItems(raw, "quantityList") && !sensorOnly) {
    reportMissing(scope, path, "epcList", "an ObjectEvent must identify what it is about with epcList or quantityList");
  }
}

function readTransactionFields(scope: Scope, raw: JsonObject, path: string, event: EventFields, action: EpcisAction | undefined): void {
  const transactions = requireField(scope, raw, "bizTransactionList", path, "a TransactionEvent names the business transactions");
  assignDefined(event, "bizTransactionList", readBusinessTransactionList(scope, transactions, at(path, "bizTransactionList"), 1));
  assignDefined(event, "parentID", readUri(scope, raw.parentID, at(path, "parentID")));
  readListField(scope, raw, path, event, "epcList");
  readListField(scope, raw, path, event, "quantityList");
  if (raw.epcList === undefined && !hasItems(raw, "quantityList") && action !== "DELETE") {
    reportMissing(scope, path, "epcList", "a TransactionEvent must identify what it is about with epcList or quantityList");
  }
}

function readParentChildFields(
  scope: Scope,
  raw: JsonObject,
  path: string,
  event: EventFields,
  type: "AggregationEvent" | "AssociationEvent",
  action: EpcisAction | undefined,
): void {
  const parent =
    type === "AssociationEvent" ? requireField(scope, raw, "parentID", path, "an AssociationEvent names what the others are associated with") : raw.parentID;
  assignDefined(event, "parentID", readUri(scope, parent, at(path, "parentID")));
  readListField(scope, raw, path, event, "childEPCs");
  readListField(scope, raw, path, event, "childQuantityList");
  assignDefined(event, "bizTransactionList", readBusinessTransactionList(scope, raw.bizTransactionList, at(path, "bizTransactionList")));
  if (!hasItems(raw, "childEPCs") && !hasItems(raw, "childQuantityList") && action !== "DELETE") {
    reportMissing(scope, path, "childEPCs", `an ${type} with action ${action ?? "ADD or OBSERVE"} needs childEPCs or childQuantityList`);
  }
  if (type === "AggregationEvent" && action !== undefined && action !== "OBSERVE" && raw.parentID === undefined) {
    reportMissing(scope, path, "parentID", `an AggregationEvent with action ${action} must name its parentID`);
  }
}

/** Fills the type-specific fields and checks the rules the EPCIS 2.0 JSON schema places on each type. */
function readTypeSpecific(scope: Scope, raw: JsonObject, path: string, type: EpcisEventType, event: EventFields): void {
  if (type === "TransformationEvent") {
    readTransformationFields(scope, raw, path, event);
    return;
  }
  const action = readAction(scope, raw, path, type);
  assignDefined(event, "action", action);
  if (type === "ObjectEvent") readObjectFields(scope, raw, path, event, action);
  else if (type === "TransactionEvent") readTransactionFields(scope, raw, path, event, action);
  else readParentChildFields(scope, raw, path, event, type, action);
}

function parseEvent(raw: JsonValue, path: string, parent: Scope, standalone: boolean): EpcisEvent | undefined {
  const { issues } = parent;
  if (!isJsonObject(raw)) {
    issues.add("EPCIS_BAD_VALUE", path, `an event must be an object, got ${describeJson(raw)}`);
    return undefined;
  }
  let scope = parent;
  if (raw["@context"] !== undefined) {
    const context = readContext(raw["@context"], at(path, "@context"), issues, parent.namespaces);
    if (standalone && !context.referencesEpcisContext) {
      issues.add("EPCIS_MISSING_CONTEXT", at(path, "@context"), `must reference the EPCIS 2.0 context ${epcisContextUri}`);
    }
    scope = { namespaces: context.namespaces, issues };
  } else if (standalone) {
    issues.add("EPCIS_MISSING_CONTEXT", at(path, "@context"), `missing; a standalone EPCIS event must reference the EPCIS 2.0 context ${epcisContextUri}`);
  }
  const type = raw.type;
  if (type === undefined) {
    issues.add("EPCIS_MISSING_FIELD", at(path, "type"), "missing; every event states its type, such as ObjectEvent");
    return undefined;
  }
  if (typeof type !== "string" || !isEventType(type)) {
    issues.add("EPCIS_UNSUPPORTED_TYPE", at(path, "type"), `${describeJson(type)} is not an EPCIS 2.0 event type (${epcisEventTypes.join(", ")})`);
    return undefined;
  }
  const extensions = readExtensions(scope, raw, path, fieldsByType[type], type, true);
  const event: EventFields = { type, ...readCommon(scope, raw, path) };
  readTypeSpecific(scope, raw, path, type, event);
  assignDefined(event, "extensions", extensions);
  const { "@context": _context, ...content } = raw;
  assignDefined(event, "namespaces", namespacesUsedBy(scope, content));
  return event as unknown as EpcisEvent;
}

function refuseIfInvalid(issues: IssueList): void {
  if (issues.count > 0) throw epcisInvalidError(issues.issues, issues.count);
}

function readTopObject(input: unknown): JsonObject {
  const json = readJsonInput(input);
  if (!isJsonObject(json)) {
    throw epcisInvalidError([{ code: "EPCIS_BAD_VALUE", path: "", message: `EPCIS input must be a JSON object, got ${describeJson(json)}` }], 1);
  }
  return json;
}

const documentFields = new Set(["@context", "type", "schemaVersion", "creationDate", "epcisHeader", "epcisBody", "id", "sender", "receiver", "instanceIdentifier"]);
const bodyFields = new Set(["eventList"]);
const schemaVersionPattern = /^2\.0(?:\.[0-9]+)?$/;

function readDocument(raw: JsonObject): EpcisDocument {
  const issues = new IssueList();
  const root: Scope = { namespaces: new Map(), issues };
  if (raw.type !== "EPCISDocument") {
    const hint = typeof raw.type === "string" && isEventType(raw.type) ? "; a single event is read with parseEpcisEvent" : "";
    issues.add("EPCIS_UNSUPPORTED_TYPE", "type", `expected "EPCISDocument", got ${describeJson(raw.type)}${hint}`);
    refuseIfInvalid(issues);
  }
  let scope = root;
  if (raw["@context"] === undefined) {
    issues.add("EPCIS_MISSING_CONTEXT", "@context", `missing; an EPCIS 2.0 JSON-LD document must reference the EPCIS context ${epcisContextUri}`);
  } else {
    const context = readContext(raw["@context"], "@context", issues, root.namespaces);
    if (!context.referencesEpcisContext) issues.add("EPCIS_MISSING_CONTEXT", "@context", `must reference the EPCIS 2.0 context ${epcisContextUri}`);
    scope = { namespaces: context.namespaces, issues };
  }
  const extensions = readExtensions(scope, raw, "", documentFields, "an EPCISDocument", true);
  const schemaVersion = requireField(scope, raw, "schemaVersion", "", "the document states its EPCIS version");
  if (schemaVersion !== undefined && (typeof schemaVersion !== "string" || !schemaVersionPattern.test(schemaVersion))) {
    issues.add("EPCIS_BAD_VALUE", "schemaVersion", `must be "2.0", got ${describeJson(schemaVersion)}`);
  }
  const creationDate = readTime(scope, requireField(scope, raw, "creationDate", "", "the document states when it was created"), "creationDate");
  const document: EpcisDocument = { schemaVersion: typeof schemaVersion === "string" ? schemaVersion : "", creationDate: creationDate ?? "", events: [] };
  assignDefined(document, "id", readUri(scope, raw.id, "id"));
  assignDefined(document, "sender", readString(scope, raw.sender, "sender"));
  assignDefined(document, "receiver", readString(scope, raw.receiver, "receiver"));
  assignDefined(document, "instanceIdentifier", readString(scope, raw.instanceIdentifier, "instanceIdentifier"));
  const header = readObject(scope, raw.epcisHeader, "epcisHeader");
  if (header !== undefined) {
    checkNestedNames(scope, header, "epcisHeader");
    document.epcisHeader = cloneJson(header) as JsonObject;
  }
  assignDefined(document, "extensions", extensions);
  const body = readObject(scope, requireField(scope, raw, "epcisBody", "", "the document carries its events in epcisBody.eventList"), "epcisBody");
  if (body !== undefined) {
    readExtensions(scope, body, "epcisBody", bodyFields, "epcisBody", false);
    const eventList = requireField(scope, body, "eventList", "epcisBody", "the document carries its events in epcisBody.eventList");
    if (eventList !== undefined && !Array.isArray(eventList)) {
      issues.add("EPCIS_BAD_VALUE", "epcisBody.eventList", `must be an array, got ${describeJson(eventList)}`);
    }
    if (Array.isArray(eventList)) {
      if (eventList.length > traceLimits.eventsPerDocumentMax) {
        throw new TraceError(
          { code: "EPCIS_TOO_LARGE", limit: "eventsPerDocumentMax", size: eventList.length, sizeMax: traceLimits.eventsPerDocumentMax },
          `EPCIS input exceeds eventsPerDocumentMax: ${eventList.length} > ${traceLimits.eventsPerDocumentMax}`,
        );
      }
      eventList.forEach((item, index) => {
        const event = parseEvent(item, itemAt("epcisBody.eventList", index), scope, false);
        if (event !== undefined) document.events.push(event);
      });
    }
  }
  const { "@context": _context, epcisBody: _body, ...rest } = raw;
  assignDefined(document, "namespaces", namespacesUsedBy(scope, rest));
  refuseIfInvalid(issues);
  return document;
}

/**
 * Parses and validates an EPCIS 2.0 JSON/JSON-LD document (`"type": "EPCISDocument"`), given as
 * text or as parsed JSON. Throws one TraceError listing every problem found.
 */
export function parseEpcisDocument(input: unknown): EpcisDocument {
  return readDocument(readTopObject(input));
}

/** Parses and validates one standalone EPCIS 2.0 event, which must carry its own @context. */
export function parseEpcisEvent(input: unknown): EpcisEvent {
  return readStandaloneEvent(readTopObject(input));
}

function readStandaloneEvent(raw: JsonObject): EpcisEvent {
  const issues = new IssueList();
  const event = parseEvent(raw, "", { namespaces: new Map(), issues }, true);
  refuseIfInvalid(issues);
  return event as EpcisEvent;
}

/** The events of either an EPCISDocument or a standalone event. */
export function parseEpcisEvents(input: unknown): EpcisEvent[] {
  const raw = readTopObject(input);
  return raw.type === "EPCISDocument" ? readDocument(raw).events : [readStandaloneEvent(raw)];
}
