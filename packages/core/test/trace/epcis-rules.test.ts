import assert from "node:assert/strict";
import { test } from "node:test";
import {
  epcisContextUri,
  isEpcisTimestamp,
  isTimeZoneOffset,
  parseEpcisDocument,
  parseEpcisEvent,
  traceLimits,
} from "../../src/trace/index.ts";
import type { JsonObject } from "../../src/trace/index.ts";
import { documentWith, issuesOf, objectEvent, summarize } from "./epcis-fixtures.ts";
import { expectTraceError } from "./helpers.ts";

const first = (field: string): string => `epcisBody.eventList[0].${field}`;

test("behavior: the three spellings of a standard bizStep and disposition normalise to the bare CBV word", () => {
  const spellings = [
    ["shipping", "in_transit"],
    ["urn:epcglobal:cbv:bizstep:shipping", "urn:epcglobal:cbv:disp:in_transit"],
    ["https://ref.gs1.org/cbv/BizStep-shipping", "https://ref.gs1.org/cbv/Disp-in_transit"],
    ["cbv:BizStep-shipping", "cbv:Disp-in_transit"],
  ];
  for (const [bizStep, disposition] of spellings) {
    const [event] = parseEpcisDocument(documentWith([objectEvent({ bizStep: bizStep as string, disposition: disposition as string })])).events;
    assert.equal(event?.bizStep, "shipping", `bizStep ${bizStep}`);
    assert.equal(event?.disposition, "in_transit", `disposition ${disposition}`);
  }
});

test("behavior: source, destination, business transaction and error reason types normalise the same way", () => {
  const [event] = parseEpcisDocument(
    documentWith([
      objectEvent({
        sourceList: [{ type: "urn:epcglobal:cbv:sdt:owning_party", source: "urn:epc:id:pgln:9506000.00001" }],
        destinationList: [{ type: "https://ref.gs1.org/cbv/SDT-location", destination: "urn:epc:id:sgln:9506000.00001.0" }],
        bizTransactionList: [{ type: "urn:epcglobal:cbv:btt:po", bizTransaction: "urn:epc:id:gdti:9506000.00001.1" }],
        errorDeclaration: { declarationTime: "2026-07-23T00:00:00Z", reason: "urn:epcglobal:cbv:er:did_not_occur" },
      }),
    ]),
  ).events;
  assert.equal(event?.sourceList?.[0]?.type, "owning_party", "source type");
  assert.equal(event?.destinationList?.[0]?.type, "location", "destination type");
  assert.equal(event?.bizTransactionList?.[0]?.type, "po", "business transaction type");
  assert.equal(event?.errorDeclaration?.reason, "did_not_occur", "error reason");
});

test("error: a word inside a CBV namespace that CBV 2.0 does not define is refused", () => {
  const issues = issuesOf(documentWith([objectEvent({ bizStep: "urn:epcglobal:cbv:bizstep:transforming" })]));
  assert.deepEqual(summarize(issues), [`EPCIS_NON_STANDARD_VOCABULARY at ${first("bizStep")}`], "issues");
  assert.ok(issues[0]?.message.includes("CBV namespace"), issues[0]?.message);
});

test("behavior: EPCIS timestamps need seconds and an offset, and a real calendar date", () => {
  for (const good of ["2026-07-22T06:45:00Z", "2026-07-22T06:45:00.123456789-14:00", "2024-02-29T23:59:59+14:00", "2005-07-11T11:30:47.0Z"]) {
    assert.equal(isEpcisTimestamp(good), true, good);
  }
  const badTimestamps = [
    "2026-07-22T06:45:00",
    "2026-07-22T06:45Z",
    "2026-02-30T00:00:00Z",
    "2026-07-22T24:00:00Z",
    "2026-07-22t06:45:00z",
    "2026-07-22T06:45:00+14:30",
    "22-07-2026",
  ];
  for (const bad of badTimestamps) {
    assert.equal(isEpcisTimestamp(bad), false, bad);
  }
  assert.equal(isTimeZoneOffset("-06:00"), true, "-06:00");
  for (const bad of ["+2:00", "+14:30", "Z", "+0200", "+15:00"]) assert.equal(isTimeZoneOffset(bad), false, bad);
  const issues = issuesOf(documentWith([objectEvent({ eventTime: "2026-07-22T06:45:00", eventTimeZoneOffset: "+2:00", recordTime: "yesterday" })]));
  assert.deepEqual(
    summarize(issues),
    [`EPCIS_BAD_TIME at ${first("eventTime")}`, `EPCIS_BAD_VALUE at ${first("eventTimeZoneOffset")}`, `EPCIS_BAD_TIME at ${first("recordTime")}`],
    "issues",
  );
});

