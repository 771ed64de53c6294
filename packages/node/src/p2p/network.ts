// Must stay the first import: libp2p needs Promise.withResolvers, which Node 20 lacks.
import "./polyfill.ts";
import { noise } from "@chainsafe/libp2p-noise";
import { yamux } from "@chainsafe/libp2p-yamux";
import type { Libp2p, PeerId } from "@libp2p/interface";
import { tcp } from "@libp2p/tcp";
import { createLibp2p } from "libp2p";
import { isIP } from "node:net";
import { BootstrapDialer, type BootstrapTarget, parseBootstrapAddress } from "./bootstrap.ts";
import { P2pError } from "./errors.ts";
import { createConnectionGater, isKeyAllowed } from "./gater.ts";
import { GossipRouter, gossipStreamsPerPeerMax } from "./gossip.ts";
import type {
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
} from "./interface.ts";
import { privateKeyFromSeed, publicKeyHexOfPeer } from "./keys.ts";
import { type P2pOptions, defaultP2pOptions } from "./options.ts";
import { type RequestContext, requestStreamHandler, sendRequest } from "./requestResponse.ts";
import { createStopController } from "./signals.ts";
import { P2pCounters } from "./stats.ts";

const protocolNamePattern = /^[A-Za-z0-9._-]{1,64}$/;
const protocolPrefixPattern = /^(\/[A-Za-z0-9._-]+)+$/;
const reservedProtocolNames = new Set(["gossip"]);

interface PeerEntry {
  readonly peerId: PeerId;
  readonly publicKeyHex: string;
}

function invalidArgument(argument: string, reason: string): P2pError {
  return new P2pError({ code: "P2P_INVALID_ARGUMENT", argument, reason }, `invalid ${argument}: ${reason}`);
}

function listenAddress(host: string, port: number): string {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw invalidArgument("listen.port", "must be an integer from 0 to 65535");
  const family = isIP(host);
  if (family === 0) throw invalidArgument("listen.host", "must be an IPv4 or IPv6 address");
  return `/ip${family}/${host}/tcp/${port}`;
}

