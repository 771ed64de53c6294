import type { Connection, Libp2p, PeerId, Stream, StreamHandler } from "@libp2p/interface";
import { P2pError } from "./errors.ts";
import { decodeErrorMessage, decodeResponseFrame, encodeErrorResponse, encodeResponseFrame, responseStatus } from "./frames.ts";
import type { P2pLogger, RequestHandler } from "./interface.ts";
import { publicKeyHexOfPeer } from "./keys.ts";
import type { P2pOptions } from "./options.ts";
import { operationSignal } from "./signals.ts";
import type { P2pCounters } from "./stats.ts";
import { isFrameTooLarge, openStream, readOneFrame, sendLastFrame } from "./streams.ts";

export interface RequestContext {
  readonly libp2p: Libp2p;
  readonly options: P2pOptions;
  readonly counters: P2pCounters;
  readonly logger: P2pLogger;
  /** Aborted when the network stops. */
  readonly signal: AbortSignal;
}

export interface OutboundRequest {
  readonly peerId: PeerId;
  readonly publicKeyHex: string;
  readonly protocol: string;
  readonly request: Uint8Array;
  readonly timeoutMs: number;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Aborts the stream when the signal fires, so a pending read or write ends at once. */
function abortStreamOnSignal(stream: Stream, signal: AbortSignal): () => void {
  const abort = (): void => stream.abort(new Error("aborted"));
  if (signal.aborted) abort();
  else signal.addEventListener("abort", abort, { once: true });
  return () => signal.removeEventListener("abort", abort);
}

/** Opens a stream, sends one request frame, reads one response frame. Throws only P2pError. */
export async function sendRequest(context: RequestContext, outbound: OutboundRequest): Promise<Uint8Array> {
  const { messageBytesMax } = context.options;
  if (outbound.request.length > messageBytesMax) {
    throw new P2pError(
      { code: "P2P_MESSAGE_TOO_LARGE", kind: "request", sizeBytes: outbound.request.length, sizeBytesMax: messageBytesMax },
      "request exceeds messageBytesMax",
    );
  }
  context.counters.requestsSent++;
  const requestSignal = operationSignal(context.signal, outbound.timeoutMs);
  const { signal } = requestSignal;
  let stream: Stream | undefined;
  let stopAborting = (): void => {};
  try {
    stream = await openStream(context.libp2p, outbound.peerId, outbound.publicKeyHex, outbound.protocol, {
      signal,
      maxOutboundStreams: context.options.requestStreamsPerPeerMax,
    });
    stopAborting = abortStreamOnSignal(stream, signal);
    await sendLastFrame(stream, outbound.request, signal);
    const frame = await readOneFrame(stream, messageBytesMax + 1);
    return responseBody(outbound, frame);
  } catch (error) {
    context.counters.requestsFailed++;
    throw requestError(outbound, error, requestSignal.timedOut(), context.signal.aborted);
  } finally {
    stopAborting();
    requestSignal.release();
    // A well-behaved responder has closed its side by now; anything else must not hold the stream open.
    if (stream !== undefined && stream.status === "open" && stream.remoteWriteStatus !== "closed") stream.abort(new Error("request finished"));
  }
}

function responseBody(outbound: OutboundRequest, frame: Uint8Array | undefined): Uint8Array {
  const response = frame === undefined ? undefined : decodeResponseFrame(frame);
  if (response === undefined) {
    throw new P2pError({ code: "P2P_STREAM_FAILED", peer: outbound.publicKeyHex, protocol: outbound.protocol, reason: "no response" }, "the peer closed the stream without a response");
  }
  if (response.status === responseStatus.ok) return response.body.slice();
  const remoteMessage = decodeErrorMessage(response.body);
  if (response.status === responseStatus.requestTooLarge || response.status === responseStatus.responseTooLarge) {
    const kind = response.status === responseStatus.requestTooLarge ? "request" : "response";
    throw new P2pError({ code: "P2P_MESSAGE_TOO_LARGE", kind }, `the peer refused: ${remoteMessage}`);
  }
  throw new P2pError({ code: "P2P_REMOTE_ERROR", peer: outbound.publicKeyHex, protocol: outbound.protocol, remoteMessage }, `the peer's handler failed: ${remoteMessage}`);
}

function requestError(outbound: OutboundRequest, error: unknown, timedOut: boolean, stopped: boolean): P2pError {
  if (error instanceof P2pError) return error;
  const { publicKeyHex: peer, protocol } = outbound;
  if (stopped) return new P2pError({ code: "P2P_STOPPED" }, "the network stopped");
  if (timedOut) return new P2pError({ code: "P2P_TIMEOUT", peer, protocol, timeoutMs: outbound.timeoutMs }, `no response within ${outbound.timeoutMs} ms`);
  if (error instanceof Error && error.name === "UnsupportedProtocolError") {
    return new P2pError({ code: "P2P_UNSUPPORTED_PROTOCOL", peer, protocol }, `the peer does not serve ${protocol}`);
  }
  if (isFrameTooLarge(error)) {
    return new P2pError({ code: "P2P_MESSAGE_TOO_LARGE", kind: "response" }, "the response exceeds messageBytesMax");
  }
  return new P2pError({ code: "P2P_STREAM_FAILED", peer, protocol, reason: errorMessage(error) }, `the request failed: ${errorMessage(error)}`);
}

/** libp2p stream handler serving one protocol: one request frame in, one response frame out. */
export function requestStreamHandler(context: RequestContext, protocol: string, handler: RequestHandler): StreamHandler {
  return (stream, connection) => {
    void serveRequest(context, protocol, handler, stream, connection);
  };
}

async function serveRequest(context: RequestContext, protocol: string, handler: RequestHandler, stream: Stream, connection: Connection): Promise<void> {
  const { options, counters, logger } = context;
  const fromPublicKeyHex = publicKeyHexOfPeer(connection.remotePeer);
  if (fromPublicKeyHex === undefined) {
    stream.abort(new Error("request from a peer without an Ed25519 key"));
    return;
  }
  // Bounds how long one inbound stream may live, whatever the requester or the handler do.
  const serveSignal = operationSignal(context.signal, options.requestTimeoutMs);
  const { signal } = serveSignal;
  const stopAborting = abortStreamOnSignal(stream, signal);
  try {
    let request: Uint8Array | undefined;
    try {
      request = await readOneFrame(stream, options.messageBytesMax);
    } catch (error) {
      if (!isFrameTooLarge(error)) throw error;
      await sendLastFrame(stream, encodeErrorResponse(responseStatus.requestTooLarge, `request exceeds ${options.messageBytesMax} bytes`), signal);
      return;
    }
    if (request === undefined) throw new Error("stream ended before the request");
    counters.requestsReceived++;
    let response: Uint8Array;
    try {
      response = await handler(fromPublicKeyHex, request.slice());
    } catch (error) {
      counters.requestHandlerErrors++;
      logger.debug({ protocol, peer: fromPublicKeyHex, error: errorMessage(error) }, "request handler failed");
      await sendLastFrame(stream, encodeErrorResponse(responseStatus.handlerError, errorMessage(error)), signal);
      return;
    }
    const frame =
      response.length > options.messageBytesMax
        ? encodeErrorResponse(responseStatus.responseTooLarge, `response of ${response.length} bytes exceeds ${options.messageBytesMax} bytes`)
        : encodeResponseFrame(responseStatus.ok, response);
    await sendLastFrame(stream, frame, signal);
  } catch (error) {
    logger.debug({ protocol, peer: fromPublicKeyHex, error: errorMessage(error) }, "serving a request failed");
    if (stream.status === "open") stream.abort(error instanceof Error ? error : new Error(String(error)));
  } finally {
    stopAborting();
    serveSignal.release();
  }
}
