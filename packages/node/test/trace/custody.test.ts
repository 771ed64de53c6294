import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type TraceChain, type TraceOrganisation, type TxOutcome, startTraceChain } from "./chain.ts";
import { type EpcisJson, at, commission, epcisDocument, gtinOf, observe, receive, scenarioLocations, sgtin, ship } from "./fixtures.ts";

const pump = { gtin: gtinOf("10734"), name: "Infusion pump IP-7", deviceClass: "II", registrationNumber: "国械注准20263140001" };
const { plant, warehouse, hub, eastWard } = scenarioLocations;
const unit = (serial: string): string => sgtin(pump.gtin, serial);

let chain: TraceChain;

async function importAs(org: TraceOrganisation, events: EpcisJson[]): Promise<TxOutcome> {
  return chain.run(chain.members[org], "import_epcis", { document: epcisDocument(events) });
}

async function expectOk(outcome: TxOutcome, what: string): Promise<void> {
  assert.equal(outcome.status, "ok", `${what}: ${outcome.code} ${outcome.message}`);
}

function expectFailure(outcome: TxOutcome, code: string, what: string): string {
  assert.equal(outcome.status, "failed", `${what} is refused`);
  assert.equal(outcome.code, code, `${what} is refused with ${code}: ${outcome.message}`);
  return outcome.message;
}

async function steps(serial: string): Promise<{ bizStep: string; org: string }[]> {
  return ((await chain.query("history", { udi: unit(serial) })).body as { steps: { bizStep: string; org: string }[] }).steps;
}

before(async () => {
  chain = await startTraceChain();
  for (const location of Object.values(scenarioLocations)) await expectOk(await chain.run(chain.admins[location.org], "register_location", { ...location }), `register ${location.name}`);
  await expectOk(await chain.run(chain.members.manufacturer, "register_product", pump), "register the pump");
  await expectOk(
    await importAs("manufacturer", [commission(["C1", "C2", "C3", "C4", "C5"].map(unit), { time: 0, location: plant.id, lot: "L1", expiry: "2026-06-30", eventId: "urn:uuid:7f1e0000-0000-4000-8000-000000000001" })]),
    "commission five units",
  );
});
after(async () => {
  await chain?.close();
});

