import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type CborValue, toHex } from "@kexin/core";
import { rebuildDerivedIndex } from "../../src/derivedIndexRebuild.ts";
import { LmdbChainStore } from "../../src/storage/index.ts";
import { type ChainAccount, type ContractsChain, type Outcome, codeFields, startContractsChain } from "./chain.ts";

// The contracts module's derived index on a real node: every contract event, and every call, failed ones with their code.
const empty = { type: "object", additionalProperties: false };
const byNumber = { type: "object", properties: { n: { type: "integer" } }, required: ["n"], additionalProperties: false };

// tick emits one event, two when n is a multiple of 3 (its type has a "/" in it); fail emits and then throws; relay also makes sink emit.
const meter = `
export const methods = { tick: { args: ${JSON.stringify(byNumber)} }, fail: { args: ${JSON.stringify(empty)} }, spin: { args: ${JSON.stringify(empty)} }, relay: { args: ${JSON.stringify(byNumber)} }, secret: { args: ${JSON.stringify(empty)} } };
export function tick(args, ctx) { ctx.emit("tick", { n: args.n }); if (args.n % 3 === 0) ctx.emit("fizz/3", { n: args.n, of: ctx.caller.address }); return args.n; }
export function fail(args, ctx) { ctx.emit("tick", { n: -1 }); throw new Error("meter refuses"); }
export function spin(args, ctx) { for (let i = 0; ; i++) ctx.state.set("spin", i); }
export function relay(args, ctx) { ctx.emit("relayed", { n: args.n }); ctx.call("sink", "take", { n: args.n }, 20000); }
export function secret(args, ctx) { return 1; }
`;
const sink = `
export const methods = { take: { args: ${JSON.stringify(byNumber)} } };
export function take(args, ctx) { ctx.emit("took", { n: args.n, bytes: new Uint8Array([args.n]) }); }
`;

interface EventEntry {
  position: number;
  height: number;
  txHash: string;
  type: string;
  data: unknown;
}
interface EventsAnswer {
  total: number;
  events: EventEntry[];
  next?: number;
}
interface CallsAnswer {
  total: number;
  calls: { txHash: string; method: string; caller: string; gasUsed: number; status: string; code: string; version: number }[];
}

const withoutPosition = ({ position: _position, ...event }: EventEntry): Omit<EventEntry, "position"> => event;

let chain: ContractsChain;
const outcomes: Extract<Outcome, { stage: "committed" }>[] = [];

function committed(outcome: Outcome): Extract<Outcome, { stage: "committed" }> {
  assert.equal(outcome.stage, "committed", JSON.stringify(outcome));
  return outcome;
}

async function call(from: ChainAccount, contract: string, method: string, args: CborValue, gasLimit = 50_000): Promise<Extract<Outcome, { stage: "committed" }>> {
  const outcome = committed(await chain.send(from, "call", { contract, method, args, gasLimit }));
  outcomes.push(outcome);
  return outcome;
}

async function deploy(name: string, source: string, policy: Record<string, string[]>): Promise<void> {
  const { bureau, hospital, bank } = chain.admins;
  for (const [from, type, payload] of [
    [bureau, "propose", { id: `deploy-${name}`, action: { kind: "deploy", name, ...codeFields(chain.suite, source), policy } }],
    [hospital, "approve", { id: `deploy-${name}` }],
    [bank, "approve", { id: `deploy-${name}` }],
  ] as const) {
    const outcome = committed(await chain.send(from, type, payload as unknown as CborValue));
    assert.equal(outcome.status, "ok", outcome.message);
  }
}

async function events(parameters: Record<string, string>): Promise<EventsAnswer> {
  const answer = await chain.query("events", parameters);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body as unknown as EventsAnswer;
}

/** The contract's events as reading every block and every receipt finds them: what the index must answer. */
async function eventsFromBlocks(contract: string): Promise<Omit<EventEntry, "position">[]> {
  const found: Omit<EventEntry, "position">[] = [];
  const tip = chain.node.store.head()?.height ?? 0;
  for (let height = 1; height <= tip; height++) {
    const block = (await (await fetch(`${chain.node.url}/v1/blocks/${height}`, { signal: AbortSignal.timeout(5_000) })).json()) as { txs: string[] };
    for (const txHash of block.txs) {
      const view = (await (await fetch(`${chain.node.url}/v1/txs/${txHash}`, { signal: AbortSignal.timeout(5_000) })).json()) as { result: { events: { module: string; type: string; attributes: { contract: string; type: string; data: unknown } }[] } };
      for (const event of view.result.events) {
        if (event.module === "contracts" && event.type === "contract" && event.attributes.contract === contract) found.push({ height, txHash, type: event.attributes.type, data: event.attributes.data });
      }
    }
  }
  return found;
}

