import type { P2pOptions } from "./options.ts";

/** Pino-compatible structured logger: fields first, then a fixed message. */
export interface P2pLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  debug(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface P2pNetworkParameters {
  /** 32-byte Ed25519 seed of this node's key; the libp2p peer id and the public key derive from it. */
  readonly privateKeySeed: Uint8Array;
  /** Port 0 picks a free port; listenAddresses() tells which. */
  readonly listen: { readonly host: string; readonly port: number };
  /** Multiaddrs ending in /p2p/<peerId>; each is dialled and redialled with bounded backoff while disconnected. */
  readonly bootstrap: readonly string[];
  /** Namespaces every protocol id, e.g. `/kexin/<chainId>`, so nodes of different chains never exchange messages. */
  readonly protocolPrefix: string;
  /**
   * Decides whether a remote node key may connect, inbound and outbound, right after the encryption
   * handshake proved the remote holds it. Receives the raw 32-byte Ed25519 public key as lowercase hex.
   * A throw counts as a denial.
   */
  readonly isAllowed: (publicKeyHex: string) => boolean;
  readonly logger: P2pLogger;
  readonly options?: Partial<P2pOptions>;
}

export interface ConnectedPeer {
  readonly publicKeyHex: string;
  readonly peerId: string;
  /** Remote multiaddr of one open connection. */
  readonly address: string;
}

export type PeerEvent = "connected" | "disconnected";

/**
 * Called synchronously as frames are read, so a slow handler slows that peer's stream (never memory).
 * `fromPublicKeyHex` is the neighbour the message came from: for a relayed message that is the last
 * forwarder, not necessarily the author, so authorship must be proven inside the payload (a signature).
 * The payload is a copy of the received bytes, shared by the topic's handlers: keep it, do not modify it.
 * A throw is logged and counted; delivery to other handlers and later messages carries on.
 */
export type GossipHandler = (fromPublicKeyHex: string, payload: Uint8Array) => void;

/** Resolves to the response body; a throw or rejection reaches the requester as P2P_REMOTE_ERROR with its message. */
export type RequestHandler = (fromPublicKeyHex: string, request: Uint8Array) => Promise<Uint8Array>;

export type PeerHandler = (event: PeerEvent, publicKeyHex: string) => void;

export interface BroadcastOptions {
  /**
   * Ask receivers to forward the message to their other peers, so it reaches nodes not directly
   * connected to the sender. Every node delivers and forwards a relayed message at most once
   * (deduplicated by SHA-256 of topic and payload), up to `relayHopsMax` hops.
   */
  readonly relay?: boolean;
}

export interface RequestOptions {
  /** Defaults to options.requestTimeoutMs. */
  readonly timeoutMs?: number;
}

export interface TopicStats {
  /** Counted per peer a message was handed to; bytes are payload bytes. */
  messagesSent: number;
  bytesSent: number;
  messagesReceived: number;
  bytesReceived: number;
  /** Not sent because a peer's queue was full, or its stream could not be opened before it disconnected. */
  messagesDropped: number;
  bytesDropped: number;
  /** Relayed messages this node forwarded on to other peers (counted once per message, not per peer). */
  messagesForwarded: number;
  /** Relayed messages received again and ignored. */
  duplicatesIgnored: number;
}

export interface P2pStats {
  readonly peersConnected: number;
  /** Per topic; topics beyond options.statsTopicsMax are summed under "(other)". */
  readonly topics: Record<string, TopicStats>;
  /** Gossip frames that could not be decoded; the stream carries on with the next frame. */
  readonly framesMalformed: number;
  readonly gossipHandlerErrors: number;
  readonly requestsSent: number;
  readonly requestsFailed: number;
  /** Inbound requests read in full, whatever their handler then did. */
  readonly requestsReceived: number;
  readonly requestHandlerErrors: number;
}

/**
 * The node's peer-to-peer network: authenticated, encrypted connections to admitted nodes,
 * topic gossip over one long-lived stream per peer, and request/response over a stream per request.
 * Every method is safe to call after stop(): broadcast does nothing, request and handle reject with P2P_STOPPED.
 */
export interface P2pNetwork {
  /** libp2p peer id (base58) of this node. */
  readonly peerId: string;
  /** Raw Ed25519 public key of this node, lowercase hex. */
  readonly publicKeyHex: string;
  /** Multiaddrs this node listens on, each ending in /p2p/<peerId>, ready for other nodes' bootstrap lists. */
  listenAddresses(): string[];

  /**
   * Queues the message for every connected peer, in order per peer. Never blocks: when a peer's queue
   * is over options.peerQueueBytesMax the message is dropped for that peer and counted in stats().
   * Throws P2pError P2P_MESSAGE_TOO_LARGE or P2P_INVALID_ARGUMENT (topic empty or over 255 UTF-8 bytes).
   */
  broadcast(topic: string, payload: Uint8Array, options?: BroadcastOptions): void;
  /** Subscribes to a topic; returns the unsubscribe function. */
  onMessage(topic: string, handler: GossipHandler): () => void;

  /**
   * Serves `${protocolPrefix}/${protocolName}/1`. protocolName is letters, digits, '-', '_' or '.';
   * "gossip" is reserved. Rejects with P2P_INVALID_ARGUMENT when the name is bad or already handled.
   */
  handle(protocolName: string, handler: RequestHandler): Promise<void>;
  /**
   * Sends one request to a connected peer and waits for its response. Rejects with P2pError:
   * P2P_NO_PEER (not connected), P2P_TIMEOUT, P2P_MESSAGE_TOO_LARGE (request or response over
   * messageBytesMax on either side), P2P_REMOTE_ERROR (the handler threw), P2P_UNSUPPORTED_PROTOCOL,
   * P2P_STREAM_FAILED (connection lost mid-request), P2P_STOPPED.
   */
  request(peerPublicKeyHex: string, protocolName: string, request: Uint8Array, options?: RequestOptions): Promise<Uint8Array>;

  /** Currently connected peers, one entry per peer. */
  peers(): ConnectedPeer[];
  /** Called once when a peer gains its first connection and once when it loses its last. Returns the unsubscribe function. */
  onPeer(handler: PeerHandler): () => void;
  /**
   * Asks isAllowed again for every connected peer and closes the connections of those now denied,
   * e.g. after a node key was revoked on chain. Resolves to the number of peers disconnected.
   */
  disconnectDisallowed(): Promise<number>;

  stats(): P2pStats;
  /** Closes every connection and stream, cancels dials and timers. Idempotent; no handler is called after it starts. */
  stop(): Promise<void>;
}
