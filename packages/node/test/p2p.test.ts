import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import pino from "pino";
import {
  type P2pLogger,
  type P2pNetwork,
  type P2pOptions,
  P2pError,
  createP2pNetwork,
  peerIdFromSeed,
  publicKeyHexFromSeed,
} from "../src/p2p/index.ts";

const protocolPrefix = "/kexin/p2p-test";
const host = "127.0.0.1";

interface LogRecord {
  readonly level: string;
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

function recordingLogger(records: LogRecord[] = []): P2pLogger & { records: LogRecord[] } {
  const write = (level: string) => (fields: object, message: string) => {
    if (records.length < 10_000) records.push({ level, fields: fields as Record<string, unknown>, message });
  };
  return { records, info: write("info"), warn: write("warn"), debug: write("debug"), error: write("error") };
}

function seedOf(name: string): Uint8Array {
  return new Uint8Array(createHash("sha256").update(`p2p-test-${name}`).digest());
}

interface NodeSpec {
  readonly name: string;
  readonly port?: number;
  readonly bootstrap?: readonly string[];
  readonly isAllowed?: (publicKeyHex: string) => boolean;
  readonly options?: Partial<P2pOptions>;
  readonly logger?: P2pLogger;
}

/** Starts nodes and stops every one of them, even when the test fails half-way. */
class Cluster {
  readonly #networks: P2pNetwork[] = [];

  async start(spec: NodeSpec): Promise<P2pNetwork> {
    const network = await createP2pNetwork({
      privateKeySeed: seedOf(spec.name),
      listen: { host, port: spec.port ?? 0 },
      bootstrap: spec.bootstrap ?? [],
      protocolPrefix,
      isAllowed: spec.isAllowed ?? (() => true),
      logger: spec.logger ?? recordingLogger(),
      options: spec.options,
    });
    this.#networks.push(network);
    return network;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.#networks.map((network) => network.stop()));
  }
}

async function waitFor(condition: () => boolean, description: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function failedDials(logger: { records: LogRecord[] }): number {
  return logger.records.filter((record) => record.message === "bootstrap dial failed").length;
}

function addressOf(network: P2pNetwork): string {
  const address = network.listenAddresses()[0];
  assert.ok(address !== undefined, "a started network listens on at least one address");
  return address;
}

function portOf(network: P2pNetwork): number {
  const port = Number(/\/tcp\/(\d+)/.exec(addressOf(network))?.[1]);
  assert.ok(port > 0, "the listen address names a port");
  return port;
}

function isConnected(network: P2pNetwork, other: P2pNetwork): boolean {
  return network.peers().some((peer) => peer.publicKeyHex === other.publicKeyHex);
}

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function text(payload: Uint8Array): string {
  return new TextDecoder().decode(payload);
}

function assertP2pError(code: string): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof P2pError, `expected a P2pError, got ${String(error)}`);
    assert.equal(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
    return true;
  };
}

test("default: keys derive from the seed, and a pino logger fits P2pLogger", async () => {
  const seed = seedOf("keys");
  const logger: P2pLogger = pino({ level: "silent" });
  const cluster = new Cluster();
  try {
    const network = await cluster.start({ name: "keys", logger });
    assert.equal(network.peerId, await peerIdFromSeed(seed), "peerIdFromSeed matches the running node");
    assert.equal(network.publicKeyHex, publicKeyHexFromSeed(seed), "publicKeyHexFromSeed matches the running node");
    assert.match(network.publicKeyHex, /^[0-9a-f]{64}$/, "the public key is 32 bytes of lowercase hex");
    assert.ok(addressOf(network).endsWith(`/p2p/${network.peerId}`), "listen addresses end in /p2p/<peerId>");
  } finally {
    await cluster.stopAll();
  }
});

