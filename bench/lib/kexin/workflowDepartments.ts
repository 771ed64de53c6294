import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type WorkflowTemplate, getSuite, toHex } from "@kexin/core";
import { type KexinClient, type TxCall, type Wallet, datashare, walletFromPrivateKey, workflows } from "@kexin/sdk";
import { BenchFailure } from "../errors.ts";

/** The seven-department housing-eligibility template the project ships. */
export function housingTemplate(root: string): WorkflowTemplate {
  return JSON.parse(readFileSync(join(root, "examples/workflows/housing-eligibility.json"), "utf8")) as WorkflowTemplate;
}

/** One lane's members: a counter clerk who files, an officer per step holding its role, and the deciding officer. */
export interface DepartmentLane {
  readonly clerk: Wallet;
  readonly officers: Readonly<Record<string, Wallet>>;
  readonly decider: Wallet;
}

export interface WorkflowDepartments {
  readonly admins: Readonly<Record<string, Wallet>>;
  readonly lanes: readonly DepartmentLane[];
}

function organisationsOf(template: WorkflowTemplate): string[] {
  return [...new Set([...template.steps.map((step) => step.organisation), template.decider.organisation])].sort();
}

/**
 * Adds the template's departments to a development genesis: each organisation with a fresh admin,
 * and `lanes` sets of members, so that every application in flight has its own senders and no two
 * of them wait on one account's nonces. Returns the keys; the bench holds them only in memory.
 */
export async function addWorkflowDepartments(home: string, template: WorkflowTemplate, lanes: number): Promise<WorkflowDepartments> {
  const path = join(home, "genesis.json");
  const genesis = JSON.parse(await readFile(path, "utf8")) as { suite: "intl" | "gm"; organisations: unknown[]; members: unknown[] };
  const suite = getSuite(genesis.suite);
  const newWallet = () => walletFromPrivateKey(suite, suite.generatePrivateKey());
  const organisations = organisationsOf(template);
  const admins = Object.fromEntries(organisations.map((organisation) => [organisation, newWallet()]));
  const departmentLanes: DepartmentLane[] = Array.from({ length: lanes }, () => ({
    clerk: newWallet(),
    officers: Object.fromEntries(template.steps.map((step) => [step.id, newWallet()])),
    decider: newWallet(),
  }));
  genesis.organisations.push(...organisations.map((organisation) => ({ id: organisation, name: organisation, admins: [toHex(admins[organisation]!.publicKey)] })));
  departmentLanes.forEach((lane, index) => {
    genesis.members.push(
      { org: template.decider.organisation, address: lane.clerk.address, name: `clerk ${index}`, roles: [] },
      { org: template.decider.organisation, address: lane.decider.address, name: `decider ${index}`, roles: [template.decider.role] },
      ...template.steps.map((step) => ({ org: step.organisation, address: lane.officers[step.id]!.address, name: `${step.id} officer ${index}`, roles: [step.role] })),
    );
  });
  await writeFile(path, `${JSON.stringify(genesis, null, 2)}\n`);
  return { admins, lanes: departmentLanes };
}

/** Sends a call and waits for its block; a call refused at execution fails the run. */
export async function commitCall(client: KexinClient, wallet: Wallet, call: TxCall, timeoutMs: number): Promise<void> {
  const sent = await client.buildAndSend(wallet, call);
  const committed = await client.waitForCommit({ hash: sent.hash, timeoutMs });
  if (committed.result.status !== "ok") throw new BenchFailure(`${call.module}.${call.type} by ${wallet.address}: ${committed.result.code} ${committed.result.message}`);
}

/**
 * Registers the datasets the steps read, proposes the template and has organisations approve it
 * until more than two thirds of the chain's have (not measured): the departments first, then
 * `otherAdmins` (the development chain's own organisations count too).
 */
export async function approveTemplate(client: KexinClient, template: WorkflowTemplate, admins: Readonly<Record<string, Wallet>>, otherAdmins: readonly Wallet[], timeoutMs: number): Promise<void> {
  for (const step of template.steps) {
    for (const dataset of step.reads) await commitCall(client, admins[step.organisation]!, datashare.registerDataset({ id: dataset, title: step.title, recordSchema: JSON.stringify({ type: "object" }), classification: "important", price: 0 }), timeoutMs);
  }
  const proposer = template.decider.organisation;
  await commitCall(client, admins[proposer]!, workflows.proposeTemplate({ template }), timeoutMs);
  const approvers = [...organisationsOf(template).filter((organisation) => organisation !== proposer).map((organisation) => admins[organisation]!), ...otherAdmins];
  for (const approver of approvers) {
    if ((await client.workflows.getTemplate({ id: template.id })).status === "active") break;
    await commitCall(client, approver, workflows.approveTemplate({ id: template.id }), timeoutMs);
  }
  const { status } = await client.workflows.getTemplate({ id: template.id });
  if (status !== "active") throw new BenchFailure(`the template ${template.id} is ${status} after every organisation approved`);
}
