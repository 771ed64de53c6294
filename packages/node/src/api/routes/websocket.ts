import { toHex, eventView } from "@kexin/core";
import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import type { CommittedBlock } from "../../consensus/index.ts";
import { nodeLimits } from "../../limits.ts";
import type { ApiContext } from "../context.ts";

interface Subscription {
  blocks: boolean;
  events: { module?: string; type?: string }[];
}

const subscriptionsMax = 16;

/** `GET /v1/ws`: subscribe to new blocks and to module events. Slow clients are dropped, not buffered without bound. */
export function registerWebsocketRoutes(app: FastifyInstance, context: ApiContext): void {
  const clients = new Map<WebSocket, Subscription>();

  function send(socket: WebSocket, message: unknown): void {
    if (socket.bufferedAmount > nodeLimits.websocketBufferedBytesMax) {
      socket.close(1008, "client is not reading fast enough");
      return;
    }
    socket.send(JSON.stringify(message));
  }

  const unsubscribe = context.consensus.onBlockCommitted((block: CommittedBlock) => {
    if (clients.size === 0) return;
    const txHashes = block.txs.map((admitted) => toHex(admitted.hash));
    const blockMessage = { type: "block", block: { height: block.height, hash: toHex(block.hash), time: block.header.time, txCount: block.txs.length, txs: txHashes } };
    for (const [socket, subscription] of clients) {
      if (subscription.blocks) send(socket, blockMessage);
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

  app.get("/v1/ws", { websocket: true, schema: { summary: "WebSocket: new blocks and events", tags: ["subscriptions"] } }, (socket) => {
    if (clients.size >= nodeLimits.websocketClientsMax) {
      socket.close(1013, "too many subscribers; retry later");
      return;
    }
    const subscription: Subscription = { blocks: false, events: [] };
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
      const request = message as { subscribe?: unknown; module?: unknown; type?: unknown };
      if (request.subscribe === "blocks") {
        subscription.blocks = true;
        send(socket, { type: "subscribed", subscribe: "blocks" });
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
        send(socket, { type: "error", error: { code: "API_BAD_REQUEST", message: 'send {"subscribe":"blocks"} or {"subscribe":"events","module"?,"type"?}' } });
      }
    });
    socket.on("close", () => {
      clients.delete(socket);
      context.metrics.websocketClients.set(clients.size);
    });
  });
}
