import type { Command } from "commander";
import { type CommittedTransactionView, type EventView, type TxCall, type Wallet, createKexinClient } from "@kexin/sdk";
import type { CliContext, GlobalOptions } from "./context.ts";
import { TransactionFailedError } from "./errors.ts";
import type { Row } from "./output.ts";
import { wholeNumber } from "./parsing.ts";
import { type KeyOptions, openWallet } from "./signing.ts";
import { passphraseHelp } from "./commands/keys.ts";

export interface SignerOptions extends KeyOptions {
  readonly timeoutMs: number;
}

/** The options every command that signs a transaction takes. */
export function withSigner(command: Command): Command {
  return command
    .requiredOption("--key <name-or-path>", "key name in <home>/keys, or a path to a .key file")
    .option("--passphrase <passphrase>", passphraseHelp)
    .option("--timeout-ms <ms>", "how long to wait for each transaction to be committed", wholeNumber(1, 86_400_000), 30_000);
}

/** A committed transaction its module refused: the module's code and message come first, where people look. */
function refusal(view: CommittedTransactionView, what: string): TransactionFailedError {
  return new TransactionFailedError(
    { code: view.result.code || "TX_FAILED", hash: view.hash, height: view.height, index: view.index },
    `${what} was refused on chain: ${view.result.message || view.result.code} (transaction ${view.hash}, block ${view.height})`,
  );
}

/** Signs one call, submits it and waits for its commit; a failed execution is an error. */
export async function sendAndWait(context: CliContext, globals: GlobalOptions, options: SignerOptions, call: TxCall, what: string): Promise<CommittedTransactionView> {
  return sendAndWaitWith(globals, await openWallet(context, globals, options), options, call, what);
}

/** sendAndWait with a wallet already open, for commands that also sign requests with it. */
export async function sendAndWaitWith(globals: GlobalOptions, wallet: Wallet, options: { readonly timeoutMs: number }, call: TxCall, what: string): Promise<CommittedTransactionView> {
  const client = createKexinClient({ url: globals.node });
  const sent = await client.buildAndSend(wallet, call);
  const committed = await client.waitForCommit({ hash: sent.hash, timeoutMs: options.timeoutMs });
  if (committed.result.status !== "ok") throw refusal(committed, what);
  return committed;
}

export function committedRows(view: CommittedTransactionView): Row[] {
  return [["committed", `in block ${view.height} by ${view.hash}`]];
}

export function transactionSummary(view: CommittedTransactionView): { hash: string; height: number; events: readonly EventView[] } {
  return { hash: view.hash, height: view.height, events: view.result.events };
}
