import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type BlockSummary, type EventNotification, type SdkError, createKexinClient, watchBlocks, watchEvents, createClient } from "../src/index.ts";
import { type FakeNode, closedPortUrl, startFakeNode } from "./fakeNode.ts";

const block: BlockSummary = { height: 3, hash: "11".repeat(32), time: 1_700_000_000_000, txCount: 1, txs: ["22".repeat(32)] };
const event = { module: "points", type: "transferred", attributes: { amount: 5 } };

/** Resolves with the first value a callback receives, or rejects after a bounded wait. */
function firstValue<T>(register: (callback: (value: T) => void) => () => void, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`nothing received within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = register((value) => {
      clearTimeout(timer);
      stop();
      resolve(value);
    });
  });
}

describe("watchBlocks and watchEvents over a real WebSocket", () => {
  let node: FakeNode;
  before(async () => {
    node = await startFakeNode({
      routes: {},
      pushAfterSubscribe: (subscription) =>
        (subscription as { subscribe: string }).subscribe === "blocks"
          ? [{ type: "block", block }]
          : [{ type: "event", height: 3, txHash: "22".repeat(32), event }],
    });
  });
  after(() => node.close());

  test("default: watchBlocks subscribes and delivers blocks", async () => {
    const received = await firstValue<BlockSummary>((onBlock) => watchBlocks(createClient({ url: node.url }), { onBlock, onError: (error) => assert.fail(error) }));
    assert.deepEqual(received, block);
    assert.deepEqual(node.subscriptions[0], { subscribe: "blocks" });
  });

  test("behavior: watchBlocks asks for a replay from fromHeight", async () => {
    const received = await firstValue<BlockSummary>((onBlock) => watchBlocks(createClient({ url: node.url }), { onBlock, fromHeight: 3, onError: (error) => assert.fail(error) }));
    assert.deepEqual(received, block);
    assert.deepEqual(node.subscriptions.at(-1), { subscribe: "blocks", fromHeight: 3 });
  });

  test("default: watchEvents sends its filters and delivers events", async () => {
    const received = await firstValue<EventNotification>((onEvent) =>
      createKexinClient({ url: node.url }).watchEvents({ module: "points", type: "transferred", onEvent, onError: (error) => assert.fail(error) }),
    );
    assert.deepEqual(received, { height: 3, txHash: "22".repeat(32), event });
    assert.deepEqual(node.subscriptions.at(-1), { subscribe: "events", module: "points", type: "transferred" });
  });

  test("error: a node that is not there is reported through onError", async () => {
    const url = await closedPortUrl();
    const error = await firstValue<SdkError>((onError) => watchBlocks(createClient({ url }), { onBlock: () => assert.fail("no block expected"), onError }));
    assert.equal(error.code, "SDK_WEBSOCKET_ERROR");
    assert.match(error.message, /\/v1\/ws/);
  });

  test("error: watchEvents refuses a malformed module name", () => {
    assert.throws(() => watchEvents(createClient({ url: node.url }), { module: "Points!", onEvent: () => undefined }), /"module" must be a lower-case name/);
  });
});