test("error: action must be ADD, OBSERVE or DELETE", () => {
  const issues = issuesOf(documentWith([objectEvent({ action: "UPDATE" })]));
  assert.deepEqual(summarize(issues), [`EPCIS_BAD_VALUE at ${first("action")}`], "issues");
});

test("behavior: extension fields need a declared prefix, at document or event level; the EPCIS context's own prefixes need none", () => {
  assert.deepEqual(summarize(issuesOf(documentWith([objectEvent({ "gs1:note": "x", "cbvmda:lotNumber": "L1" })]))), [], "standard prefixes");
  const undeclared = issuesOf(documentWith([objectEvent({ "foo:bar": { "baz:qux": 1 } })]));
  assert.deepEqual(
    summarize(undeclared),
    [`EPCIS_UNDECLARED_NAMESPACE at ${first("foo:bar")}`, `EPCIS_UNDECLARED_NAMESPACE at ${first("foo:bar.baz:qux")}`],
    "undeclared, nested too",
  );
  assert.ok(undeclared[0]?.message.includes("'foo'"), undeclared[0]?.message);
  const eventLevel = objectEvent({ "@context": { foo: "https://foo.example/" }, "foo:bar": 1 });
  const [event] = parseEpcisDocument(documentWith([eventLevel])).events;
  assert.deepEqual(event?.namespaces, { foo: "https://foo.example/" }, "event-level declaration");
  assert.deepEqual(event?.extensions, { "foo:bar": 1 }, "extension kept");
});

test("error: an unknown plain field is refused with a hint to namespace it", () => {
  const issues = issuesOf(documentWith([objectEvent({ comment: "hello" })]));
  assert.deepEqual(summarize(issues), [`EPCIS_UNKNOWN_FIELD at ${first("comment")}`], "issues");
  assert.ok(issues[0]?.message.includes("example:comment"), issues[0]?.message);
});

test("error: ILMD belongs only to ADD", () => {
  const document = documentWith([objectEvent({ "@context": { ex: "https://ex.example/" }, ilmd: { "ex:lot": "1" } })]);
  assert.deepEqual(summarize(issuesOf(document)), [`EPCIS_BAD_VALUE at ${first("ilmd")}`], "OBSERVE with ILMD");
});

