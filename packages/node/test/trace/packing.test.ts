import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type TraceChain, type TraceOrganisation, type TxOutcome, startTraceChain } from "./chain.ts";
import { type EpcisJson, commission, epcisDocument, gtinOf, observe, pack, receive, scenarioLocations, sgtin, ship, sscc, unpack } from "./fixtures.ts";

const pump = { gtin: gtinOf("10734"), name: "Infusion pump IP-7", deviceClass: "II", registrationNumber: "国械注准20263140001" };
const { plant, warehouse } = scenarioLocations;
const unit = (serial: string): string => sgtin(pump.gtin, serial);
const pallet = sscc(9_000);
const caseA = sscc(9_001);
const caseB = sscc(9_002);

let chain: TraceChain;

async function importAs(org: TraceOrganisation, events: EpcisJson[]): Promise<TxOutcome> {
  return chain.run(chain.members[org], "import_epcis", { document: epcisDocument(events) });
}

async function history(epc: string): Promise<{ unit: { container: string | null; custodian: string; contains: number }; steps: { bizStep: string; via: string | null; org: string }[] }> {
  return (await chain.query("history", { udi: epc })).body as never;
}

before(async () => {
  chain = await startTraceChain();
  for (const location of Object.values(scenarioLocations)) await chain.run(chain.admins[location.org], "register_location", { ...location });
  await chain.run(chain.members.manufacturer, "register_product", pump);
  const outcome = await importAs("manufacturer", [
    commission(["P1", "P2", "P3", "P4"].map(unit), { time: 0, location: plant.id, lot: "L7" }),
    pack(caseA, [unit("P1"), unit("P2")], { time: 1, location: plant.id }),
    pack(caseB, [unit("P3"), unit("P4")], { time: 2, location: plant.id }),
    pack(pallet, [caseA, caseB], { time: 3, location: plant.id }),
  ]);
  assert.equal(outcome.status, "ok", `commission and pack: ${outcome.message}`);
});
after(async () => {
  await chain?.close();
});

describe("packing units into cases and pallets", () => {
  test("behavior: an event on a pallet reaches every case and unit on it, and custody passes for all", async () => {
    const shipped = await importAs("manufacturer", [ship([pallet], { time: 10, location: plant.id, destination: warehouse.id })]);
    assert.equal(shipped.events.find((event) => event.type === "epcis_imported")?.attributes.objects, 7, "the pallet, two cases and four units");
    assert.equal((await importAs("distributor", [receive([pallet], { time: 20, location: warehouse.id })])).status, "ok", "the distributor receives the pallet");
    const view = await history(unit("P3"));
    assert.deepEqual(
      view.steps.map((step) => `${step.bizStep}${step.via === null ? "" : ` via ${step.via}`}`),
      ["commissioning", "packing", `packing via ${caseB}`, `shipping via ${pallet}`, `receiving via ${pallet}`],
      "the unit's history shows the case being put on the pallet and the pallet's journey",
    );
    assert.deepEqual({ container: view.unit.container, custodian: view.unit.custodian }, { container: caseB, custodian: "distributor" }, "the unit is in its case, held by the distributor");
    assert.equal((await history(pallet)).unit.contains, 2, "the pallet holds two cases");
  });

  test("error: a unit already in a case cannot be packed into another", async () => {
    const outcome = await importAs("distributor", [pack(sscc(9_003), [unit("P1")], { time: 30, location: warehouse.id })]);
    assert.equal(outcome.code, "TRACE_INVALID_EVENT", `packing twice is refused: ${outcome.message}`);
    assert.match(outcome.message, new RegExp(`childEPCs\\[0\\]: .*P1 is already packed in ${caseA}; unpack it first`), "the message names the case");
  });

  test("behavior: unpacking listed children frees only them; unpacking without children empties the container", async () => {
    assert.equal((await importAs("distributor", [unpack(caseA, { time: 40, location: warehouse.id }, [unit("P1")])])).status, "ok", "take P1 out of case A");
    assert.equal((await history(unit("P1"))).unit.container, null, "P1 is loose");
    assert.equal((await history(unit("P2"))).unit.container, caseA, "P2 stays in case A");
    assert.deepEqual((await history(unit("P2"))).steps.map((step) => step.bizStep).at(-1), "receiving", "unpacking P1 is not a step of P2");
    assert.equal((await importAs("distributor", [unpack(pallet, { time: 50, location: warehouse.id })])).status, "ok", "empty the pallet");
    assert.equal((await history(pallet)).unit.contains, 0, "the pallet is empty");
    assert.equal((await history(caseB)).unit.container, null, "case B is off the pallet");
    assert.equal((await history(unit("P4"))).steps.at(-1)?.via, pallet, "the units on it were reached through the pallet");
    const notInside = await importAs("distributor", [unpack(caseB, { time: 60, location: warehouse.id }, [unit("P1")])]);
    assert.equal(notInside.code, "TRACE_INVALID_EVENT", `unpacking a unit that is not inside is refused: ${notInside.message}`);
  });

  test("error: an event whose Digital Link names another lot than the unit's is refused", async () => {
    const outcome = await importAs("distributor", [observe([`https://id.gs1.org/01/${pump.gtin}/10/L8/21/P2`], "inspecting", { time: 70, location: warehouse.id })]);
    assert.equal(outcome.code, "TRACE_INVALID_EVENT", `a lot mismatch is refused: ${outcome.message}`);
    assert.match(outcome.message, /says lot L8, but .* was commissioned in lot L7/, "the message names both lots");
    const same = await importAs("distributor", [observe([`https://id.gs1.org/01/${pump.gtin}/10/L7/21/P2`], "inspecting", { time: 71, location: warehouse.id })]);
    assert.equal(same.status, "ok", `the Digital Link with the right lot names the same unit: ${same.message}`);
  });
});
