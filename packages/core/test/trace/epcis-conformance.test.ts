import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { exportEpcisDocument, exportEpcisEvent, parseEpcisDocument, parseEpcisEvent, parseEpcisEvents } from "../../src/trace/index.ts";
import type { EpcisIssue, EpcisIssueCode, TraceError } from "../../src/trace/index.ts";
import { type EpcisSuite, epcisSuiteFiles, externalEpcisSuite, ownEpcisSuite, readEpcisSuiteFile } from "./epcis-suites.ts";
import { expectTraceError } from "./helpers.ts";

/*
 * EPCIS 2.0 conformance, on the project's own files (fixtures/epcis) and, when present, on the
 * external OpenEPCIS files (../shared/testdata/epcis): every document and event must parse and
 * survive export, and every invalid file must be refused for the reason its name gives, and for
 * no other.
 */

interface Expected {
  code: EpcisIssueCode;
  path: string;
  /** Words the message must contain besides the path. */
  mentions: string[];
}

const eventAt = (index: number, field: string): string => `epcisBody.eventList[${index}].${field}`;

const ownInvalidExpectations: Record<string, Expected[]> = {
  "AggregationEvent_ADD_without_parentID.json": [{ code: "EPCIS_MISSING_FIELD", path: eventAt(0, "parentID"), mentions: ["action ADD"] }],
  "AssociationEvent_without_parentID.json": [{ code: "EPCIS_MISSING_FIELD", path: eventAt(0, "parentID"), mentions: ["missing"] }],
  "EPCISDocument_with_context_of_another_standard.json": [{ code: "EPCIS_MISSING_CONTEXT", path: "@context", mentions: ["epcis-context.jsonld"] }],
  "EPCISDocument_with_schemaVersion_1_2.json": [{ code: "EPCIS_BAD_VALUE", path: "schemaVersion", mentions: ['"2.0"', '"1.2"'] }],
  "EPCISDocument_without_context.json": [{ code: "EPCIS_MISSING_CONTEXT", path: "@context", mentions: ["missing", "epcis-context.jsonld"] }],
  "EPCISDocument_without_creationDate.json": [{ code: "EPCIS_MISSING_FIELD", path: "creationDate", mentions: ["missing"] }],
  "Event_of_unknown_type.json": [{ code: "EPCIS_UNSUPPORTED_TYPE", path: eventAt(0, "type"), mentions: ['"RepairEvent"', "ObjectEvent"] }],
  "ObjectEvent_with_errorDeclaration_without_time.json": [{ code: "EPCIS_MISSING_FIELD", path: eventAt(0, "errorDeclaration.declarationTime"), mentions: ["missing"] }],
  "ObjectEvent_with_eventID_not_a_uri.json": [{ code: "EPCIS_BAD_VALUE", path: eventAt(0, "eventID"), mentions: ["absolute URI", '"event 17"'] }],
  "ObjectEvent_with_eventTime_as_date.json": [{ code: "EPCIS_BAD_TIME", path: eventAt(0, "eventTime"), mentions: ['"01/03/2026 08:00"', "ISO 8601"] }],
  "ObjectEvent_with_eventTime_without_offset.json": [{ code: "EPCIS_BAD_TIME", path: eventAt(0, "eventTime"), mentions: ['"2026-03-01T08:00:00"', "UTC offset"] }],
  "ObjectEvent_with_ilmd_field_without_namespace.json": [{ code: "EPCIS_UNKNOWN_FIELD", path: eventAt(0, "ilmd.sterilisationMethod"), mentions: ["namespace prefix"] }],
  "ObjectEvent_with_ilmd_on_observe.json": [{ code: "EPCIS_BAD_VALUE", path: eventAt(0, "ilmd"), mentions: ["only to an ADD event", "OBSERVE"] }],
  "ObjectEvent_with_non_standard_bizStep.json": [{ code: "EPCIS_NON_STANDARD_VOCABULARY", path: eventAt(0, "bizStep"), mentions: ["'sterilising'", "business step"] }],
  "ObjectEvent_with_non_standard_disposition.json": [{ code: "EPCIS_NON_STANDARD_VOCABULARY", path: eventAt(0, "disposition"), mentions: ["'quarantined'", "disposition"] }],
  "ObjectEvent_with_plain_unknown_field.json": [{ code: "EPCIS_UNKNOWN_FIELD", path: eventAt(0, "operator"), mentions: ["namespace prefix"] }],
  "ObjectEvent_with_quantity_as_text.json": [{ code: "EPCIS_BAD_VALUE", path: eventAt(0, "quantityList[0].quantity"), mentions: ["number", '"ten"'] }],
  "ObjectEvent_with_undeclared_extension_prefix.json": [{ code: "EPCIS_UNDECLARED_NAMESPACE", path: eventAt(0, "kx:note"), mentions: ["'kx'", "not declared"] }],
  "ObjectEvent_without_action_and_eventTime.json": [
    { code: "EPCIS_MISSING_FIELD", path: eventAt(0, "eventTime"), mentions: ["missing"] },
    { code: "EPCIS_MISSING_FIELD", path: eventAt(0, "action"), mentions: ["ADD, OBSERVE or DELETE"] },
  ],
  "ObjectEvent_without_eventTimeZoneOffset.json": [{ code: "EPCIS_MISSING_FIELD", path: eventAt(1, "eventTimeZoneOffset"), mentions: ["missing"] }],
  "ObjectEvent_without_identifier_list.json": [{ code: "EPCIS_MISSING_FIELD", path: eventAt(0, "epcList"), mentions: ["epcList or quantityList"] }],
  "TransactionEvent_without_bizTransactionList.json": [{ code: "EPCIS_MISSING_FIELD", path: eventAt(0, "bizTransactionList"), mentions: ["missing"] }],
  "TransformationEvent_with_inputs_only.json": [{ code: "EPCIS_MISSING_FIELD", path: eventAt(0, "outputEPCList"), mentions: ["inputs and outputs"] }],
};

