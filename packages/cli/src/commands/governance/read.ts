import type { Command } from "commander";
import { createKexinClient, governance } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatTable, printResult } from "../../output.ts";

const optionalInteger = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));

function changesText(proposal: governance.GetProposalReturnType): string {
  if (proposal.kind === "validators") return proposal.changes.map((change) => `${change.publicKey.slice(0, 12)}…=${change.power}`).join(", ");
  return `${Object.entries(proposal.changes).map(([name, value]) => `${name}=${value}`).join(", ")} at ${proposal.effectiveHeight}`;
}

export function registerReadCommands(command: Command, context: CliContext): void {
  command
    .command("list")
    .description("validator and parameter proposals with their approvals, vetoes and status")
    .option("--offset <n>", "proposals to skip")
    .option("--limit <n>", "proposals to list (at most 100)")
    .action(async (options: { offset?: string; limit?: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const page = await governance.getProposals(createKexinClient({ url: globals.node }), { offset: optionalInteger(options.offset), limit: optionalInteger(options.limit) });
      printResult(context, globals, page, () =>
        page.proposals.length === 0
          ? "no proposals"
          : formatTable(
              ["ID", "KIND", "STATUS", "CHANGES", "APPROVALS", "VETOES"],
              page.proposals.map((proposal) => [proposal.id, proposal.kind, proposal.status, changesText(proposal), proposal.approvals.join(", "), proposal.kind === "parameters" ? proposal.vetoes.join(", ") : ""]),
            ),
      );
    });

  command
    .command("validators")
    .description("the validator set deciding a height")
    .option("--height <height>", "the height (default: the newest scheduled set)")
    .action(async (options: { height?: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const validators = await governance.getValidators(createKexinClient({ url: globals.node }), { height: optionalInteger(options.height) });
      printResult(context, globals, validators, () => formatTable(["PUBLIC KEY", "POWER"], validators.map((validator) => [validator.publicKey, String(validator.power)])));
    });

  command
    .command("parameters")
    .description("the chain parameters in force at a height, with their bounds; --scheduled lists approved changes still to come")
    .option("--height <height>", "the height (default: the next)")
    .option("--scheduled", "list approved changes taking effect after the newest block instead")
    .action(async (options: { height?: string; scheduled?: boolean }, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      if (options.scheduled === true) {
        const scheduled = await governance.getScheduledParameters(client);
        printResult(context, globals, scheduled, () => (scheduled.length === 0 ? "no scheduled changes" : formatTable(["HEIGHT", "PARAMETER", "VALUE"], scheduled.map((entry) => [String(entry.height), entry.name, String(entry.value)]))));
        return;
      }
      const answer = await governance.getParameters(client, { height: optionalInteger(options.height) });
      printResult(context, globals, answer, () =>
        formatTable(["PARAMETER", "VALUE", "BOUNDS", "DEFAULT"], answer.parameters.map((parameter) => [parameter.name, String(parameter.value), `${parameter.minimum}..${parameter.maximum}`, String(parameter.default)])),
      );
    });
}
