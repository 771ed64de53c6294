/**
 * Wire layouts carried inside it-length-prefixed frames.
 *
 * Gossip frame: flags (1 byte, bit 0 = relay) ‖ relay hops left (1 byte) ‖ topic length (1 byte)
 * ‖ topic (UTF-8) ‖ payload. The relay identity is SHA-256 over everything from the topic length
 * on, so forwarding (which only changes the hops byte) keeps it.
 *
 * Response frame: status (1 byte) ‖ body: the response, or a UTF-8 error message.
 */
import { createHash } from "node:crypto";

export const gossipHeaderBytes = 3;
export const topicBytesMax = 255;
const relayFlag = 1;

export interface GossipFrame {
  readonly topic: string;
  readonly relay: boolean;
  readonly relayHopsLeft: number;
  readonly payload: Uint8Array;
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 bytes of a valid topic, or undefined when it is empty or longer than topicBytesMax. */
export function encodeTopic(topic: string): Uint8Array | undefined {
  const bytes = textEncoder.encode(topic);
  if (bytes.length === 0 || bytes.length > topicBytesMax) return undefined;
  return bytes;
}

export function encodeGossipFrame(topicBytes: Uint8Array, payload: Uint8Array, relay: boolean, relayHopsLeft: number): Uint8Array {
  const frame = new Uint8Array(gossipHeaderBytes + topicBytes.length + payload.length);
  frame[0] = relay ? relayFlag : 0;
  frame[1] = relayHopsLeft;
  frame[2] = topicBytes.length;
  frame.set(topicBytes, gossipHeaderBytes);
  frame.set(payload, gossipHeaderBytes + topicBytes.length);
  return frame;
}

/**
 * The same frame with one hop fewer left, and never more than this node's own relayHopsMax, whatever
 * the sender claimed; a copy, so the received buffer is never changed.
 */
export function forwardedGossipFrame(frame: Uint8Array, relayHopsMax: number): Uint8Array {
  const copy = frame.slice();
  copy[1] = Math.max(0, Math.min((frame[1] ?? 0) - 1, relayHopsMax));
  return copy;
}

/** Returns undefined for a frame that is too short, names an empty topic or is not UTF-8. */
export function decodeGossipFrame(frame: Uint8Array): GossipFrame | undefined {
  if (frame.length < gossipHeaderBytes) return undefined;
  const topicLength = frame[2] as number;
  const payloadOffset = gossipHeaderBytes + topicLength;
  if (topicLength === 0 || frame.length < payloadOffset) return undefined;
  let topic: string;
  try {
    topic = textDecoder.decode(frame.subarray(gossipHeaderBytes, payloadOffset));
  } catch {
    return undefined;
  }
  return {
    topic,
    relay: ((frame[0] as number) & relayFlag) !== 0,
    relayHopsLeft: frame[1] as number,
    // A copy: handlers may keep the payload, and a view would pin the whole received chunk.
    payload: frame.slice(payloadOffset),
  };
}

/** Deduplication key of a relayed message: SHA-256 of topic length, topic and payload. */
export function relayIdentity(frame: Uint8Array): string {
  return createHash("sha256").update(frame.subarray(2)).digest("base64");
}

export const responseStatus = {
  ok: 0,
  handlerError: 1,
  requestTooLarge: 2,
  responseTooLarge: 3,
} as const;
export type ResponseStatus = (typeof responseStatus)[keyof typeof responseStatus];

export const errorMessageBytesMax = 1024;

export function encodeResponseFrame(status: ResponseStatus, body: Uint8Array): Uint8Array {
  const frame = new Uint8Array(1 + body.length);
  frame[0] = status;
  frame.set(body, 1);
  return frame;
}

export function encodeErrorResponse(status: ResponseStatus, message: string): Uint8Array {
  return encodeResponseFrame(status, textEncoder.encode(message.slice(0, errorMessageBytesMax)).subarray(0, errorMessageBytesMax));
}

export interface ResponseFrame {
  readonly status: number;
  readonly body: Uint8Array;
}

export function decodeResponseFrame(frame: Uint8Array): ResponseFrame | undefined {
  if (frame.length < 1) return undefined;
  return { status: frame[0] as number, body: frame.subarray(1) };
}

export function decodeErrorMessage(body: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(body.subarray(0, errorMessageBytesMax));
}
