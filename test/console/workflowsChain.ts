import { readFileSync } from "node:fs";
import { type WorkflowTemplate, getSuite, toHex } from "@kexin/core";
import { type KexinClient, type TxCall, type Wallet, createKexinClient, datashare, walletFromPrivateKey, workflows } from "@kexin/sdk";
import { parseGenesis } from "../../packages/node/src/genesis.ts";
import { type TestChain, startTestChain, waitForCommitted } from "../../packages/node/test/support.ts";
import { repositoryRoot } from "./support.ts";

export const suite = getSuite("intl");
export const template = JSON.parse(readFileSync(`${repositoryRoot}examples/workflows/housing-eligibility.json`, "utf8")) as WorkflowTemplate;
const organisations = [...new Set([...template.steps.map((step) => step.organisation), template.decider.organisation])].sort();

/** A wallet with its private key, so a test can also write it as a key file for the page. */
export interface Signer {
  readonly wallet: Wallet;
  readonly privateKey: Uint8Array;
}

function newSigner(): Signer {
  const privateKey = suite.generatePrivateKey();
  return { wallet: walletFromPrivateKey(suite, privateKey), privateKey };
}

export interface WorkflowsChain {
  readonly chain: TestChain;
  readonly client: KexinClient;
  /** The member that attests each step, with the step's role. */
  readonly attesters: Readonly<Record<string, Signer>>;
  readonly decider: Signer;
  /** A clerk of the housing registry who files applications for citizens. */
  readonly clerk: Signer;
  readonly citizen: Signer;
  /** Sends a call and waits for its block; throws when it failed at execution. */
  commit(wallet: Wallet, call: TxCall): Promise<string>;
  /** The step's officer publishes a record of the subject in the step's dataset and reads it: the access transaction its attestation cites. */
  readForStep(step: string, subject: string): Promise<string>;
  close(): Promise<void>;
}

/** A solo node whose seven departments have approved the housing-eligibility template. */
export async function startWorkflowsChain(): Promise<WorkflowsChain> {
  const admins = Object.fromEntries(organisations.map((organisation) => [organisation, newSigner()])) as Record<string, Signer>;
  const attesters = Object.fromEntries(template.steps.map((step) => [step.id, newSigner()])) as Record<string, Signer>;
  const decider = newSigner();
  const clerk = newSigner();
  const citizen = newSigner();
  const validatorKey = suite.generatePrivateKey();
  const genesis = parseGenesis({
    chainId: "kexin-console-workflows",
    suite: suite.id,
    genesisTime: 1_700_000_000_000,
    consensus: "solo",
    validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
    organisations: organisations.map((organisation) => ({ id: organisation, name: organisation, admins: [toHex(admins[organisation]!.wallet.publicKey)] })),
    members: [
      ...template.steps.map((step) => ({ org: step.organisation, address: attesters[step.id]!.wallet.address, name: `${step.id} officer`, roles: [step.role] })),
      { org: template.decider.organisation, address: decider.wallet.address, name: "eligibility officer", roles: [template.decider.role] },
      { org: "housing_registry", address: clerk.wallet.address, name: "counter clerk", roles: [] },
      { org: "housing_registry", address: citizen.wallet.address, name: "citizen", roles: [] },
    ],
  });
  const chain = await startTestChain({ genesis, validatorKey });
  const client = createKexinClient({ url: chain.url });
  const commit = async (wallet: Wallet, call: TxCall): Promise<string> => {
    const sent = await client.buildAndSend(wallet, call);
    const { result } = (await waitForCommitted(chain, sent.hash, 30_000)) as { result: { status: string; code: string; message: string } };
    if (result.status !== "ok") throw new Error(`${call.module}.${call.type}: ${result.code} ${result.message}`);
    return sent.hash;
  };
  let records = 0;
  const readForStep = async (step: string, subject: string): Promise<string> => {
    const officer = attesters[step]!.wallet;
    records += 1;
    const record = `${step}-record-${records}`;
    await commit(officer, datashare.publishRecord({ id: record, dataset: template.steps.find((candidate) => candidate.id === step)!.reads[0]!, hash: "11".repeat(32), size: 100, subject }));
    return commit(officer, datashare.access({ record, purpose: "housing purchase eligibility" }));
  };
  try {
    for (const step of template.steps) {
      for (const dataset of step.reads) await commit(admins[step.organisation]!.wallet, datashare.registerDataset({ id: dataset, title: step.title, recordSchema: JSON.stringify({ type: "object" }), classification: "important", price: 0 }));
    }
    await commit(admins.housing_registry!.wallet, workflows.proposeTemplate({ template }));
    const needed = Math.floor((organisations.length * 2) / 3) + 1;
    for (const organisation of organisations.filter((candidate) => candidate !== "housing_registry").slice(0, needed - 1)) await commit(admins[organisation]!.wallet, workflows.approveTemplate({ id: template.id }));
  } catch (error) {
    await chain.close();
    throw error;
  }
  return { chain, client, attesters, decider, clerk, citizen, commit, readForStep, close: () => chain.close() };
}
