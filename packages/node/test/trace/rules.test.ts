import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { alertsAnswerSchema, historyViewSchema, wireProblem } from "@kexin/core";
import WebSocket from "ws";
import { traceBizSteps } from "../../src/modules/trace/index.ts";
import { type TraceChain, type TraceOrganisation, type TxOutcome, startTraceChain } from "./chain.ts";
import { type EpcisJson, commission, epcisDocument, gtinOf, observe, receive, scenarioLocations, sgtin, ship } from "./fixtures.ts";

const pump = { gtin: gtinOf("10734"), name: "Infusion pump IP-7", deviceClass: "II", registrationNumber: "国械注准20263140001" };
const glove = { gtin: gtinOf("30003"), name: "Examination glove", deviceClass: "I", registrationNumber: "国械备20260001" };
const { plant, warehouse, eastWard, westWard } = scenarioLocations;
const unit = (serial: string): string => sgtin(pump.gtin, serial);

interface Alert {
  seq: number;
  rule: string;
  gtin: string;
  unitCount: number;
  units: string[];
  blockTime: number;
  detail: Record<string, string | number>;
}

let chain: TraceChain;
let socket: WebSocket;
const pushed: { type: string; event?: { module: string; type: string; attributes: Record<string, unknown> } }[] = [];

async function importAs(org: TraceOrganisation, events: EpcisJson[]): Promise<TxOutcome> {
  const outcome = await chain.run(chain.members[org], "import_epcis", { document: epcisDocument(events) });
  assert.equal(outcome.status, "ok", `import by ${org}: ${outcome.code} ${outcome.message}`);
  return outcome;
}

function alertsIn(outcome: TxOutcome): Record<string, unknown>[] {
  return outcome.events.filter((event) => event.module === "trace" && event.type === "alert").map((event) => event.attributes);
}

async function alerts(parameters: Record<string, string>): Promise<{ alerts: Alert[]; next: number | null }> {
  const answer = await chain.query("alerts", parameters);
  assert.equal(answer.status, 200, `alerts query ${JSON.stringify(parameters)} answers: ${JSON.stringify(answer.body)}`);
  assert.equal(wireProblem(alertsAnswerSchema, answer.body), undefined, "the answer is the alerts answer of @kexin/core's trace schema");
  return answer.body as { alerts: Alert[]; next: number | null };
}

async function stepFlags(serial: string): Promise<string[][]> {
  const { body } = await chain.query("history", { udi: unit(serial) });
  assert.equal(wireProblem(historyViewSchema, body), undefined, "the answer is the history view of @kexin/core's trace schema");
  return (body as { steps: { flags: string[] }[] }).steps.map((step) => step.flags);
}

