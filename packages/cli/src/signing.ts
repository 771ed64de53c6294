import type { CommittedTransactionView, Wallet } from "@kexin/sdk";
import type { CliContext, GlobalOptions } from "./context.ts";
import { TransactionFailedError } from "./errors.ts";
import { openKey, resolveKeyFile } from "./keyStore.ts";
import { resolvePassphrase } from "./passphrase.ts";

/** The options of a command that signs with a key of the home (or a .key file). */
export interface KeyOptions {
  readonly key: string;
  readonly passphrase?: string;
}

/** Opens the key a command signs with, asking for its passphrase when --passphrase and the environment give none. */
export async function openWallet(context: CliContext, globals: GlobalOptions, options: KeyOptions): Promise<Wallet> {
  const keyFile = resolveKeyFile(globals.home, options.key);
  return openKey(keyFile, await resolvePassphrase(context, { flag: options.passphrase, label: `passphrase for ${keyFile}`, confirm: false }));
}

/** A committed transaction whose execution failed, reported with the module's code. */
export function transactionFailure(view: CommittedTransactionView): TransactionFailedError {
  return new TransactionFailedError(
    { code: view.result.code || "TX_FAILED", hash: view.hash, height: view.height, index: view.index },
    `transaction ${view.hash} failed in block ${view.height}: ${view.result.message || view.result.code}`,
  );
}
