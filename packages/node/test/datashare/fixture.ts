import { type CborValue, type CryptoSuite, addressOf, datashareModuleName, getSuite, toHex } from "@kexin/core";
import { parseGenesis } from "../../src/genesis.ts";
import { type TestAccount, type TestChain, startTestChain, waitForCommitted } from "../support.ts";

export const datashareOrganisations = ["tax", "housing", "health"] as const;
export type DatashareOrganisation = (typeof datashareOrganisations)[number];

/** What became of a transaction: refused at admission, or committed with its result. */
export type Outcome =
  | { readonly stage: "admission"; readonly code: string; readonly message: string }
  | { readonly stage: "committed"; readonly hash: string; readonly height: number; readonly status: "ok" | "failed"; readonly code: string; readonly message: string; readonly events: { type: string; attributes: Record<string, unknown> }[] };

export interface DatashareChain {
  readonly chain: TestChain;
  readonly suite: CryptoSuite;
  readonly admins: Record<DatashareOrganisation, TestAccount>;
  /** One member (no role) of each organisation. */
  readonly clerks: Record<DatashareOrganisation, TestAccount>;
  /** A member of "health" with the auditor role. */
  readonly auditor: TestAccount;
  /** Each organisation's opening credits. */
  readonly credits: Record<DatashareOrganisation, number>;
  send(from: TestAccount, type: string, payload: CborValue): Promise<Outcome>;
  /** Sends and requires success. */
  commit(from: TestAccount, type: string, payload: CborValue): Promise<Extract<Outcome, { stage: "committed" }>>;
  query(name: string, parameters: Record<string, string | number>): Promise<{ status: number; body: Record<string, unknown> & { error?: { code: string } } }>;
  nonce(account: TestAccount): Promise<number>;
  close(): Promise<void>;
}

function account(suite: CryptoSuite): TestAccount {
  const privateKey = suite.generatePrivateKey();
  const publicKey = suite.publicKeyOf(privateKey);
  return { privateKey, publicKey, address: addressOf(suite, publicKey) };
}

export const defaultCredits: Record<DatashareOrganisation, number> = { tax: 100, housing: 50, health: 0 };

/** A one-validator chain of three departments, each with an admin and a member, and opening credits in genesis. */
export async function startDatashareChain(options: { suite?: "intl" | "gm"; credits?: Record<DatashareOrganisation, number> } = {}): Promise<DatashareChain> {
  const suite = getSuite(options.suite ?? "intl");
  const credits = options.credits ?? defaultCredits;
  const validatorKey = suite.generatePrivateKey();
  const admins = Object.fromEntries(datashareOrganisations.map((org) => [org, account(suite)])) as Record<DatashareOrganisation, TestAccount>;
  const clerks = Object.fromEntries(datashareOrganisations.map((org) => [org, account(suite)])) as Record<DatashareOrganisation, TestAccount>;
  const auditor = account(suite);
  const genesis = parseGenesis({
    chainId: "kexin-datashare-test",
    suite: suite.id,
    genesisTime: 1_700_000_000_000,
    consensus: "solo",
    validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
    organisations: datashareOrganisations.map((org) => ({ id: org, name: org, admins: [toHex(admins[org].publicKey)] })),
    members: [...datashareOrganisations.map((org) => ({ org, address: clerks[org].address, name: `${org} clerk`, roles: [] })), { org: "health", address: auditor.address, name: "health auditor", roles: ["auditor"] }],
    sections: { datashare: { credits } },
  });
  const chain = await startTestChain({ suite: suite.id, genesis, validatorKey });
  const send = async (from: TestAccount, type: string, payload: CborValue): Promise<Outcome> => {
    const signed = await chain.sign(from, { module: datashareModuleName, type, payload });
    const answer = await chain.post("/v1/txs", { tx: signed.hex });
    const error = answer.body.error as { code: string; message: string } | undefined;
    if (answer.status !== 202) return { stage: "admission", code: error?.code ?? String(answer.status), message: error?.message ?? "" };
    const committed = (await waitForCommitted(chain, signed.hash, 30_000)) as { height: number; result: { status: "ok" | "failed"; code: string; message: string; events: { type: string; attributes: Record<string, unknown> }[] } };
    return { stage: "committed", hash: signed.hash, height: committed.height, ...committed.result };
  };
  return {
    chain,
    suite,
    admins,
    clerks,
    auditor,
    credits,
    send,
    async commit(from, type, payload) {
      const outcome = await send(from, type, payload);
      if (outcome.stage !== "committed" || outcome.status !== "ok") throw new Error(`datashare.${type} did not succeed: ${JSON.stringify(outcome)}`);
      return outcome;
    },
    query: (name, parameters) =>
      chain.get(`/v1/query/datashare/${name}?${new URLSearchParams(Object.entries(parameters).map(([key, value]) => [key, String(value)]))}`) as Promise<{
        status: number;
        body: Record<string, unknown> & { error?: { code: string } };
      }>,
    async nonce(from) {
      return (await chain.get(`/v1/accounts/${from.address}`)).body.nonce as number;
    },
    close: () => chain.close(),
  };
}

/** A record schema of a property certificate. */
export const propertySchema = JSON.stringify({
  type: "object",
  properties: { owner: { type: "string" }, address: { type: "string" }, areaSquareMetres: { type: "number", minimum: 0 } },
  required: ["owner", "address"],
  additionalProperties: false,
});

export function datasetPayload(id: string, price = 5): CborValue {
  return { id, title: { zh: "不动产权证书", en: "Property certificates" }, recordSchema: propertySchema, classification: "important", price };
}

/** A committed transaction's result code must be `code`, and its signer's nonce was still spent. */
export function failedWith(outcome: Outcome, code: string): boolean {
  return outcome.stage === "committed" && outcome.status === "failed" && outcome.code === code;
}
