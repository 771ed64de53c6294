import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type CryptoSuite, getSuite, parseEpcisDocument, toHex } from "@kexin/core";
import { type Genesis, parseGenesis } from "../../node/src/genesis.ts";
import { type TestChain, startTestChain } from "../../node/test/support.ts";
import { type EpcisJson, at, commission, epcisDocument, gtinOf, observe, pack, receive, sgln, sgtin, ship, sscc } from "../../node/test/trace/fixtures.ts";
import { parseJson, runCli } from "./runCli.ts";

const passphrase = { KEXIN_PASSPHRASE: "secret" };
const unitCount = 100;
const unitsPerCase = 10;
const pump = { gtin: gtinOf("10734"), name: "Infusion pump IP-7", deviceClass: "II", registrationNumber: "国械注准20263140001" };
const lot = "LOT-7";
const plant = { id: sgln("00001"), org: "manufacturer", region: "CN-32", name: "Suzhou plant" };
const ward = { id: sgln("00004"), org: "hospital", region: "CN-31", name: "East campus" };
const keyNames = ["maker", "maker-admin", "nurse", "ward-admin", "inspector"] as const;
type KeyName = (typeof keyNames)[number];

const serialOf = (unit: number): string => `S${String(unit).padStart(5, "0")}`;
const unitEpc = (unit: number): string => sgtin(pump.gtin, serialOf(unit));
const caseEpc = (index: number): string => sscc(1_000 + index);
const humanUdi = (unit: number): string => `(01)${pump.gtin}(21)${serialOf(unit)}`;
const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);

/** The manufacturer's part of the lifecycle: 100 commissionings, 100 inspections, 10 packings into cases, one shipment; 211 events. */
function manufacturerEvents(): EpcisJson[] {
  const units = range(unitCount);
  const cases = range(unitCount / unitsPerCase);
  return [
    ...units.map((unit) => commission([unitEpc(unit)], { time: 0, location: plant.id, lot, expiry: "2030-12-31", eventId: `urn:uuid:7e000000-0000-4000-8000-${String(unit).padStart(12, "0")}` })),
    ...units.map((unit) => observe([unitEpc(unit)], "inspecting", { time: 5, location: plant.id, disposition: "active" })),
    ...cases.map((index) => pack(caseEpc(index), range(unitsPerCase).map((offset) => unitEpc(index * unitsPerCase + offset)), { time: 10 + index, location: plant.id })),
    ship(cases.map(caseEpc), { time: 60, location: plant.id, destination: ward.id }),
  ];
}

interface StepJson {
  step: number;
  type: string;
  bizStep: string;
  org: string;
  eventTime: string;
  via: string | null;
  flags: string[];
  proof: { txHash: string; height: number };
}

interface HistoryJson {
  known: boolean;
  flags: string[];
  warnings: string[];
  unit: { custodian: string; region: string | null; steps: number };
  steps: StepJson[];
}

