import type { Libp2p, NewStreamOptions, PeerId, Stream } from "@libp2p/interface";
import * as lengthPrefixed from "it-length-prefixed";
import { P2pError } from "./errors.ts";

/**
 * Opens a stream on an existing connection only: the network never dials a peer just to send it
 * something, so who is connected stays decided by the bootstrap list and the gater.
 */
export async function openStream(libp2p: Libp2p, peerId: PeerId, publicKeyHex: string, protocol: string, options: NewStreamOptions): Promise<Stream> {
  const connection = libp2p.getConnections(peerId).find((candidate) => candidate.status === "open");
  if (connection === undefined) throw new P2pError({ code: "P2P_NO_PEER", peer: publicKeyHex }, "the peer is not connected");
  return connection.newStream(protocol, options);
}

/** Length prefix and frame in one contiguous buffer. */
export function lengthPrefixedFrame(frame: Uint8Array): Uint8Array {
  return lengthPrefixed.encode.single(frame).subarray();
}

/** Length prefix and frame as separate buffers, without copying the frame. */
export function lengthPrefixedParts(frame: Uint8Array): Uint8Array[] {
  return [...lengthPrefixed.encode.single(frame)];
}

/** Reads one length-prefixed frame; undefined when the stream ends first. Throws InvalidDataLengthError over maxDataLength. */
export async function readOneFrame(stream: Stream, maxDataLength: number): Promise<Uint8Array | undefined> {
  for await (const frame of lengthPrefixed.decode(stream, { maxDataLength })) return frame.subarray();
  return undefined;
}

export function isFrameTooLarge(error: unknown): boolean {
  return error instanceof Error && error.name === "InvalidDataLengthError";
}

/** Sends the frame and half-closes, so the remote knows nothing else follows. */
export async function sendLastFrame(stream: Stream, frame: Uint8Array, signal: AbortSignal): Promise<void> {
  stream.send(lengthPrefixedFrame(frame));
  await stream.close({ signal });
}
