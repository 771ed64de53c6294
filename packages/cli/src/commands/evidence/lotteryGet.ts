import type { Command } from "commander";
import { createKexinClient, evidence } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { type Row, formatFields, formatTime, printResult } from "../../output.ts";

export function registerLotteryGetCommand(command: Command, context: CliContext): void {
  command
    .command("get")
    .description("show a draw and the winners the node reports")
    .argument("<draw-id>", "the draw")
    .action(async (drawId: string, _options: unknown, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      const [draw, winners] = await Promise.all([evidence.getDraw(client, { drawId }), evidence.getDrawWinners(client, { drawId })]);
      printResult(context, globals, { draw, winners }, () => {
        const rows: Row[] = [
          ["draw", draw.drawId],
          ["organiser", `${draw.organiser.address} (${draw.organiser.org})`],
          ["participants", `${draw.participantCount} (root ${draw.participantsRoot})`],
          ["winners", String(draw.winnerCount)],
          ["registered", `in block ${draw.registeredHeight} at ${formatTime(draw.registeredTime)}`],
          ["decided by", `block ${draw.drawHeight}${winners.status === "drawn" ? ` (hash ${winners.blockHash})` : ` — ${winners.blocksToGo} blocks to go`}`],
          ["winner positions", winners.status === "drawn" ? winners.winnerIndices.join(", ") : "not drawn yet"],
        ];
        return `${formatFields(rows)}\n\nrules:\n${draw.rulesText}`;
      });
    });
}
