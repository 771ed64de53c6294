// First, so that whoever imports the p2p layer has Promise.withResolvers before libp2p runs.
import "./polyfill.ts";

export { P2pError, type P2pErrorType } from "./errors.ts";
export type {
  BroadcastOptions,
  ConnectedPeer,
  GossipHandler,
  P2pLogger,
  P2pNetwork,
  P2pNetworkParameters,
  P2pStats,
  PeerEvent,
  PeerHandler,
  RequestHandler,
  RequestOptions,
  TopicStats,
} from "./interface.ts";
export { peerIdFromSeed, publicKeyHexFromSeed } from "./keys.ts";
export { createP2pNetwork } from "./createNetwork.ts";
export { type P2pOptions, defaultP2pOptions } from "./options.ts";
