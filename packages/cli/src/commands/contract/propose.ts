import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { toHex } from "@kexin/core";
import { contracts, createKexinClient } from "@kexin/sdk";
import { type CliContext, type GlobalOptions, globalOptions } from "../../context.ts";
import { formatFields, printResult } from "../../output.ts";
import { badInput } from "../../errors.ts";
import { type SignerOptions, committedRows, sendAndWait, transactionSummary, withSigner } from "../../signedCommand.ts";
import { bundleContract, contractPaths } from "./bundle.ts";
import { inlineOrFileJson, parseContractJson } from "./jsonArgs.ts";

/** A built module is proposed as it is; a project or a .ts file is built first, exactly as `build` would. */
async function contractCode(target: string): Promise<string> {
  if (/\.m?js$/.test(target)) return readFile(target, "utf8");
  return bundleContract((await contractPaths(target)).entry);
}

async function proposeStatusChange(context: CliContext, globals: GlobalOptions, options: SignerOptions, call: contracts.ProposeFreezeCall | contracts.ProposeUnfreezeCall) {
  const { id, action } = call.payload;
  const committed = await sendAndWait(context, globals, options, call, `proposal ${id}`);
  printResult(context, globals, { id, kind: action.kind, name: action.name, ...transactionSummary(committed) }, () =>
    formatFields([["proposal", `${id}: ${action.kind} ${action.name}, approved by your organisation`], ...committedRows(committed)]),
  );
}

type ProposeOptions = SignerOptions & { name: string; id: string; policy: string; init?: string; migrate?: string; upgrade?: boolean };

export function registerProposeCommands(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("propose")
      .description("propose a contract (or, with --upgrade, new code for one) for the organisations to approve (an organisation admin's key)")
      .argument("<file>", "the built module (.js), or a project or .ts file to build first")
      .requiredOption("--name <name>", "the contract's name")
      .requiredOption("--id <id>", "the proposal's id, which approvals name")
      .requiredOption("--policy <json-or-file>", 'roles allowed to call each state-changing method, e.g. {"transfer":[]} ([] = any registered member)')
      .option("--init <json>", "arguments of init, run when the contract is activated (integers only)")
      .option("--upgrade", "replace the code of an existing contract, keeping its state")
      .option("--migrate <json>", "with --upgrade: arguments of migrate, run once when the upgrade takes effect"),
  ).action(async (file: string, options: ProposeOptions, sub: Command) => {
    const globals = globalOptions(sub);
    if (options.upgrade === true && options.init !== undefined) throw badInput("--init", "--init runs at a deploy; an upgrade runs --migrate");
    if (options.upgrade !== true && options.migrate !== undefined) throw badInput("--migrate", "--migrate runs at an upgrade; add --upgrade, or give --init for a deploy");
    const policy = (await inlineOrFileJson(options.policy, "--policy")) as contracts.ContractPolicy;
    const code = await contractCode(file);
    // The code hash is the chain's suite's hash; the signer's key must be of that suite anyway.
    const { suite } = await createKexinClient({ url: globals.node }).getStatus();
    const common = { id: options.id, name: options.name, suite, code, policy };
    const call = options.upgrade === true
      ? contracts.proposeUpgrade({ ...common, migrate: options.migrate === undefined ? undefined : parseContractJson(options.migrate, "--migrate") })
      : contracts.proposeDeploy({ ...common, init: options.init === undefined ? undefined : parseContractJson(options.init, "--init") });
    const committed = await sendAndWait(context, globals, options, call, `proposal ${call.payload.id}`);
    const codeHash = toHex(call.payload.action.codeHash);
    printResult(context, globals, { id: call.payload.id, kind: call.payload.action.kind, name: call.payload.action.name, codeHash, sizeBytes: call.payload.action.code.length, ...transactionSummary(committed) }, () =>
      formatFields([
        ["proposal", `${call.payload.id}: ${call.payload.action.kind} ${call.payload.action.name}, approved by your organisation`],
        ["code hash", `${codeHash} (${call.payload.action.code.length} bytes)`],
        ...committedRows(committed),
      ]),
    );
  });

  for (const kind of ["freeze", "unfreeze"] as const) {
    withSigner(
      command
        .command(kind)
        .description(kind === "freeze" ? "propose to freeze a contract: once approved, its calls are refused" : "propose to make a frozen contract callable again")
        .argument("<name>", "the contract's name")
        .requiredOption("--id <id>", "the proposal's id, which approvals name"),
    ).action(async (name: string, options: SignerOptions & { id: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const call = kind === "freeze" ? contracts.proposeFreeze({ id: options.id, name }) : contracts.proposeUnfreeze({ id: options.id, name });
      await proposeStatusChange(context, globals, options, call);
    });
  }

  withSigner(
    command
      .command("approve")
      .description("approve a proposal for your organisation (an organisation admin's key); more than two thirds of organisations put it into effect")
      .argument("<id>", "the proposal's id"),
  ).action(async (id: string, options: SignerOptions, sub: Command) => {
    const globals = globalOptions(sub);
    const call = contracts.approveProposal({ id });
    const committed = await sendAndWait(context, globals, options, call, `the approval of ${id}`);
    printResult(context, globals, { id, ...transactionSummary(committed) }, () => formatFields([["approved", `proposal ${id} for your organisation`], ...committedRows(committed)]));
  });
}