test("behavior: two real nodes dial on 127.0.0.1", async () => {
  // libp2p 3 needs Promise.withResolvers; without the polyfill on Node 20 this dial fails with ECONNRESET.
  assert.equal(typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers, "function", "Promise.withResolvers is available");
  const cluster = new Cluster();
  try {
    const alpha = await cluster.start({ name: "dial-alpha" });
    const events: string[] = [];
    alpha.onPeer((event, publicKeyHex) => events.push(`${event}:${publicKeyHex}`));
    const beta = await cluster.start({ name: "dial-beta", bootstrap: [addressOf(alpha)] });
    await waitFor(() => isConnected(alpha, beta) && isConnected(beta, alpha), "alpha and beta to connect");
    const seen = beta.peers()[0];
    assert.equal(seen?.peerId, alpha.peerId, "beta reports alpha's peer id");
    assert.match(seen?.address ?? "", /^\/ip4\/127\.0\.0\.1\/tcp\/\d+/, "beta reports alpha's address");
    assert.deepEqual(events, [`connected:${beta.publicKeyHex}`], "alpha saw beta connect once");
    assert.equal(alpha.stats().peersConnected, 1, "stats count the connected peer");
  } finally {
    await cluster.stopAll();
  }
});

test("behavior: 10,000 gossip messages of 200 bytes reach two peers in order", async () => {
  const cluster = new Cluster();
  try {
    const sender = await cluster.start({ name: "gossip-sender" });
    const first = await cluster.start({ name: "gossip-first", bootstrap: [addressOf(sender)] });
    const second = await cluster.start({ name: "gossip-second", bootstrap: [addressOf(sender), addressOf(first)] });
    await waitFor(() => [sender, first, second].every((network) => network.peers().length === 2), "a full mesh of three");

    const count = 10_000;
    const received = new Map<P2pNetwork, number[]>([
      [first, []],
      [second, []],
    ]);
    for (const [network, indexes] of received) {
      network.onMessage("txs", (from, payload) => {
        assert.equal(from, sender.publicKeyHex, "gossip names its sender");
        indexes.push(new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(0));
      });
    }
    const startedMs = performance.now();
    for (let index = 0; index < count; index++) {
      const payload = new Uint8Array(200);
      new DataView(payload.buffer).setUint32(0, index);
      sender.broadcast("txs", payload);
    }
    await waitFor(() => [...received.values()].every((indexes) => indexes.length >= count), "every message at both peers", 60_000);
    const elapsedMs = performance.now() - startedMs;
    console.log(`gossip: ${count} messages x 200 bytes to 2 peers in ${elapsedMs.toFixed(0)} ms = ${Math.round((count / elapsedMs) * 1000)} messages/s per peer`);

    const expected = Array.from({ length: count }, (_, index) => index);
    for (const indexes of received.values()) assert.deepEqual(indexes, expected, "each peer got every message once, in send order");
    const sent = sender.stats().topics["txs"];
    assert.equal(sent?.messagesSent, 2 * count, "the sender counts one send per peer");
    assert.equal(sent?.messagesDropped, 0, "nothing was dropped");
    assert.equal(first.stats().topics["txs"]?.bytesReceived, 200 * count, "the receiver counts payload bytes");
  } finally {
    await cluster.stopAll();
  }
});

test("behavior: a throwing gossip handler neither stops delivery nor other handlers", async () => {
  const cluster = new Cluster();
  try {
    const alpha = await cluster.start({ name: "throw-alpha" });
    const beta = await cluster.start({ name: "throw-beta", bootstrap: [addressOf(alpha)] });
    await waitFor(() => isConnected(alpha, beta), "alpha and beta to connect");
    const delivered: string[] = [];
    beta.onMessage("votes", () => {
      throw new Error("handler bug");
    });
    beta.onMessage("votes", (_from, payload) => delivered.push(text(payload)));
    const unsubscribed: string[] = [];
    const unsubscribe = beta.onMessage("votes", (_from, payload) => unsubscribed.push(text(payload)));
    unsubscribe();
    for (const message of ["one", "two", "three"]) alpha.broadcast("votes", bytes(message));
    await waitFor(() => delivered.length === 3, "three deliveries");
    assert.deepEqual(delivered, ["one", "two", "three"], "messages after a throwing handler still arrive");
    assert.deepEqual(unsubscribed, [], "an unsubscribed handler is not called");
    assert.equal(beta.stats().gossipHandlerErrors, 3, "handler errors are counted");
  } finally {
    await cluster.stopAll();
  }
});

