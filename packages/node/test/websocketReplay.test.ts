import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import WebSocket from "ws";
import { type TestChain, startTestChain, waitForCommitted } from "./support.ts";

type Message = { type: string; block?: { height: number; hash: string; time: number; txCount: number; txs: string[] }; error?: { code: string; message: string } };

const replayBlocksMax = 20;
let chain: TestChain;
let amount = 0;

before(async () => {
  chain = await startTestChain({ websocketReplayBlocksMax: replayBlocksMax });
});
after(async () => {
  await chain.close();
});

/** Commits one transaction and returns its hash; solo cuts a block per wait. */
async function commitOne(): Promise<string> {
  amount += 1;
  const signed = await chain.sign(chain.accounts.alice, { module: "points", type: "issue", payload: { to: "00".repeat(20), amount } });
  assert.equal((await chain.post("/v1/txs", { tx: signed.hex })).status, 202);
  await waitForCommitted(chain, signed.hash);
  return signed.hash;
}

async function open(): Promise<{ socket: WebSocket; messages: Message[]; until: (what: string, done: () => boolean) => Promise<void> }> {
  const socket = new WebSocket(`${chain.url.replace("http", "ws")}/v1/ws`);
  const messages: Message[] = [];
  socket.on("message", (data) => messages.push(JSON.parse(String(data)) as Message));
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const until = async (what: string, done: () => boolean): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`${what} did not happen within 10 s: ${JSON.stringify(messages.map((message) => message.block?.height ?? message.type))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { socket, messages, until };
}

test("behavior: subscribing from a height replays committed blocks in order, then live ones, with no gap or repeat while blocks keep committing", async () => {
  for (let count = 0; count < 6; count += 1) await commitOne();
  const { socket, messages, until } = await open();
  try {
    // Blocks keep committing through the switch from replayed to live.
    const load = (async () => {
      for (let count = 0; count < 8; count += 1) await commitOne();
    })();
    socket.send(JSON.stringify({ subscribe: "blocks", fromHeight: 2 }));
    await load;
    const head = chain.node.store.head()?.height ?? 0;
    await until(`blocks up to ${head}`, () => messages.some((message) => message.block?.height === head));
    assert.deepEqual(messages[0], { type: "subscribed", subscribe: "blocks", fromHeight: 2 });
    const heights = messages.filter((message) => message.type === "block").map((message) => message.block?.height);
    assert.deepEqual(heights, Array.from({ length: head - 1 }, (_, index) => index + 2), "every height from 2 to the head, once each, in order");
    for (const message of messages.filter((candidate) => candidate.type === "block")) {
      const block = message.block as NonNullable<Message["block"]>;
      const stored = (await chain.get(`/v1/blocks/${block.height}`)).body as { hash: string; header: { time: number }; txs: string[] };
      assert.deepEqual(block, { height: block.height, hash: stored.hash, time: stored.header.time, txCount: stored.txs.length, txs: stored.txs }, `block ${block.height} as the store holds it`);
    }
  } finally {
    socket.close();
  }
});

test("behavior: a start height above the head sends nothing before that height", async () => {
  const head = chain.node.store.head()?.height ?? 0;
  const { socket, messages, until } = await open();
  try {
    socket.send(JSON.stringify({ subscribe: "blocks", fromHeight: head + 2 }));
    await until("the subscription to be acknowledged", () => messages.length > 0);
    await commitOne();
    await commitOne();
    await until(`block ${head + 2}`, () => messages.some((message) => message.block?.height === head + 2));
    assert.deepEqual(messages.filter((message) => message.type === "block").map((message) => message.block?.height), [head + 2]);
  } finally {
    socket.close();
  }
});

test("error: a replay longer than the bound, a bad height, and a second start height on one connection are refused with a reason", async () => {
  while ((chain.node.store.head()?.height ?? 0) < replayBlocksMax + 1) await commitOne();
  const head = chain.node.store.head()?.height ?? 0;
  const { socket, messages, until } = await open();
  try {
    socket.send(JSON.stringify({ subscribe: "blocks", fromHeight: head - replayBlocksMax }));
    socket.send(JSON.stringify({ subscribe: "blocks", fromHeight: 0 }));
    socket.send(JSON.stringify({ subscribe: "blocks", fromHeight: "1" }));
    await until("three answers", () => messages.length >= 3);
    const [tooLong, zero, text] = messages;
    assert.equal(tooLong?.error?.code, "API_REPLAY_TOO_LONG");
    assert.match(tooLong?.error?.message ?? "", new RegExp(`is ${replayBlocksMax + 1} blocks behind the head \\(${head}\\); a subscription replays at most ${replayBlocksMax}.*subscribe from height ${head - replayBlocksMax + 1} or later`));
    assert.equal(zero?.error?.code, "API_BAD_REQUEST");
    assert.equal(text?.error?.code, "API_BAD_REQUEST");
    // Exactly at the bound is allowed.
    socket.send(JSON.stringify({ subscribe: "blocks", fromHeight: head - replayBlocksMax + 1 }));
    await until("the bounded replay", () => messages.some((message) => message.block?.height === head));
    assert.equal(messages.filter((message) => message.type === "block").length, replayBlocksMax);
    socket.send(JSON.stringify({ subscribe: "blocks", fromHeight: 1 }));
    await until("the refusal of a second start height", () => messages.at(-1)?.type === "error");
    assert.match(messages.at(-1)?.error?.message ?? "", /already receives blocks/);
  } finally {
    socket.close();
  }
});
