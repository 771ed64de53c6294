import type { Command } from "commander";
import { isHex } from "@kexin/core";
import { type BlockView, type GetBlockParameters, createKexinClient } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../context.ts";
import { badInput } from "../errors.ts";
import { formatFields, formatTime, printResult } from "../output.ts";

function blockTarget(reference: string): GetBlockParameters {
  if (reference === "latest") return {};
  if (/^\d+$/.test(reference) && Number.isSafeInteger(Number(reference)) && Number(reference) > 0) return { height: Number(reference) };
  if (isHex(reference, 32)) return { hash: reference.toLowerCase() };
  throw badInput("block", `"${reference}" is not a block height (1, 2, …), a block hash (64 hex digits) or "latest"`);
}

function blockText(block: BlockView): string {
  const { header, commit } = block;
  const signatures = commit.signatures.length;
  const rows = formatFields([
    ["height", String(block.height)],
    ["hash", block.hash],
    ["chain", header.chainId],
    ["time", formatTime(header.time)],
    ["previous", header.prevHash],
    ["proposer", header.proposer],
    ["txRoot", header.txRoot],
    ["resultsRoot", header.resultsRoot],
    ["appHash", header.appHash],
    ["validators", header.validatorsHash],
    ["commit", `round ${commit.round}, ${signatures} signature${signatures === 1 ? "" : "s"}`],
    ["txs", String(header.txCount)],
  ]);
  return [rows, ...block.txs.map((hash) => `  ${hash}`)].join("\n");
}

export function registerBlockCommands(program: Command, context: CliContext): void {
  const block = program.command("block").description("look up blocks");
  block
    .command("get")
    .description("show a block with its header, commit and transaction hashes")
    .argument("<heightOrHash>", 'a height, a block hash, or "latest"')
    .action(async (reference: string, _options: unknown, command: Command) => {
      const globals = globalOptions(command);
      const view = await createKexinClient({ url: globals.node }).getBlock(blockTarget(reference));
      printResult(context, globals, view, () => blockText(view));
    });
}
