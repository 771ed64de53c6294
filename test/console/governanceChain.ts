import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CborValue, type CryptoSuite, addressOf, getSuite, signTx, toHex } from "@kexin/core";
import pino from "pino";
import { parseGenesis } from "../../packages/node/src/genesis.ts";
import { type KexinNode, createNode } from "../../packages/node/src/node.ts";
import { publicKeyHexFromSeed } from "../../packages/node/src/p2p/index.ts";

export const governanceOrganisations = ["bureau", "hospital", "bank", "notary"] as const;
export type GovernanceOrganisation = (typeof governanceOrganisations)[number];
const organisationNames: Record<GovernanceOrganisation, string> = { bureau: "市数据局", hospital: "第一人民医院", bank: "城市商业银行", notary: "公证处" };

export interface Account {
  readonly privateKey: Uint8Array;
  readonly publicKey: string;
  readonly address: string;
}

export interface GovernanceChain {
  readonly node: KexinNode;
  readonly suite: CryptoSuite;
  readonly admins: Record<GovernanceOrganisation, Account>;
  /** The one validator's public key. */
  readonly validator: string;
  /** A hospital member named in genesis, and the bureau's node key named there. */
  readonly genesisMember: Account;
  readonly genesisNodeKey: string;
  /** Signs and submits a transaction, waits for its block and fails unless it executed. */
  send(from: Account, module: string, type: string, payload: CborValue): Promise<{ height: number }>;
  get(path: string): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export function newAccount(suite: CryptoSuite): Account {
  const privateKey = suite.generatePrivateKey();
  const publicKey = suite.publicKeyOf(privateKey);
  return { privateKey, publicKey: toHex(publicKey), address: addressOf(suite, publicKey) };
}

/**
 * A one-validator bft chain (validator changes need bft) of four organisations, on 127.0.0.1 with
 * no peers, with a member and a node key named in genesis.
 */
export async function startGovernanceChain(): Promise<GovernanceChain> {
  const suite = getSuite("intl");
  const validatorKey = suite.generatePrivateKey();
  const nodeKeySeed = suite.generatePrivateKey();
  const admins = Object.fromEntries(governanceOrganisations.map((org) => [org, newAccount(suite)])) as Record<GovernanceOrganisation, Account>;
  const validator = toHex(suite.publicKeyOf(validatorKey));
  const genesisMember = newAccount(suite);
  const genesisNodeKey = publicKeyHexFromSeed(nodeKeySeed);
  const genesis = parseGenesis({
    chainId: "kexin-governance-console",
    suite: suite.id,
    genesisTime: 1_700_000_000_000,
    consensus: "bft",
    validators: [{ name: "v1", publicKey: validator, power: 1 }],
    organisations: governanceOrganisations.map((org) => ({ id: org, name: organisationNames[org], admins: [admins[org].publicKey] })),
    members: [{ org: "hospital", address: genesisMember.address, name: "张医生", roles: ["clinician"] }],
    nodes: [{ org: "bureau", name: "node1", publicKey: genesisNodeKey }],
  });
  const dataDir = mkdtempSync(join(tmpdir(), "kexin-governance-console-"));
  let node: KexinNode;
  try {
    node = await createNode({
      genesis,
      dataDir,
      validatorPrivateKey: validatorKey,
      api: { host: "127.0.0.1", port: 0 },
      p2p: { nodeKeySeed, listen: { host: "127.0.0.1", port: 0 }, bootstrap: [] },
      bft: { emptyBlockIntervalMs: 100 },
      signatureWorkers: 0,
      logger: pino({ level: "silent" }),
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const nonces = new Map<string, number>();
  const get = async (path: string) => {
    const response = await fetch(`${node.url}${path}`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const waitForCommit = async (hash: string): Promise<{ height: number }> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { body } = await get(`/v1/txs/${hash}`);
      if (body.status === "committed") {
        const result = body.result as { status: string; code: string; message: string };
        if (result.status !== "ok") throw new Error(`transaction ${hash} failed: ${result.code} ${result.message}`);
        return { height: body.height as number };
      }
      if (Date.now() > deadline) throw new Error(`transaction ${hash} not committed within 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return {
    node,
    suite,
    admins,
    validator,
    genesisMember,
    genesisNodeKey,
    get,
    async send(from, module, type, payload) {
      const nonce = nonces.get(from.address) ?? 0;
      const signed = signTx(suite, from.privateKey, { chainId: genesis.chainId, nonce, module, type, payload, expiry: (node.store.head()?.height ?? 0) + 1_000 });
      const response = await fetch(`${node.url}/v1/txs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ tx: toHex(signed.bytes) }), signal: AbortSignal.timeout(5_000) });
      if (response.status !== 202) throw new Error(`${module}.${type} refused: ${await response.text()}`);
      nonces.set(from.address, nonce + 1);
      return waitForCommit(toHex(signed.hash));
    },
    async close() {
      await node.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
