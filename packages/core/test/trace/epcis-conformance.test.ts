import assert from "node:assert/strict";
import { test } from "node:test";
import { exportEpcisDocument, exportEpcisEvent, parseEpcisDocument, parseEpcisEvent, parseEpcisEvents } from "../../src/trace/index.ts";
import type { EpcisIssue, EpcisIssueCode, TraceError } from "../../src/trace/index.ts";
import { epcisTestFiles, expectTraceError, readEpcisTestFile } from "./helpers.ts";

/*
 * The EPCIS 2.0 conformance files (OpenEPCIS test resources, read in place from
 * ../shared/testdata/epcis): every document and event must parse and survive export, and every
 * invalid file must be refused for the reason its name gives, and for no other.
 */

for (const name of epcisTestFiles("Documents")) {
  test(`conformance: Documents/${name} parses, and parse → export → parse gives equal events`, () => {
    const text = readEpcisTestFile("Documents", name);
    const document = parseEpcisDocument(text);
    const raw = JSON.parse(text) as { creationDate: string; epcisBody: { eventList: unknown[] } };
    assert.equal(document.events.length, raw.epcisBody.eventList.length, "every event is kept");
    assert.equal(document.creationDate, raw.creationDate, "creationDate");
    const exported = exportEpcisDocument(document.events, { creationDate: document.creationDate, schemaVersion: "2.0" });
    assert.deepEqual(parseEpcisDocument(exported).events, document.events, "events after export and parse");
    assert.deepEqual(parseEpcisDocument(JSON.stringify(exported)).events, document.events, "events after export, serialisation and parse");
  });
}

for (const name of epcisTestFiles("Events")) {
  test(`conformance: Events/${name} parses as a standalone event and round-trips alone and in a document`, () => {
    const text = readEpcisTestFile("Events", name);
    const event = parseEpcisEvent(text);
    assert.equal(event.type, (JSON.parse(text) as { type: string }).type, "type");
    assert.deepEqual(parseEpcisEvent(exportEpcisEvent(event)), event, "standalone export");
    const document = exportEpcisDocument([event], { creationDate: "2026-01-01T00:00:00Z", schemaVersion: "2.0" });
    assert.deepEqual(parseEpcisEvents(document), [event], "inside a document");
  });
}

interface Expected {
  code: EpcisIssueCode;
  path: string;
  /** Words the message must contain besides the path. */
  mentions: string[];
}

const eventAt = (index: number, field: string): string => `epcisBody.eventList[${index}].${field}`;

const invalidExpectations: Record<string, Expected[]> = {
  "Combination_of_events_with_missing_mandatory_fields.json": [
    { code: "EPCIS_MISSING_FIELD", path: eventAt(0, "action"), mentions: ["ADD, OBSERVE or DELETE"] },
    { code: "EPCIS_MISSING_FIELD", path: eventAt(1, "eventTimeZoneOffset"), mentions: ["missing"] },
    { code: "EPCIS_MISSING_FIELD", path: eventAt(1, "action"), mentions: ["missing"] },
  ],
  "Combination_of_non_standard_bizStep_and_disposition.json": [
    { code: "EPCIS_NON_STANDARD_VOCABULARY", path: eventAt(0, "bizStep"), mentions: ["'transforming'", "business step"] },
    { code: "EPCIS_NON_STANDARD_VOCABULARY", path: eventAt(1, "disposition"), mentions: ["'in_transport'", "disposition"] },
  ],
  "EPCISDocument_without_context.json": [{ code: "EPCIS_MISSING_CONTEXT", path: "@context", mentions: ["missing", "epcis-context.jsonld"] }],
  "ObjectEvent_with_ilmd_field_without_namespace.json": [
    { code: "EPCIS_UNKNOWN_FIELD", path: eventAt(0, "ilmd.materialType"), mentions: ["namespace prefix"] },
  ],
  "ObjectEvent_with_invalid_certificationInfo.json": [
    { code: "EPCIS_BAD_VALUE", path: eventAt(0, "certificationInfo[0]"), mentions: ["URI", "got an object"] },
    { code: "EPCIS_BAD_VALUE", path: eventAt(0, "certificationInfo[1]"), mentions: ["URI", "got an object"] },
  ],
  "ObjectEvent_with_invalid_eventTime_format.json": [{ code: "EPCIS_BAD_TIME", path: eventAt(0, "eventTime"), mentions: ['"22-07-2026"', "ISO 8601"] }],
  "ObjectEvent_with_non_standard_bizStep.json": [{ code: "EPCIS_NON_STANDARD_VOCABULARY", path: eventAt(0, "bizStep"), mentions: ["'transforming'"] }],
  "ObjectEvent_with_non_standard_bizStep_in_second_event.json": [
    { code: "EPCIS_NON_STANDARD_VOCABULARY", path: eventAt(1, "bizStep"), mentions: ["'transforming'"] },
  ],
  "ObjectEvent_with_non_standard_disposition.json": [{ code: "EPCIS_NON_STANDARD_VOCABULARY", path: eventAt(0, "disposition"), mentions: ["'in_transport'"] }],
  "ObjectEvent_with_quantity_as_text.json": [{ code: "EPCIS_BAD_VALUE", path: eventAt(0, "quantityList[0].quantity"), mentions: ["number", '"twenty"'] }],
  "ObjectEvent_with_unknown_field_in_quantityList.json": [
    { code: "EPCIS_UNKNOWN_FIELD", path: eventAt(0, "quantityList[0].weight"), mentions: ["quantity element", "epcClass, quantity, uom"] },
  ],
  "ObjectEvent_without_action_and_eventTime.json": [
    { code: "EPCIS_MISSING_FIELD", path: eventAt(0, "eventTime"), mentions: ["missing"] },
    { code: "EPCIS_MISSING_FIELD", path: eventAt(0, "eventTimeZoneOffset"), mentions: ["missing"] },
    { code: "EPCIS_MISSING_FIELD", path: eventAt(0, "action"), mentions: ["missing"] },
  ],
  "ObjectEvent_without_identifier_list.json": [{ code: "EPCIS_MISSING_FIELD", path: eventAt(0, "epcList"), mentions: ["epcList or quantityList"] }],
};