describe("custody", () => {
  test("error: an event by an organisation without custody is refused, naming the custodian", async () => {
    const message = expectFailure(await importAs("distributor", [ship([unit("C1")], { time: 5, location: warehouse.id, destination: hub.id })]), "TRACE_NOT_CUSTODIAN", "shipping by the distributor");
    assert.match(message, /epcisBody\.eventList\[0\]\.epcList\[0\]/, "the message names the field");
    assert.match(message, /\(01\)00614141107346\(10\)L1\(21\)C1 is in the custody of "manufacturer"/, "the message names the unit and its custodian");
    assert.match(message, /"distributor" may not record shipping/, "and who tried what");
    assert.deepEqual((await steps("C1")).map((step) => step.bizStep), ["commissioning"], "a refused event changes nothing");
  });

  test("behavior: custody passes only when the destination receives at one of its own locations", async () => {
    await expectOk(await importAs("manufacturer", [ship([unit("C1")], { time: 10, location: plant.id, destination: warehouse.id })]), "shipping to the distributor");
    const early = expectFailure(await importAs("distributor", [observe([unit("C1")], "storing", { time: 20, location: warehouse.id })]), "TRACE_NOT_CUSTODIAN", "storing before receiving");
    assert.match(early, /in transit to "distributor", which takes custody by recording receiving/, "the destination is told to record receiving first");
    const stranger = expectFailure(await importAs("hospital", [receive([unit("C1")], { time: 20, location: eastWard.id })]), "TRACE_NOT_CUSTODIAN", "receiving by an organisation that is not the destination");
    assert.match(stranger, /custody of "manufacturer" \(in transit to "distributor"\)/, "the message says where the shipment is going");
    const elsewhere = expectFailure(await importAs("distributor", [receive([unit("C1")], { time: 20, location: hub.id })]), "TRACE_UNKNOWN_LOCATION", "receiving at another organisation's location");
    assert.match(elsewhere, /registered to "logistics"/, "the message says whose location it is");
    await expectOk(await importAs("distributor", [receive([unit("C1")], { time: 30, location: warehouse.id })]), "receiving at the distributor's warehouse");
    const status = (await chain.query("unit", { udi: unit("C1") })).body as { unit: { custodian: string; inTransit: unknown; region: string } };
    assert.deepEqual({ custodian: status.unit.custodian, inTransit: status.unit.inTransit, region: status.unit.region }, { custodian: "distributor", inTransit: null, region: "CN-31" }, "the distributor now holds the unit");
    const former = expectFailure(await importAs("manufacturer", [observe([unit("C1")], "inspecting", { time: 40, location: plant.id })]), "TRACE_NOT_CUSTODIAN", "an event by the former custodian");
    assert.match(former, /custody of "distributor"/, "the message names the new custodian");
    assert.deepEqual(
      (await steps("C1")).map((step) => `${step.bizStep}@${step.org}`),
      ["commissioning@manufacturer", "shipping@manufacturer", "receiving@distributor"],
      "only the accepted steps are in the history",
    );
  });

  test("error: shipping an already shipped unit, or to an unregistered or missing destination", async () => {
    await expectOk(await importAs("manufacturer", [ship([unit("C2")], { time: 10, location: plant.id, destination: warehouse.id })]), "first shipment");
    const twice = expectFailure(await importAs("manufacturer", [ship([unit("C2")], { time: 11, location: plant.id, destination: hub.id })]), "TRACE_IN_TRANSIT", "shipping it again");
    assert.match(twice, /already shipped to "distributor"; record void_shipping/, "the message says how to cancel");
    await expectOk(await importAs("manufacturer", [observe([unit("C2")], "void_shipping", { time: 12, location: plant.id })]), "voiding the shipment");
    const unknown = expectFailure(
      await importAs("manufacturer", [ship([unit("C2")], { time: 13, location: plant.id, destination: "urn:epc:id:sgln:0614141.99999.0" })]),
      "TRACE_UNKNOWN_LOCATION",
      "shipping to an unregistered location",
    );
    assert.match(unknown, /destinationList: destination urn:epc:id:sgln:0614141\.99999\.0 is not registered/, "the message names the destination field");
  });

  test("behavior: a shipment that names no destination is recorded but puts nothing in transit", async () => {
    const { destinationList: _destinations, ...withoutDestination } = ship([unit("C5")], { time: 13, location: plant.id, destination: hub.id });
    await expectOk(await importAs("manufacturer", [withoutDestination]), "shipping without a destination");
    const status = (await chain.query("unit", { udi: unit("C5") })).body as { unit: { custodian: string; inTransit: unknown } };
    assert.deepEqual({ custodian: status.unit.custodian, inTransit: status.unit.inTransit }, { custodian: "manufacturer", inTransit: null }, "custody stays, nothing in transit");
    assert.deepEqual((await steps("C5")).map((step) => step.bizStep), ["commissioning", "shipping"], "the shipment is in the history");
    expectFailure(await importAs("distributor", [receive([unit("C5")], { time: 20, location: warehouse.id })]), "TRACE_NOT_CUSTODIAN", "receiving a shipment addressed to nobody");
  });

  test("error: commissioning twice, by a non-manufacturer, or events about units never commissioned", async () => {
    expectFailure(await importAs("manufacturer", [commission([unit("C3")], { time: 50, location: plant.id })]), "TRACE_UNIT_EXISTS", "commissioning C3 again");
    const notManufacturer = expectFailure(await importAs("distributor", [commission([unit("D1")], { time: 50, location: warehouse.id })]), "TX_NOT_AUTHORISED", "commissioning by a distributor");
    assert.match(notManufacturer, /"manufacturer" role/, "the message names the missing role");
    expectFailure(await importAs("manufacturer", [commission([sgtin(gtinOf("55555"), "X1")], { time: 50, location: plant.id })]), "TRACE_UNKNOWN_PRODUCT", "commissioning an unregistered model");
    const unknown = expectFailure(await importAs("manufacturer", [observe([unit("NEVER")], "inspecting", { time: 50, location: plant.id })]), "TRACE_UNKNOWN_UNIT", "inspecting a unit never commissioned");
    assert.match(unknown, /epcList\[0\]: \(01\)00614141107346\(21\)NEVER was never commissioned/, "the message names the unit and the field");
  });

  test("error: a document is recorded completely or not at all", async () => {
    const outcome = await importAs("manufacturer", [observe([unit("C3")], "inspecting", { time: 60, location: plant.id }), observe([unit("NEVER")], "inspecting", { time: 61, location: plant.id })]);
    const message = expectFailure(outcome, "TRACE_UNKNOWN_UNIT", "a document with one bad event");
    assert.match(message, /eventList\[1\]/, "the message points at the second event");
    assert.deepEqual((await steps("C3")).map((step) => step.bizStep), ["commissioning"], "the good first event was not recorded either");
  });

  test("error: malformed EPCIS and a repeated eventID", async () => {
    const invalid = await chain.run(chain.members.manufacturer, "import_epcis", { document: epcisDocument([{ type: "ObjectEvent", action: "OBSERVE", eventTime: "yesterday", eventTimeZoneOffset: "+08:00", epcList: [unit("C3")] }]) });
    const message = expectFailure(invalid, "TRACE_INVALID_EPCIS", "an event with a bad time");
    assert.match(message, /epcisBody\.eventList\[0\]\.eventTime/, "the message names the field");
    expectFailure(await chain.run(chain.members.manufacturer, "import_epcis", { document: "{not json" }), "TRACE_INVALID_EPCIS", "text that is not JSON");
    const again = commission([unit("C9")], { time: 0, location: plant.id, eventId: "urn:uuid:7f1e0000-0000-4000-8000-000000000001" });
    const duplicate = expectFailure(await importAs("manufacturer", [again]), "TRACE_DUPLICATE_EVENT", "an event whose eventID is already recorded");
    assert.match(duplicate, /urn:uuid:7f1e0000-0000-4000-8000-000000000001 is already recorded/, "the message names the eventID");
  });
});

