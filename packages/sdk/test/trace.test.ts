import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { TraceError, epcisContextUri, parseEpcisDocument } from "@kexin/core";
import { ApiError, SdkError, createClient, trace } from "../src/index.ts";
import { type EpcisJson, commission, epcisDocument, gtinOf, observe, scenarioLocations, sgtin, ship } from "../../node/test/trace/fixtures.ts";
import { apiError, json, startFakeNode } from "./fakeNode.ts";

const gtin = gtinOf("10734");
const { plant, warehouse } = scenarioLocations;

function assertInvalid(build: () => unknown, parameter: string, pattern: RegExp): void {
  assert.throws(build, (error: unknown) => {
    assert.ok(error instanceof SdkError, `expected SdkError, got ${String(error)}`);
    assert.equal(error.code, "SDK_INVALID_PARAMETER", "the error is an invalid parameter");
    assert.equal((error.type as { parameter: string }).parameter, parameter, "the error names the parameter");
    assert.match(error.message, pattern, "the message says what is wrong");
    return true;
  });
}

/** A unit's lifecycle at the plant: commissioned, inspected, shipped to the warehouse; three events per unit. */
function lifecycleEvents(units: number, serialPrefix = "S"): EpcisJson[] {
  const events: EpcisJson[] = [];
  for (let unit = 0; unit < units; unit++) {
    const epc = sgtin(gtin, `${serialPrefix}${String(unit).padStart(6, "0")}`);
    events.push(commission([epc], { time: unit, location: plant.id, lot: "L1", expiry: "2030-12-31", eventId: `urn:uuid:00000000-0000-4000-8000-${String(unit).padStart(12, "0")}` }));
    events.push(observe([epc], "inspecting", { time: unit + 1, location: plant.id, disposition: "active" }));
    events.push(ship([epc], { time: unit + 2, location: plant.id, destination: warehouse.id }));
  }
  return events;
}