test("error: rules of each event type", () => {
  const base = { eventTime: "2026-07-22T06:45:00Z", eventTimeZoneOffset: "+00:00" };
  const cases: Array<[string, JsonObject, string[]]> = [
    ["TransformationEvent has no action", { ...base, type: "TransformationEvent", action: "ADD", inputEPCList: ["urn:x:1"], outputEPCList: ["urn:x:2"] }, [`EPCIS_UNKNOWN_FIELD at ${first("action")}`]],
    ["TransformationEvent with one side needs transformationID", { ...base, type: "TransformationEvent", inputEPCList: ["urn:x:1"] }, [`EPCIS_MISSING_FIELD at ${first("outputEPCList")}`]],
    ["TransformationEvent with one side and transformationID", { ...base, type: "TransformationEvent", inputEPCList: ["urn:x:1"], transformationID: "urn:x:t" }, []],
    ["AggregationEvent ADD needs parentID", { ...base, type: "AggregationEvent", action: "ADD", childEPCs: ["urn:x:1"] }, [`EPCIS_MISSING_FIELD at ${first("parentID")}`]],
    ["AggregationEvent needs children", { ...base, type: "AggregationEvent", action: "OBSERVE", parentID: "urn:x:p" }, [`EPCIS_MISSING_FIELD at ${first("childEPCs")}`]],
    ["AggregationEvent DELETE may omit children", { ...base, type: "AggregationEvent", action: "DELETE", parentID: "urn:x:p" }, []],
    ["AssociationEvent needs parentID", { ...base, type: "AssociationEvent", action: "ADD", childEPCs: ["urn:x:1"] }, [`EPCIS_MISSING_FIELD at ${first("parentID")}`]],
    ["TransactionEvent needs bizTransactionList", { ...base, type: "TransactionEvent", action: "ADD", epcList: ["urn:x:1"] }, [`EPCIS_MISSING_FIELD at ${first("bizTransactionList")}`]],
    ["TransactionEvent needs a non-empty bizTransactionList", { ...base, type: "TransactionEvent", action: "ADD", epcList: [], bizTransactionList: [] }, [`EPCIS_BAD_VALUE at ${first("bizTransactionList")}`]],
    [
      "ObjectEvent may report sensors only, at a read point",
      { ...base, type: "ObjectEvent", action: "OBSERVE", readPoint: { id: "urn:x:r" }, sensorElementList: [{ sensorReport: [{ type: "Temperature", value: 4, uom: "CEL" }] }] },
      [],
    ],
    ["an unknown event type", { ...base, type: "ExtendedEvent" }, [`EPCIS_UNSUPPORTED_TYPE at ${first("type")}`]],
    ["an event without type", { ...base }, [`EPCIS_MISSING_FIELD at ${first("type")}`]],
  ];
  for (const [description, event, expected] of cases) assert.deepEqual(summarize(issuesOf(documentWith([event]))), expected, description);
});

test("error: quantity elements, locations and sensor reports are checked field by field", () => {
  const issues = issuesOf(
    documentWith([
      objectEvent({
        quantityList: [{ epcClass: "urn:epc:class:lgtin:4012345.012345.998877", quantity: -1, uom: "kgm" }, { quantity: 1 }],
        readPoint: { id: "not a uri" },
        sensorElementList: [{ sensorReport: [{ type: "Temperature", value: "4", booleanValue: "yes", hexBinaryValue: "xyz" }] }, { sensorReport: [] }],
      }),
    ]),
  );
  assert.deepEqual(
    summarize(issues).sort(),
    [
      `EPCIS_BAD_VALUE at ${first("quantityList[0].quantity")}`,
      `EPCIS_BAD_VALUE at ${first("quantityList[0].uom")}`,
      `EPCIS_MISSING_FIELD at ${first("quantityList[1].epcClass")}`,
      `EPCIS_BAD_VALUE at ${first("readPoint.id")}`,
      `EPCIS_BAD_VALUE at ${first("sensorElementList[0].sensorReport[0].value")}`,
      `EPCIS_BAD_VALUE at ${first("sensorElementList[0].sensorReport[0].booleanValue")}`,
      `EPCIS_BAD_VALUE at ${first("sensorElementList[0].sensorReport[0].hexBinaryValue")}`,
      `EPCIS_BAD_VALUE at ${first("sensorElementList[1].sensorReport")}`,
    ].sort(),
    "issues",
  );
});

test("error: document envelope — type, schemaVersion, creationDate and the EPCIS context", () => {
  const document = documentWith([objectEvent()], ["https://example.com/other-context.jsonld"]);
  document.schemaVersion = "1.2";
  delete document.creationDate;
  assert.deepEqual(
    summarize(issuesOf(document)),
    ["EPCIS_MISSING_CONTEXT at @context", "EPCIS_BAD_VALUE at schemaVersion", "EPCIS_MISSING_FIELD at creationDate"],
    "issues",
  );
  expectTraceError(() => parseEpcisDocument({ ...objectEvent(), "@context": epcisContextUri }), "EPCIS_INVALID", "parseEpcisEvent");
  expectTraceError(() => parseEpcisDocument({ ...documentWith([]), epcisBody: { eventList: [], extra: 1 } }), "EPCIS_INVALID", "epcisBody.extra");
  assert.deepEqual(parseEpcisDocument(documentWith([])).events, [], "an empty event list is a valid document");
});