describe("public lookup", () => {
  test("behavior: an unknown code says so and warns of a possible counterfeit", async () => {
    const unknownUnit = (await chain.query("history", { udi: `(01)${pump.gtin}(21)FAKE-001` })).body as { known: boolean; flags: string[]; warnings: string[]; steps: unknown[] };
    assert.equal(unknownUnit.known, false, "a unit never commissioned is unknown");
    assert.deepEqual(unknownUnit.flags, ["unknown"], "flagged unknown");
    assert.match(unknownUnit.warnings[0] ?? "", /^UNKNOWN UNIT: the model "Infusion pump IP-7".*never commissioned.*counterfeit/, "the warning names the model and the risk");
    assert.deepEqual(unknownUnit.steps, [], "with no steps");
    const unknownModel = (await chain.query("unit", { udi: `(01)${gtinOf("77777")}(21)X` })).body as { known: boolean; warnings: string[] };
    assert.match(unknownModel.warnings[0] ?? "", /^UNKNOWN CODE: .*counterfeit/, "an unregistered model is an unknown code");
    const malformed = await chain.query("unit", { udi: "(01)00614141107345(21)X" });
    assert.equal(malformed.status, 400, "a code with a wrong check digit is a bad request");
    assert.equal((malformed.body as { error: { code: string; message: string } }).error.code, "TRACE_INVALID_UDI", "with its own code");
    assert.match((malformed.body as { error: { message: string } }).error.message, /check digit/, "saying what is wrong");
    const modelOnly = await chain.query("unit", { udi: `(01)${pump.gtin}` });
    assert.match((modelOnly.body as { error: { message: string } }).error.message, /identifies a device model, not a unit/, "a GTIN alone is not a unit");
  });

  test("behavior: recall, expiry and decommission are flagged prominently", async () => {
    await assert.rejects(chain.run(chain.members.hospital, "recall", { gtin: pump.gtin, lot: "L1", reason: "battery overheating" }), /TX_NOT_AUTHORISED/, "only a regulator recalls");
    await expectOk(await chain.run(chain.members.regulator, "recall", { gtin: pump.gtin, lot: "L1", reason: "battery overheating" }), "the regulator recalls lot L1");
    expectFailure(await chain.run(chain.members.regulator, "recall", { gtin: pump.gtin, lot: "L1", reason: "again" }), "TRACE_ALREADY_RECALLED", "recalling the lot twice");
    const recalled = (await chain.query("unit", { udi: unit("C4"), date: "2026-06-01" })).body as { flags: string[]; warnings: string[]; recall: { reason: string } };
    assert.deepEqual(recalled.flags, ["recalled"], "a unit of the lot is flagged recalled");
    assert.match(recalled.warnings[0] ?? "", /^RECALLED: lot L1 was recalled by "regulator".*battery overheating/, "the warning says why");
    const expired = (await chain.query("unit", { udi: unit("C4"), date: "2026-07-01" })).body as { flags: string[]; warnings: string[] };
    assert.deepEqual(expired.flags, ["recalled", "expired"], "after its expiry date the unit is also flagged expired");
    assert.match(expired.warnings[1] ?? "", /^EXPIRED: this unit expired on 2026-06-30/, "the warning gives the date");
    await expectOk(await importAs("manufacturer", [{ ...observe([unit("C5")], "decommissioning", { time: 70, location: plant.id, disposition: "inactive" }), action: "DELETE" }]), "decommissioning C5");
    const decommissioned = (await chain.query("unit", { udi: unit("C5"), date: "2026-06-01" })).body as { flags: string[]; unit: { status: string } };
    assert.deepEqual(decommissioned.flags, ["recalled", "decommissioned"], "a decommissioned unit is flagged");
    assert.equal(decommissioned.unit.status, "decommissioned", "and its status says so");
  });

  test("behavior: a label whose lot differs from the recorded one is flagged as a mismatch", async () => {
    const view = (await chain.query("unit", { udi: `(01)${pump.gtin}(10)L9(21)C3`, date: "2026-06-01" })).body as { flags: string[]; warnings: string[] };
    assert.ok(view.flags.includes("identity_mismatch"), `the wrong lot is flagged: ${JSON.stringify(view.flags)}`);
    assert.ok(view.warnings.some((warning) => /^MISMATCH: the label says lot L9, but this unit was commissioned in lot L1/.test(warning)), "the warning explains it");
  });
});