const externalInvalidExpectations: Record<string, Expected[]> = {
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


function conformanceSuite(suite: EpcisSuite, invalidExpectations: Record<string, Expected[]>): void {
  for (const name of epcisSuiteFiles(suite, "Documents")) {
    test(`conformance: Documents/${name} parses, and parse → export → parse gives equal events`, () => {
      const text = readEpcisSuiteFile(suite, "Documents", name);
      const document = parseEpcisDocument(text);
      const raw = JSON.parse(text) as { creationDate: string; epcisBody: { eventList: unknown[] } };
      assert.equal(document.events.length, raw.epcisBody.eventList.length, "every event is kept");
      assert.equal(document.creationDate, raw.creationDate, "creationDate");
      const exported = exportEpcisDocument(document.events, { creationDate: document.creationDate, schemaVersion: "2.0" });
      assert.deepEqual(parseEpcisDocument(exported).events, document.events, "events after export and parse");
      assert.deepEqual(parseEpcisDocument(JSON.stringify(exported)).events, document.events, "events after export, serialisation and parse");
    });
  }

  for (const name of epcisSuiteFiles(suite, "Events")) {
    test(`conformance: Events/${name} parses as a standalone event and round-trips alone and in a document`, () => {
      const text = readEpcisSuiteFile(suite, "Events", name);
      const event = parseEpcisEvent(text);
      assert.equal(event.type, (JSON.parse(text) as { type: string }).type, "type");
      assert.deepEqual(parseEpcisEvent(exportEpcisEvent(event)), event, "standalone export");
      const document = exportEpcisDocument([event], { creationDate: "2026-01-01T00:00:00Z", schemaVersion: "2.0" });
      assert.deepEqual(parseEpcisEvents(document), [event], "inside a document");
    });
  }

  test("conformance: every file in Invalid/ has an expected refusal listed here", () => {
    assert.deepEqual(epcisSuiteFiles(suite, "Invalid"), Object.keys(invalidExpectations).sort(), "Invalid/ files and expectations");
  });

  for (const name of epcisSuiteFiles(suite, "Invalid")) {
    test(`conformance: Invalid/${name} is refused for its stated reason`, () => {
      const expected = invalidExpectations[name] ?? [];
      const error: TraceError = expectTraceError(() => parseEpcisDocument(readEpcisSuiteFile(suite, "Invalid", name)), "EPCIS_INVALID");
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
}

describe("own EPCIS 2.0 files (fixtures/epcis)", () => {
  conformanceSuite(ownEpcisSuite, ownInvalidExpectations);

  test("conformance: every event type, and each feature the parser supports, appears in the own documents", () => {
    const events = epcisSuiteFiles(ownEpcisSuite, "Documents").flatMap((name) => parseEpcisDocument(readEpcisSuiteFile(ownEpcisSuite, "Documents", name)).events);
    assert.deepEqual([...new Set(events.map((event) => event.type))].sort(), ["AggregationEvent", "AssociationEvent", "ObjectEvent", "TransactionEvent", "TransformationEvent"], "event types");
    const has = (what: string, predicate: (event: (typeof events)[number]) => boolean) => assert.ok(events.some(predicate), what);
    has("sensor data", (event) => (event.sensorElementList?.length ?? 0) > 0);
    has("an error declaration", (event) => event.errorDeclaration !== undefined);
    has("a persistent disposition", (event) => event.persistentDisposition !== undefined);
    has("a user extension", (event) => event.extensions !== undefined);
    has("ILMD", (event) => "ilmd" in event && event.ilmd !== undefined);
    has("a certificationInfo", (event) => event.certificationInfo !== undefined);
    has("source and destination lists", (event) => event.sourceList !== undefined && event.destinationList !== undefined);
    const identifiers = events.flatMap((event) => ["epcList", "childEPCs", "inputEPCList", "outputEPCList", "parentID"].flatMap((field) => ((event as unknown as Record<string, string | string[] | undefined>)[field] ?? [])));
    for (const scheme of ["sgtin", "sscc", "sgln", "grai", "giai", "gsrn", "gsrnp", "gdti", "sgcn", "ginc", "gsin", "pgln"]) {
      assert.ok(identifiers.some((epc) => epc.startsWith(`urn:epc:id:${scheme}:`)), `an EPC URI of ${scheme}`);
    }
    for (const ai of ["01", "00", "414", "417", "8003", "8004", "8018", "253", "255", "401", "402"]) {
      assert.ok(identifiers.some((epc) => epc.startsWith(`https://id.gs1.org/${ai}/`)), `a Digital Link of (${ai})`);
    }
  });
});

describe("external EPCIS 2.0 files (../shared/testdata/epcis)", () => {
  if (externalEpcisSuite.skipReason !== undefined) {
    test("conformance: the external suite", { skip: externalEpcisSuite.skipReason }, () => {});
    return;
  }
  conformanceSuite(externalEpcisSuite, externalInvalidExpectations);

  test("conformance: the all-possible-fields ObjectEvent keeps ILMD, extensions, and the namespaces they need", () => {
    const [event] = parseEpcisDocument(readEpcisSuiteFile(externalEpcisSuite, "Documents", "ObjectEvent_all_possible_fields.json")).events;
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
    const [custom] = parseEpcisDocument(readEpcisSuiteFile(externalEpcisSuite, "Documents", "ObjectEvent_with_custom_bizStep_uri.json")).events;
    assert.equal(custom?.bizStep, "https://example.com/bizStep/inspecting", "custom bizStep");
    const [association] = parseEpcisDocument(readEpcisSuiteFile(externalEpcisSuite, "Documents", "AssociationEvent_with_userExtensions.json")).events;
    assert.deepEqual(
      association?.extensions?.["example:extension"],
      { moreExtensions: { futureExtension: { tag1: "1", tag2: "2", tag3: "3" } } },
      "nested names inside an extension need no prefix",
    );
  });
});