test("behavior: a relayed message crosses a line A–B–C exactly once; plain gossip stays one hop", async () => {
  const cluster = new Cluster();
  try {
    const middle = await cluster.start({ name: "line-b" });
    const left = await cluster.start({ name: "line-a", bootstrap: [addressOf(middle)] });
    const right = await cluster.start({ name: "line-c", bootstrap: [addressOf(middle)] });
    await waitFor(() => middle.peers().length === 2 && left.peers().length === 1 && right.peers().length === 1, "the line A–B–C");
    assert.ok(!isConnected(left, right), "A and C are not connected");

    const atRight: string[] = [];
    const atMiddle: string[] = [];
    const atLeft: string[] = [];
    const names = new Map([
      [left.publicKeyHex, "A"],
      [middle.publicKeyHex, "B"],
    ]);
    right.onMessage("votes", (from, payload) => atRight.push(`${names.get(from) ?? "?"}:${text(payload)}`));
    middle.onMessage("votes", (_from, payload) => atMiddle.push(text(payload)));
    left.onMessage("votes", (_from, payload) => atLeft.push(text(payload)));

    left.broadcast("votes", bytes("direct"));
    left.broadcast("votes", bytes("relayed"), { relay: true });
    left.broadcast("votes", bytes("marker"), { relay: true });
    await waitFor(() => atRight.length >= 2 && atMiddle.length >= 3, "the relayed messages at C");

    assert.deepEqual(atRight, ["B:relayed", "B:marker"], "C got each relayed message once, from its neighbour B, and never the direct one");
    assert.deepEqual(atMiddle, ["direct", "relayed", "marker"], "B got everything once");
    assert.deepEqual(atLeft, [], "A never receives its own relayed messages back");
    assert.equal(middle.stats().topics["votes"]?.messagesForwarded, 2, "B forwarded the two relayed messages");
  } finally {
    await cluster.stopAll();
  }
});

test("behavior: in a triangle a relayed message arriving twice is delivered once", async () => {
  const cluster = new Cluster();
  try {
    const alpha = await cluster.start({ name: "triangle-a" });
    const beta = await cluster.start({ name: "triangle-b", bootstrap: [addressOf(alpha)] });
    const gamma = await cluster.start({ name: "triangle-c", bootstrap: [addressOf(alpha), addressOf(beta)] });
    await waitFor(() => [alpha, beta, gamma].every((network) => network.peers().length === 2), "a full triangle");
    const atGamma: string[] = [];
    gamma.onMessage("votes", (_from, payload) => atGamma.push(text(payload)));
    alpha.broadcast("votes", bytes("once"), { relay: true });
    await waitFor(() => (gamma.stats().topics["votes"]?.duplicatesIgnored ?? 0) >= 1, "the second copy to reach C");
    assert.deepEqual(atGamma, ["once"], "C delivered the message once although it arrived from A and from B");
  } finally {
    await cluster.stopAll();
  }
});

test("behavior: relayHopsMax bounds how far a relayed message travels", async () => {
  const cluster = new Cluster();
  try {
    // A line A–B–C–D where each node forwards at most one hop beyond the first: A's message stops at C.
    const options = { relayHopsMax: 1 };
    const nodeA = await cluster.start({ name: "hops-a", options });
    const nodeB = await cluster.start({ name: "hops-b", options, bootstrap: [addressOf(nodeA)] });
    const nodeC = await cluster.start({ name: "hops-c", options, bootstrap: [addressOf(nodeB)] });
    const nodeD = await cluster.start({ name: "hops-d", options, bootstrap: [addressOf(nodeC)] });
    await waitFor(() => nodeB.peers().length === 2 && nodeC.peers().length === 2 && nodeA.peers().length === 1 && nodeD.peers().length === 1, "the line A–B–C–D");
    const atC: string[] = [];
    const atD: string[] = [];
    nodeC.onMessage("votes", (_from, payload) => atC.push(text(payload)));
    nodeD.onMessage("votes", (_from, payload) => atD.push(text(payload)));
    nodeA.broadcast("votes", bytes("far"), { relay: true });
    // C's own message is a marker that reaches D after anything C could have forwarded before it.
    await waitFor(() => atC.length === 1, "the relayed message at C");
    nodeC.broadcast("votes", bytes("marker"));
    await waitFor(() => atD.length >= 1, "the marker at D");
    assert.deepEqual(atD, ["marker"], "D, three hops away, never got A's message");
    assert.equal(nodeC.stats().topics["votes"]?.messagesForwarded ?? 0, 0, "C did not forward a message with no hops left");
  } finally {
    await cluster.stopAll();
  }
});

