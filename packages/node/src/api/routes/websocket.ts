import { decodeHeader, toHex, eventView } from "@kexin/core";
import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import type { CommittedBlock } from "../../consensus/index.ts";
import { nodeLimits } from "../../limits.ts";
import type { ApiContext } from "../context.ts";

interface Subscription {
  /** The next block height this client is owed; undefined until it subscribes to blocks. */
  nextBlockHeight: number | undefined;
  /** While stored blocks are replayed, live ones are left to the replay, which reads up to the head. */
  replaying: boolean;
  events: { module?: string; type?: string }[];
}

interface BlockMessage {
  readonly type: "block";
  readonly block: { readonly height: number; readonly hash: string; readonly time: number; readonly txCount: number; readonly txs: readonly string[] };
}

const subscriptionsMax = 16;

const blockMessage = (height: number, hash: Uint8Array, time: number, txHashes: readonly string[]): BlockMessage => ({
  type: "block",
  block: { height, hash: toHex(hash), time, txCount: txHashes.length, txs: txHashes },
});

const usage = 'send {"subscribe":"blocks","fromHeight"?} or {"subscribe":"events","module"?,"type"?}';

/**
 * `GET /v1/ws`: subscribe to new blocks, optionally replaying committed ones from a height first,
 * and to module events. Slow clients are dropped, not buffered without bound.
 */
