import type { Command } from "commander";
import { contracts, createKexinClient } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatTable, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";

export function registerEventsCommand(command: Command, context: CliContext): void {
  command
    .command("events")
    .description(`the events a contract emitted, oldest first, from committed blocks (at most ${contracts.contractEventBlocksMax} blocks per run)`)
    .argument("<name>", "the contract's name")
    .option("--from-height <height>", "the first block to read (default: the last 100 blocks)", wholeNumber(1, Number.MAX_SAFE_INTEGER))
    .action(async (name: string, options: { fromHeight?: number }, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      const tip = (await client.getBlock()).height;
      const from = options.fromHeight ?? Math.max(1, tip - 99);
      const to = Math.min(tip, from + contracts.contractEventBlocksMax - 1);
      // A --from-height past the tip reads nothing rather than failing: the range is simply empty so far.
      const records = to < from ? [] : await contracts.getContractEvents(client, { contract: name, fromHeight: from, toHeight: to });
      const events = records.map(({ height, txHash, type, data }) => ({ height, txHash, type, data }));
      const answer = { contract: name, fromHeight: from, toHeight: to, events };
      printResult(context, globals, answer, () => {
        const range = `blocks ${from}–${to}${to < tip ? ` of ${tip}; continue with --from-height ${to + 1}` : ""}`;
        if (events.length === 0) return `no events of ${name} in ${range}`;
        return `${formatTable(["HEIGHT", "TYPE", "DATA", "TRANSACTION"], events.map((event) => [String(event.height), event.type, JSON.stringify(event.data), event.txHash]))}\n${range}`;
      });
    });
}