test("conformance: every file in Invalid/ has an expected refusal listed here", () => {
  assert.deepEqual(epcisTestFiles("Invalid"), Object.keys(invalidExpectations).sort(), "Invalid/ files and expectations");
});

for (const name of epcisTestFiles("Invalid")) {
  test(`conformance: Invalid/${name} is refused for its stated reason`, () => {
    const expected = invalidExpectations[name] ?? [];
    const error: TraceError = expectTraceError(() => parseEpcisDocument(readEpcisTestFile("Invalid", name)), "EPCIS_INVALID");
    const issues: readonly EpcisIssue[] = error.type.code === "EPCIS_INVALID" ? error.type.issues : [];
    const summary = (list: ReadonlyArray<{ code: string; path: string }>) => list.map(({ code, path }) => `${code} at ${path}`).sort();
    assert.deepEqual(summary(issues), summary(expected), `issues of ${name}: ${error.message}`);
    for (const { path, mentions } of expected) {
      const issue = issues.find((candidate) => candidate.path === path);
      for (const word of mentions) assert.ok(issue?.message.includes(word), `issue at ${path} should mention ${word}: ${issue?.message}`);
      assert.ok(error.message.includes(path), `the error message names ${path}: ${error.message}`);
    }
  });
}

test("conformance: the all-possible-fields ObjectEvent keeps ILMD, extensions, and the namespaces they need", () => {
  const [event] = parseEpcisDocument(readEpcisTestFile("Documents", "ObjectEvent_all_possible_fields.json")).events;
  assert.ok(event !== undefined && event.type === "ObjectEvent", "one ObjectEvent");
  assert.deepEqual(event.namespaces, { ext1: "http://example.com/ext1/", ext2: "http://example.com/ext2/", ext3: "http://example.com/ext3/" }, "namespaces");
  assert.equal(event.ilmd?.["cbvmda:lotNumber"], "ABC123", "ILMD in the standard cbvmda namespace");
  assert.deepEqual(
    event.extensions?.["ext1:object"],
    {
      "ext2:array": ["11", "21", "stringInArrayInObject"],
      "ext2:object": { "ext2:object": { "ext3:string": "stringInObjectInObject" } },
      "ext2:string": "stringInObject",
    },
    "nested extension verbatim",
  );
  assert.deepEqual(event.certificationInfo, ["https://accreditation-council.example.org/certificate/ABC12345"], "certificationInfo as a list");
  assert.deepEqual(event.persistentDisposition, { unset: ["completeness_inferred"], set: ["completeness_verified"] }, "persistentDisposition");
  assert.equal(event.errorDeclaration?.reason, "incorrect_data", "error reason");
  assert.equal(event.readPoint?.id, "urn:epc:id:sgln:0012345.11111.400", "readPoint");
  assert.deepEqual(event.quantityList, [{ epcClass: "urn:epc:class:lgtin:4012345.012345.998877", quantity: 200, uom: "KGM" }], "quantityList");
});

test("conformance: a custom bizStep URI is kept as written, and plain user-extension content stays verbatim", () => {
  const [custom] = parseEpcisDocument(readEpcisTestFile("Documents", "ObjectEvent_with_custom_bizStep_uri.json")).events;
  assert.equal(custom?.bizStep, "https://example.com/bizStep/inspecting", "custom bizStep");
  const [association] = parseEpcisDocument(readEpcisTestFile("Documents", "AssociationEvent_with_userExtensions.json")).events;
  assert.deepEqual(
    association?.extensions?.["example:extension"],
    { moreExtensions: { futureExtension: { tag1: "1", tag2: "2", tag3: "3" } } },
    "nested names inside an extension need no prefix",
  );
});
