import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CborValue, type CryptoSuite, addressOf, getSuite, signTx, toHex } from "@kexin/core";
import pino from "pino";
import { parseGenesis, type Genesis } from "../src/genesis.ts";
import { type KexinNode, createNode } from "../src/node.ts";
import type { SoloOptions } from "../src/consensus/index.ts";

export interface TestAccount {
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly address: string;
}

export interface TestChain {
  readonly node: KexinNode;
  readonly url: string;
  readonly suite: CryptoSuite;
  readonly genesis: Genesis;
  readonly dataDir: string;
  readonly accounts: { readonly merchantAdmin: TestAccount; readonly alice: TestAccount; readonly stranger: TestAccount };
  /** Signs a transaction from `account` with the given nonce (default: the account's next). */
  sign(account: TestAccount, call: { module: string; type: string; payload: CborValue }, overrides?: { nonce?: number; expiry?: number; chainId?: string }): Promise<{ hex: string; hash: string }>;
  post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  get(path: string): Promise<{ status: number; body: Record<string, unknown> }>;
  waitForHeight(height: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function account(suite: CryptoSuite): TestAccount {
  const privateKey = suite.generatePrivateKey();
  const publicKey = suite.publicKeyOf(privateKey);
  return { privateKey, publicKey, address: addressOf(suite, publicKey) };
}

/** A one-validator chain in a temporary folder, its API on a free port of 127.0.0.1. */
export async function startTestChain(options: { suite?: "intl" | "gm"; solo?: Partial<SoloOptions>; dataDir?: string; validatorKey?: Uint8Array; genesis?: Genesis; diskReserveBytes?: number; websocketReplayBlocksMax?: number } = {}): Promise<TestChain> {
  const suite = getSuite(options.suite ?? "intl");
  const validatorKey = options.validatorKey ?? suite.generatePrivateKey();
  const merchantAdmin = account(suite);
  const alice = account(suite);
  const stranger = account(suite);
  const genesis =
    options.genesis ??
    parseGenesis({
      chainId: "kexin-test",
      suite: suite.id,
      genesisTime: 1_700_000_000_000,
      consensus: "solo",
      validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
      organisations: [
        { id: "merchant", name: "Merchant", admins: [toHex(merchantAdmin.publicKey)] },
        { id: "hospital", name: "Hospital", admins: [toHex(account(suite).publicKey)] },
      ],
      members: [{ org: "merchant", address: alice.address, name: "alice", roles: ["merchant"] }],
    });
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "kexin-test-"));
  const node = await createNode({
    genesis,
    dataDir,
    validatorPrivateKey: validatorKey,
    api: { host: "127.0.0.1", port: 0, ...(options.websocketReplayBlocksMax !== undefined ? { websocketReplayBlocksMax: options.websocketReplayBlocksMax } : {}) },
    solo: { ...options.solo },
    ...(options.diskReserveBytes !== undefined ? { diskReserveBytes: options.diskReserveBytes } : {}),
    logger: pino({ level: "silent" }),
  });
  const request = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${node.url}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const chain: TestChain = {
    node,
    url: node.url,
    suite,
    genesis,
    dataDir,
    accounts: { merchantAdmin, alice, stranger },
    async sign(from, call, overrides = {}) {
      const nonce = overrides.nonce ?? ((await request("GET", `/v1/accounts/${from.address}`)).body.nonce as number);
      const height = node.store.head()?.height ?? 0;
      const signed = signTx(suite, from.privateKey, {
        chainId: overrides.chainId ?? genesis.chainId,
        nonce,
        module: call.module,
        type: call.type,
        payload: call.payload,
        expiry: overrides.expiry ?? height + 1_000,
      });
      return { hex: toHex(signed.bytes), hash: toHex(signed.hash) };
    },
    post: (path, body) => request("POST", path, body),
    get: (path) => request("GET", path),
    async waitForHeight(height, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while ((node.store.head()?.height ?? 0) < height) {
        if (Date.now() > deadline) throw new Error(`height ${height} not reached within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      await node.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return chain;
}

/** Waits until the transaction is committed and returns the API's answer. */
export async function waitForCommitted(chain: TestChain, hash: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await chain.get(`/v1/txs/${hash}`);
    if (answer.body.status === "committed") return answer.body;
    if (Date.now() > deadline) throw new Error(`transaction ${hash} not committed within ${timeoutMs} ms (last answer ${JSON.stringify(answer.body)})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