/** Creates, starts and returns the network; it listens and starts dialling the bootstrap peers at once. */
export async function createP2pNetwork(parameters: P2pNetworkParameters): Promise<P2pNetwork> {
  const options: P2pOptions = { ...defaultP2pOptions, ...parameters.options };
  if (!protocolPrefixPattern.test(parameters.protocolPrefix)) throw invalidArgument("protocolPrefix", "must look like /kexin/<chainId>");
  const listen = listenAddress(parameters.listen.host, parameters.listen.port);
  const bootstrap = parameters.bootstrap.map(parseBootstrapAddress);
  const libp2p = await createLibp2p({
    privateKey: await privateKeyFromSeed(parameters.privateKeySeed),
    addresses: { listen: [listen] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: createConnectionGater(parameters.isAllowed, parameters.logger),
    connectionManager: {
      maxConnections: options.connectionsMax,
      dialTimeout: options.dialTimeoutMs,
      inboundConnectionThreshold: options.inboundConnectionsPerHostPerSecondMax,
    },
    start: false,
  });
  const network = new Libp2pNetwork(libp2p, parameters, options);
  try {
    await network.start(bootstrap.filter((target) => target.peerId !== libp2p.peerId.toString()));
  } catch (error) {
    await network.stop();
    throw error;
  }
  return network;
}

class Libp2pNetwork implements P2pNetwork {
  readonly peerId: string;
  readonly publicKeyHex: string;
  readonly #libp2p: Libp2p;
  readonly #options: P2pOptions;
  readonly #logger: P2pLogger;
  readonly #protocolPrefix: string;
  readonly #isAllowed: (publicKeyHex: string) => boolean;
  readonly #stopController = createStopController();
  readonly #counters: P2pCounters;
  readonly #gossip: GossipRouter;
  readonly #requestContext: RequestContext;
  readonly #peers = new Map<string, PeerEntry>();
  readonly #peerIdByPublicKey = new Map<string, string>();
  readonly #peerHandlers = new Set<PeerHandler>();
  readonly #dialers = new Map<string, BootstrapDialer>();
  readonly #handledProtocols = new Set<string>();
  #stopping: Promise<void> | undefined;

  constructor(libp2p: Libp2p, parameters: P2pNetworkParameters, options: P2pOptions) {
    this.#libp2p = libp2p;
    this.#isAllowed = parameters.isAllowed;
    this.#options = options;
    this.#logger = parameters.logger;
    this.#protocolPrefix = parameters.protocolPrefix;
    this.peerId = libp2p.peerId.toString();
    this.publicKeyHex = publicKeyHexOfPeer(libp2p.peerId) ?? "";
    this.#counters = new P2pCounters(options.statsTopicsMax);
    this.#requestContext = { libp2p, options, counters: this.#counters, logger: this.#logger, signal: this.#stopController.signal };
    this.#gossip = new GossipRouter({ ...this.#requestContext, protocol: this.#protocol("gossip") });
  }

  async start(bootstrap: readonly BootstrapTarget[]): Promise<void> {
    this.#libp2p.addEventListener("peer:connect", (event) => this.#onConnect(event.detail));
    this.#libp2p.addEventListener("peer:disconnect", (event) => this.#onDisconnect(event.detail));
    await this.#libp2p.handle(this.#protocol("gossip"), (stream, connection) => void this.#gossip.readStream(stream, connection), {
      maxInboundStreams: gossipStreamsPerPeerMax,
      maxOutboundStreams: gossipStreamsPerPeerMax,
    });
    await this.#libp2p.start();
    const context = {
      libp2p: this.#libp2p,
      options: this.#options,
      logger: this.#logger,
      signal: this.#stopController.signal,
      isConnected: (peerId: string) => this.#peers.has(peerId),
    };
    for (const target of bootstrap) {
      if (this.#dialers.has(target.peerId)) continue;
      const dialer = new BootstrapDialer(context, target);
      this.#dialers.set(target.peerId, dialer);
      dialer.start();
    }
    this.#logger.info({ peerId: this.peerId, addresses: this.listenAddresses(), bootstrapPeers: this.#dialers.size }, "p2p network started");
  }

  listenAddresses(): string[] {
    return this.#libp2p.getMultiaddrs().map((address) => address.toString());
  }

  broadcast(topic: string, payload: Uint8Array, options?: BroadcastOptions): void {
    if (this.#stopping !== undefined) return;
    this.#gossip.broadcast(topic, payload, options?.relay === true);
  }

  onMessage(topic: string, handler: GossipHandler): () => void {
    return this.#gossip.onMessage(topic, handler);
  }

  async handle(protocolName: string, handler: RequestHandler): Promise<void> {
    this.#requireProtocolName(protocolName);
    if (this.#stopping !== undefined) throw new P2pError({ code: "P2P_STOPPED" }, "the network stopped");
    if (this.#handledProtocols.has(protocolName)) throw invalidArgument("protocolName", `${protocolName} already has a handler`);
    this.#handledProtocols.add(protocolName);
    const protocol = this.#protocol(protocolName);
    await this.#libp2p.handle(protocol, requestStreamHandler(this.#requestContext, protocol, handler), {
      maxInboundStreams: this.#options.requestStreamsPerPeerMax,
      maxOutboundStreams: this.#options.requestStreamsPerPeerMax,
    });
  }

  async request(peerPublicKeyHex: string, protocolName: string, request: Uint8Array, options?: RequestOptions): Promise<Uint8Array> {
    this.#requireProtocolName(protocolName);
    if (this.#stopping !== undefined) throw new P2pError({ code: "P2P_STOPPED" }, "the network stopped");
    const timeoutMs = options?.timeoutMs ?? this.#options.requestTimeoutMs;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw invalidArgument("timeoutMs", "must be a positive number");
    const peerIdText = this.#peerIdByPublicKey.get(peerPublicKeyHex.toLowerCase());
    const peer = peerIdText === undefined ? undefined : this.#peers.get(peerIdText);
    if (peer === undefined) throw new P2pError({ code: "P2P_NO_PEER", peer: peerPublicKeyHex }, "the peer is not connected");
    return sendRequest(this.#requestContext, {
      peerId: peer.peerId,
      publicKeyHex: peer.publicKeyHex,
      protocol: this.#protocol(protocolName),
      request,
      timeoutMs,
    });
  }

  peers(): ConnectedPeer[] {
    const connected: ConnectedPeer[] = [];
    for (const peer of this.#peers.values()) {
      const connection = this.#libp2p.getConnections(peer.peerId).find((candidate) => candidate.status === "open");
      connected.push({ publicKeyHex: peer.publicKeyHex, peerId: peer.peerId.toString(), address: connection?.remoteAddr.toString() ?? "" });
    }
    return connected;
  }

  onPeer(handler: PeerHandler): () => void {
    this.#peerHandlers.add(handler);
    return () => this.#peerHandlers.delete(handler);
  }

  async disconnectDisallowed(): Promise<number> {
    const denied = [...this.#peers.values()].filter((peer) => !isKeyAllowed(this.#isAllowed, peer.publicKeyHex, this.#logger));
    await Promise.all(denied.map((peer) => this.#libp2p.hangUp(peer.peerId, { signal: AbortSignal.timeout(this.#options.dialTimeoutMs) }).catch(() => {})));
    return denied.length;
  }

  stats(): P2pStats {
    return this.#counters.snapshot(this.#peers.size);
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.#stopController.abort();
    for (const dialer of this.#dialers.values()) dialer.stop();
    this.#gossip.close();
    this.#peerHandlers.clear();
    await this.#libp2p.stop();
    this.#peers.clear();
    this.#peerIdByPublicKey.clear();
    this.#logger.info({ peerId: this.peerId }, "p2p network stopped");
  }

  #onConnect(peerId: PeerId): void {
    if (this.#stopping !== undefined) return;
    const publicKeyHex = publicKeyHexOfPeer(peerId);
    if (publicKeyHex === undefined) return;
    const key = peerId.toString();
    this.#peers.set(key, { peerId, publicKeyHex });
    this.#peerIdByPublicKey.set(publicKeyHex, key);
    this.#gossip.addPeer(peerId, publicKeyHex);
    this.#dialers.get(key)?.onConnected();
    this.#logger.info({ peer: publicKeyHex, peerId: key }, "peer connected");
    this.#emitPeer("connected", publicKeyHex);
  }

  #onDisconnect(peerId: PeerId): void {
    if (this.#stopping !== undefined) return;
    const key = peerId.toString();
    const peer = this.#peers.get(key);
    if (peer === undefined) return;
    this.#peers.delete(key);
    this.#peerIdByPublicKey.delete(peer.publicKeyHex);
    this.#gossip.removePeer(peerId);
    this.#dialers.get(key)?.onDisconnected();
    this.#logger.info({ peer: peer.publicKeyHex, peerId: key }, "peer disconnected");
    this.#emitPeer("disconnected", peer.publicKeyHex);
  }

  #emitPeer(event: PeerEvent, publicKeyHex: string): void {
    for (const handler of this.#peerHandlers) {
      try {
        handler(event, publicKeyHex);
      } catch (error) {
        this.#logger.warn({ event, peer: publicKeyHex, error: String(error) }, "peer handler threw");
      }
    }
  }

  #requireProtocolName(protocolName: string): void {
    if (!protocolNamePattern.test(protocolName) || reservedProtocolNames.has(protocolName)) {
      throw invalidArgument("protocolName", "must be 1 to 64 letters, digits, '.', '_' or '-', and not a reserved name");
    }
  }

  #protocol(name: string): string {
    return `${this.#protocolPrefix}/${name}/1`;
  }
}