describe("trace builders", () => {
  test("default: every transaction type builds its call, GTINs as GTIN-14", () => {
    assert.deepEqual(trace.registerProduct({ gtin: "0614141107346", name: "Infusion pump", deviceClass: "II", registrationNumber: "国械注准20263140001" }), {
      module: "trace",
      type: "register_product",
      payload: { gtin: "00614141107346", name: "Infusion pump", deviceClass: "II", registrationNumber: "国械注准20263140001" },
    });
    assert.deepEqual(trace.registerLot({ gtin, lot: "LOT-1", expiryDate: "2030-12-31" }).payload, { gtin, lot: "LOT-1", expiryDate: "2030-12-31" }, "absent dates are left out");
    assert.deepEqual(trace.registerLocation({ id: plant.id, org: "manufacturer", region: "CN-32", name: "Suzhou plant" }), {
      module: "trace",
      type: "register_location",
      payload: { id: plant.id, org: "manufacturer", region: "CN-32", name: "Suzhou plant" },
    });
    assert.deepEqual(trace.setRule({ deviceClass: "III", transitTimeMaxSeconds: 86_400, temperatureMinTenthsCelsius: 20, temperatureMaxTenthsCelsius: 80 }).payload, {
      deviceClass: "III",
      transitTimeMaxSeconds: 86_400,
      temperatureMinTenthsCelsius: 20,
      temperatureMaxTenthsCelsius: 80,
    });
    assert.deepEqual(trace.recall({ gtin, reason: "battery overheats" }), { module: "trace", type: "recall", payload: { gtin, reason: "battery overheats" } });
    assert.deepEqual(trace.recall({ gtin, lot: "LOT-1", reason: "seal" }).payload, { gtin, lot: "LOT-1", reason: "seal" });
    assert.deepEqual(trace.registerDemand({ gtin, region: "CN-31", quantity: 0 }), { module: "trace", type: "register_demand", payload: { gtin, region: "CN-31", quantity: 0 } });
    const document = epcisDocument(lifecycleEvents(2));
    assert.deepEqual(trace.importEpcis({ document }), { module: "trace", type: "import_epcis", payload: { document } });
    assert.equal(trace.importEpcis({ document: JSON.parse(document) as never }).payload.document, document, "a parsed document is sent as its JSON text");
  });

  test("error: GTINs with a wrong check digit or length", () => {
    assertInvalid(() => trace.registerProduct({ gtin: "00614141107347", name: "x", deviceClass: "I", registrationNumber: "r" }), "gtin", /check digit/);
    assertInvalid(() => trace.recall({ gtin: "12345", reason: "x" }), "gtin", /8, 12, 13 or 14 digits/);
  });

  test("error: fields the node's schema would refuse", () => {
    assertInvalid(() => trace.registerProduct({ gtin, name: "x", deviceClass: "IV" as never, registrationNumber: "r" }), "deviceClass", /"I", "II" or "III"/);
    assertInvalid(() => trace.registerProduct({ gtin, name: "", deviceClass: "I", registrationNumber: "r" }), "name", /non-empty/);
    assertInvalid(() => trace.registerLot({ gtin, lot: "L".repeat(21) }), "lot", /1 to 20 characters/);
    assertInvalid(() => trace.registerLot({ gtin, lot: "L1", expiryDate: "2030-02-30" }), "expiryDate", /calendar date/);
    assertInvalid(() => trace.registerLot({ gtin, lot: "L1", productionDate: "2030-01-02", expiryDate: "2030-01-01" }), "expiryDate", /before productionDate/);
    assertInvalid(() => trace.registerLocation({ id: "not a uri", org: "manufacturer", region: "CN-31", name: "x" }), "id", /absolute URI/);
    assertInvalid(() => trace.registerLocation({ id: plant.id, org: "Manufacturer", region: "CN-31", name: "x" }), "org", /organisation id/);
    assertInvalid(() => trace.registerLocation({ id: plant.id, org: "manufacturer", region: "CN 31", name: "x" }), "region", /region code/);
    assertInvalid(() => trace.setRule({ deviceClass: "II", temperatureMinTenthsCelsius: 90, temperatureMaxTenthsCelsius: 20 }), "temperatureMinTenthsCelsius", /not be above/);
    assertInvalid(() => trace.setRule({ deviceClass: "II", transitTimeMaxSeconds: 0 }), "transitTimeMaxSeconds", /between 1 and/);
    assertInvalid(() => trace.setRule({ deviceClass: "II", usesBetweenMaintenanceMax: 2.5 }), "usesBetweenMaintenanceMax", /whole number/);
    assertInvalid(() => trace.registerDemand({ gtin, region: "CN-31", quantity: -1 }), "quantity", /between 0 and/);
    assertInvalid(() => trace.recall({ gtin, reason: "x".repeat(1_001) }), "reason", /at most 1000/);
  });

  test("error: a document too large or with too many events for one transaction points to the splitter", () => {
    assertInvalid(() => trace.importEpcis({ document: epcisDocument(lifecycleEvents(40)) }), "document", /has 120 events; one transaction records at most 100\. Split it with trace\.splitEpcisDocument/);
    const large = epcisDocument(lifecycleEvents(30).map((event) => ({ ...event, "example:note": "x".repeat(2_500) })));
    assertInvalid(() => trace.importEpcis({ document: large }), "document", /bytes; one transaction holds at most 64512 bytes of EPCIS/);
  });

  test("error: a malformed document is refused with the node's parser message", () => {
    assert.throws(
      () => trace.importEpcis({ document: epcisDocument([{ ...commission([sgtin(gtin, "A1")], { time: 0, location: plant.id }), eventTime: "yesterday" }]) }),
      (error: unknown) => error instanceof TraceError && /eventList\[0\]\.eventTime/.test(error.message),
      "the message names the field",
    );
  });
});