test("behavior: the gater keeps a denied key out in both directions and admits an allowed one", async () => {
  const cluster = new Cluster();
  try {
    const deniedKey = publicKeyHexFromSeed(seedOf("gate-denied"));
    const gateLogger = recordingLogger();
    const denials = (direction: string) =>
      gateLogger.records.filter((record) => record.message === "connection denied by isAllowed" && record.fields["peer"] === deniedKey && record.fields["direction"] === direction).length;
    const gate = await cluster.start({ name: "gate", isAllowed: (key) => key !== deniedKey, logger: gateLogger });
    const gateEvents: string[] = [];
    const gateMessages: string[] = [];
    gate.onPeer((event, key) => gateEvents.push(`${event}:${key}`));
    gate.onMessage("txs", (from) => gateMessages.push(from));

    // Inbound: the denied node dials the gate, and tries to gossip whenever it believes it is connected.
    const denied = await cluster.start({ name: "gate-denied", bootstrap: [addressOf(gate)] });
    denied.onPeer((event) => {
      if (event === "connected") denied.broadcast("txs", bytes("let me in"));
    });
    await waitFor(() => denials("inbound") >= 2, "two inbound attempts of the denied key");
    const allowed = await cluster.start({ name: "gate-allowed", bootstrap: [addressOf(gate)] });
    await waitFor(() => isConnected(gate, allowed) && isConnected(allowed, gate), "the allowed node to connect");
    allowed.broadcast("txs", bytes("hello"));
    await waitFor(() => gateMessages.length >= 1, "gossip from the allowed node");
    assert.deepEqual(gateMessages, [allowed.publicKeyHex], "the gate read gossip from the allowed node only");
    assert.ok(!gateEvents.includes(`connected:${deniedKey}`), "the gate never saw the denied key connect");
    await denied.stop();

    // Outbound: the gate is told to dial the denied node, which now dials no one.
    const deniedListening = await cluster.start({ name: "gate-denied" });
    const deniedEvents: string[] = [];
    deniedListening.onPeer((event, key) => deniedEvents.push(`${event}:${key}`));
    await gate.stop();
    const gateAgain = await cluster.start({ name: "gate", isAllowed: (key) => key !== deniedKey, logger: gateLogger, bootstrap: [addressOf(deniedListening), addressOf(allowed)] });
    gateAgain.onPeer((event, key) => gateEvents.push(`${event}:${key}`));
    await waitFor(() => denials("outbound") >= 2, "two outbound attempts to the denied key");
    await waitFor(() => isConnected(gateAgain, allowed), "the allowed node to connect again");
    assert.ok(!isConnected(gateAgain, deniedListening), "the gate has no connection to the denied key");
    assert.deepEqual(deniedEvents, [], "the denied node never saw a connection from the gate");
    assert.ok(!gateEvents.includes(`connected:${deniedKey}`), "the gate never saw the denied key connect");
  } finally {
    await cluster.stopAll();
  }
});

test("behavior: disconnectDisallowed closes connections of keys no longer allowed", async () => {
  const cluster = new Cluster();
  try {
    const revoked = new Set<string>();
    const gateLogger = recordingLogger();
    const refusals = (publicKeyHex: string) =>
      gateLogger.records.filter((record) => record.message === "connection denied by isAllowed" && record.fields["peer"] === publicKeyHex).length;
    const gate = await cluster.start({ name: "revoke-gate", isAllowed: (key) => !revoked.has(key), logger: gateLogger });
    const gateEvents: string[] = [];
    gate.onPeer((event, key) => gateEvents.push(`${event}:${key}`));
    const other = await cluster.start({ name: "revoke-other", bootstrap: [addressOf(gate)] });
    const member = await cluster.start({ name: "revoke-member", bootstrap: [addressOf(gate)], options: { redialDelayMsMin: 10, redialDelayMsMax: 40 } });
    await waitFor(() => gate.peers().length === 2, "two peers at the gate");
    revoked.add(member.publicKeyHex);
    assert.equal(await gate.disconnectDisallowed(), 1, "one peer was disconnected");
    await waitFor(() => !isConnected(gate, member), "the revoked peer to be gone");
    assert.ok(isConnected(gate, other), "the other peer stays connected");
    // The revoked member keeps redialling: each of its attempts reaches the gater, which refuses it.
    await waitFor(() => refusals(member.publicKeyHex) >= 3, "three redials of the revoked peer to be refused");
    assert.ok(!isConnected(gate, member), "the revoked peer cannot come back");
    assert.deepEqual(
      gateEvents.filter((event) => event.endsWith(member.publicKeyHex)),
      [`connected:${member.publicKeyHex}`, `disconnected:${member.publicKeyHex}`],
      "the gate saw the revoked peer leave and never connect again",
    );
  } finally {
    await cluster.stopAll();
  }
});

