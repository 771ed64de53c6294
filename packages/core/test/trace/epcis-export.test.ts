import assert from "node:assert/strict";
import { test } from "node:test";
import { epcisContextUri, exportEpcisDocument, parseEpcisDocument, traceLimits } from "../../src/trace/index.ts";
import type { EpcisEvent, JsonObject } from "../../src/trace/index.ts";
import { documentWith, objectEvent } from "./epcis-fixtures.ts";
import { epcisSuiteFiles, ownEpcisSuite, readEpcisSuiteFile } from "./epcis-suites.ts";
import { expectTraceError } from "./helpers.ts";

const options = { creationDate: "2026-07-22T10:30:00Z", schemaVersion: "2.0" } as const;

function eventsOf(document: JsonObject): EpcisEvent[] {
  return parseEpcisDocument(document).events;
}

test("default: export writes an EPCIS 2.0 JSON-LD document with the context, version and date", () => {
  const events = eventsOf(documentWith([objectEvent({ bizStep: "urn:epcglobal:cbv:bizstep:shipping" })]));
  const exported = exportEpcisDocument(events, { ...options, sender: "urn:epc:id:sgln:9506000.00001.0", instanceIdentifier: "42" });
  assert.deepEqual(exported["@context"], [epcisContextUri], "context");
  assert.equal(exported.type, "EPCISDocument", "type");
  assert.equal(exported.schemaVersion, "2.0", "schemaVersion");
  assert.equal(exported.creationDate, options.creationDate, "creationDate");
  assert.equal(exported.sender, "urn:epc:id:sgln:9506000.00001.0", "sender");
  const [event] = (exported.epcisBody as { eventList: JsonObject[] }).eventList;
  assert.equal(event?.bizStep, "shipping", "a standard bizStep is written as its bare CBV word");
});

test("behavior: namespaces shared by all events are declared once at document level", () => {
  const context = [epcisContextUri, { ex: "https://ex.example/" }];
  const events = eventsOf(documentWith([objectEvent({ "ex:a": 1 }), objectEvent({ "ex:b": 2 })], context));
  const exported = exportEpcisDocument(events, options);
  assert.deepEqual(exported["@context"], context, "one declaration");
  assert.deepEqual(eventsOf(exported), events, "round trip");
});

test("behavior: events that give one prefix different IRIs each keep their own @context", () => {
  const left = eventsOf(documentWith([objectEvent({ "ex:a": 1 })], [epcisContextUri, { ex: "https://left.example/" }]));
  const right = eventsOf(documentWith([objectEvent({ "ex:a": 2 })], [epcisContextUri, { ex: "https://right.example/" }]));
  const merged = [...left, ...right];
  const exported = exportEpcisDocument(merged, options);
  assert.deepEqual(exported["@context"], [epcisContextUri], "nothing shared");
  const eventList = (exported.epcisBody as { eventList: JsonObject[] }).eventList;
  assert.deepEqual(eventList.map((event) => event["@context"]), [{ ex: "https://left.example/" }, { ex: "https://right.example/" }], "per-event contexts");
  assert.deepEqual(eventsOf(exported), merged, "round trip");
});

test("behavior: a prefix is not shared when another event uses the same letters without declaring them", () => {
  // "ex:thing" without a declaration is an absolute URI with scheme "ex"; declaring ex for the
  // whole document would silently change what it means.
  const plain = eventsOf(documentWith([objectEvent({ readPoint: { id: "ex:thing" } })]));
  const declared = eventsOf(documentWith([objectEvent({ "ex:a": 1 })], [epcisContextUri, { ex: "https://ex.example/" }]));
  assert.equal(plain[0]?.namespaces, undefined, "the plain event relies on no declaration");
  const exported = exportEpcisDocument([...plain, ...declared], options);
  assert.deepEqual(exported["@context"], [epcisContextUri], "ex stays local");
  assert.deepEqual(eventsOf(exported), [...plain, ...declared], "round trip");
});

test("behavior: the events of every own document, exported together, make JSON text that parses back to the same events", () => {
  const events = epcisSuiteFiles(ownEpcisSuite, "Documents").flatMap((name) => parseEpcisDocument(readEpcisSuiteFile(ownEpcisSuite, "Documents", name)).events);
  const text = JSON.stringify(exportEpcisDocument(events, options));
  assert.deepEqual(parseEpcisDocument(text).events, events, "round trip through text");
});

test("error: export refuses events that would make an invalid document", () => {
  const [event] = eventsOf(documentWith([objectEvent()]));
  const broken = { ...(event as EpcisEvent), bizStep: "transforming" } as EpcisEvent;
  expectTraceError(() => exportEpcisDocument([broken], options), "EPCIS_INVALID", "bizStep", "'transforming'");
  expectTraceError(() => exportEpcisDocument([event as EpcisEvent], { ...options, creationDate: "today" }), "EPCIS_INVALID", "creationDate");
});

test("error: export is bounded by eventsPerDocumentMax", () => {
  const [event] = eventsOf(documentWith([objectEvent()]));
  const events = Array.from({ length: traceLimits.eventsPerDocumentMax + 1 }, () => event as EpcisEvent);
  expectTraceError(() => exportEpcisDocument(events, options), "EPCIS_TOO_LARGE", "eventsPerDocumentMax");
});
