import type { Command } from "commander";
import { type StatusView, createKexinClient } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../context.ts";
import { formatFields, formatTime, printResult } from "../output.ts";

function statusText(node: string, status: StatusView): string {
  const validators = status.validators.length;
  return formatFields([
    ["node", node],
    ["chain", status.chainId],
    ["suite", status.suite],
    ["consensus", status.consensus],
    ["height", String(status.height)],
    ["last block", status.height > 0 ? `${status.lastBlockHash} at ${formatTime(status.lastBlockTime)}` : "none yet"],
    ["validators", `${validators} (set hash ${status.validatorsHash})`],
    ["mempool", `${status.mempool.txs} txs, ${status.mempool.bytes} bytes`],
    ["genesis", status.genesisHash],
  ]);
}

export function registerStatusCommand(program: Command, context: CliContext): void {
  program
    .command("status")
    .description("show the chain and the node's view of it")
    .action(async (_options: unknown, command: Command) => {
      const globals = globalOptions(command);
      const status = await createKexinClient({ url: globals.node }).getStatus();
      printResult(context, globals, status, () => statusText(globals.node, status));
    });
}