test("behavior: request and response, with handler errors reported to the requester", async () => {
  const cluster = new Cluster();
  try {
    const server = await cluster.start({ name: "rr-server" });
    const client = await cluster.start({ name: "rr-client", bootstrap: [addressOf(server)] });
    await waitFor(() => isConnected(client, server) && isConnected(server, client), "client and server to connect");
    await server.handle("echo", async (from, request) => {
      assert.equal(from, client.publicKeyHex, "the handler learns who asked");
      return bytes(`echo:${text(request)}`);
    });
    await server.handle("fail", async () => {
      throw new Error("no such block");
    });

    const response = await client.request(server.publicKeyHex, "echo", bytes("hello"), { timeoutMs: 5_000 });
    assert.equal(text(response), "echo:hello", "the response comes back");
    const parallel = await Promise.all(Array.from({ length: 50 }, (_, index) => client.request(server.publicKeyHex, "echo", bytes(String(index)))));
    assert.deepEqual(parallel.map(text), Array.from({ length: 50 }, (_, index) => `echo:${index}`), "concurrent requests each get their own response");

    await assert.rejects(
      client.request(server.publicKeyHex, "fail", bytes("x")),
      (error) => {
        assertP2pError("P2P_REMOTE_ERROR")(error);
        assert.match((error as P2pError).message, /no such block/, "the remote message is passed on");
        return true;
      },
      "a throwing handler surfaces as P2P_REMOTE_ERROR",
    );
    await assert.rejects(client.request(server.publicKeyHex, "missing", bytes("x")), assertP2pError("P2P_UNSUPPORTED_PROTOCOL"), "an unhandled protocol is reported");
    await assert.rejects(client.request("ab".repeat(32), "echo", bytes("x")), assertP2pError("P2P_NO_PEER"), "an unknown peer is reported");
    await assert.rejects(server.handle("echo", async () => bytes("")), assertP2pError("P2P_INVALID_ARGUMENT"), "a protocol can be handled once");
    await assert.rejects(server.handle("gossip", async () => bytes("")), assertP2pError("P2P_INVALID_ARGUMENT"), "the gossip protocol is reserved");
    assert.equal(text(await client.request(server.publicKeyHex, "echo", bytes("still"))), "echo:still", "the connection survives failed requests");
    assert.equal(server.stats().requestHandlerErrors, 1, "the server counts its handler error");
  } finally {
    await cluster.stopAll();
  }
});

test("error: a request without a response in time fails with P2P_TIMEOUT", async () => {
  const cluster = new Cluster();
  const stalled: (() => void)[] = [];
  try {
    const server = await cluster.start({ name: "timeout-server" });
    const client = await cluster.start({ name: "timeout-client", bootstrap: [addressOf(server)] });
    await waitFor(() => isConnected(client, server), "client and server to connect");
    await server.handle("slow", () => new Promise<Uint8Array>((resolve) => stalled.push(() => resolve(bytes("late")))));
    await server.handle("echo", async (_from, request) => request);
    const startedMs = Date.now();
    await assert.rejects(client.request(server.publicKeyHex, "slow", bytes("x"), { timeoutMs: 200 }), assertP2pError("P2P_TIMEOUT"), "the request times out");
    assert.ok(Date.now() - startedMs < 2_000, "the timeout is honoured promptly");
    assert.equal(text(await client.request(server.publicKeyHex, "echo", bytes("after"))), "after", "the connection survives a timeout");
  } finally {
    for (const release of stalled) release();
    await cluster.stopAll();
  }
});

