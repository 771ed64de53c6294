import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parseEpcisDocument } from "@kexin/core";
import { traceBizSteps } from "../../src/modules/trace/index.ts";
import { type TraceChain, type TraceOrganisation, type TxOutcome, startTraceChain } from "./chain.ts";
import {
  type EpcisJson,
  at,
  commission,
  epcisDocument,
  gtinOf,
  observe,
  pack,
  receive,
  scenarioLocations,
  seededRandom,
  sgtin,
  ship,
  sscc,
  transform,
  unpack,
} from "./fixtures.ts";

const unitCount = 1_000;
const unitsPerCase = 50;
const caseCount = unitCount / unitsPerCase;
const pump = { gtin: gtinOf("10734"), name: "Infusion pump IP-7", deviceClass: "II", registrationNumber: "国械注准20263140001" };
const ventilator = { gtin: gtinOf("20001"), name: "Ventilator V-3", deviceClass: "III", registrationNumber: "国械注准20263080002" };
const rawMaterialClass = "urn:epc:class:lgtin:0614141.099999.RM-2026";
const { plant, warehouse, hub, eastWard, westWard } = scenarioLocations;

const serialOf = (unit: number): string => `S${String(unit).padStart(5, "0")}`;
const productOf = (unit: number) => (unit < unitCount / 2 ? pump : ventilator);
const unitEpc = (unit: number): string => sgtin(productOf(unit).gtin, serialOf(unit));
const caseOf = (unit: number): number => Math.floor(unit / unitsPerCase);
const caseEpc = (index: number): string => sscc(1_000 + index);
/** Cases 0–4 and 10–14 go to the east campus, the others to the west campus. */
const goesEast = (caseIndex: number): boolean => caseIndex % 10 < 5;
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, index) => from + index);

interface ExpectedStep {
  bizStep: string;
  org: TraceOrganisation;
  eventTime: string;
  via: string | null;
  tx: number;
}

/**
 * The scenario as documents, each with its recording organisation, and the history every unit
 * must end up with: manufacturer → distributor → logistics → hospital → maintenance → scrap.
 */
