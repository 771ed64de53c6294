import type { Cleanup } from "../cleanup.ts";
import { BenchFailure } from "../errors.ts";
import { isRecord } from "../http.ts";
import { log } from "../output.ts";
import { summariseLatencies } from "../stats.ts";
import { waitFor } from "../wait.ts";
import { type JsonSocket, openJsonSocket } from "../websocket.ts";
import type { KexinApi } from "./api.ts";

export interface BlockSummary {
  readonly height: number;
  readonly txs: readonly string[];
}

export type BlockListener = (block: BlockSummary, receivedAtMs: number) => void;

const subscribeAckTimeoutMs = 5_000;

function parseBlockMessage(message: unknown): BlockSummary | undefined {
  if (!isRecord(message) || message.type !== "block" || !isRecord(message.block)) return undefined;
  const { height, txs } = message.block;
  if (typeof height !== "number" || !Array.isArray(txs)) return undefined;
  return { height, txs: txs.filter((hash): hash is string => typeof hash === "string") };
}

/**
 * The node's block announcements (GET /v1/ws, {"subscribe":"blocks"}). The moment a summary
 * arrives is the commit time of every transaction it lists. Opened before any traffic so no
 * block is missed; listeners come and go per phase.
 */
export class BlockFeed {
  private readonly listeners = new Set<BlockListener>();
  private blocksSeenCount = 0;
  private lastHeightSeen = 0;
  private subscribed = false;

  private constructor(private socket: JsonSocket | undefined) {}

  static async open(cleanup: Cleanup, api: KexinApi, timeoutMs: number): Promise<BlockFeed> {
    const feed = new BlockFeed(undefined);
    feed.socket = await openJsonSocket(cleanup, api.websocketUrl, timeoutMs, (message, receivedAtMs) => feed.receive(message, receivedAtMs));
    feed.socket.send({ subscribe: "blocks" });
    // docs/api.md does not promise an acknowledgement; wait for one briefly, and rely on seeing setup blocks otherwise.
    await waitFor("the blocks subscription to be acknowledged", () => (feed.subscribed ? true : undefined), {
      timeoutMs: subscribeAckTimeoutMs,
      intervalMs: 10,
    }).catch(() => log("no acknowledgement of the blocks subscription; going on"));
    return feed;
  }

  get blocksSeen(): number {
    return this.blocksSeenCount;
  }

  get lastHeight(): number {
    return this.lastHeightSeen;
  }

  listen(listener: BlockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** For use in waits: a dropped subscription would make every later commit invisible. */
  assertOpen(): void {
    if (this.socket !== undefined && !this.socket.isOpen()) throw new BenchFailure("the node closed the blocks WebSocket; commits can no longer be observed");
  }

  async close(): Promise<void> {
    await this.socket?.close();
  }

  private receive(message: unknown, receivedAtMs: number): void {
    if (isRecord(message) && message.type === "subscribed" && message.subscribe === "blocks") {
      this.subscribed = true;
      return;
    }
    if (isRecord(message) && message.type === "error") {
      log("the node reported an error on the WebSocket", { message: JSON.stringify(message).slice(0, 300) });
      return;
    }
    const block = parseBlockMessage(message);
    if (block === undefined) return;
    this.blocksSeenCount++;
    this.lastHeightSeen = Math.max(this.lastHeightSeen, block.height);
    for (const listener of this.listeners) listener(block, receivedAtMs);
  }
}

export interface BlockArrival {
  readonly height: number;
  readonly txs: number;
  /** performance.now() of this process when the announcement arrived. */
  readonly receivedAtMs: number;
}

export interface BlockTimelineSummary {
  readonly blocks: number;
  readonly emptyBlocks: number;
  readonly txs: number;
  readonly txsPerBlockMean: number;
  readonly txsPerBlockMax: number;
  /** Between consecutive announcements, as this client received them. */
  readonly intervalMsP50: number;
  readonly intervalMsMax: number;
}

/** Records the blocks announced from now until `stop()`. */
export function recordBlockArrivals(feed: BlockFeed): { stop(): BlockArrival[] } {
  const arrivals: BlockArrival[] = [];
  const stopListening = feed.listen((block, receivedAtMs) => {
    arrivals.push({ height: block.height, txs: block.txs.length, receivedAtMs });
  });
  return {
    stop() {
      stopListening();
      return arrivals;
    },
  };
}

/** How full blocks were and how often they came: tells whether a phase was limited by block production or by block size. */
export function summariseBlockArrivals(arrivals: readonly BlockArrival[]): BlockTimelineSummary {
  const sizes = arrivals.map((arrival) => arrival.txs);
  const intervals = Float64Array.from(arrivals.slice(1).map((arrival, index) => arrival.receivedAtMs - (arrivals[index] as BlockArrival).receivedAtMs));
  const summary = summariseLatencies(intervals);
  const txs = sizes.reduce((sum, size) => sum + size, 0);
  return {
    blocks: arrivals.length,
    emptyBlocks: sizes.filter((size) => size === 0).length,
    txs,
    txsPerBlockMean: arrivals.length === 0 ? 0 : txs / arrivals.length,
    txsPerBlockMax: Math.max(0, ...sizes),
    intervalMsP50: summary.p50Ms,
    intervalMsMax: summary.maxMs,
  };
}