before(async () => {
  chain = await startContractsChain();
  await deploy("meter", meter, { tick: [], fail: [], spin: [], relay: [] });
  await deploy("sink", sink, { take: [] });
  for (const n of [1, 2, 3, 4]) await call(chain.teller, "meter", "tick", { n });
  // Calls from four accounts at once, so that blocks hold several.
  await Promise.all([call(chain.teller, "meter", "tick", { n: 5 }), call(chain.clerk, "meter", "tick", { n: 6 }), call(chain.admins.notary, "meter", "fail", {}), call(chain.admins.hospital, "meter", "tick", { n: 9 })]);
  await call(chain.clerk, "meter", "spin", {}, 5_000);
  await call(chain.clerk, "meter", "secret", {});
  await call(chain.clerk, "nobody", "tick", { n: 1 });
  await call(chain.teller, "meter", "relay", { n: 12 });
});
after(async () => {
  await chain?.close();
});

describe("contract events", () => {
  test("default: the events query lists a contract's events oldest first, as reading every block finds them", async () => {
    const expected = await eventsFromBlocks("meter");
    assert.equal(expected.length, 11, "ticks 1–6 and 9, fizz for 3, 6 and 9, relayed; nothing of the failed call");
    const answer = await events({ contract: "meter" });
    assert.equal(answer.total, 11);
    assert.equal(answer.next, undefined);
    assert.deepEqual(answer.events.map(withoutPosition), expected);
    assert.deepEqual(answer.events.map((event) => event.position), [...answer.events.keys()]);
    assert.ok(!answer.events.some((event) => event.type === "tick" && (event.data as { n: number }).n === -1), "the failed call's event is not listed");
  });

  test("behavior: a contract called by another lists its own events, bytes in their JSON form", async () => {
    const answer = await events({ contract: "sink" });
    const relay = outcomes.at(-1);
    assert.ok(relay);
    assert.deepEqual(answer, { total: 1, events: [{ position: 0, height: relay.height, txHash: relay.txHash, type: "took", data: { n: 12, bytes: "0c" } }] });
    assert.deepEqual(answer.events.map(withoutPosition), await eventsFromBlocks("sink"));
  });

  test("behavior: type, height range, limit and start select; next continues until the range ends", async () => {
    const all = (await events({ contract: "meter" })).events;
    const fizz = await events({ contract: "meter", type: "fizz/3" });
    assert.equal(fizz.total, 3);
    assert.deepEqual(fizz.events.map(withoutPosition), all.filter((event) => event.type === "fizz/3").map(withoutPosition));
    assert.deepEqual(fizz.events.map((event) => event.position), [0, 1, 2], "positions among the type's events");
    assert.equal((await events({ contract: "meter", type: "fizz" })).total, 0, "a type is matched whole");

    const ticks = all.filter((event) => event.type === "tick");
    const from = ticks[1]!.height;
    const to = ticks[4]!.height;
    const inRange = all.filter((event) => event.height >= from && event.height <= to);
    assert.ok(inRange.length >= 4);
    const paged: EventEntry[] = [];
    let start: number | undefined;
    let pages = 0;
    do {
      const page = await events({ contract: "meter", fromHeight: String(from), toHeight: String(to), limit: "2", ...(start === undefined ? {} : { start: String(start) }) });
      assert.ok(page.events.length <= 2);
      paged.push(...page.events);
      start = page.next;
      pages++;
    } while (start !== undefined && pages < 20);
    assert.equal(start, undefined, "the listing ends");
    assert.deepEqual(paged, inRange, "pages of two cover the range exactly once");
    assert.deepEqual((await events({ contract: "meter", fromHeight: String(to + 1_000) })).events, []);
    const typed = await events({ contract: "meter", type: "tick", fromHeight: String(from), limit: "1" });
    assert.deepEqual(typed.events.map((event) => [event.position, event.height]), [[1, from]]);
    assert.equal(typed.next, 2);
  });

  test("error: an unknown contract, a bad limit or a bad start are refused with their codes", async () => {
    const unknown = await chain.query("events", { contract: "nobody" });
    assert.deepEqual([unknown.status, unknown.body.error?.code], [404, "CONTRACT_NOT_FOUND"]);
    for (const parameters of [{ limit: "0" }, { limit: "1001" }, { start: "-1" }, { fromHeight: "0" }, { toHeight: "1.5" }] as Record<string, string>[]) {
      const refused = await chain.query("events", { contract: "meter", ...parameters });
      assert.deepEqual([refused.status, refused.body.error?.code], [400, "API_INVALID_INTEGER"], JSON.stringify(parameters));
    }
    const longType = await chain.query("events", { contract: "meter", type: "x".repeat(65) });
    assert.equal(longType.status, 400);
  });
});

