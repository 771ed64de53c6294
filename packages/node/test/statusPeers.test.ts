import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { getSuite, toHex } from "@kexin/core";
import pino from "pino";
import { parseGenesis } from "../src/genesis.ts";
import { type KexinNode, createNode } from "../src/node.ts";
import { publicKeyHexFromSeed } from "../src/p2p/index.ts";
import { startTestChain } from "./support.ts";

interface StatusPeers {
  readonly count: number;
  readonly list: readonly { readonly peerId: string; readonly publicKey: string; readonly address: string }[];
}

async function statusPeers(url: string): Promise<StatusPeers | null> {
  const response = await fetch(`${url}/v1/status`);
  assert.equal(response.status, 200, "GET /v1/status should answer 200");
  const body = (await response.json()) as { peers?: StatusPeers | null };
  assert.ok("peers" in body, "GET /v1/status should always have a peers field");
  return body.peers ?? null;
}

async function waitForPeers(url: string, count: number, timeoutMs = 20_000): Promise<StatusPeers> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const peers = await statusPeers(url);
    if (peers !== null && peers.count === count) return peers;
    if (Date.now() > deadline) throw new Error(`${url} did not report ${count} connected peers within ${timeoutMs} ms (last: ${JSON.stringify(peers)})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test("default: a solo node reports peers as null, since it has no p2p network", async () => {
  const chain = await startTestChain();
  try {
    assert.equal(await statusPeers(chain.url), null, "a solo node should report peers: null");
  } finally {
    await chain.close();
  }
});

test("behavior: two bft nodes dialling on 127.0.0.1 list each other in GET /v1/status", async () => {
  const suite = getSuite("intl");
  const validatorKey = suite.generatePrivateKey();
  const seeds = [suite.generatePrivateKey(), suite.generatePrivateKey()] as const;
  const genesis = parseGenesis({
    chainId: "kexin-peers-test",
    suite: suite.id,
    genesisTime: 1_700_000_000_000,
    consensus: "bft",
    validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
    organisations: [{ id: "operator", name: "Operator", admins: [toHex(suite.publicKeyOf(suite.generatePrivateKey()))] }],
    nodes: seeds.map((seed, index) => ({ org: "operator", name: `node${index + 1}`, publicKey: publicKeyHexFromSeed(seed) })),
  });
  const directories = [mkdtempSync(join(tmpdir(), "kexin-peers-")), mkdtempSync(join(tmpdir(), "kexin-peers-"))] as const;
  const nodes: KexinNode[] = [];
  const start = (index: 0 | 1, bootstrap: readonly string[], key?: Uint8Array) =>
    createNode({
      genesis,
      dataDir: directories[index],
      ...(key === undefined ? {} : { validatorPrivateKey: key }),
      api: { host: "127.0.0.1", port: 0 },
      p2p: { nodeKeySeed: seeds[index], listen: { host: "127.0.0.1", port: 0 }, bootstrap },
      signatureWorkers: 0,
      logger: pino({ level: "silent" }),
    });
  try {
    const validator = await start(0, [], validatorKey);
    nodes.push(validator);
    const validatorAddress = validator.network?.listenAddresses()[0];
    assert.ok(validatorAddress !== undefined, "the validator's p2p network should listen on an address");
    // The second node follows without a validator key, which is enough to connect.
    const follower = await start(1, [validatorAddress]);
    nodes.push(follower);

    const seenByValidator = await waitForPeers(validator.url, 1);
    const seenByFollower = await waitForPeers(follower.url, 1);
    assert.deepEqual(
      seenByValidator.list.map((peer) => ({ peerId: peer.peerId, publicKey: peer.publicKey })),
      [{ peerId: follower.network?.peerId, publicKey: publicKeyHexFromSeed(seeds[1]) }],
      "the validator should list the follower's peer id and node key",
    );
    assert.deepEqual(
      seenByFollower.list.map((peer) => ({ peerId: peer.peerId, publicKey: peer.publicKey })),
      [{ peerId: validator.network?.peerId, publicKey: publicKeyHexFromSeed(seeds[0]) }],
      "the follower should list the validator's peer id and node key",
    );
    assert.equal(seenByFollower.list[0]?.address, validatorAddress, "the follower dialled the validator, so it should show the validator's listen address");
    assert.match(seenByValidator.list[0]?.address ?? "", /^\/ip4\/127\.0\.0\.1\/tcp\/\d+(\/p2p\/\w+)?$/, "the validator should show where the follower's connection comes from");

    await follower.close();
    nodes.pop();
    const afterClose = await waitForPeers(validator.url, 0);
    assert.deepEqual(afterClose.list, [], "once the follower stops, the validator should list no peers");
  } finally {
    for (const node of nodes.reverse()) await node.close();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  }
});
