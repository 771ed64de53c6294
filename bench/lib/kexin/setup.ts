import type { CborValue } from "@kexin/core";
import { BenchFailure } from "../errors.ts";
import { log } from "../output.ts";
import { waitFor } from "../wait.ts";
import type { KexinApi } from "./api.ts";
import type { Account, SignedForWire, TxSigner } from "./accounts.ts";

const batchTxsMax = 2_000;
const lookupConcurrency = 16;

export interface SetupOptions {
  readonly timeoutMs: number;
  readonly abortIf: () => void;
}

/** Submits setup transactions (not measured) in order and fails on the first refusal. */
export async function submitAll(api: KexinApi, signed: readonly SignedForWire[], what: string): Promise<void> {
  for (let offset = 0; offset < signed.length; offset += batchTxsMax) {
    const chunk = signed.slice(offset, offset + batchTxsMax);
    const entries = await api.submitBatch(chunk.map((tx) => tx.hex));
    entries.forEach((entry, index) => {
      const tx = chunk[index] as SignedForWire;
      if ("error" in entry) throw new BenchFailure(`setup (${what}): the node refused ${tx.hash}: ${entry.error.code}: ${entry.error.message}`);
      if (entry.hash !== tx.hash) throw new BenchFailure(`setup (${what}): the node hashed a transaction as ${entry.hash}, the bench as ${tx.hash}`);
    });
  }
}

/** Polls GET /v1/txs/:hash until every transaction is committed, and requires each to have executed successfully. */
export async function waitCommittedOk(api: KexinApi, hashes: readonly string[], what: string, options: SetupOptions): Promise<void> {
  const pending = new Set(hashes);
  await waitFor(
    `${hashes.length} setup transactions (${what}) to commit`,
    async () => {
      const round = [...pending];
      for (let offset = 0; offset < round.length; offset += lookupConcurrency) {
        const slice = round.slice(offset, offset + lookupConcurrency);
        const lookups = await Promise.all(slice.map((hash) => api.tx(hash)));
        lookups.forEach((lookup, index) => {
          const hash = slice[index] as string;
          if (lookup.status !== "committed") return;
          if (lookup.resultStatus !== "ok") {
            throw new BenchFailure(`setup (${what}): ${hash} committed but failed: ${lookup.resultCode}: ${lookup.resultMessage}`);
          }
          pending.delete(hash);
        });
      }
      return pending.size === 0 ? true : undefined;
    },
    { timeoutMs: options.timeoutMs, intervalMs: 100, abortIf: options.abortIf },
  );
}

/** Reads each account's next nonce back from the node. */
export async function refreshNonces(api: KexinApi, accounts: readonly Account[]): Promise<void> {
  for (let offset = 0; offset < accounts.length; offset += lookupConcurrency) {
    const slice = accounts.slice(offset, offset + lookupConcurrency);
    const views = await Promise.all(slice.map((account) => api.account(account.address)));
    views.forEach((view, index) => {
      (slice[index] as Account).nextNonce = view.nonce;
    });
  }
}

/** Submits setup transactions in order and waits until every one has committed and executed successfully. */
export async function submitAndWaitOk(api: KexinApi, signed: readonly SignedForWire[], what: string, options: SetupOptions): Promise<void> {
  await submitAll(api, signed, what);
  await waitCommittedOk(
    api,
    signed.map((tx) => tx.hash),
    what,
    options,
  );
}

export interface SendersSetup {
  readonly organisation: string;
  readonly role: string;
  readonly pointsEach: number;
}

/**
 * From the organisation admin, registers `count` fresh member accounts with the given role, then
 * has each issue itself points; returns them with their next nonces read back from the node.
 */
export async function registerFundedSenders(
  api: KexinApi,
  signer: TxSigner,
  admin: Account,
  count: number,
  setup: SendersSetup,
  options: SetupOptions,
): Promise<Account[]> {
  const senders = Array.from({ length: count }, () => signer.newAccount());

  await refreshNonces(api, [admin]);
  const registrations = senders.map((sender, index) =>
    signer.sign(admin, "identity", "register_member", {
      org: setup.organisation,
      address: sender.address,
      name: `bench-sender-${index}`,
      roles: [setup.role],
    } satisfies CborValue),
  );
  log("setup: registering senders", { senders: count });
  await submitAndWaitOk(api, registrations, "register_member", options);

  await refreshNonces(api, senders);
  const issues = senders.map((sender) => signer.sign(sender, "points", "issue", { to: sender.address, amount: setup.pointsEach }));
  log("setup: issuing points", { senders: count, pointsEach: setup.pointsEach });
  await submitAndWaitOk(api, issues, "points.issue", options);

  await refreshNonces(api, senders);
  return senders;
}