describe("kexin trace against a real chain", () => {
  const suite: CryptoSuite = getSuite("intl");
  const validatorKey = suite.generatePrivateKey();
  let directory: string;
  let home: string;
  let genesis: Genesis;
  let chain: TestChain;
  const addresses = {} as Record<KeyName, string>;
  const importHashes: string[] = [];

  async function cli(args: readonly string[], url = chain.url) {
    return runCli([...args, "--home", home, "--node", url], passphrase);
  }

  async function json(args: readonly string[], url = chain.url): Promise<Record<string, unknown>> {
    const run = await cli([...args, "--json"], url);
    assert.equal(run.code, 0, `kexin ${args.join(" ")} succeeds: ${run.stdout}${run.stderr}`);
    return parseJson(run.stdout);
  }

  /** The registrations every chain of this test needs, made through the CLI. */
  async function register(url: string): Promise<void> {
    for (const [key, location] of [["maker-admin", plant], ["ward-admin", ward]] as const) {
      const registered = await json(["trace", "location", "--key", key, "--id", location.id, "--org", location.org, "--region", location.region, "--name", location.name], url);
      assert.equal(registered.org, location.org, `${location.name} is registered to ${location.org}`);
    }
    const product = await json(["trace", "register", "--key", "maker", "--gtin", pump.gtin, "--name", pump.name, "--class", pump.deviceClass, "--registration", pump.registrationNumber], url);
    assert.equal(product.gtin, pump.gtin, "the product is registered under its GTIN-14");
    await json(["trace", "lot", "--key", "maker", "--gtin", pump.gtin, "--lot", lot, "--expiry-date", "2030-12-31"], url);
  }

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "kexin-cli-trace-"));
    home = join(directory, "home");
    const created = await Promise.all(keyNames.map((name) => runCli(["keys", "new", name, "--home", home, "--json"], passphrase)));
    const publicKeys = {} as Record<KeyName, string>;
    for (const [index, name] of keyNames.entries()) {
      assert.equal(created[index]?.code, 0, `key ${name} is created: ${created[index]?.stderr}`);
      const info = parseJson(created[index]?.stdout ?? "{}");
      addresses[name] = info.address as string;
      publicKeys[name] = info.publicKey as string;
    }
    genesis = parseGenesis({
      chainId: "kexin-cli-trace",
      suite: suite.id,
      genesisTime: 1_700_000_000_000,
      consensus: "solo",
      validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
      organisations: [
        { id: "manufacturer", name: "Manufacturer", admins: [publicKeys["maker-admin"]] },
        { id: "hospital", name: "Hospital", admins: [publicKeys["ward-admin"]] },
        { id: "regulator", name: "Regulator", admins: [toHex(suite.publicKeyOf(suite.generatePrivateKey()))] },
      ],
      members: [
        { org: "manufacturer", address: addresses.maker, name: "maker", roles: ["manufacturer"] },
        { org: "hospital", address: addresses.nurse, name: "nurse", roles: ["hospital"] },
        { org: "regulator", address: addresses.inspector, name: "inspector", roles: ["regulator"] },
      ],
    });
    chain = await startTestChain({ genesis, validatorKey });
    await register(chain.url);
    const rule = await json(["trace", "rule", "--key", "inspector", "--class", "II", "--transit-time-max-s", "3600", "--temperature-min", "2", "--temperature-max", "8.5"]);
    assert.deepEqual(
      [rule.transitTimeMaxSeconds, rule.temperatureMinTenthsCelsius, rule.temperatureMaxTenthsCelsius],
      [3_600, 20, 85],
      "temperatures given in degrees are sent in tenths",
    );
  });
  after(async () => {
    await chain?.close();
    await rm(directory, { recursive: true, force: true });
  });

  test("default: trace import splits a 211-event file for 100 units over three transactions and records them in order", async (context) => {
    const file = join(directory, "manufacturer.json");
    const events = manufacturerEvents();
    await writeFile(file, epcisDocument(events));
    const started = performance.now();
    const run = await cli(["trace", "import", file, "--key", "maker"]);
    context.diagnostic(`kexin trace import of ${events.length} events took ${Math.round(performance.now() - started)} ms`);
    assert.equal(run.code, 0, `the import succeeds: ${run.stderr}`);
    assert.match(run.stderr, /^importing 211 events from .*manufacturer\.json in 3 transaction\(s\)…$/m, "the plan is announced");
    assert.match(run.stderr, /^ {2}3\/3 transactions committed$/m, "the counter reaches the end");
    assert.match(run.stdout, /recorded\s+211 events in 3 transaction\(s\), touching \d+ objects/, "the summary counts every event");

    // The per-part hashes, for the proof checks below: read back from a unit's history.
    const history = (await json(["trace", "history", unitEpc(0)])) as unknown as HistoryJson;
    importHashes.push(...new Set(history.steps.map((step) => step.proof.txHash)));
    assert.equal(importHashes.length, 3, "unit 0's four steps come from the three parts: commissioning in the first, inspecting in the second, packing and shipping in the third");
  });

  test("default: trace event records the hospital's receipt of the shipment and reports the alert it raises", async () => {
    const file = join(directory, "receive.json");
    await writeFile(file, epcisDocument([receive(range(unitCount / unitsPerCase).map(caseEpc), { time: 180, location: ward.id })]));
    const recorded = await json(["trace", "event", file, "--key", "nurse"]);
    assert.deepEqual([recorded.events, recorded.objects, recorded.alerts], [1, unitCount + unitCount / unitsPerCase, 1], "one event reaching 10 cases and 100 units, one transit-time alert");
    const human = await cli(["trace", "alerts", "--rule", "transit_time_exceeded"]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, new RegExp(`transit_time_exceeded\\s+${pump.gtin}\\s+II\\s+100\\s+hospital`), "the alert lists product, class, unit count and organisation");
    const page = await json(["trace", "alerts", "--gtin", pump.gtin]);
    assert.equal((page.alerts as unknown[]).length, 1, "one alert for the product");
  });

  test("behavior: trace history shows every step in order with organisation, time, step and transaction", async () => {
    const unit = 42;
    const view = (await json(["trace", "history", humanUdi(unit)])) as unknown as HistoryJson;
    assert.equal(view.known, true, "the unit is known");
    assert.deepEqual(
      view.steps.map((step) => [step.bizStep, step.org, step.eventTime, step.via]),
      [
        ["commissioning", "manufacturer", at(0), null],
        ["inspecting", "manufacturer", at(5), null],
        ["packing", "manufacturer", at(14), null],
        ["shipping", "manufacturer", at(60), caseEpc(4)],
        ["receiving", "hospital", at(180), caseEpc(4)],
      ],
      "the unit's steps, the last two reached through its case",
    );
    assert.deepEqual(view.steps.at(-1)?.flags, ["transit_time_exceeded"], "the late receipt is flagged on its step");
    assert.deepEqual([view.unit.custodian, view.unit.region], ["hospital", "CN-31"], "the hospital holds it on its campus");
    for (const step of view.steps.slice(0, 4)) assert.ok(importHashes.includes(step.proof.txHash), `step ${step.step} is proved by one of the import's transactions`);

    const human = await cli(["trace", "history", humanUdi(unit)]);
    assert.equal(human.code, 0, human.stderr);
    const lines = human.stdout.split("\n");
    assert.match(lines[0] ?? "", /^ALERTS: 1 step\(s\) broke a rule: transit_time_exceeded\.$/, "the alert leads the answer");
    assert.match(human.stdout, new RegExp(`unit\\s+\\(01\\)${pump.gtin}\\(10\\)${lot}\\(21\\)${serialOf(unit)}`), "the unit is named with its lot");
    const rows = lines.filter((line) => /^\d+\s+2026-/.test(line));
    assert.equal(rows.length, 5, "one timeline row per step");
    assert.match(rows[0] ?? "", new RegExp(`^1\\s+${at(0).replace("+", "\\+")}\\s+manufacturer\\s+commissioning\\s+${plant.id}\\s+\\(CN-32\\)\\s+${view.steps[0]?.proof.txHash}$`), "a row has time, organisation, step, place and transaction");
    assert.match(rows[3] ?? "", /shipping → hospital/, "a shipment names its destination");
    assert.match(rows[4] ?? "", new RegExp(`receiving .*${caseEpc(4)}\\s+transit_time_exceeded\\s+[0-9a-f]{64}$`), "the receipt shows its case and its alert");
  });

  test("error: a custody refusal names the custodian and exits with status 1", async () => {
    const file = join(directory, "late-inspection.json");
    await writeFile(file, epcisDocument([observe([unitEpc(42)], "inspecting", { time: 200, location: plant.id })]));
    const refused = await cli(["trace", "event", file, "--key", "maker"]);
    assert.equal(refused.code, 1, "the command fails");
    assert.match(
      refused.stderr,
      new RegExp(`^error: the document .*late-inspection\\.json was refused on chain: epcisBody\\.eventList\\[0\\]\\.epcList\\[0\\]: .*${serialOf(42)} is in the custody of "hospital"; "manufacturer" may not record inspecting for it .* \\(transaction [0-9a-f]{64}, block \\d+\\) \\(TRACE_NOT_CUSTODIAN\\)\\n$`),
      "one line says what, who holds it, and the code",
    );
    const asJson = await cli(["trace", "event", file, "--key", "maker", "--json"]);
    assert.equal(asJson.code, 1, "the command fails with --json too");
    assert.equal((parseJson(asJson.stdout).error as { code: string }).code, "TRACE_NOT_CUSTODIAN", "the JSON error carries the module's code");
    const steps = ((await json(["trace", "history", unitEpc(42)])) as unknown as HistoryJson).steps;
    assert.equal(steps.length, 5, "nothing was recorded");
  });

  test("behavior: a unit's export re-imports on a fresh chain, run by run of each organisation, to the same history", async (context) => {
    const unit = 77;
    const exported = await cli(["trace", "export", unitEpc(unit)]);
    assert.equal(exported.code, 0, exported.stderr);
    const document = JSON.parse(exported.stdout) as { epcisBody: { eventList: EpcisJson[] } };
    assert.doesNotThrow(() => parseEpcisDocument(document), "the export is a valid EPCIS 2.0 document");
    const steps = ((await json(["trace", "history", unitEpc(unit)])) as unknown as HistoryJson).steps;
    assert.equal(document.epcisBody.eventList.length, steps.length, "one event per step");

    const other = await startTestChain({ genesis, validatorKey });
    try {
      const started = performance.now();
      await register(other.url);
      const runs: { org: string; events: EpcisJson[] }[] = [];
      steps.forEach((step, index) => {
        const event = document.epcisBody.eventList[index] as EpcisJson;
        if (runs.at(-1)?.org === step.org) runs.at(-1)?.events.push(event);
        else runs.push({ org: step.org, events: [event] });
      });
      assert.deepEqual(runs.map((run) => run.org), ["manufacturer", "hospital"], "two runs of steps");
      for (const [index, run] of runs.entries()) {
        const file = join(directory, `reimport-${index}.json`);
        await writeFile(file, epcisDocument(run.events));
        const imported = await json(["trace", "import", file, "--key", run.org === "manufacturer" ? "maker" : "nurse"], other.url);
        assert.equal(imported.events, run.events.length, `the ${run.org} run is recorded`);
      }
      context.diagnostic(`registering and re-importing on a fresh chain took ${Math.round(performance.now() - started)} ms`);
      const again = await cli(["trace", "export", unitEpc(unit)], other.url);
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual((JSON.parse(again.stdout) as typeof document).epcisBody, document.epcisBody, "the second chain exports the same events");
      const otherSteps = ((await json(["trace", "history", unitEpc(unit)], other.url)) as unknown as HistoryJson).steps;
      const shape = (list: StepJson[]) => list.map((step) => [step.type, step.bizStep, step.org, step.eventTime, step.via]);
      assert.deepEqual(shape(otherSteps), shape(steps), "and reads the same history");
    } finally {
      await other.close();
    }
  });

  test("default: stock, demand and shortage as tables, JSON and CSV", async () => {
    const csv = await cli(["trace", "stock", "--csv"]);
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(csv.stdout, `gtin,region,quantity\r\n${pump.gtin},CN-31,100\r\n`, "the node's CSV, unchanged");
    const demand = await json(["trace", "demand", "--key", "nurse", "--gtin", pump.gtin, "--region", "CN-51", "--quantity", "30"]);
    assert.equal(demand.quantity, 30, "the demand is registered");
    const shortage = (await json(["trace", "shortage"])) as { shortages: unknown[]; transfers: unknown[] };
    assert.deepEqual(shortage.shortages, [{ gtin: pump.gtin, region: "CN-51", stock: 0, demand: 30, balance: -30 }], "the west is short of 30");
    assert.deepEqual(shortage.transfers, [{ gtin: pump.gtin, fromRegion: "CN-31", toRegion: "CN-51", quantity: 30 }], "covered from the east's surplus");
    const transfers = await cli(["trace", "shortage", "--csv", "--transfers"]);
    assert.equal(transfers.stdout, `gtin,from_region,to_region,quantity\r\n${pump.gtin},CN-31,CN-51,30\r\n`, "transfers as CSV");
    const table = await cli(["trace", "shortage"]);
    assert.match(table.stdout, new RegExp(`${pump.gtin}\\s+CN-51\\s+0\\s+30\\s+-30\\s+SHORTAGE`), "the short region is marked");
    const stock = await json(["trace", "stock", "--region", "CN-31"]);
    assert.equal(stock.total, 100, "100 units on the east campus");
  });

  test("behavior: after a recall, and for a code never recorded, the warning comes first", async () => {
    const recalled = await json(["trace", "recall", "--key", "inspector", "--gtin", pump.gtin, "--lot", lot, "--reason", "occlusion alarm may fail"]);
    assert.equal(recalled.lot, lot, "the lot is recalled");
    const human = await cli(["trace", "history", humanUdi(3)]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout.split("\n")[0] ?? "", /^RECALLED: lot LOT-7 was recalled by "regulator" \(block \d+\): occlusion alarm may fail$/, "RECALLED leads");
    const unknown = await cli(["trace", "history", `(01)${pump.gtin}(21)FAKE-1`]);
    assert.equal(unknown.code, 0, unknown.stderr);
    assert.match(unknown.stdout.split("\n")[0] ?? "", /^UNKNOWN UNIT: the model "Infusion pump IP-7" .* may be counterfeit/, "UNKNOWN leads");
    const refusedRole = await cli(["trace", "recall", "--key", "nurse", "--gtin", pump.gtin, "--reason", "x"]);
    assert.equal(refusedRole.code, 1, "a hospital may not recall");
    assert.match(refusedRole.stderr, /regulator/, "the message names the role it needs");
  });

  test("error: an import stops at the first refused part, says what is recorded, and resumes with --from-part", async () => {
    const fresh = range(60).map((unit) => sgtin(pump.gtin, `R${unit}`));
    const events = [
      ...fresh.map((epc) => commission([epc], { time: 300, location: plant.id, lot: "LOT-8" })),
      ...fresh.map((epc) => observe([epc], "inspecting", { time: 301, location: plant.id })),
    ];
    const broken = events.map((event, index) => (index === 110 ? observe([sgtin(pump.gtin, "NEVER-MADE")], "inspecting", { time: 301, location: plant.id }) : event));
    const file = join(directory, "resume.json");
    await writeFile(file, epcisDocument(broken));
    const refused = await cli(["trace", "import", file, "--key", "maker"]);
    assert.equal(refused.code, 1, "the import fails");
    assert.match(
      refused.stderr,
      /^error: part 2 of 2 \(events 100–119 of .*resume\.json\) was refused on chain: epcisBody\.eventList\[10\]\.epcList\[0\]: .*NEVER-MADE was never commissioned on this chain.* 1 part\(s\) before it are recorded\. Fix the file and resume with --from-part 2 \(TRACE_UNKNOWN_UNIT\)$/m,
      "the message names the part, its events, the reason and how to resume",
    );
    assert.equal(((await json(["trace", "history", fresh[59] as string])) as unknown as HistoryJson).steps.length, 1, "the first part is recorded, the refused one is not");
    await writeFile(file, epcisDocument(events));
    const resumed = await json(["trace", "import", file, "--key", "maker", "--from-part", "2"]);
    assert.deepEqual([resumed.fromPart, resumed.events], [2, 20], "the second part is recorded on resuming");
    assert.equal(((await json(["trace", "history", fresh[59] as string])) as unknown as HistoryJson).steps.length, 2, "the last unit has both steps");
  });

  test("error: a document too large for one transaction points to trace import; bad options are usage errors", async () => {
    const file = join(directory, "large.json");
    await writeFile(file, epcisDocument(manufacturerEvents()));
    const event = await cli(["trace", "event", file, "--key", "maker"]);
    assert.equal(event.code, 1, "trace event refuses it");
    assert.match(event.stderr, /large\.json is \d+ bytes; one transaction holds at most 64512 bytes of EPCIS: import it with "kexin trace import .*large\.json", which splits it/, "and says what to do");
    const badClass = await cli(["trace", "register", "--key", "maker", "--gtin", pump.gtin, "--name", "x", "--class", "IV", "--registration", "r"]);
    assert.equal(badClass.code, 1, "an unknown class is refused");
    assert.match(badClass.stderr, /must be "I", "II" or "III"/, "the message lists the classes");
    const missing = await cli(["trace", "import", join(directory, "nothing.json"), "--key", "maker"]);
    assert.match(missing.stderr, /no file at .*nothing\.json \(CLI_FILE_NOT_FOUND\)/, "a missing file is named");
  });
});
