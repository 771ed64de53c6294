import type { Command } from "commander";
import { governance } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, printResult } from "../../output.ts";
import { badInput } from "../../errors.ts";
import { type SignerOptions, committedRows, sendAndWait, transactionSummary, withSigner } from "../../signedCommand.ts";

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `name=value` pairs of the command line as a record of integers. */
function integerPairs(pairs: readonly string[], option: string): Record<string, number> {
  const record: Record<string, number> = {};
  for (const pair of pairs) {
    const match = /^([^=]+)=(-?[0-9]+)$/.exec(pair);
    if (!match) throw badInput(option, `${option} takes name=integer, got ${JSON.stringify(pair)}`);
    record[match[1] as string] = Number(match[2]);
  }
  return record;
}

export function registerProposalCommands(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("propose-validators")
      .description("propose adding, re-weighting or removing (power 0) validators (an organisation admin's key; BFT chains)")
      .requiredOption("--id <id>", "the proposal's id, which approvals name")
      .option("--description <text>", "what the change is for", "")
      .requiredOption("--change <publicKey=power>", "a validator's public key (hex) and its new power; repeat for more", collect),
  ).action(async (options: SignerOptions & { id: string; description: string; change: string[] }, sub: Command) => {
    const globals = globalOptions(sub);
    const changes = Object.entries(integerPairs(options.change, "--change")).map(([publicKey, power]) => ({ publicKey, power }));
    const call = governance.proposeValidators({ id: options.id, description: options.description, changes });
    const committed = await sendAndWait(context, globals, options, call, `proposal ${options.id}`);
    printResult(context, globals, { id: options.id, kind: "validators", changes, ...transactionSummary(committed) }, () =>
      formatFields([["proposal", `${options.id}: ${changes.length} validator change(s), approved by your organisation`], ...committedRows(committed)]),
    );
  });

  withSigner(
    command
      .command("propose-parameters")
      .description("propose new values of chain parameters from an effective height on (an organisation admin's key)")
      .requiredOption("--id <id>", "the proposal's id, which approvals and vetoes name")
      .option("--description <text>", "what the change is for", "")
      .requiredOption("--set <name=value>", "a parameter and its new value, e.g. block.txsMax=2000; repeat for more", collect)
      .requiredOption("--effective-height <height>", "the first height deciding with the new values (at least the review window after the final approval)"),
  ).action(async (options: SignerOptions & { id: string; description: string; set: string[]; effectiveHeight: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const changes = integerPairs(options.set, "--set");
    const effectiveHeight = Number(options.effectiveHeight);
    if (!Number.isSafeInteger(effectiveHeight) || effectiveHeight < 1) throw badInput("--effective-height", `--effective-height must be a height of 1 or more, got ${JSON.stringify(options.effectiveHeight)}`);
    const call = governance.proposeParameters({ id: options.id, description: options.description, changes, effectiveHeight });
    const committed = await sendAndWait(context, globals, options, call, `proposal ${options.id}`);
    printResult(context, globals, { id: options.id, kind: "parameters", changes, effectiveHeight, ...transactionSummary(committed) }, () =>
      formatFields([["proposal", `${options.id}: ${Object.entries(changes).map(([name, value]) => `${name}=${value}`).join(", ")} from height ${effectiveHeight}, approved by your organisation`], ...committedRows(committed)]),
    );
  });

  for (const kind of ["approve", "veto"] as const) {
    withSigner(
      command
        .command(kind)
        .description(
          kind === "approve"
            ? "approve a validator or parameter proposal for your organisation (an organisation admin's key); more than two thirds of organisations put it into effect"
            : "veto an approved parameter change before its effective height (an organisation admin's key); more than a third of organisations cancel it",
        )
        .argument("<id>", "the proposal's id"),
    ).action(async (id: string, options: SignerOptions, sub: Command) => {
      const globals = globalOptions(sub);
      const call = kind === "approve" ? governance.approve({ id }) : governance.veto({ id });
      const committed = await sendAndWait(context, globals, options, call, `the ${kind === "approve" ? "approval" : "veto"} of ${id}`);
      printResult(context, globals, { id, ...transactionSummary(committed) }, () => formatFields([[kind === "approve" ? "approved" : "vetoed", `proposal ${id} for your organisation`], ...committedRows(committed)]));
    });
  }
}