test("error: oversized requests and responses fail with P2P_MESSAGE_TOO_LARGE on either side", async () => {
  const cluster = new Cluster();
  try {
    // small accepts 1 KiB messages, large 8 KiB, so each side can be the one to refuse.
    const small = await cluster.start({ name: "size-small", options: { messageBytesMax: 1024 } });
    const large = await cluster.start({ name: "size-large", options: { messageBytesMax: 8192 }, bootstrap: [addressOf(small)] });
    await waitFor(() => isConnected(small, large) && isConnected(large, small), "the two nodes to connect");
    for (const network of [small, large]) {
      await network.handle("echo", async (_from, request) => request);
      await network.handle("big", async () => new Uint8Array(4096));
    }
    const tooLarge = (kind: string) => (error: unknown) => {
      assertP2pError("P2P_MESSAGE_TOO_LARGE")(error);
      assert.equal((error as P2pError & { type: { kind: string } }).type.kind, kind, `the error names the ${kind}`);
      return true;
    };
    await assert.rejects(small.request(large.publicKeyHex, "echo", new Uint8Array(2048)), tooLarge("request"), "the requester refuses to send an oversized request");
    await assert.rejects(large.request(small.publicKeyHex, "echo", new Uint8Array(4096)), tooLarge("request"), "the responder refuses an oversized request");
    await assert.rejects(small.request(large.publicKeyHex, "big", bytes("x")), tooLarge("response"), "the requester refuses an oversized response");
    await assert.rejects(large.request(small.publicKeyHex, "big", bytes("x")), tooLarge("response"), "the responder refuses to send an oversized response");
    assert.throws(() => small.broadcast("txs", new Uint8Array(2048)), tooLarge("gossip"), "oversized gossip is refused");
    assert.throws(() => small.broadcast("", bytes("x")), assertP2pError("P2P_INVALID_ARGUMENT"), "an empty topic is refused");
    assert.equal(text(await large.request(small.publicKeyHex, "echo", bytes("fits"))), "fits", "the connection survives refusals");
  } finally {
    await cluster.stopAll();
  }
});

test("behavior: a full peer queue drops and counts messages instead of growing", async () => {
  const cluster = new Cluster();
  try {
    const sender = await cluster.start({ name: "queue-sender", options: { peerQueueBytesMax: 64 * 1024 } });
    const receiver = await cluster.start({ name: "queue-receiver", bootstrap: [addressOf(sender)] });
    await waitFor(() => isConnected(sender, receiver), "the two nodes to connect");
    let received = 0;
    receiver.onMessage("txs", () => received++);
    const count = 1_000;
    // Sent in one synchronous burst, before the gossip stream can even open: only 64 KiB may wait.
    for (let index = 0; index < count; index++) sender.broadcast("txs", new Uint8Array(1024));
    const counters = sender.stats().topics["txs"];
    assert.ok((counters?.messagesDropped ?? 0) > 0, "some messages were dropped");
    assert.ok((counters?.messagesDropped ?? 0) < count, "some messages were queued");
    assert.equal(counters?.bytesDropped, (counters?.messagesDropped ?? 0) * 1024, "dropped bytes are counted");
    const queued = count - (counters?.messagesDropped ?? 0);
    await waitFor(() => received === queued, "every queued message to arrive");
    assert.equal(sender.stats().topics["txs"]?.messagesSent, queued, "sent plus dropped is every message");
  } finally {
    await cluster.stopAll();
  }
});