describe("trace.splitEpcisDocument", () => {
  test("default: 1,000 units' events split into parts of at most 100 events and 63 KiB that keep order and header", () => {
    const events = lifecycleEvents(1_000);
    const document = JSON.stringify({ "@context": [epcisContextUri, { example: "https://example.com/epcis/" }], type: "EPCISDocument", schemaVersion: "2.0", creationDate: "2026-03-01T00:00:00Z", sender: "urn:epc:id:pgln:0614141.00000", epcisBody: { eventList: events } });
    const { parts, events: total } = trace.splitEpcisDocument({ document });
    assert.equal(total, 3_000, "every event is counted");
    assert.equal(parts.length, 30, "100 events per part");
    const rejoined: unknown[] = [];
    for (const [index, part] of parts.entries()) {
      assert.ok(part.events <= 100, `part ${index} holds at most 100 events`);
      assert.equal(part.bytes, Buffer.byteLength(part.document), `part ${index} states its exact size`);
      assert.ok(part.bytes <= 63 * 1024, `part ${index} fits one transaction`);
      const parsed = JSON.parse(part.document) as { "@context": unknown; sender: string; epcisBody: { eventList: unknown[] } };
      assert.deepEqual(parsed["@context"], [epcisContextUri, { example: "https://example.com/epcis/" }], `part ${index} keeps the @context`);
      assert.equal(parsed.sender, "urn:epc:id:pgln:0614141.00000", `part ${index} keeps the header`);
      assert.equal(part.firstEvent, rejoined.length, `part ${index} starts where the previous ended`);
      rejoined.push(...parsed.epcisBody.eventList);
      assert.doesNotThrow(() => trace.importEpcis({ document: part.document }), `part ${index} is accepted by the import builder`);
    }
    assert.deepEqual(rejoined, events, "the parts hold the original events in order, unchanged");
  });

  test("behavior: large events are cut by size, not by count", () => {
    const events = lifecycleEvents(100).map((event) => ({ ...event, "example:note": "x".repeat(3_000) }));
    const document = { "@context": [epcisContextUri, { example: "https://example.com/epcis/" }], type: "EPCISDocument", schemaVersion: "2.0", creationDate: "2026-03-01T00:00:00Z", epcisBody: { eventList: events } };
    const { parts } = trace.splitEpcisDocument({ document: document as never });
    assert.ok(parts.length >= 15, `300 events of 3 KB need at least 15 parts, got ${parts.length}`);
    for (const part of parts) assert.ok(part.bytes <= 63 * 1024 && part.events < 100, "each part is cut by its size");
    assert.equal(parts.reduce((sum, part) => sum + part.events, 0), 300, "no event is lost");
    const tight = trace.splitEpcisDocument({ document: document as never, bytesMax: 10_000, eventsMax: 2 });
    assert.ok(tight.parts.every((part) => part.bytes <= 10_000 && part.events <= 2), "smaller bounds are honoured");
  });

  test("behavior: the objects a part lists stay under the node's per-import bound", () => {
    const epcs = Array.from({ length: 1_500 }, (_, index) => sgtin(gtin, `B${index}`));
    const events = Array.from({ length: 8 }, (_, index) => observe(epcs, "inspecting", { time: index, location: plant.id }));
    const { parts } = trace.splitEpcisDocument({ document: epcisDocument(events), bytesMax: 63 * 1024 });
    assert.ok(parts.length >= 2, "8 events of 1,500 EPCs cannot share one import of 8,000 objects");
    const listed = parts.map((part) => (JSON.parse(part.document) as { epcisBody: { eventList: { epcList: string[] }[] } }).epcisBody.eventList.reduce((sum, event) => sum + event.epcList.length, 0));
    assert.ok(listed.every((count) => count <= 8_000), `every part lists at most 8,000 EPCs: ${listed.join(", ")}`);
  });

  test("behavior: a file of more than 10,000 events (core's bound per document) is validated and split in slices", () => {
    const events = lifecycleEvents(3_500);
    const { parts, events: total } = trace.splitEpcisDocument({ document: epcisDocument(events) });
    assert.equal(total, 10_500, "every event is counted");
    assert.equal(parts.length, 105, "100 events per part");
    const broken = events.map((event, index) => (index === 10_003 ? { ...event, eventTime: "soon" } : event));
    assert.throws(
      () => trace.splitEpcisDocument({ document: epcisDocument(broken) }),
      (error: unknown) => error instanceof TraceError && /from epcisBody\.eventList\[10000\] on .*eventList\[3\]\.eventTime/s.test(error.message),
      "the message says where in the file the bad event is",
    );
  });

  test("error: an event that cannot fit one transaction, a document that is not EPCIS", () => {
    const huge = commission([sgtin(gtin, "H1")], { time: 0, location: plant.id });
    const withNotes = { ...JSON.parse(epcisDocument([huge, { ...huge, "example:notes": Array.from({ length: 9 }, () => "x".repeat(8_000)) }])), "@context": [epcisContextUri, { example: "https://example.com/epcis/" }] };
    assertInvalid(() => trace.splitEpcisDocument({ document: withNotes }), "document", /eventList\[1\] is \d+ bytes; .* does not fit one transaction/);
    assertInvalid(() => trace.splitEpcisDocument({ document: "{ not json" }), "document", /is not JSON/);
    assert.throws(() => trace.splitEpcisDocument({ document: JSON.stringify({ type: "ObjectEvent" }) }), (error: unknown) => error instanceof TraceError, "a non-document gets the parser's explanation");
    assertInvalid(() => trace.splitEpcisDocument({ document: epcisDocument([]) }), "document", /has no events/);
    assertInvalid(() => trace.splitEpcisDocument({ document: epcisDocument([huge]), eventsMax: 101 }), "eventsMax", /between 1 and 100/);
  });
});

