import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CborValue, type CryptoSuite, addressOf, getSuite, signTx, toHex } from "@kexin/core";
import pino from "pino";
import { type Genesis, parseGenesis } from "../../src/genesis.ts";
import { type KexinNode, createNode } from "../../src/node.ts";

export interface TraceAccount {
  readonly name: string;
  readonly org: string;
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly address: string;
}

export const traceOrganisations = ["manufacturer", "distributor", "logistics", "hospital", "regulator"] as const;
export type TraceOrganisation = (typeof traceOrganisations)[number];

/** The member of each organisation that records its trace events, with the role the module checks. */
const memberRoles: Record<TraceOrganisation, string[]> = {
  manufacturer: ["manufacturer"],
  distributor: ["distributor"],
  logistics: ["logistics"],
  hospital: ["hospital"],
  regulator: ["regulator"],
};

export interface TxOutcome {
  readonly hash: string;
  readonly height: number;
  readonly status: "ok" | "failed";
  readonly code: string;
  readonly message: string;
  readonly events: { module: string; type: string; attributes: Record<string, unknown> }[];
}

export interface TraceChain {
  readonly node: KexinNode;
  readonly url: string;
  readonly suite: CryptoSuite;
  readonly genesis: Genesis;
  readonly admins: Record<TraceOrganisation, TraceAccount>;
  readonly members: Record<TraceOrganisation, TraceAccount>;
  /** Signs with the account's next nonce (tracked locally, so several may be pending) and submits. */
  submit(account: TraceAccount, type: string, payload: CborValue): Promise<string>;
  /** Submits and waits until the transaction is committed. */
  run(account: TraceAccount, type: string, payload: CborValue, timeoutMs?: number): Promise<TxOutcome>;
  waitFor(hash: string, timeoutMs?: number): Promise<TxOutcome>;
  /** GET /v1/query/trace/<name>; the body is JSON, or text for CSV answers. */
  query(name: string, parameters?: Record<string, string>): Promise<{ status: number; body: unknown; contentType: string }>;
  close(): Promise<void>;
}

function account(suite: CryptoSuite, name: string, org: string): TraceAccount {
  const privateKey = suite.generatePrivateKey();
  const publicKey = suite.publicKeyOf(privateKey);
  return { name, org, privateKey, publicKey, address: addressOf(suite, publicKey) };
}

/** A one-validator chain whose genesis names the five organisations of a device supply chain. */
export async function startTraceChain(): Promise<TraceChain> {
  const suite = getSuite("intl");
  const validatorKey = suite.generatePrivateKey();
  const admins = Object.fromEntries(traceOrganisations.map((org) => [org, account(suite, `${org} admin`, org)])) as Record<TraceOrganisation, TraceAccount>;
  const members = Object.fromEntries(traceOrganisations.map((org) => [org, account(suite, `${org} member`, org)])) as Record<TraceOrganisation, TraceAccount>;
  const genesis = parseGenesis({
    chainId: "kexin-trace-test",
    suite: suite.id,
    genesisTime: 1_700_000_000_000,
    consensus: "solo",
    validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
    organisations: traceOrganisations.map((org) => ({ id: org, name: org[0]!.toUpperCase() + org.slice(1), admins: [toHex(admins[org].publicKey)] })),
    members: traceOrganisations.map((org) => ({ org, address: members[org].address, name: members[org].name, roles: memberRoles[org] })),
  });
  const dataDir = mkdtempSync(join(tmpdir(), "kexin-trace-"));
  const node = await createNode({
    genesis,
    dataDir,
    validatorPrivateKey: validatorKey,
    api: { host: "127.0.0.1", port: 0 },
    signatureWorkers: 0,
    logger: pino({ level: "silent" }),
  });
  const nonces = new Map<string, number>();
  const get = async (path: string) => {
    const response = await fetch(`${node.url}${path}`);
    const contentType = response.headers.get("content-type") ?? "";
    const body: unknown = contentType.includes("json") ? await response.json() : await response.text();
    return { status: response.status, body, contentType };
  };
  const chain: TraceChain = {
    node,
    url: node.url,
    suite,
    genesis,
    admins,
    members,
    async submit(from, type, payload) {
      const nonce = nonces.get(from.address) ?? 0;
      const signed = signTx(suite, from.privateKey, { chainId: genesis.chainId, nonce, module: "trace", type, payload, expiry: (node.store.head()?.height ?? 0) + 1_000 });
      const response = await fetch(`${node.url}/v1/txs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ tx: toHex(signed.bytes) }) });
      const body = (await response.json()) as { error?: { code: string; message: string } };
      if (response.status !== 202) throw new Error(`${type} from ${from.name} refused at admission: ${body.error?.code} ${body.error?.message}`);
      nonces.set(from.address, nonce + 1);
      return toHex(signed.hash);
    },
    async waitFor(hash, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const answer = await get(`/v1/txs/${hash}`);
        const body = answer.body as { status?: string; height?: number; result?: Omit<TxOutcome, "hash" | "height"> };
        if (body.status === "committed" && body.result) return { hash, height: body.height as number, ...body.result };
        if (Date.now() > deadline) throw new Error(`transaction ${hash} not committed within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async run(from, type, payload, timeoutMs) {
      return chain.waitFor(await chain.submit(from, type, payload), timeoutMs);
    },
    query: (name, parameters = {}) => get(`/v1/query/trace/${name}?${new URLSearchParams(parameters).toString()}`),
    async close() {
      await node.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return chain;
}
