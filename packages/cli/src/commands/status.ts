import type { Command } from "commander";
import { type StatusView, createKexinClient } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../context.ts";
import { formatFields, formatTime, printResult } from "../output.ts";

function peersText(peers: StatusView["peers"]): string | undefined {
  if (peers === undefined) return undefined;
  if (peers === null) return "none (solo consensus has no p2p network)";
  return `${peers.count} connected${peers.list.length > 0 ? `: ${peers.list.map((peer) => peer.address).join(", ")}` : ""}`;
}

function consensusRows(state: StatusView["consensusState"]): [string, string][] {
  if (state === undefined) return [];
  if (state === null) return [["round", "unknown (consensus halted while starting)"]];
  return [
    ["round", `${state.round} at height ${state.height}, step ${state.step}`],
    ["proposer", `${state.proposer.address} (${state.proposer.publicKey})`],
    ["last commit", state.lastCommitTime === null ? "none since the node started" : formatTime(state.lastCommitTime)],
    ["rounds > 0", `${state.roundsAboveZero} heights since the node started`],
    ...(state.halted === null ? [] : [["halted", state.halted] as [string, string]]),
  ];
}

function statusText(node: string, status: StatusView): string {
  const validators = status.validators.length;
  const peers = peersText(status.peers);
  return formatFields([
    ["node", node],
    ["chain", status.chainId],
    ["suite", status.suite],
    ["consensus", status.consensus],
    ...consensusRows(status.consensusState),
    ["height", String(status.height)],
    ["last block", status.lastBlockHash !== null && status.lastBlockTime !== null ? `${status.lastBlockHash} at ${formatTime(status.lastBlockTime)}` : "none yet"],
    ["validators", `${validators} (set hash ${status.validatorsHash})`],
    ...(peers === undefined ? [] : [["peers", peers] as [string, string]]),
    ["mempool", `${status.mempool.txs} txs, ${status.mempool.bytes} bytes`],
    ...(status.modules === undefined ? [] : [["modules", status.modules.join(", ")] as [string, string]]),
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