function buildScenario(): { documents: { org: TraceOrganisation; document: string; events: number }[]; expected: ExpectedStep[][] } {
  const expected: ExpectedStep[][] = range(0, unitCount).map(() => []);
  const documents: { org: TraceOrganisation; document: string; events: number }[] = [];
  const add = (org: TraceOrganisation, events: EpcisJson[], steps: { units: number[]; bizStep: string; time: number; via?: (unit: number) => string }[]) => {
    const tx = documents.length;
    documents.push({ org, document: epcisDocument(events), events: events.length });
    for (const step of steps) for (const unit of step.units) expected[unit]!.push({ bizStep: step.bizStep, org, eventTime: at(step.time), via: step.via?.(unit) ?? null, tx });
  };
  const all = range(0, unitCount);
  const pumps = range(0, unitCount / 2);
  const ventilators = range(unitCount / 2, unitCount);
  const cases = range(0, caseCount);
  const viaCase = (unit: number) => caseEpc(caseOf(unit));
  const east = all.filter((unit) => goesEast(caseOf(unit)));
  const west = all.filter((unit) => !goesEast(caseOf(unit)));

  add(
    "manufacturer",
    [
      commission(pumps.map(unitEpc), { time: 0, location: plant.id, lot: "LOT-P1", expiry: "2030-12-31", eventId: "urn:uuid:00000000-0000-4000-8000-000000000001" }),
      transform(rawMaterialClass, 120, ventilators.map(unitEpc), { time: 1, location: plant.id, lot: "LOT-V1", expiry: "2031-06-30" }),
    ],
    [
      { units: pumps, bizStep: "commissioning", time: 0 },
      { units: ventilators, bizStep: "commissioning", time: 1 },
    ],
  );
  add(
    "manufacturer",
    cases.map((index) => pack(caseEpc(index), range(index * unitsPerCase, (index + 1) * unitsPerCase).map(unitEpc), { time: 10 + index, location: plant.id })),
    cases.map((index) => ({ units: range(index * unitsPerCase, (index + 1) * unitsPerCase), bizStep: "packing", time: 10 + index })),
  );
  const caseEpcs = cases.map(caseEpc);
  add("manufacturer", [ship(caseEpcs, { time: 60, location: plant.id, destination: warehouse.id })], [{ units: all, bizStep: "shipping", time: 60, via: viaCase }]);
  add("distributor", [receive(caseEpcs, { time: 180, location: warehouse.id, temperatures: [4.5, 6] })], [{ units: all, bizStep: "receiving", time: 180, via: viaCase }]);
  add("distributor", [ship(caseEpcs, { time: 600, location: warehouse.id, destination: hub.id })], [{ units: all, bizStep: "shipping", time: 600, via: viaCase }]);
  add("logistics", [receive(caseEpcs, { time: 700, location: hub.id })], [{ units: all, bizStep: "receiving", time: 700, via: viaCase }]);
  const eastCases = cases.filter(goesEast).map(caseEpc);
  const westCases = cases.filter((index) => !goesEast(index)).map(caseEpc);
  add(
    "logistics",
    [ship(eastCases, { time: 800, location: hub.id, destination: eastWard.id }), ship(westCases, { time: 805, location: hub.id, destination: westWard.id })],
    [
      { units: east, bizStep: "shipping", time: 800, via: viaCase },
      { units: west, bizStep: "shipping", time: 805, via: viaCase },
    ],
  );
  add(
    "hospital",
    [receive(eastCases, { time: 900, location: eastWard.id }), receive(westCases, { time: 1_000, location: westWard.id })],
    [
      { units: east, bizStep: "receiving", time: 900, via: viaCase },
      { units: west, bizStep: "receiving", time: 1_000, via: viaCase },
    ],
  );
  add(
    "hospital",
    cases.map((index) => unpack(caseEpc(index), { time: 1_100 + index, location: goesEast(index) ? eastWard.id : westWard.id })),
    cases.map((index) => ({ units: range(index * unitsPerCase, (index + 1) * unitsPerCase), bizStep: "unpacking", time: 1_100 + index, via: viaCase })),
  );
  for (const [bizStep, time, disposition] of [
    [traceBizSteps.use, 2_000, "active"],
    [traceBizSteps.maintenance.has("repairing") ? "repairing" : "", 3_000, "active"],
    ["decommissioning", 4_000, "inactive"],
  ] as const) {
    add(
      "hospital",
      [
        observe(east.map(unitEpc), bizStep, { time, location: eastWard.id, disposition }),
        observe(west.map(unitEpc), bizStep, { time: time + 1, location: westWard.id, disposition }),
      ],
      [
        { units: east, bizStep, time },
        { units: west, bizStep, time: time + 1 },
      ],
    );
  }
  return { documents, expected };
}

async function setUpRegistry(chain: TraceChain): Promise<void> {
  const pending: string[] = [];
  for (const location of Object.values(scenarioLocations)) {
    pending.push(await chain.submit(chain.admins[location.org], "register_location", { ...location }));
  }
  for (const product of [pump, ventilator]) pending.push(await chain.submit(chain.members.manufacturer, "register_product", product));
  for (const hash of pending) {
    const outcome = await chain.waitFor(hash);
    assert.equal(outcome.status, "ok", `registration ${hash} succeeds: ${outcome.code} ${outcome.message}`);
  }
}

function groupByOrganisation(steps: { org: string }[], events: unknown[]): { org: TraceOrganisation; events: unknown[] }[] {
  const runs: { org: TraceOrganisation; events: unknown[] }[] = [];
  steps.forEach((step, index) => {
    const last = runs.at(-1);
    if (last !== undefined && last.org === step.org) last.events.push(events[index]);
    else runs.push({ org: step.org as TraceOrganisation, events: [events[index]] });
  });
  return runs;
}

interface HistoryView {
  known: boolean;
  udi: string;
  flags: string[];
  warnings: string[];
  unit: { custodian: string; status: string; region: string | null; lot: string | null; expiryDate: string | null; steps: number };
  steps: { step: number; type: string; bizStep: string; org: string; eventTime: string; via: string | null; flags: string[]; proof: { txHash: string; height: number; receipt: string } }[];
  next: number | null;
}

