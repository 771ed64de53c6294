import type { Command } from "commander";
import { createKexinClient, toy } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, printResult } from "../../output.ts";

/** `kexin toy count`: how many times the bell has rung. */
export function registerCountCommand(command: Command, context: CliContext): void {
  command
    .command("count")
    .description("how many times the bell has rung, and the last note")
    .action(async (_options: object, sub: Command) => {
      const globals = globalOptions(sub);
      const bells = await toy.getBells(createKexinClient({ url: globals.node }));
      printResult(context, globals, bells, () =>
        formatFields([
          ["bells", String(bells.bells)],
          ["last note", bells.lastNote ?? "none"],
        ]),
      );
    });
}