export function registerWebsocketRoutes(app: FastifyInstance, context: ApiContext, replayBlocksMax: number): void {
  const { store, suite } = context;
  const clients = new Map<WebSocket, Subscription>();

  function send(socket: WebSocket, message: unknown): void {
    if (socket.bufferedAmount > nodeLimits.websocketBufferedBytesMax) {
      socket.close(1008, "client is not reading fast enough");
      return;
    }
    socket.send(JSON.stringify(message));
  }

  function storedBlockMessage(height: number): BlockMessage {
    const stored = store.getBlock(height);
    if (!stored) throw new Error(`committed block ${height} is missing from the store`);
    return blockMessage(height, suite.hash(stored.header), decodeHeader(stored.header).time, stored.txs.map((tx) => toHex(suite.hash(tx))));
  }

  /**
   * Sends committed blocks from the subscription's next height up to the head, each once its
   * predecessor left the socket, so a long replay never trips the slow-client limit. It reads the
   * head again after every block and ends, in the same turn as its last check, with the head
   * sent: the next live block is the one after it, so there is no gap and no repeat.
   */
  async function replay(socket: WebSocket, subscription: Subscription): Promise<void> {
    subscription.replaying = true;
    try {
      for (;;) {
        const next = subscription.nextBlockHeight as number;
        if (socket.readyState !== socket.OPEN || next > (store.head()?.height ?? 0)) return;
        const message = JSON.stringify(storedBlockMessage(next));
        subscription.nextBlockHeight = next + 1;
        await new Promise<void>((resolve) => socket.send(message, () => resolve()));
      }
    } finally {
      subscription.replaying = false;
    }
  }

  function subscribeBlocks(socket: WebSocket, subscription: Subscription, fromHeight: unknown): void {
    const head = store.head()?.height ?? 0;
    if (fromHeight === undefined) {
      subscription.nextBlockHeight ??= head + 1;
      send(socket, { type: "subscribed", subscribe: "blocks" });
      return;
    }
    if (typeof fromHeight !== "number" || !Number.isSafeInteger(fromHeight) || fromHeight < 1) {
      send(socket, { type: "error", error: { code: "API_BAD_REQUEST", message: "fromHeight must be a whole number of at least 1" } });
      return;
    }
    if (subscription.nextBlockHeight !== undefined) {
      send(socket, { type: "error", error: { code: "API_BAD_REQUEST", message: "this connection already receives blocks; open another to replay from a height" } });
      return;
    }
    const replayBlocks = head - fromHeight + 1;
    if (replayBlocks > replayBlocksMax) {
      const message = `fromHeight ${fromHeight} is ${replayBlocks} blocks behind the head (${head}); a subscription replays at most ${replayBlocksMax}: read older blocks with GET /v1/blocks/:id, then subscribe from height ${head - replayBlocksMax + 1} or later`;
      send(socket, { type: "error", error: { code: "API_REPLAY_TOO_LONG", message, details: { fromHeight, head, replayBlocksMax: replayBlocksMax } } });
      return;
    }
    subscription.nextBlockHeight = fromHeight;
    send(socket, { type: "subscribed", subscribe: "blocks", fromHeight });
    startReplay(socket, subscription);
  }

  function startReplay(socket: WebSocket, subscription: Subscription): void {
    replay(socket, subscription).catch((error: unknown) => {
      context.logger.error({ err: error }, "WebSocket block replay failed");
      socket.close(1011, "the node could not read a committed block");
    });
  }

  const unsubscribe = context.consensus.onBlockCommitted((block: CommittedBlock) => {
    if (clients.size === 0) return;
    const txHashes = block.txs.map((admitted) => toHex(admitted.hash));
    const live = blockMessage(block.height, block.hash, block.header.time, txHashes);
    for (const [socket, subscription] of clients) {
      const next = subscription.nextBlockHeight;
      // Below the next height owed: already replayed, or before the height the client asked to start from.
      if (next !== undefined && !subscription.replaying) {
        if (block.height === next) {
          send(socket, live);
          subscription.nextBlockHeight = next + 1;
        } else if (block.height > next) {
          // Blocks are announced in commit order, so this does not happen; if it did, the store fills the gap.
          startReplay(socket, subscription);
        }
      }
      if (subscription.events.length === 0) continue;
      block.results.forEach((result, index) => {
        for (const event of result.events) {
          const wanted = subscription.events.some((filter) => (!filter.module || filter.module === event.module) && (!filter.type || filter.type === event.type));
          if (wanted) send(socket, { type: "event", height: block.height, txHash: txHashes[index], event: eventView(event) });
        }
      });
    }
  });
  app.addHook("onClose", async () => {
    unsubscribe();
    for (const socket of clients.keys()) socket.terminate();
  });

  app.get("/v1/ws", { websocket: true, schema: { summary: "WebSocket: new blocks (optionally from a height) and events", tags: ["subscriptions"] } }, (socket) => {
    if (clients.size >= nodeLimits.websocketClientsMax) {
      socket.close(1013, "too many subscribers; retry later");
      return;
    }
    const subscription: Subscription = { nextBlockHeight: undefined, replaying: false, events: [] };
    clients.set(socket, subscription);
    context.metrics.websocketClients.set(clients.size);
    socket.on("message", (data) => {
      let message: unknown;
      try {
        message = JSON.parse(String(data));
      } catch {
        send(socket, { type: "error", error: { code: "API_BAD_REQUEST", message: "messages must be JSON" } });
        return;
      }
      const request = message as { subscribe?: unknown; fromHeight?: unknown; module?: unknown; type?: unknown };
      if (request.subscribe === "blocks") {
        subscribeBlocks(socket, subscription, request.fromHeight);
      } else if (request.subscribe === "events") {
        if (subscription.events.length >= subscriptionsMax) {
          send(socket, { type: "error", error: { code: "API_BAD_REQUEST", message: `at most ${subscriptionsMax} event filters per connection` } });
          return;
        }
        const filter = {
          ...(typeof request.module === "string" ? { module: request.module } : {}),
          ...(typeof request.type === "string" ? { type: request.type } : {}),
        };
        subscription.events.push(filter);
        send(socket, { type: "subscribed", subscribe: "events", filter });
      } else {
        send(socket, { type: "error", error: { code: "API_BAD_REQUEST", message: usage } });
      }
    });
    socket.on("close", () => {
      clients.delete(socket);
      context.metrics.websocketClients.set(clients.size);
    });
  });
}
