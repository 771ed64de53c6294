import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type TraceChain, type TraceOrganisation, startTraceChain } from "./chain.ts";
import { type EpcisJson, commission, epcisDocument, gtinOf, observe, receive, scenarioLocations, sgtin, ship } from "./fixtures.ts";

const pump = { gtin: gtinOf("10734"), name: "Infusion pump IP-7", deviceClass: "II", registrationNumber: "国械注准20263140001" };
const { plant, warehouse, westWard } = scenarioLocations;
const units = Array.from({ length: 30 }, (_, index) => sgtin(pump.gtin, `K${index}`));

let chain: TraceChain;

async function importAs(org: TraceOrganisation, events: EpcisJson[]): Promise<void> {
  const outcome = await chain.run(chain.members[org], "import_epcis", { document: epcisDocument(events) });
  assert.equal(outcome.status, "ok", `import by ${org}: ${outcome.code} ${outcome.message}`);
}

async function stockRows(parameters: Record<string, string> = {}): Promise<{ region: string; quantity: number }[]> {
  return ((await chain.query("stock", { gtin: pump.gtin, ...parameters })).body as { stock: { region: string; quantity: number }[] }).stock.map(({ region, quantity }) => ({ region, quantity }));
}

async function demand(quantity: number, region: string): Promise<void> {
  const outcome = await chain.run(chain.members.hospital, "register_demand", { gtin: pump.gtin, region, quantity });
  assert.equal(outcome.status, "ok", `demand of ${quantity} in ${region}: ${outcome.message}`);
}

before(async () => {
  chain = await startTraceChain();
  for (const location of Object.values(scenarioLocations)) await chain.run(chain.admins[location.org], "register_location", { ...location });
  await chain.run(chain.members.manufacturer, "register_product", pump);
  await importAs("manufacturer", [commission(units, { time: 0, location: plant.id })]);
});
after(async () => {
  await chain?.close();
});

describe("regional stock", () => {
  test("default: commissioned units are in stock where they were commissioned", async () => {
    assert.deepEqual(await stockRows(), [{ region: "CN-32", quantity: 30 }], "all 30 at the plant's region");
  });

  test("behavior: shipped units leave stock until received, then count at the destination's region", async () => {
    await importAs("manufacturer", [ship(units.slice(0, 10), { time: 10, location: plant.id, destination: warehouse.id })]);
    assert.deepEqual(await stockRows(), [{ region: "CN-32", quantity: 20 }], "units in transit are nobody's stock");
    await importAs("distributor", [receive(units.slice(0, 10), { time: 20, location: warehouse.id })]);
    assert.deepEqual(
      await stockRows(),
      [
        { region: "CN-31", quantity: 10 },
        { region: "CN-32", quantity: 20 },
      ],
      "received units count where they arrived",
    );
    await importAs("distributor", [observe(units.slice(0, 2), "destroying", { time: 30, location: warehouse.id, disposition: "destroyed" })]);
    assert.deepEqual((await stockRows({ region: "CN-31" })).map((row) => row.quantity), [8], "destroyed units leave stock");
    const byRegion = (await chain.query("stock", { region: "CN-32" })).body as { stock: { gtin: string; quantity: number }[]; total: number };
    assert.deepEqual(byRegion, { stock: [{ gtin: pump.gtin, region: "CN-32", quantity: 20 }], total: 20 }, "stock is listed by region too");
  });

  test("behavior: stock is exported as CSV", async () => {
    const csv = await chain.query("stock", { format: "csv" });
    assert.match(csv.contentType, /^text\/plain/, "CSV is plain text");
    assert.equal(csv.body, `gtin,region,quantity\r\n${pump.gtin},CN-31,8\r\n${pump.gtin},CN-32,20\r\n`, "one row per product and region");
  });

  test("behavior: demand against stock gives shortages and transfers from surplus regions", async () => {
    await demand(15, westWard.region);
    await demand(5, "CN-31");
    await demand(4, "CN-31");
    const view = (await chain.query("shortage", { gtin: pump.gtin })).body as { regions: unknown[]; shortages: unknown[]; transfers: unknown[] };
    assert.deepEqual(
      view.regions,
      [
        { gtin: pump.gtin, region: "CN-31", stock: 8, demand: 4, balance: 4 },
        { gtin: pump.gtin, region: "CN-32", stock: 20, demand: 0, balance: 20 },
        { gtin: pump.gtin, region: "CN-51", stock: 0, demand: 15, balance: -15 },
      ],
      "a hospital's later demand replaces its earlier one",
    );
    assert.deepEqual(view.shortages, [{ gtin: pump.gtin, region: "CN-51", stock: 0, demand: 15, balance: -15 }], "the west is short");
    assert.deepEqual(view.transfers, [{ gtin: pump.gtin, fromRegion: "CN-32", toRegion: "CN-51", quantity: 15 }], "served from the largest surplus");
    const regions = await chain.query("shortage", { format: "csv" });
    assert.equal(
      regions.body,
      `gtin,region,stock,demand,balance\r\n${pump.gtin},CN-31,8,4,4\r\n${pump.gtin},CN-32,20,0,20\r\n${pump.gtin},CN-51,0,15,-15\r\n`,
      "the region table as CSV",
    );
    const transfers = await chain.query("shortage", { format: "csv", table: "transfers" });
    assert.equal(transfers.body, `gtin,from_region,to_region,quantity\r\n${pump.gtin},CN-32,CN-51,15\r\n`, "the transfers as CSV");
  });

  test("behavior: a large shortage is split over several surplus regions", async () => {
    await demand(26, westWard.region);
    const view = (await chain.query("shortage", {})).body as { transfers: unknown[] };
    assert.deepEqual(
      view.transfers,
      [
        { gtin: pump.gtin, fromRegion: "CN-32", toRegion: "CN-51", quantity: 20 },
        { gtin: pump.gtin, fromRegion: "CN-31", toRegion: "CN-51", quantity: 4 },
      ],
      "the largest surplus first, then the next",
    );
    await demand(0, westWard.region);
    const withdrawn = (await chain.query("shortage", { gtin: pump.gtin })).body as { shortages: unknown[] };
    assert.deepEqual(withdrawn.shortages, [], "a demand of 0 withdraws it");
  });

  test("error: only hospitals register demand, for registered products", async () => {
    await assert.rejects(chain.run(chain.members.distributor, "register_demand", { gtin: pump.gtin, region: "CN-31", quantity: 3 }), /TX_NOT_AUTHORISED/, "a distributor has no demand to register");
    const unknown = await chain.run(chain.members.hospital, "register_demand", { gtin: gtinOf("99990"), region: "CN-31", quantity: 3 });
    assert.equal(unknown.code, "TRACE_UNKNOWN_PRODUCT", `demand for an unregistered model is refused: ${unknown.message}`);
  });
});
