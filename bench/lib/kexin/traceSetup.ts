import type { CborValue } from "@kexin/core";
import { BenchFailure } from "../errors.ts";
import { log } from "../output.ts";
import { waitFor } from "../wait.ts";
import type { KexinApi } from "./api.ts";
import type { Account, SignedForWire, TxSigner } from "./accounts.ts";
import { traceProduct, traceRules, traceSites } from "./traceWorkload.ts";

const lookupConcurrency = 16;

export interface TraceSetupOptions {
  readonly organisation: string;
  readonly senders: number;
  readonly timeoutMs: number;
  readonly abortIf: () => void;
}

/** Submits one round of setup transactions and waits until every one is committed and executed. */
async function runRound(api: KexinApi, signed: readonly SignedForWire[], what: string, options: TraceSetupOptions): Promise<void> {
  for (let offset = 0; offset < signed.length; offset += 1_000) {
    const chunk = signed.slice(offset, offset + 1_000);
    const entries = await api.submitBatch(chunk.map((tx) => tx.hex));
    entries.forEach((entry, index) => {
      if ("error" in entry) throw new BenchFailure(`setup (${what}): the node refused ${(chunk[index] as SignedForWire).hash}: ${entry.error.code}: ${entry.error.message}`);
    });
  }
  const pending = new Set(signed.map((tx) => tx.hash));
  await waitFor(
    `${signed.length} setup transactions (${what}) to commit`,
    async () => {
      const round = [...pending].slice(0, lookupConcurrency * 4);
      for (let offset = 0; offset < round.length; offset += lookupConcurrency) {
        const slice = round.slice(offset, offset + lookupConcurrency);
        const lookups = await Promise.all(slice.map((hash) => api.tx(hash)));
        lookups.forEach((lookup, index) => {
          if (lookup.status !== "committed") return;
          const hash = slice[index] as string;
          if (lookup.resultStatus !== "ok") throw new BenchFailure(`setup (${what}): ${hash} failed: ${lookup.resultCode}: ${lookup.resultMessage}`);
          pending.delete(hash);
        });
      }
      return pending.size === 0 ? true : undefined;
    },
    { timeoutMs: options.timeoutMs, intervalMs: 100, abortIf: options.abortIf },
  );
}

/**
 * From the organisation's admin: `senders` members with the manufacturer role (they record the
 * events), one with the regulator role, and the two sites; then the product and its class's
 * rules. Returns the senders with their next nonces.
 */
export async function setUpTrace(api: KexinApi, signer: TxSigner, admin: Account, options: TraceSetupOptions): Promise<Account[]> {
  admin.nextNonce = (await api.account(admin.address)).nonce;
  const senders = Array.from({ length: options.senders }, () => signer.newAccount());
  const regulator = signer.newAccount();
  const member = (account: Account, name: string, role: string): SignedForWire =>
    signer.sign(admin, "identity", "register_member", { org: options.organisation, address: account.address, name, roles: [role] } satisfies CborValue);
  log("setup: registering trace members and sites", { senders: options.senders });
  await runRound(
    api,
    [
      ...senders.map((sender, index) => member(sender, `bench-manufacturer-${index}`, "manufacturer")),
      member(regulator, "bench-regulator", "regulator"),
      ...Object.values(traceSites).map((site) => signer.sign(admin, "trace", "register_location", { id: site.id, org: options.organisation, region: site.region, name: site.name })),
    ],
    "register_member, register_location",
    options,
  );
  log("setup: registering the product and its class's rules", { gtin: traceProduct.gtin });
  await runRound(
    api,
    [signer.sign(senders[0] as Account, "trace", "register_product", { ...traceProduct }), signer.sign(regulator, "trace", "set_rule", { ...traceRules })],
    "register_product, set_rule",
    options,
  );
  return senders;
}
