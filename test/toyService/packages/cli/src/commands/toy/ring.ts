import type { Command } from "commander";
import { toy } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, printResult } from "../../output.ts";
import { type SignerOptions, committedRows, sendAndWait, transactionSummary, withSigner } from "../../signedCommand.ts";

/** `kexin toy ring --note …`: rings the bell once, signed by a registered account. */
export function registerRingCommand(command: Command, context: CliContext): void {
  withSigner(command.command("ring").description("ring the bell once and leave a note (any registered account)").requiredOption("--note <text>", "a note of at most 140 characters")).action(
    async (options: SignerOptions & { note: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const call = toy.ring({ note: options.note });
      const committed = await sendAndWait(context, globals, options, call, "ringing the bell");
      printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () => formatFields([["rang", call.payload.note], ...committedRows(committed)]));
    },
  );
}