test("error: a standalone event needs its own @context with the EPCIS context", () => {
  expectTraceError(() => parseEpcisEvent(objectEvent()), "EPCIS_INVALID", "@context: missing");
  expectTraceError(() => parseEpcisEvent({ ...objectEvent(), "@context": [{ ex: "https://ex.example/" }] }), "EPCIS_INVALID", "must reference the EPCIS 2.0 context");
});

test("error: one refusal lists up to the bound of problems and counts the rest", () => {
  const events = Array.from({ length: 150 }, () => objectEvent({ bizStep: "transforming" }));
  const error = expectTraceError(() => parseEpcisDocument(documentWith(events)), "EPCIS_INVALID", "150 problems", "and 145 more");
  assert.equal(error.type.code === "EPCIS_INVALID" && error.type.issues.length, traceLimits.epcisIssuesReportedMax, "issues listed");
  assert.equal(error.type.code === "EPCIS_INVALID" && error.type.issueCount, 150, "issues counted");
});

test("error: bounds — events per document, string length, nesting depth and document size", () => {
  const tooMany = Array.from({ length: traceLimits.eventsPerDocumentMax + 1 }, () => ({}));
  expectTraceError(() => parseEpcisDocument(documentWith(tooMany)), "EPCIS_TOO_LARGE", "eventsPerDocumentMax");
  const longIdentifier = `urn:x:${"a".repeat(traceLimits.jsonStringLengthMax)}`;
  expectTraceError(() => parseEpcisDocument(documentWith([objectEvent({ eventID: longIdentifier })])), "EPCIS_TOO_LARGE", "jsonStringLengthMax");
  let deep: JsonObject = { "ex:leaf": 1 };
  for (let level = 0; level < traceLimits.jsonDepthMax; level++) deep = { "ex:level": deep };
  expectTraceError(() => parseEpcisDocument(documentWith([objectEvent({ "ex:deep": deep })])), "EPCIS_TOO_LARGE", "jsonDepthMax");
  expectTraceError(() => parseEpcisDocument(" ".repeat(traceLimits.epcisDocumentBytesMax + 1)), "EPCIS_TOO_LARGE", "epcisDocumentBytesMax");
  const cyclic: JsonObject = {};
  cyclic.self = cyclic;
  expectTraceError(() => parseEpcisDocument(cyclic), "EPCIS_TOO_LARGE", "jsonDepthMax");
});

test("error: input that is not JSON", () => {
  expectTraceError(() => parseEpcisDocument("{ not json"), "EPCIS_MALFORMED_JSON");
  expectTraceError(() => parseEpcisDocument(documentWith([objectEvent({ "ex:n": Number.NaN })])), "EPCIS_MALFORMED_JSON", "non-finite");
  expectTraceError(() => parseEpcisDocument({ when: new Date(0) }), "EPCIS_MALFORMED_JSON", "object");
  expectTraceError(() => parseEpcisDocument("[1, 2]"), "EPCIS_INVALID", "JSON object");
});

test("behavior: a __proto__ key inside an extension is kept as data and pollutes nothing", () => {
  const text = JSON.stringify(documentWith([objectEvent({ "@context": { ex: "https://ex.example/" } })])).replace(
    '"action"',
    '"ex:payload":{"__proto__":{"polluted":true}},"action"',
  );
  const [event] = parseEpcisDocument(text).events;
  const payload = event?.extensions?.["ex:payload"] as JsonObject;
  assert.ok(Object.hasOwn(payload, "__proto__"), "own __proto__ key kept");
  assert.equal(Object.getPrototypeOf(payload), Object.prototype, "prototype unchanged");
  assert.equal(({} as Record<string, unknown>).polluted, undefined, "Object.prototype not polluted");
});
