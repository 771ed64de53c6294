import type { Command } from "commander";
import type { TxCall } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { formatFields, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { type SignerOptions, committedRows, sendAndWait, transactionSummary } from "../../signedCommand.ts";

/** Points and fen as the CLI reads them: whole numbers up to 2^53 − 1. */
export const pointsAmount = wholeNumber(1, Number.MAX_SAFE_INTEGER);

/** Signs a points call, waits for its commit and prints its payload with the transaction, and `summary` for people. */
export async function sendPointsCall(context: CliContext, sub: Command, options: SignerOptions, call: TxCall, what: string, summary: string): Promise<void> {
  const globals = globalOptions(sub);
  const committed = await sendAndWait(context, globals, options, call, what);
  printResult(context, globals, { ...(call.payload as object), ...transactionSummary(committed) }, () => formatFields([["done", summary], ...committedRows(committed)]));
}

/** `--address` or `--program`, exactly one: whose history or redemptions a list is of. */
export function accountOrProgram(options: { readonly address?: string; readonly program?: string }, what: string): { readonly address: string } | { readonly program: string } {
  if (options.address !== undefined && options.program === undefined) return { address: options.address.toLowerCase() };
  if (options.program !== undefined && options.address === undefined) return { program: options.program };
  throw badInput(what, "give either --address <address> or --program <id>");
}