test("behavior: the bootstrapping side reconnects when the peer restarts with the same seed and port", async () => {
  const cluster = new Cluster();
  try {
    const first = await cluster.start({ name: "restart-peer" });
    const port = portOf(first);
    const dialer = await cluster.start({ name: "restart-dialer", bootstrap: [addressOf(first)] });
    const events: string[] = [];
    dialer.onPeer((event) => events.push(event));
    await waitFor(() => isConnected(dialer, first), "the first connection");
    dialer.broadcast("txs", bytes("before"));

    await first.stop();
    await waitFor(() => dialer.peers().length === 0, "the dialer to notice the peer is gone");
    const restarted = await cluster.start({ name: "restart-peer", port });
    assert.equal(restarted.publicKeyHex, first.publicKeyHex, "the restarted peer has the same key");
    const reconnectStartedMs = Date.now();
    await waitFor(() => isConnected(dialer, restarted), "the dialer to reconnect", 10_000);
    console.log(`reconnect: ${Date.now() - reconnectStartedMs} ms after the peer came back`);
    assert.deepEqual(events, ["connected", "disconnected", "connected"], "the dialer saw connect, disconnect, connect");

    const received: string[] = [];
    restarted.onMessage("txs", (_from, payload) => received.push(text(payload)));
    dialer.broadcast("txs", bytes("after"));
    await waitFor(() => received.length === 1, "gossip over the new connection");
    assert.deepEqual(received, ["after"], "gossip flows again after the reconnect");
  } finally {
    await cluster.stopAll();
  }
});

test("behavior: stop is idempotent and cancels redials to an unreachable bootstrap peer", async () => {
  const unreachablePeerId = await peerIdFromSeed(seedOf("nobody"));
  const logger = recordingLogger();
  const unreachable = {
    listen: { host, port: 0 },
    bootstrap: [`/ip4/127.0.0.1/tcp/1/p2p/${unreachablePeerId}`],
    protocolPrefix,
    isAllowed: () => true,
    options: { redialDelayMsMin: 10, redialDelayMsMax: 40 },
  };
  const network = await createP2pNetwork({ ...unreachable, privateKeySeed: seedOf("stopper"), logger });
  try {
    await waitFor(() => failedDials(logger) >= 3, "a few failed dials");
    const delays = logger.records.filter((record) => record.message === "bootstrap dial failed").map((record) => record.fields["retryInMs"] as number);
    assert.ok(delays.every((delay) => delay <= 40), "the redial delay never exceeds redialDelayMsMax");
    assert.deepEqual(delays.slice(0, 3), [10, 20, 40], "the redial delay doubles from redialDelayMsMin");
  } finally {
    await Promise.all([network.stop(), network.stop()]);
    await network.stop();
  }
  const failedBeforeStop = failedDials(logger);
  // A witness started after the stop dials the same address with the same delays. Its fourth failure
  // follows three redial timers set after the stop, the last as long as redialDelayMsMax: a timer the
  // stopped network had left (at most redialDelayMsMax, set before the stop) would have fired before
  // it, and its dial to the same refusing port would have failed as quickly.
  const witnessLogger = recordingLogger();
  const witness = await createP2pNetwork({ ...unreachable, privateKeySeed: seedOf("stopper-witness"), logger: witnessLogger });
  try {
    await waitFor(() => failedDials(witnessLogger) >= 4, "the witness to fail four dials");
  } finally {
    await witness.stop();
  }
  assert.equal(failedDials(logger), failedBeforeStop, "no dial happens after stop");
  network.broadcast("txs", bytes("ignored"));
  await assert.rejects(network.request("ab".repeat(32), "echo", bytes("x")), assertP2pError("P2P_STOPPED"), "requests after stop are refused");
});

test("error: invalid parameters are refused before anything starts", async () => {
  const base = { listen: { host, port: 0 }, bootstrap: [], protocolPrefix, isAllowed: () => true, logger: recordingLogger() };
  await assert.rejects(createP2pNetwork({ ...base, privateKeySeed: new Uint8Array(31) }), assertP2pError("P2P_INVALID_ARGUMENT"), "a short seed is refused");
  await assert.rejects(createP2pNetwork({ ...base, privateKeySeed: seedOf("bad"), bootstrap: ["/ip4/127.0.0.1/tcp/1"] }), assertP2pError("P2P_INVALID_ARGUMENT"), "a bootstrap address without /p2p is refused");
  await assert.rejects(createP2pNetwork({ ...base, privateKeySeed: seedOf("bad"), protocolPrefix: "kexin" }), assertP2pError("P2P_INVALID_ARGUMENT"), "a protocol prefix without a leading slash is refused");
  await assert.rejects(createP2pNetwork({ ...base, privateKeySeed: seedOf("bad"), listen: { host: "localhost", port: 0 } }), assertP2pError("P2P_INVALID_ARGUMENT"), "a host name instead of an address is refused");
});
