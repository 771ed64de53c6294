/** Tunables of the p2p layer; every queue, message and retry has a bound here. */
export interface P2pOptions {
  /** Largest gossip payload, request or response body accepted or sent. */
  readonly messageBytesMax: number;
  /** Bytes of gossip waiting to go to one peer; beyond it new messages to that peer are dropped and counted. */
  readonly peerQueueBytesMax: number;
  /** Relayed messages remembered (by SHA-256 of topic and payload) so each is delivered and forwarded once. */
  readonly relaySeenEntriesMax: number;
  /** How many times a relayed message may be forwarded beyond the first hop, so it dies out even if the seen-cache evicted it. */
  readonly relayHopsMax: number;
  /** Request timeout when the caller gives none; also bounds how long a responder waits for the request frame. */
  readonly requestTimeoutMs: number;
  /** Concurrent request streams per peer and protocol, each direction. */
  readonly requestStreamsPerPeerMax: number;
  /** First delay before redialling a bootstrap peer; it doubles on each failure up to redialDelayMsMax. */
  readonly redialDelayMsMin: number;
  readonly redialDelayMsMax: number;
  /** One dial attempt, or opening one stream, gives up after this long. */
  readonly dialTimeoutMs: number;
  /** Delay before reopening a peer's gossip stream after opening it failed. */
  readonly gossipStreamRetryMs: number;
  readonly connectionsMax: number;
  /** Inbound connections accepted per second from one IP address; validators behind one NAT need more than libp2p's default 5. */
  readonly inboundConnectionsPerHostPerSecondMax: number;
  /** Distinct topics counted in stats(); any further topic is counted under "(other)" so remote peers cannot grow the table. */
  readonly statsTopicsMax: number;
}

export const defaultP2pOptions: P2pOptions = {
  messageBytesMax: 16 * 1024 * 1024,
  peerQueueBytesMax: 64 * 1024 * 1024,
  relaySeenEntriesMax: 100_000,
  relayHopsMax: 6,
  requestTimeoutMs: 10_000,
  requestStreamsPerPeerMax: 64,
  redialDelayMsMin: 100,
  redialDelayMsMax: 5_000,
  dialTimeoutMs: 5_000,
  gossipStreamRetryMs: 1_000,
  connectionsMax: 200,
  inboundConnectionsPerHostPerSecondMax: 20,
  statsTopicsMax: 256,
};
