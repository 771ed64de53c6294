import type { Command } from "commander";
import { trace } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { type SignerOptions, committedRows, sendAndWait, transactionSummary, withSigner } from "../../signedCommand.ts";

export function registerDemandCommand(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("demand")
      .description("state how many units of a product your hospital needs in a region (needs the hospital role; 0 withdraws)")
      .requiredOption("--gtin <gtin>", "the product's GTIN")
      .requiredOption("--region <code>", "region code such as CN-31")
      .requiredOption("--quantity <n>", "units needed", wholeNumber(0, trace.traceLimits.quantityMax)),
  ).action(async (options: SignerOptions & { gtin: string; region: string; quantity: number }, sub: Command) => {
    const globals = globalOptions(sub);
    const call = trace.registerDemand({ gtin: options.gtin, region: options.region, quantity: options.quantity });
    const committed = await sendAndWait(context, globals, options, call, `the demand for GTIN ${call.payload.gtin} in ${call.payload.region}`);
    printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () =>
      formatFields([["demand", `${call.payload.quantity} of GTIN ${call.payload.gtin} in ${call.payload.region}`], ...committedRows(committed)]),
    );
  });
}