describe("trace queries", () => {
  test("default: each query action calls its route with its parameters", async () => {
    const unknown = { code: "(01)00614141107346(21)S1", known: false, key: "sgtin/00614141107346/S1", flags: ["unknown"], warnings: ["UNKNOWN CODE: …"], product: null };
    const unit = {
      kind: "unit",
      epc: "urn:epc:id:sgtin:0614141.010734.S1",
      gtin: "00614141107346",
      lot: null,
      serial: "S1",
      expiryDate: null,
      status: "active",
      custodian: "maker",
      createdBy: "maker",
      inTransit: null,
      location: null,
      region: null,
      disposition: null,
      container: null,
      contains: 0,
      steps: 0,
      usesSinceMaintenance: 0,
    };
    const history = { code: "urn:epc:id:sgtin:0614141.010734.S1", known: true, key: "sgtin/00614141107346/S1", udi: "(01)…", flags: [], warnings: [], unit, product: null, recall: null, judgedOn: null, steps: [], next: null };
    const node = await startFakeNode({
      routes: {
        "GET /v1/query/trace/unit": json(unknown),
        "GET /v1/query/trace/history": json(history),
        "GET /v1/query/trace/export": json({ type: "EPCISDocument" }),
        "GET /v1/query/trace/alerts": json({ alerts: [], next: null }),
        "GET /v1/query/trace/stock": (request) => (request.search.includes("format=csv") ? { status: 200, body: "gtin,region,quantity\r\n" } : { status: 200, body: { stock: [], total: 0 } }),
        "GET /v1/query/trace/shortage": (request) => (request.search.includes("format=csv") ? { status: 200, body: "gtin,from_region,to_region,quantity\r\n" } : { status: 200, body: { regions: [], shortages: [], transfers: [] } }),
      },
    });
    try {
      const client = createClient({ url: node.url });
      assert.deepEqual(await trace.getUnit(client, { udi: "(01)00614141107346(21)S1", date: "2030-01-01" }), unknown, "unit answers the node's view");
      assert.deepEqual(await trace.getHistory(client, { udi: "urn:epc:id:sgtin:0614141.010734.S1", after: 5, limit: 10 }), history, "history answers the node's view");
      assert.deepEqual(await trace.exportHistory(client, { udi: "urn:epc:id:sgtin:0614141.010734.S1" }), { type: "EPCISDocument" }, "export answers the document");
      await trace.getAlerts(client, { rule: "transit_time_exceeded", gtin: "0614141107346", from: new Date(Date.UTC(2026, 2, 1)), to: "2026-03-02T00:00:00Z", limit: 5 });
      assert.deepEqual(await trace.getStock(client, { gtin, region: "CN-31" }), { stock: [], total: 0 }, "stock as JSON");
      assert.equal(await trace.getStock(client, { format: "csv" }), "gtin,region,quantity\r\n", "stock as CSV text");
      assert.equal(await trace.getShortage(client, { format: "csv", table: "transfers" }), "gtin,from_region,to_region,quantity\r\n", "transfers as CSV text");
      assert.deepEqual(await trace.getShortage(client), { regions: [], shortages: [], transfers: [] }, "shortage as JSON");
      const searches = node.requests.map((request) => `${request.path}${decodeURIComponent(request.search)}`);
      assert.deepEqual(
        searches,
        [
          "/v1/query/trace/unit?udi=(01)00614141107346(21)S1&date=2030-01-01",
          "/v1/query/trace/history?udi=urn:epc:id:sgtin:0614141.010734.S1&after=5&limit=10",
          "/v1/query/trace/export?udi=urn:epc:id:sgtin:0614141.010734.S1",
          `/v1/query/trace/alerts?rule=transit_time_exceeded&gtin=00614141107346&from=${Date.UTC(2026, 2, 1)}&to=2026-03-02T00:00:00Z&limit=5`,
          `/v1/query/trace/stock?gtin=${gtin}&region=CN-31`,
          "/v1/query/trace/stock?format=csv",
          "/v1/query/trace/shortage?format=csv&table=transfers",
          "/v1/query/trace/shortage",
        ],
        "the routes and parameters the node documents",
      );
    } finally {
      await node.close();
    }
  });

  test("error: the node's error body becomes ApiError, for JSON and CSV answers alike", async () => {
    const node = await startFakeNode({
      routes: {
        "GET /v1/query/trace/history": apiError(400, "TRACE_INVALID_UDI", "udi: not a UDI"),
        "GET /v1/query/trace/stock": apiError(400, "TRACE_BAD_QUERY", "gtin: check digit"),
      },
    });
    try {
      const client = createClient({ url: node.url });
      await assert.rejects(trace.getHistory(client, { udi: "nonsense" }), (error: unknown) => error instanceof ApiError && error.code === "TRACE_INVALID_UDI" && error.status === 400, "JSON query error");
      await assert.rejects(trace.getStock(client, { format: "csv" }), (error: unknown) => error instanceof ApiError && error.code === "TRACE_BAD_QUERY" && error.message === "gtin: check digit", "CSV query error");
      assertInvalid(() => trace.getHistory(client, { udi: "x", limit: 1_001 }), "limit", /between 1 and 1000/);
      assertInvalid(() => trace.getAlerts(client, { rule: "hot" as never }), "rule", /must be one of transit_time_exceeded/);
    } finally {
      await node.close();
    }
  });
});