describe("recent calls", () => {
  test("default: failed calls are listed with their code beside successful ones, newest first; a call to no contract is not", async () => {
    const answer = (await chain.query("calls", { contract: "meter", limit: "100" })).body as unknown as CallsAnswer;
    const meterCalls = outcomes.filter((outcome) => outcome.code !== "CONTRACT_NOT_FOUND");
    assert.equal(answer.total, meterCalls.length);
    const byHash = new Map(answer.calls.map((listed) => [listed.txHash, listed]));
    for (const outcome of meterCalls) {
      const listed = byHash.get(outcome.txHash);
      assert.ok(listed, `${outcome.txHash} is listed`);
      assert.deepEqual([listed.status, listed.code], [outcome.status, outcome.code]);
    }
    const codes = answer.calls.filter((listed) => listed.status === "failed").map((listed) => [listed.method, listed.code]);
    assert.deepEqual(codes, [["secret", "CONTRACT_METHOD_NOT_ALLOWED"], ["spin", "CONTRACT_OUT_OF_GAS"], ["fail", "CONTRACT_THREW"]]);
    const spin = answer.calls.find((listed) => listed.method === "spin");
    assert.ok(spin && spin.gasUsed >= 5_000, `out of gas used its limit, got ${spin?.gasUsed}`);
    assert.equal(answer.calls.find((listed) => listed.method === "secret")?.gasUsed, 0, "refused before it ran");
    assert.equal(answer.calls[0]?.txHash, outcomes.at(-1)?.txHash, "the relay, sent last, comes first");
    const heights = answer.calls.map((listed) => outcomes.find((outcome) => outcome.txHash === listed.txHash)?.height ?? 0);
    assert.deepEqual(heights, [...heights].sort((a, b) => b - a), "newest first");
  });

  test("behavior: a failed call's receipt keeps its code, no events and its cost", () => {
    const failed = outcomes.filter((outcome) => outcome.status === "failed");
    assert.deepEqual(failed.map((outcome) => outcome.code).sort(), ["CONTRACT_METHOD_NOT_ALLOWED", "CONTRACT_NOT_FOUND", "CONTRACT_OUT_OF_GAS", "CONTRACT_THREW"]);
    for (const outcome of failed) assert.deepEqual(outcome.events, []);
  });
});

describe("index rebuild", () => {
  function entriesOf(dataDir: string): Promise<{ key: string; value: string }[]> {
    const store = new LmdbChainStore({ path: dataDir });
    const entries = [...store.derivedIndexEntries()].map(({ key, value }) => ({ key, value: toHex(value) }));
    return store.close().then(() => entries);
  }

  // Last: it stops the node.
  test("behavior: kexin index rebuild reproduces the events and the failed calls entry for entry", async () => {
    await chain.node.close();
    const original = await entriesOf(chain.dataDir);
    assert.ok(original.some((entry) => entry.key.startsWith("~index/contracts/events/meter/type/")), "type lists are kept");
    assert.ok(original.some((entry) => entry.key === "~index/contracts/events/sink/e/0"));
    const store = new LmdbChainStore({ path: chain.dataDir });
    store.replaceDerivedIndex([]);
    await store.close();
    const rebuilt = await rebuildDerivedIndex({ dataDir: chain.dataDir, genesis: chain.genesis });
    assert.equal(rebuilt.entries, original.length);
    assert.deepEqual(await entriesOf(chain.dataDir), original);
  });
});
