import { join } from "node:path";
import { type CborValue, encodeCanonical, toHex, utf8 } from "@kexin/core";
import { bundleContract } from "../../../packages/cli/src/commands/contract/bundle.ts";
import { BenchFailure } from "../errors.ts";
import { isRecord } from "../http.ts";
import { log } from "../output.ts";
import { median } from "../stats.ts";
import { type Account, type TxSigner, loadOrganisationAdmin } from "./accounts.ts";
import { type KexinApi, parseAmount } from "./api.ts";
import { devOrganisation, devOrganisations } from "./node.ts";
import { type SetupOptions, refreshNonces, submitAndWaitOk } from "./setup.ts";
import type { TxCall } from "./transfers.ts";

/** The name the token example is deployed under, and the gas each measured transfer may use (it needs about a tenth). */
export const tokenContractName = "token";
const transferGasLimit = 100_000;
const receiptLookupConcurrency = 16;

/** examples/contracts/token bundled as `kexin contract build` bundles it. */
export function bundleTokenExample(root: string): Promise<string> {
  return bundleContract(join(root, "examples/contracts/token/contract.ts"));
}

/**
 * Deploys the token through the contract lifecycle: the development chain's merchant admin
 * proposes it (its organisation approves at once) and the admins of the other organisations
 * approve until more than two thirds of them have; the last approval activates it, and its init
 * mints `supply` to `owner`.
 */
export async function deployToken(api: KexinApi, signer: TxSigner, home: string, code: string, init: { owner: string; supply: number }, options: SetupOptions): Promise<void> {
  const admins = await Promise.all(devOrganisations.map(async (organisation) => ({ organisation, ...(await loadOrganisationAdmin(home, organisation, signer.suite.id)) })));
  await refreshNonces(
    api,
    admins.map(({ admin }) => admin),
  );
  const proposer = admins.find(({ organisation }) => organisation === devOrganisation);
  if (proposer === undefined) throw new BenchFailure(`the development chain has no ${devOrganisation} admin`);
  const codeBytes = utf8(code);
  const id = `deploy-${tokenContractName}`;
  const action = { kind: "deploy", name: tokenContractName, code: codeBytes, codeHash: signer.suite.hash(codeBytes), policy: { transfer: [] }, init } satisfies CborValue;
  log("contract: proposing the token", { codeBytes: codeBytes.length });
  await submitAndWaitOk(api, [signer.sign(proposer.admin, "contracts", "propose", { id, action })], "contracts.propose", options);
  // More than two thirds of the organisations, the proposer's included.
  const approvalsNeeded = Math.floor((devOrganisations.length * 2) / 3) + 1;
  const approvers = admins.filter(({ organisation }) => organisation !== devOrganisation).slice(0, approvalsNeeded - 1);
  for (const { organisation, admin } of approvers) {
    log("contract: approving the token", { organisation });
    await submitAndWaitOk(api, [signer.sign(admin, "contracts", "approve", { id })], "contracts.approve", options);
  }
}

/** A `contracts.call` of the token's transfer. */
export function tokenTransfer(to: string, amount: number): TxCall {
  return { module: "contracts", type: "call", payload: { contract: tokenContractName, method: "transfer", args: { to, amount }, gasLimit: transferGasLimit } };
}

/** The owner transfers `amountEach` tokens to every sender, through the contract (not measured). */
export async function distributeTokens(api: KexinApi, signer: TxSigner, owner: Account, senders: readonly Account[], amountEach: number, options: SetupOptions): Promise<void> {
  await refreshNonces(api, [owner]);
  log("contract: distributing tokens", { senders: senders.length, amountEach });
  const transfers = senders.map((sender) => {
    const { module, type, payload } = tokenTransfer(sender.address, amountEach);
    return signer.sign(owner, module, type, payload);
  });
  await submitAndWaitOk(api, transfers, "token distribution", options);
}

async function tokenBalance(api: KexinApi, owner: string): Promise<bigint> {
  const answer = await api.query("contracts", "query", { contract: tokenContractName, method: "balanceOf", args: toHex(encodeCanonical({ owner })) });
  return parseAmount(isRecord(answer) ? answer.value : undefined, "token balanceOf query");
}

/** Every measured transfer moves one token out of its sender: S balances prove that all N executed. */
export async function assertTokenTransfersExecuted(api: KexinApi, senders: readonly Account[], sentBySender: readonly number[], startingBalance: number): Promise<void> {
  let failed = 0n;
  const examples: string[] = [];
  for (const [index, sender] of senders.entries()) {
    const amount = await tokenBalance(api, sender.address);
    const expected = BigInt(startingBalance - (sentBySender[index] ?? 0));
    if (amount !== expected) {
      failed += amount - expected;
      if (examples.length < 3) examples.push(`${sender.address}: ${amount} tokens, expected ${expected}`);
    }
  }
  if (failed !== 0n) throw new BenchFailure(`${failed} measured token transfers were committed but did not execute as expected (${examples.join("; ")})`);
}

export interface TransferGas {
  /** Median of the receipts' `gasUsed` (the contracts/result event). */
  readonly gasUsed: number;
  readonly gasUsedMin: number;
  readonly gasUsedMax: number;
  /** Median of the receipts' cost units (gas plus the call's base cost). */
  readonly cost: number;
}

/** Reads the receipts of `sample` transactions spread evenly over the workload: the gas each transfer used. */
export async function transferGasFromReceipts(api: KexinApi, hashes: readonly string[], sample: number): Promise<TransferGas> {
  const count = Math.min(sample, hashes.length);
  const chosen = Array.from({ length: count }, (_, index) => hashes[Math.floor((index * hashes.length) / count)] as string);
  const gas: number[] = [];
  const costs: number[] = [];
  for (let offset = 0; offset < chosen.length; offset += receiptLookupConcurrency) {
    const lookups = await Promise.all(chosen.slice(offset, offset + receiptLookupConcurrency).map((hash) => api.tx(hash)));
    for (const lookup of lookups) {
      if (lookup.status !== "committed") throw new BenchFailure("a measured token transfer has no receipt");
      const result = lookup.events.find((event) => event.module === "contracts" && event.type === "result");
      const gasUsed = isRecord(result?.attributes) ? result.attributes.gasUsed : undefined;
      if (typeof gasUsed !== "number") throw new BenchFailure(`a token transfer's receipt has no contracts/result event with gasUsed: ${JSON.stringify(lookup.events).slice(0, 300)}`);
      gas.push(gasUsed);
      costs.push(lookup.resultCost);
    }
  }
  return { gasUsed: median(gas), gasUsedMin: Math.min(...gas), gasUsedMax: Math.max(...gas), cost: median(costs) };
}
