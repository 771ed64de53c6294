import type { Command } from "commander";
import { contracts, createKexinClient } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatTable, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";

/** Blocks one `events` run reads, so a long chain is paged with --from-height rather than read whole. */
export const eventBlocksPerRunMax = 1_000;

export function registerEventsCommand(command: Command, context: CliContext): void {
  command
    .command("events")
    .description(`the events a contract emitted, oldest first, from committed blocks (at most ${eventBlocksPerRunMax} blocks per run)`)
    .argument("<name>", "the contract's name")
    .option("--from-height <height>", "the first block to read (default: the last 100 blocks)", wholeNumber(1, Number.MAX_SAFE_INTEGER))
    .action(async (name: string, options: { fromHeight?: number }, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      const tip = (await client.getBlock()).height;
      const from = options.fromHeight ?? Math.max(1, tip - 99);
      const to = Math.min(tip, from + eventBlocksPerRunMax - 1);
      const events: { height: number; txHash: string; type: string; data: unknown }[] = [];
      for (let height = from; height <= to; height += 1) {
        const block = await client.getBlock({ height });
        for (const hash of block.txs) {
          const view = await client.getTransaction({ hash });
          if (view.status !== "committed") continue;
          for (const event of contracts.contractEvents(view, name)) events.push({ height, txHash: hash, type: event.type, data: event.data });
        }
      }
      const answer = { contract: name, fromHeight: from, toHeight: to, events };
      printResult(context, globals, answer, () => {
        const range = `blocks ${from}–${to}${to < tip ? ` of ${tip}; continue with --from-height ${to + 1}` : ""}`;
        if (events.length === 0) return `no events of ${name} in ${range}`;
        return `${formatTable(["HEIGHT", "TYPE", "DATA", "TRANSACTION"], events.map((event) => [String(event.height), event.type, JSON.stringify(event.data), event.txHash]))}\n${range}`;
      });
    });
}
