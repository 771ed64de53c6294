import assert from "node:assert/strict";
import { after, test } from "node:test";
import { forkedHeights, lostTransactions, replacedAnnouncedHeights } from "./faults/checks.ts";
import { type Cluster, clusterOfTestnet } from "./faults/cluster.ts";
import { runScenario } from "./faults/runScenario.ts";
import { type ProcessScenario, ScenarioError, loadScenarios, parseScenario } from "./faults/scenario.ts";
import { type RunningTestnet, startTestnet } from "./support/testnet.ts";

/**
 * The process scenarios at their CI size, on a fixed seed; the bft ones share one testnet to save
 * its start-up. bft-two-down is left to bft-testnet.test.ts, which checks the same, to keep this
 * file near two minutes. `npm run faults` runs them all at full size.
 */
const seed = 1;
const scenarios = loadScenarios();

test("behavior: forkedHeights names the heights where two nodes hold different blocks, and only those", () => {
  assert.deepEqual(forkedHeights([["a", "b", "c"], ["a", "b"], ["a", "b", "c", "d"]]), []);
  assert.deepEqual(forkedHeights([["a", "b", "c"], ["a", "x", "c"], ["a", "b", undefined]]), [2]);
  assert.deepEqual(forkedHeights([["a"], ["z", "y"]]), [1]);
});

test("behavior: replacedAnnouncedHeights finds a block announced at a height that now holds another", () => {
  const announced = new Map([
    [1, new Set(["a"])],
    [2, new Set(["b", "b-other"])],
    [3, new Set(["c-lost"])],
    [9, new Set(["beyond the head"])],
  ]);
  assert.deepEqual(replacedAnnouncedHeights(announced, ["a", "b", "c"]), [2, 3]);
  assert.deepEqual(replacedAnnouncedHeights(new Map([[1, new Set(["a"])]]), ["a"]), []);
});

test("behavior: lostTransactions answers what was reported committed but is not on the chain", () => {
  assert.deepEqual(lostTransactions(["t1", "t2", "t3"], new Set(["t1", "t3", "t4"])), ["t2"]);
  assert.deepEqual(lostTransactions(new Set(["t1"]), new Set(["t1"])), []);
});

test("behavior: every manifest in test/faults/scenarios parses", () => {
  const names = scenarios.map((scenario) => scenario.name);
  for (const name of ["solo-random-kills", "bft-kill-proposer", "bft-kill-all", "bft-pause", "bft-random-kills", "kill-on-announce"]) assert.ok(names.includes(name), `${name} is there`);
});

test("error: a manifest with an unknown step, a bad signal or a missing field is refused, naming where", () => {
  const valid = {
    description: "d",
    chain: { kind: "bft", validators: 4 },
    load: { batchSize: 1, intervalMs: 0 },
    rounds: { full: 2, ci: 1 },
    steps: [{ kill: "proposer" }],
    checks: { noFork: true, noLoss: true, livenessMs: 1 },
  };
  assert.deepEqual((parseScenario("valid", valid) as ProcessScenario).steps, [{ kill: "proposer", signal: "SIGKILL" }]);
  assert.throws(() => parseScenario("s", { ...valid, steps: [{ explode: "all" }] }), (error) => error instanceof ScenarioError && /s\.steps\[0\]: must have one of kill/.test(error.message));
  assert.throws(() => parseScenario("s", { ...valid, steps: [{ repeat: "rounds", steps: [{ kill: "all", signal: "SIGHUP" }] }] }), /s\.steps\[0\]\.steps\[0\]\.signal: must be SIGKILL or SIGTERM/);
  assert.throws(() => parseScenario("s", { ...valid, checks: { noFork: true, livenessMs: 1 } }), /s\.checks: noFork and noLoss must be true or false/);
  assert.throws(() => parseScenario("s", { ...valid, chain: { kind: "raft" } }), /s\.chain\.kind: must be "solo" or "bft"/);
  assert.throws(() => parseScenario("s", { ...valid, steps: [{ wait: { ms: 1, commits: 2 } }] }), /exactly one of commits, ms, msBetween/);
});

function processScenario(name: string): ProcessScenario {
  const scenario = scenarios.find((candidate) => candidate.name === name);
  assert.ok(scenario !== undefined && !("testFile" in scenario), `${name} is a process scenario`);
  return scenario;
}

async function runAtCiSize(name: string, cluster?: Cluster): Promise<Awaited<ReturnType<typeof runScenario>>> {
  const scenario = processScenario(name);
  const result = await runScenario(scenario, { seed, rounds: scenario.rounds.ci, ...(cluster ? { cluster } : {}) });
  assert.deepEqual(result.problems, [], JSON.stringify(result));
  assert.equal(result.ok, true);
  assert.equal(result.lost, 0);
  assert.equal(result.forks, 0);
  assert.ok(result.transactionsChecked > 0, `transactions were reported committed and checked: ${JSON.stringify(result)}`);
  return result;
}

test("behavior: solo-random-kills — a loaded solo node SIGKILLed 3 times loses nothing it reported committed", { timeout: 120_000 }, async (context) => {
  const result = await runAtCiSize("solo-random-kills");
  assert.equal(result.faults, 3);
  context.diagnostic(JSON.stringify(result));
});

let testnet: RunningTestnet | undefined;
after(async () => {
  await testnet?.stop();
});

async function sharedTestnet(): Promise<Cluster> {
  testnet ??= await startTestnet(4);
  return clusterOfTestnet(testnet);
}

for (const [name, faults] of [
  ["bft-kill-proposer", 2],
  ["bft-pause", 1],
  ["bft-kill-all", 4],
  ["bft-random-kills", 2],
] as const) {
  test(`behavior: ${name} at CI size — ${faults} fault(s), no fork, nothing lost, commits resume`, { timeout: 150_000 }, async (context) => {
    const result = await runAtCiSize(name, await sharedTestnet());
    assert.equal(result.faults, faults);
    assert.equal(result.heights.length, 4, "all four validators are answering at the end");
    context.diagnostic(JSON.stringify(result));
  });
}
