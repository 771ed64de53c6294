import type { Command } from "commander";
import { contracts, createKexinClient } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, formatTable, printResult } from "../../output.ts";

function policyText(policy: contracts.ContractPolicy): string {
  const entries = Object.entries(policy);
  if (entries.length === 0) return "no method callable by transactions";
  return entries.map(([method, roles]) => `${method}: ${roles.length === 0 ? "any member" : roles.join(", ")}`).join("; ");
}

export function registerReadCommands(command: Command, context: CliContext): void {
  command
    .command("list")
    .description("the chain's contracts with their status, version and code hash")
    .option("--proposals [status]", "list the proposals instead: all, or only open or approved ones")
    .action(async (options: { proposals?: string | true }, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      if (options.proposals !== undefined) {
        const status = options.proposals === true ? undefined : (options.proposals as "open" | "approved");
        const proposals = await contracts.getProposals(client, { status });
        printResult(context, globals, proposals, () =>
          proposals.length === 0
            ? "no proposals"
            : formatTable(["ID", "KIND", "CONTRACT", "STATUS", "APPROVALS"], proposals.map((proposal) => [proposal.id, proposal.action.kind, proposal.action.name, proposal.status, proposal.approvals.join(", ")])),
        );
        return;
      }
      const list = await contracts.listContracts(client);
      printResult(context, globals, list, () =>
        list.length === 0
          ? "no contracts"
          : formatTable(["NAME", "STATUS", "VERSION", "ACTIVATED", "CODE HASH"], list.map((contract) => [contract.name, contract.status, String(contract.version), String(contract.activatedAt), contract.codeHash])),
      );
    });

  command
    .command("show")
    .description("one contract: status, code hash, policy and declared methods; with --code, its source")
    .argument("<name>", "the contract's name")
    .option("--code", "print the module's source text the consortium approved")
    .action(async (name: string, options: { code?: boolean }, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      const contract = await contracts.getContract(client, { name });
      if (options.code === true) {
        const code = await contracts.getCode(client, { hash: contract.codeHash });
        printResult(context, globals, { ...contract, code: code.code }, () => code.code);
        return;
      }
      printResult(context, globals, contract, () =>
        formatFields([
          ["contract", `${contract.name} (${contract.status}), version ${contract.version}, active since block ${contract.activatedAt}`],
          ["code hash", contract.codeHash],
          ["policy", policyText(contract.policy)],
          ...Object.entries(contract.methods).map(([method, declared]): [string, string] => [`  ${method}`, `${declared.readOnly ? "read-only; " : ""}args ${JSON.stringify(declared.args)}`]),
        ]),
      );
    });
}
