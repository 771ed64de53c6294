import type { Command } from "commander";
import type { CommittedTransactionView, TxCall, Wallet } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { type Row, formatFields, printResult } from "../../output.ts";
import { type SignerOptions, committedRows, sendAndWait, sendAndWaitWith, transactionSummary } from "../../signedCommand.ts";

/**
 * Signs a workflows call (with `wallet` when it is open already, since it signed a credential),
 * waits for its commit and prints `facts` with the transaction: the credential a call carries is
 * written to a file or fetched with `kexin workflow credential`, not printed.
 */
export async function sendWorkflowCall(
  context: CliContext,
  sub: Command,
  options: SignerOptions,
  call: TxCall,
  what: string,
  facts: readonly Row[],
  wallet?: Wallet,
): Promise<CommittedTransactionView> {
  const globals = globalOptions(sub);
  const committed = wallet === undefined ? await sendAndWait(context, globals, options, call, what) : await sendAndWaitWith(globals, wallet, options, call, what);
  printResult(context, globals, { ...Object.fromEntries(facts), ...transactionSummary(committed) }, () => formatFields([...facts, ...committedRows(committed)]));
  return committed;
}
