import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CborValue, type CryptoSuite, addressOf, encodeCanonical, getSuite, signTx, toHex, utf8 } from "@kexin/core";
import pino from "pino";
import { type Genesis, parseGenesis } from "../../src/genesis.ts";
import { type KexinNode, createNode } from "../../src/node.ts";

export interface ChainAccount {
  readonly name: string;
  readonly privateKey: Uint8Array;
  readonly address: string;
}

/** What became of a transaction: refused at admission, or committed with its result. */
export type Outcome =
  | { readonly stage: "admission"; readonly code: string; readonly message: string }
  | {
      readonly stage: "committed";
      readonly txHash: string;
      readonly height: number;
      readonly status: "ok" | "failed";
      readonly code: string;
      readonly message: string;
      readonly cost: number;
      readonly events: { module: string; type: string; attributes: Record<string, unknown> }[];
    };

export const contractsOrganisations = ["bureau", "hospital", "bank", "notary"] as const;
export type ContractsOrganisation = (typeof contractsOrganisations)[number];

export interface ContractsChain {
  readonly node: KexinNode;
  readonly genesis: Genesis;
  /** The node's data folder, removed by close(). */
  readonly dataDir: string;
  readonly suite: CryptoSuite;
  readonly validatorPrivateKey: Uint8Array;
  readonly admins: Record<ContractsOrganisation, ChainAccount>;
  /** A bureau member with the "teller" role, and one with no role. */
  readonly teller: ChainAccount;
  readonly clerk: ChainAccount;
  readonly stranger: ChainAccount;
  /** Signs, submits and waits for a transaction of the contracts module, or of `module`. */
  send(from: ChainAccount, type: string, payload: CborValue, module?: string): Promise<Outcome>;
  query(name: string, parameters?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> & { error?: { code: string } } }>;
  /** The account's next nonce as the node counts it. */
  nonce(account: ChainAccount): Promise<number>;
  close(): Promise<void>;
}

function account(suite: CryptoSuite, name: string): ChainAccount & { publicKey: Uint8Array } {
  const privateKey = suite.generatePrivateKey();
  const publicKey = suite.publicKeyOf(privateKey);
  return { name, privateKey, publicKey, address: addressOf(suite, publicKey) };
}

/** A one-validator chain of four organisations running the contracts service with the real sandbox. */
export async function startContractsChain(options: { readonly contractsEnabled?: boolean; readonly suite?: "intl" | "gm" } = {}): Promise<ContractsChain> {
  const suite = getSuite(options.suite ?? "intl");
  const validatorKey = suite.generatePrivateKey();
  const admins = Object.fromEntries(contractsOrganisations.map((org) => [org, account(suite, `${org} admin`)])) as Record<ContractsOrganisation, ChainAccount & { publicKey: Uint8Array }>;
  const teller = account(suite, "teller");
  const clerk = account(suite, "clerk");
  const stranger = account(suite, "stranger");
  const genesis = parseGenesis({
    chainId: "kexin-contracts-test",
    suite: suite.id,
    genesisTime: 1_700_000_000_000,
    consensus: "solo",
    validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
    organisations: contractsOrganisations.map((org) => ({ id: org, name: org, admins: [toHex(admins[org].publicKey)] })),
    members: [
      { org: "bureau", address: teller.address, name: "teller", roles: ["teller"] },
      { org: "bureau", address: clerk.address, name: "clerk", roles: [] },
    ],
    ...(options.contractsEnabled === false ? {} : { sections: { contracts: { callGasMax: 200_000 } } }),
  });
  const dataDir = mkdtempSync(join(tmpdir(), "kexin-contracts-"));
  const node = await createNode({
    genesis,
    dataDir,
    validatorPrivateKey: validatorKey,
    api: { host: "127.0.0.1", port: 0 },
    signatureWorkers: 0,
    logger: pino({ level: "silent" }),
  });
  const nonces = new Map<string, number>();
  const getJson = async (path: string) => {
    const response = await fetch(`${node.url}${path}`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string } } };
  };
  const waitFor = async (hash: string): Promise<Outcome> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { body } = await getJson(`/v1/txs/${hash}`);
      const result = body.result as Omit<Extract<Outcome, { stage: "committed" }>, "stage" | "txHash" | "height"> | undefined;
      if (body.status === "committed" && result) return { stage: "committed", txHash: hash, height: body.height as number, ...result };
      if (Date.now() > deadline) throw new Error(`transaction ${hash} not committed within 15 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return {
    node,
    genesis,
    dataDir,
    suite,
    validatorPrivateKey: validatorKey,
    admins,
    teller,
    clerk,
    stranger,
    async send(from, type, payload, module = "contracts") {
      const nonce = nonces.get(from.address) ?? 0;
      const signed = signTx(suite, from.privateKey, { chainId: genesis.chainId, nonce, module, type, payload, expiry: (node.store.head()?.height ?? 0) + 1_000 });
      const response = await fetch(`${node.url}/v1/txs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ tx: toHex(signed.bytes) }),
        signal: AbortSignal.timeout(5_000),
      });
      const body = (await response.json()) as { error?: { code: string; message: string } };
      if (response.status !== 202) return { stage: "admission", code: body.error?.code ?? String(response.status), message: body.error?.message ?? "" };
      nonces.set(from.address, nonce + 1);
      return waitFor(toHex(signed.hash));
    },
    query: (name, parameters = {}) => getJson(`/v1/query/contracts/${name}?${new URLSearchParams(parameters).toString()}`),
    async nonce(from) {
      return (await getJson(`/v1/accounts/${from.address}`)).body.nonce as number;
    },
    async close() {
      await node.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The fields of a deploy or upgrade action for code given as source text. */
export function codeFields(suite: CryptoSuite, source: string): { code: Uint8Array; codeHash: Uint8Array } {
  const code = utf8(source);
  return { code, codeHash: suite.hash(code) };
}

export function argsHex(args: CborValue): string {
  return toHex(encodeCanonical(args));
}
