import type { Libp2p, PeerId, Stream } from "@libp2p/interface";
import type { P2pLogger } from "./interface.ts";
import type { P2pOptions } from "./options.ts";
import { operationSignal } from "./signals.ts";
import type { P2pCounters } from "./stats.ts";
import { openStream } from "./streams.ts";

/** One gossip message ready for the wire, shared by every peer it goes to. */
export interface OutboundGossip {
  readonly topic: string;
  readonly payloadBytes: number;
  /** Length prefix and gossip frame; never modified once built. */
  readonly wireParts: readonly Uint8Array[];
  readonly wireBytes: number;
}

export interface GossipSenderContext {
  readonly libp2p: Libp2p;
  readonly protocol: string;
  readonly options: P2pOptions;
  readonly counters: P2pCounters;
  readonly logger: P2pLogger;
  /** Aborted when the network stops. */
  readonly signal: AbortSignal;
}

/** Messages queued in one turn of the event loop are written together, in chunks of about this size. */
const writeChunkBytes = 256 * 1024;

function isWritable(stream: Stream): boolean {
  return stream.status === "open" && stream.writeStatus === "writable";
}

/**
 * Owns the one long-lived outbound gossip stream to a peer. Messages wait here until the end of the
 * current event loop turn (or until the stream opens), then move to the stream's write buffer in few
 * large writes: each write costs a muxer frame, an encryption and a socket write, so writing messages
 * one by one caps throughput. Bytes waiting here plus bytes in the stream's buffer are bounded by
 * peerQueueBytesMax; over it messages are dropped, so a slow peer costs bounded memory and never
 * slows the others. A broken stream is reopened by the next send.
 */
export class PeerGossipSender {
  #stream: Stream | undefined;
  #opening = false;
  #retryTimer: NodeJS.Timeout | undefined;
  #queue: OutboundGossip[] = [];
  #queuedBytes = 0;
  #flushScheduled = false;
  #closed = false;

  constructor(
    private readonly context: GossipSenderContext,
    private readonly peerId: PeerId,
    private readonly publicKeyHex: string,
  ) {}

  send(message: OutboundGossip): void {
    if (this.#closed) return;
    const streamBufferedBytes = this.#stream?.writeBufferLength ?? 0;
    if (streamBufferedBytes + this.#queuedBytes + message.wireBytes > this.context.options.peerQueueBytesMax) {
      this.#countDropped(message);
      return;
    }
    this.#queue.push(message);
    this.#queuedBytes += message.wireBytes;
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      queueMicrotask(() => this.#flush());
    }
  }

  /** Stops sending; messages not yet handed to the stream are counted as dropped. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    for (const message of this.#queue) this.#countDropped(message);
    this.#queue = [];
    this.#queuedBytes = 0;
    const stream = this.#stream;
    this.#stream = undefined;
    if (stream !== undefined && isWritable(stream)) void stream.close().catch(() => stream.abort(new Error("gossip stream closed")));
  }

  #flush(): void {
    this.#flushScheduled = false;
    if (this.#closed || this.#queue.length === 0) return;
    const stream = this.#stream;
    if (stream === undefined || !isWritable(stream)) {
      this.#stream = undefined;
      this.#open();
      return;
    }
    let sentCount = 0;
    while (sentCount < this.#queue.length) {
      const chunkEnd = this.#chunkEnd(sentCount);
      const parts = this.#queue.slice(sentCount, chunkEnd).flatMap((message) => message.wireParts);
      try {
        stream.send(Buffer.concat(parts));
      } catch (error) {
        // Nothing of this chunk was accepted; it stays queued for the reopened stream.
        if (this.#stream === stream) this.#stream = undefined;
        this.context.logger.debug({ peer: this.publicKeyHex, error: String(error) }, "gossip stream broke; reopening");
        this.#open();
        break;
      }
      for (let index = sentCount; index < chunkEnd; index++) this.#countSent(this.#queue[index] as OutboundGossip);
      sentCount = chunkEnd;
    }
    const sent = this.#queue.splice(0, sentCount);
    for (const message of sent) this.#queuedBytes -= message.wireBytes;
  }

  #chunkEnd(start: number): number {
    let end = start;
    let bytes = 0;
    while (end < this.#queue.length && (end === start || bytes + (this.#queue[end] as OutboundGossip).wireBytes <= writeChunkBytes)) {
      bytes += (this.#queue[end] as OutboundGossip).wireBytes;
      end++;
    }
    return end;
  }

  #open(): void {
    if (this.#opening || this.#retryTimer !== undefined || this.#closed) return;
    this.#opening = true;
    void this.#openStream().finally(() => {
      this.#opening = false;
    });
  }

  async #openStream(): Promise<void> {
    const { libp2p, protocol, options, signal, logger } = this.context;
    let stream: Stream;
    const openSignal = operationSignal(signal, options.dialTimeoutMs);
    try {
      stream = await openStream(libp2p, this.peerId, this.publicKeyHex, protocol, { signal: openSignal.signal });
    } catch (error) {
      if (this.#closed) return;
      logger.debug({ peer: this.publicKeyHex, error: String(error) }, "opening the gossip stream failed; retrying");
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = undefined;
        if (this.#queue.length > 0) this.#open();
      }, options.gossipStreamRetryMs);
      return;
    } finally {
      openSignal.release();
    }
    if (this.#closed) {
      stream.abort(new Error("gossip sender closed"));
      return;
    }
    stream.addEventListener("close", () => {
      if (this.#stream === stream) this.#stream = undefined;
    });
    this.#stream = stream;
    logger.debug({ peer: this.publicKeyHex }, "gossip stream opened");
    this.#flush();
  }

  #countSent(message: OutboundGossip): void {
    const counters = this.context.counters.topic(message.topic);
    counters.messagesSent++;
    counters.bytesSent += message.payloadBytes;
  }

  #countDropped(message: OutboundGossip): void {
    const counters = this.context.counters.topic(message.topic);
    counters.messagesDropped++;
    counters.bytesDropped += message.payloadBytes;
  }
}