before(async () => {
  chain = await startTraceChain();
  for (const location of Object.values(scenarioLocations)) await chain.run(chain.admins[location.org], "register_location", { ...location });
  for (const product of [pump, glove]) await chain.run(chain.members.manufacturer, "register_product", product);
  const rules = { deviceClass: "II", transitTimeMaxSeconds: 3_600, temperatureMinTenthsCelsius: 20, temperatureMaxTenthsCelsius: 80, usesBetweenMaintenanceMax: 2, twoPlacesWindowSeconds: 600 };
  const set = await chain.run(chain.members.regulator, "set_rule", rules);
  assert.equal(set.status, "ok", `the regulator sets class II rules: ${set.message}`);
  socket = new WebSocket(`${chain.url.replace("http", "ws")}/v1/ws`);
  socket.on("message", (data) => pushed.push(JSON.parse(String(data)) as (typeof pushed)[number]));
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  socket.send(JSON.stringify({ subscribe: "events", module: "trace", type: "alert" }));
  const deadline = Date.now() + 5_000;
  while (!pushed.some((message) => message.type === "subscribed") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  await importAs("manufacturer", [
    commission(["A1", "A2", "A3", "A4"].map(unit), { time: 0, location: plant.id, lot: "L1" }),
    commission([sgtin(glove.gtin, "G1")], { time: 0, location: plant.id }),
  ]);
});
after(async () => {
  socket?.close();
  await chain?.close();
});

describe("anomaly rules", () => {
  test("error: only a regulator sets rules, and a temperature range must be ordered", async () => {
    await assert.rejects(chain.run(chain.members.hospital, "set_rule", { deviceClass: "III", transitTimeMaxSeconds: 60 }), /TX_NOT_AUTHORISED/, "a hospital cannot set rules");
    const inverted = await chain.run(chain.members.regulator, "set_rule", { deviceClass: "III", temperatureMinTenthsCelsius: 90, temperatureMaxTenthsCelsius: 20 });
    assert.equal(inverted.code, "TRACE_INVALID_RULE", `an inverted range is refused: ${inverted.message}`);
    const rules = (await chain.query("rules")).body as { rules: { deviceClass: string; transitTimeMaxSeconds?: number }[]; useBizStep: string };
    assert.equal(rules.rules.find((rule) => rule.deviceClass === "II")?.transitTimeMaxSeconds, 3_600, "the rules query shows class II's thresholds");
    assert.equal(rules.useBizStep, traceBizSteps.use, "and the business step counted as a use");
  });

  test("behavior: a transit longer than allowed raises transit_time_exceeded on receipt", async () => {
    await importAs("manufacturer", [ship(["A1", "A2"].map(unit).concat(sgtin(glove.gtin, "G1")), { time: 10, location: plant.id, destination: warehouse.id })]);
    const outcome = await importAs("distributor", [receive(["A1", "A2"].map(unit).concat(sgtin(glove.gtin, "G1")), { time: 10 + 120, location: warehouse.id })]);
    const raised = alertsIn(outcome);
    assert.equal(raised.length, 1, `one alert for the two pumps; class I gloves have no rule: ${JSON.stringify(raised)}`);
    assert.deepEqual(
      { rule: raised[0]?.rule, unitCount: raised[0]?.unitCount, detail: raised[0]?.detail },
      { rule: "transit_time_exceeded", unitCount: 2, detail: { transitSeconds: 7_200, transitTimeMaxSeconds: 3_600, from: "manufacturer", to: "distributor" } },
      "the alert says how long the transit took against the limit",
    );
    assert.deepEqual((await stepFlags("A1")).at(-1), ["transit_time_exceeded"], "the receiving step of each unit carries the flag");
    const listed = await alerts({ rule: "transit_time_exceeded" });
    assert.deepEqual(listed.alerts.map((alert) => alert.units.length), [2], "the alert is queryable by rule");
  });

  test("behavior: a sensor reading outside the storage range raises temperature_out_of_range", async () => {
    const outcome = await importAs("distributor", [observe(["A1", "A2"].map(unit), "storing", { time: 200, location: warehouse.id, temperatures: [5, 9.5] })]);
    const raised = alertsIn(outcome);
    assert.deepEqual(
      raised.map((alert) => ({ rule: alert.rule, detail: alert.detail })),
      [{ rule: "temperature_out_of_range", detail: { readingMinTenthsCelsius: 50, readingMaxTenthsCelsius: 95, temperatureMinTenthsCelsius: 20, temperatureMaxTenthsCelsius: 80 } }],
      "the alert carries the readings and the range in tenths of a degree",
    );
    const inRange = await importAs("distributor", [observe(["A1", "A2"].map(unit), "storing", { time: 260, location: warehouse.id, temperatures: [3.5, 7.9] })]);
    assert.deepEqual(alertsIn(inRange), [], "readings inside the range raise nothing");
    const fahrenheit = await importAs("distributor", [
      { ...observe([unit("A1")], "storing", { time: 270, location: warehouse.id }), sensorElementList: [{ sensorReport: [{ type: "gs1:Temperature", value: 33.8, uom: "FAH" }] }] },
    ]);
    assert.equal(alertsIn(fahrenheit)[0]?.rule, "temperature_out_of_range", "readings in Fahrenheit are converted (33.8 °F is 1.0 °C)");
  });

  test("behavior: more uses than allowed between maintenance raise maintenance_overdue, and maintenance resets the count", async () => {
    await importAs("distributor", [ship(["A1", "A2"].map(unit), { time: 300, location: warehouse.id, destination: eastWard.id })]);
    await importAs("hospital", [receive(["A1", "A2"].map(unit), { time: 320, location: eastWard.id })]);
    const use = (time: number) => observe([unit("A1")], traceBizSteps.use, { time, location: eastWard.id });
    const outcome = await importAs("hospital", [use(400), use(500), use(600)]);
    const raised = alertsIn(outcome);
    assert.deepEqual(
      raised.map((alert) => ({ rule: alert.rule, detail: alert.detail })),
      [{ rule: "maintenance_overdue", detail: { usesSinceMaintenance: 3, usesBetweenMaintenanceMax: 2 } }],
      "the third use after maintenance is one too many",
    );
    const maintained = await importAs("hospital", [observe([unit("A1")], "repairing", { time: 700, location: eastWard.id }), use(800), use(900)]);
    assert.deepEqual(alertsIn(maintained), [], "after repairing, two uses are allowed again");
    const status = (await chain.query("unit", { udi: unit("A1") })).body as { unit: { usesSinceMaintenance: number } };
    assert.equal(status.unit.usesSinceMaintenance, 2, "the unit counts its uses since maintenance");
  });

  test("behavior: one unit seen at two places within the window raises seen_in_two_places", async () => {
    const outcome = await importAs("hospital", [
      observe([unit("A2")], "inspecting", { time: 1_000, location: eastWard.id }),
      observe([unit("A2")], "inspecting", { time: 1_002, location: westWard.id }),
    ]);
    const raised = alertsIn(outcome);
    assert.deepEqual(
      raised.map((alert) => ({ rule: alert.rule, detail: alert.detail })),
      [{ rule: "seen_in_two_places", detail: { location: westWard.id, otherLocation: eastWard.id, secondsApart: 120, twoPlacesWindowSeconds: 600 } }],
      "two sightings two minutes apart on different campuses are impossible",
    );
    const later = await importAs("hospital", [observe([unit("A2")], "inspecting", { time: 1_100, location: eastWard.id })]);
    assert.deepEqual(alertsIn(later), [], "a move after the window is plausible");
  });

  test("behavior: alerts are pushed to WebSocket subscribers as they are committed", async () => {
    const deadline = Date.now() + 5_000;
    const rules = () => new Set(pushed.filter((message) => message.type === "event").map((message) => message.event?.attributes.rule));
    while (rules().size < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual([...rules()].sort(), ["maintenance_overdue", "seen_in_two_places", "temperature_out_of_range", "transit_time_exceeded"], "each rule's alert reached the subscriber");
    assert.ok(pushed.every((message) => message.type !== "event" || message.event?.module === "trace"), "only trace alerts were pushed to this filter");
  });

  test("behavior: alerts are queryable by product and time, newest first, in pages", async () => {
    const all = await alerts({ gtin: pump.gtin });
    assert.deepEqual(
      all.alerts.map((alert) => alert.rule),
      ["seen_in_two_places", "maintenance_overdue", "temperature_out_of_range", "temperature_out_of_range", "transit_time_exceeded"],
      "every pump alert, newest first",
    );
    assert.deepEqual((await alerts({ gtin: glove.gtin })).alerts, [], "gloves raised nothing");
    const page = await alerts({ gtin: pump.gtin, limit: "2" });
    assert.equal(page.alerts.length, 2, "a page holds the limit");
    const rest = await alerts({ gtin: pump.gtin, before: String(page.next) });
    assert.deepEqual([...page.alerts, ...rest.alerts].map((alert) => alert.seq), all.alerts.map((alert) => alert.seq), "pages join up to the full list");
    const newest = all.alerts[0]!;
    const oldest = all.alerts.at(-1)!;
    assert.deepEqual((await alerts({ from: String(newest.blockTime) })).alerts.map((alert) => alert.seq), [newest.seq], "from keeps alerts recorded at or after the time");
    assert.deepEqual((await alerts({ to: String(oldest.blockTime) })).alerts.map((alert) => alert.seq), [oldest.seq], "to keeps alerts recorded at or before the time");
    const bad = await chain.query("alerts", { from: "last week" });
    assert.equal(bad.status, 400, "a time that is not a time is a bad request");
  });
});