describe("scenario: 1,000 units from manufacturer to scrap, loaded through EPCIS import", () => {
  let chain: TraceChain;
  const scenario = buildScenario();
  const outcomes: TxOutcome[] = [];

  before(async () => {
    chain = await startTraceChain();
    await setUpRegistry(chain);
  });
  after(async () => {
    await chain?.close();
  });

  test("default: every document imports in one transaction each, in order", async (context) => {
    const started = performance.now();
    for (const [index, { org, document, events }] of scenario.documents.entries()) {
      assert.ok(Buffer.byteLength(document) < 63 * 1024, `document ${index} fits one transaction (${Buffer.byteLength(document)} bytes)`);
      const outcome = await chain.run(chain.members[org], "import_epcis", { document });
      assert.equal(outcome.status, "ok", `document ${index} by ${org} is recorded: ${outcome.code} ${outcome.message}`);
      const summary = outcome.events.find((event) => event.type === "epcis_imported");
      assert.equal(summary?.attributes.events, events, `document ${index} records all its events`);
      outcomes.push(outcome);
      if (index === 7) {
        const stock = await chain.query("stock", { gtin: pump.gtin });
        assert.deepEqual(
          (stock.body as { stock: unknown[] }).stock,
          [
            { gtin: pump.gtin, region: "CN-31", quantity: 250 },
            { gtin: pump.gtin, region: "CN-51", quantity: 250 },
          ],
          "after the hospital's receipt, half the pumps are in stock on each campus",
        );
      }
    }
    context.diagnostic(`${scenario.documents.length} imports of ${unitCount} units (${scenario.expected[0]!.length} steps each) took ${Math.round(performance.now() - started)} ms`);
  });

  test("behavior: the history of any unit is its full ordered path with organisation and proof", async (context) => {
    const random = seededRandom(2026);
    const picks = [0, unitCount - 1, unitsPerCase, ...range(0, 22).map(() => Math.floor(random() * unitCount))];
    const started = performance.now();
    for (const unit of picks) {
      const answer = await chain.query("history", { udi: unitEpc(unit) });
      assert.equal(answer.status, 200, `history of unit ${unit} answers`);
      const history = answer.body as HistoryView;
      const expected = scenario.expected[unit]!;
      assert.equal(history.known, true, `unit ${unit} is known`);
      assert.deepEqual(
        history.steps.map((step) => ({ bizStep: step.bizStep, org: step.org, eventTime: step.eventTime, via: step.via })),
        expected.map(({ bizStep, org, eventTime, via }) => ({ bizStep, org, eventTime, via })),
        `unit ${unit} has the scenario's steps in order`,
      );
      history.steps.forEach((step, index) => {
        const outcome = outcomes[expected[index]!.tx]!;
        assert.deepEqual({ txHash: step.proof.txHash, height: step.proof.height }, { txHash: outcome.hash, height: outcome.height }, `step ${index} of unit ${unit} points to its transaction`);
        assert.deepEqual(step.flags, [], `step ${index} of unit ${unit} raised no alert`);
      });
      assert.deepEqual(history.flags, ["decommissioned"], `unit ${unit} is flagged decommissioned after scrapping`);
      assert.match(history.warnings[0] ?? "", /^DECOMMISSIONED/, "the warning leads with the flag");
      assert.equal(history.unit.custodian, "hospital", `unit ${unit} ended in the hospital's custody`);
      assert.equal(history.unit.region, goesEast(caseOf(unit)) ? "CN-31" : "CN-51", `unit ${unit} ended on its campus`);
      assert.equal(history.unit.lot, unit < unitCount / 2 ? "LOT-P1" : "LOT-V1", `unit ${unit} carries the lot from its commissioning ILMD`);
    }
    context.diagnostic(`${picks.length} history lookups took ${Math.round(performance.now() - started)} ms`);
    const types = ((await chain.query("history", { udi: unitEpc(unitCount - 1) })).body as HistoryView).steps.map((step) => step.type);
    assert.deepEqual(types.slice(0, 2), ["TransformationEvent", "AggregationEvent"], "ventilators come out of a transformation and are packed by aggregation");
  });

  test("behavior: a step's proof fetches the committed transaction and its receipt", async () => {
    const history = (await chain.query("history", { udi: unitEpc(3) })).body as HistoryView;
    const step = history.steps[3]!;
    const answer = await fetch(`${chain.url}${step.proof.receipt}`);
    const committed = (await answer.json()) as { status: string; height: number; receipt: unknown };
    assert.equal(committed.status, "committed", "the receipt route answers for the proof's hash");
    assert.equal(committed.height, step.proof.height, "at the proof's height");
    assert.ok(committed.receipt, "with a receipt");
  });

  test("behavior: the same lookup works from every form of the scanned code", async () => {
    const unit = 42;
    const { gtin } = productOf(unit);
    const forms = [
      `(01)${gtin}(17)301231(10)LOT-P1(21)${serialOf(unit)}`,
      `]d201${gtin}17301231${"10"}LOT-P1\u001d21${serialOf(unit)}`,
      `https://id.gs1.org/01/${gtin}/10/LOT-P1/21/${serialOf(unit)}`,
      `(01)${gtin}(21)${serialOf(unit)}`,
    ];
    for (const udi of forms) {
      const view = (await chain.query("unit", { udi })).body as HistoryView;
      assert.equal(view.known, true, `${JSON.stringify(udi)} finds the unit`);
      assert.equal(view.udi, `(01)${gtin}(10)LOT-P1(21)${serialOf(unit)}`, `${JSON.stringify(udi)} resolves to the recorded unit`);
      assert.deepEqual(view.flags, ["decommissioned"], `${JSON.stringify(udi)} shows the flags and nothing else`);
    }
  });

  test("behavior: scrapped units leave the regional stock", async () => {
    const stock = await chain.query("stock", {});
    assert.deepEqual(stock.body, { stock: [], total: 0 }, "no unit is in stock after scrapping");
  });

  test("behavior: a unit's history exported as EPCIS 2.0 re-imports on another chain to the same events", async (context) => {
    const units = [7, 777];
    const exported = await Promise.all(units.map(async (unit) => (await chain.query("export", { udi: unitEpc(unit) })).body as { epcisBody: { eventList: unknown[] }; "@context": unknown }));
    for (const [index, document] of exported.entries()) {
      assert.equal(document.epcisBody.eventList.length, scenario.expected[units[index]!]!.length, `the export of unit ${units[index]} holds every step`);
      assert.doesNotThrow(() => parseEpcisDocument(document), "the export is a valid EPCIS 2.0 document");
    }
    const other = await startTraceChain();
    try {
      await setUpRegistry(other);
      const started = performance.now();
      for (const [index, unit] of units.entries()) {
        const steps = ((await chain.query("history", { udi: unitEpc(unit) })).body as HistoryView).steps;
        for (const run of groupByOrganisation(steps, exported[index]!.epcisBody.eventList)) {
          const outcome = await other.run(other.members[run.org], "import_epcis", { document: epcisDocument(run.events as EpcisJson[]) });
          assert.equal(outcome.status, "ok", `re-import of unit ${unit}'s ${run.org} steps succeeds: ${outcome.code} ${outcome.message}`);
        }
      }
      context.diagnostic(`re-importing ${units.length} histories took ${Math.round(performance.now() - started)} ms`);
      for (const [index, unit] of units.entries()) {
        const again = (await other.query("export", { udi: unitEpc(unit) })).body as { epcisBody: unknown; "@context": unknown };
        assert.deepEqual(again.epcisBody, exported[index]!.epcisBody, `unit ${unit}'s events are the same after the round trip`);
        assert.deepEqual(parseEpcisDocument(again).events, parseEpcisDocument(exported[index]).events, `unit ${unit}'s events parse to the same normalised events`);
        const first = ((await chain.query("history", { udi: unitEpc(unit) })).body as HistoryView).steps;
        const second = ((await other.query("history", { udi: unitEpc(unit) })).body as HistoryView).steps;
        const summary = (steps: HistoryView["steps"]) => steps.map((step) => ({ type: step.type, bizStep: step.bizStep, org: step.org, eventTime: step.eventTime, via: step.via }));
        assert.deepEqual(summary(second), summary(first), `unit ${unit}'s history reads the same on both chains`);
      }
    } finally {
      await other.close();
    }
  });
});
