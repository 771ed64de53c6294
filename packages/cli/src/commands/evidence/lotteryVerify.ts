import type { Command } from "commander";
import { isHex } from "@kexin/core";
import { createKexinClient, evidence } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { formatTable, printResult } from "../../output.ts";
import { readParticipants } from "./lotteryFiles.ts";

export function registerLotteryVerifyCommand(command: Command, context: CliContext): void {
  command
    .command("verify")
    .description("recompute a draw's winners here from public data: the registration, the block at the draw height, and the participant list")
    .argument("<draw-id>", "the draw")
    .argument("<participants.csv>", "the published participant list")
    .option("--validators-hash <hex>", "require the draw block to be signed by this validator set")
    .action(async (drawId: string, participantsFile: string, options: { validatorsHash?: string }, sub: Command) => {
      const globals = globalOptions(sub);
      if (options.validatorsHash !== undefined && !isHex(options.validatorsHash, 32)) throw badInput("validators-hash", "--validators-hash must be 64 hex digits");
      const participantIds = await readParticipants(participantsFile);
      const client = createKexinClient({ url: globals.node });
      const verification = await evidence.verifyLotteryDraw(client, { drawId, participantIds, ...(options.validatorsHash ? { trust: { validatorsHash: options.validatorsHash } } : {}) });
      const summary = {
        valid: verification.ok,
        status: verification.status,
        drawId,
        drawHeight: verification.draw.drawHeight,
        blockHash: verification.blockHash ?? null,
        checks: verification.checks,
        winnerIndices: verification.winnerIndices,
        winners: verification.winners,
        problems: verification.problems,
        ...(verification.ok ? {} : { error: { code: "CLI_DRAW_INVALID", message: verification.error ?? "" } }),
      };
      printResult(context, globals, summary, () => {
        if (verification.status === "waiting") return verification.error ?? "";
        const width = Math.max(...verification.checks.map((outcome) => outcome.check.length));
        const lines = verification.checks.map((outcome) => `${outcome.ok ? "✓" : "✗"} ${outcome.check.padEnd(width)}  ${outcome.detail}`);
        lines.push("", `block ${verification.draw.drawHeight}: ${verification.blockHash ?? ""}`);
        const table = verification.winnerIndices.map((index, rank) => [String(rank + 1), String(index), verification.winners[rank] ?? "(list differs: id not shown)"]);
        lines.push(formatTable(["prize", "position", "participant"], table));
        return lines.join("\n");
      });
      if (!verification.ok) {
        if (!globals.json) context.stderr.write(`error: ${verification.error ?? "the draw does not verify"} (CLI_DRAW_INVALID)\n`);
        context.exitCode = 1;
      }
    });
}