describe("trace answers", () => {
  test("error: an answer that does not match the trace schema of @kexin/core is SDK_BAD_RESPONSE naming the field", async () => {
    const alert = { seq: 0, rule: "too_hot", gtin: "00614141107346", deviceClass: "II", event: 3, eventTime: "2026-03-01T00:00:00Z", org: "maker", txHash: "ab".repeat(32), height: 4, blockTime: 1, unitCount: 1, units: ["S1"], detail: {} };
    const node = await startFakeNode({ routes: { "GET /v1/query/trace/alerts": json({ alerts: [alert], next: null }) } });
    try {
      await assert.rejects(trace.getAlerts(createClient({ url: node.url })), (error: unknown) => {
        assert.ok(error instanceof SdkError && error.code === "SDK_BAD_RESPONSE", String(error));
        assert.match(error.message, /^trace\.alerts: .* at \/alerts\/0\/rule/);
        return true;
      });
    } finally {
      await node.close();
    }
  });
});

test("behavior: the trace SDK imports nothing from Node, so it runs in browsers", () => {
  const directory = fileURLToPath(new URL("../src/trace/", import.meta.url));
  const files = readdirSync(directory).filter((name) => name.endsWith(".ts"));
  assert.ok(files.length > 15, "trace actions found");
  for (const name of files) assert.doesNotMatch(readFileSync(`${directory}${name}`, "utf8"), /from "node:/, `${name} imports a Node builtin`);
  assert.equal(parseEpcisDocument(epcisDocument(lifecycleEvents(1))).events.length, 3, "the fixtures are valid EPCIS");
});
