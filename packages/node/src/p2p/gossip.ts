import type { Connection, PeerId, Stream } from "@libp2p/interface";
import * as lengthPrefixed from "it-length-prefixed";
import { P2pError } from "./errors.ts";
import {
  decodeGossipFrame,
  encodeGossipFrame,
  encodeTopic,
  forwardedGossipFrame,
  gossipHeaderBytes,
  relayIdentity,
  topicBytesMax,
} from "./frames.ts";
import { type GossipSenderContext, type OutboundGossip, PeerGossipSender } from "./gossipSender.ts";
import type { GossipHandler } from "./interface.ts";
import { publicKeyHexOfPeer } from "./keys.ts";
import { SeenCache } from "./seenCache.ts";
import { lengthPrefixedParts } from "./streams.ts";

/** Inbound and outbound gossip streams allowed per peer; a few, so a stream being replaced can overlap its successor. */
export const gossipStreamsPerPeerMax = 4;

function outboundGossip(topic: string, payloadBytes: number, frame: Uint8Array): OutboundGossip {
  const wireParts = lengthPrefixedParts(frame);
  return { topic, payloadBytes, wireParts, wireBytes: wireParts.reduce((total, part) => total + part.length, 0) };
}

/**
 * Topic gossip: one outbound stream per connected peer, handlers per topic, and flooding of relayed
 * messages with a bounded seen-cache and hop count.
 */
export class GossipRouter {
  readonly #handlers = new Map<string, Set<GossipHandler>>();
  readonly #senders = new Map<string, PeerGossipSender>();
  readonly #seen: SeenCache;
  #closed = false;

  constructor(private readonly context: GossipSenderContext) {
    this.#seen = new SeenCache(context.options.relaySeenEntriesMax);
  }

  addPeer(peerId: PeerId, publicKeyHex: string): void {
    if (this.#closed) return;
    const key = peerId.toString();
    this.#senders.get(key)?.close();
    this.#senders.set(key, new PeerGossipSender(this.context, peerId, publicKeyHex));
  }

  removePeer(peerId: PeerId): void {
    const key = peerId.toString();
    this.#senders.get(key)?.close();
    this.#senders.delete(key);
  }

  broadcast(topic: string, payload: Uint8Array, relay: boolean): void {
    if (this.#closed) return;
    const topicBytes = encodeTopic(topic);
    if (topicBytes === undefined) {
      throw new P2pError({ code: "P2P_INVALID_ARGUMENT", argument: "topic", reason: `must be 1 to ${topicBytesMax} UTF-8 bytes` }, "invalid gossip topic");
    }
    const sizeBytesMax = this.context.options.messageBytesMax;
    if (payload.length > sizeBytesMax) {
      throw new P2pError({ code: "P2P_MESSAGE_TOO_LARGE", kind: "gossip", sizeBytes: payload.length, sizeBytesMax }, "gossip payload exceeds messageBytesMax");
    }
    const frame = encodeGossipFrame(topicBytes, payload, relay, relay ? this.context.options.relayHopsMax : 0);
    // The sender remembers its own relayed message so copies flooding back are not delivered to it.
    if (relay) this.#seen.add(relayIdentity(frame));
    this.#sendToAll(outboundGossip(topic, payload.length, frame), undefined);
  }

  onMessage(topic: string, handler: GossipHandler): () => void {
    let handlers = this.#handlers.get(topic);
    if (handlers === undefined) {
      handlers = new Set();
      this.#handlers.set(topic, handlers);
    }
    handlers.add(handler);
    return () => {
      const current = this.#handlers.get(topic);
      current?.delete(handler);
      if (current?.size === 0) this.#handlers.delete(topic);
    };
  }

  /**
   * Reads an inbound gossip stream until it ends. Handlers run synchronously inside the loop, so each
   * chunk is fully processed before the next network read and nothing accumulates here.
   */
  async readStream(stream: Stream, connection: Connection): Promise<void> {
    const fromPublicKeyHex = publicKeyHexOfPeer(connection.remotePeer);
    if (fromPublicKeyHex === undefined) {
      stream.abort(new Error("gossip from a peer without an Ed25519 key"));
      return;
    }
    const sourcePeer = connection.remotePeer.toString();
    // This end never writes; closing its writable half now lets either side shut the stream down at once.
    void stream.close().catch(() => {});
    const maxDataLength = gossipHeaderBytes + topicBytesMax + this.context.options.messageBytesMax;
    try {
      for await (const frame of lengthPrefixed.decode(stream, { maxDataLength })) {
        if (this.#closed) break;
        this.#receive(frame.subarray(), fromPublicKeyHex, sourcePeer);
      }
    } catch (error) {
      this.context.logger.debug({ peer: fromPublicKeyHex, error: String(error) }, "inbound gossip stream ended with an error");
      if (stream.status === "open") stream.abort(error instanceof Error ? error : new Error(String(error)));
    }
  }

  close(): void {
    this.#closed = true;
    for (const sender of this.#senders.values()) sender.close();
    this.#senders.clear();
    this.#handlers.clear();
  }

  #receive(frameBytes: Uint8Array, fromPublicKeyHex: string, sourcePeer: string): void {
    const { counters, options } = this.context;
    const frame = decodeGossipFrame(frameBytes);
    if (frame === undefined) {
      counters.framesMalformed++;
      return;
    }
    const topicCounters = counters.topic(frame.topic);
    if (frame.relay && !this.#seen.add(relayIdentity(frameBytes))) {
      topicCounters.duplicatesIgnored++;
      return;
    }
    topicCounters.messagesReceived++;
    topicCounters.bytesReceived += frame.payload.length;
    if (frame.relay && frame.relayHopsLeft > 0 && frame.payload.length <= options.messageBytesMax) {
      topicCounters.messagesForwarded++;
      this.#sendToAll(outboundGossip(frame.topic, frame.payload.length, forwardedGossipFrame(frameBytes, options.relayHopsMax)), sourcePeer);
    }
    this.#deliver(frame.topic, fromPublicKeyHex, frame.payload);
  }

  #deliver(topic: string, fromPublicKeyHex: string, payload: Uint8Array): void {
    const handlers = this.#handlers.get(topic);
    if (handlers === undefined) return;
    for (const handler of handlers) {
      try {
        handler(fromPublicKeyHex, payload);
      } catch (error) {
        this.context.counters.gossipHandlerErrors++;
        this.context.logger.warn({ topic, peer: fromPublicKeyHex, error: String(error) }, "gossip handler threw");
      }
    }
  }

  #sendToAll(message: OutboundGossip, exceptPeer: string | undefined): void {
    for (const [peer, sender] of this.#senders) {
      if (peer !== exceptPeer) sender.send(message);
    }
  }
}
