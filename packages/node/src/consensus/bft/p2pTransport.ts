import { type CborValue, decodeCanonical, encodeCanonical } from "@kexin/core";
import type { P2pNetwork } from "../../p2p/index.ts";
import type { ConsensusTransport } from "./bftConsensus.ts";

const directProtocol = "direct";

type Handler = (from: string, payload: Uint8Array) => void;

/**
 * Consensus traffic over the node's p2p network: broadcasts go to every peer on a gossip topic;
 * a message for one peer (sync requests and answers) travels as a request whose answer is empty.
 */
export async function createP2pTransport(network: P2pNetwork, messageBytesMax: number, onError: (error: unknown) => void): Promise<ConsensusTransport> {
  const directHandlers = new Map<string, Set<Handler>>();
  await network.handle(directProtocol, async (from, request) => {
    const value = decodeCanonical(request, messageBytesMax + 1024) as Record<string, CborValue>;
    if (typeof value?.topic !== "string" || !(value.payload instanceof Uint8Array)) throw new Error("a direct message needs a topic and a payload");
    for (const handler of directHandlers.get(value.topic) ?? []) handler(from, value.payload);
    return new Uint8Array(0);
  });
  return {
    broadcast: (topic, payload) => network.broadcast(topic, payload),
    send: (peer, topic, payload) => {
      network.request(peer, directProtocol, encodeCanonical({ topic, payload })).catch(onError);
    },
    onMessage: (topic, handler) => {
      const unsubscribe = network.onMessage(topic, handler);
      let handlers = directHandlers.get(topic);
      if (!handlers) directHandlers.set(topic, (handlers = new Set()));
      handlers.add(handler);
      return () => {
        unsubscribe();
        handlers.delete(handler);
      };
    },
  };
}