describe("registry", () => {
  test("error: a product is registered once, with a valid GTIN, by a manufacturer", async () => {
    expectFailure(await chain.run(chain.members.manufacturer, "register_product", pump), "TRACE_PRODUCT_EXISTS", "registering the pump again");
    const badGtin = expectFailure(await chain.run(chain.members.manufacturer, "register_product", { ...pump, gtin: "00614141107345" }), "TRACE_INVALID_UDI", "a GTIN with a wrong check digit");
    assert.match(badGtin, /^gtin: .*check digit/, "the message names the field");
    await assert.rejects(chain.run(chain.members.distributor, "register_product", { ...pump, gtin: gtinOf("12345") }), /TX_NOT_AUTHORISED/, "a distributor cannot register products");
    const product = (await chain.query("product", { gtin: pump.gtin })).body as { manufacturer: string; deviceClass: string };
    assert.deepEqual({ manufacturer: product.manufacturer, deviceClass: product.deviceClass }, { manufacturer: "manufacturer", deviceClass: "II" }, "the product query answers");
  });

  test("error: a location belongs to the organisation that registered it", async () => {
    const taken = expectFailure(await chain.run(chain.admins.hospital, "register_location", { ...warehouse, org: "hospital" }), "TRACE_LOCATION_TAKEN", "taking the distributor's warehouse");
    assert.match(taken, /registered to organisation "distributor"/, "the message names the owner");
    await assert.rejects(chain.run(chain.admins.hospital, "register_location", { ...warehouse }), /TX_NOT_AUTHORISED/, "an admin registers only its own organisation's locations");
    const locations = (await chain.query("locations", { org: "hospital" })).body as { locations: { id: string }[] };
    assert.deepEqual(locations.locations.map((location) => location.id).sort(), [eastWard.id, scenarioLocations.westWard.id].sort(), "the hospital's locations are listed");
  });

  test("default: event times are kept with their time zone", async () => {
    const history = (await chain.query("history", { udi: unit("C1") })).body as { steps: { eventTime: string; eventTimeZoneOffset: string }[] };
    assert.deepEqual(history.steps[0], { ...history.steps[0], eventTime: at(0), eventTimeZoneOffset: "+08:00" }, "the commissioning keeps its local time and offset");
  });
});
