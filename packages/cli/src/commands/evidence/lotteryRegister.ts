import { resolve } from "node:path";
import type { Command } from "commander";
import { getSuite, lotteryLimits, participantsRoot, toHex } from "@kexin/core";
import { createKexinClient, evidence } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { formatFields, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { openWallet, transactionFailure } from "../../signing.ts";
import { passphraseHelp } from "../keys.ts";
import { readParticipants, readText } from "./lotteryFiles.ts";

const rulesFileBytesMax = 1024 * 1024;

interface RegisterOptions {
  readonly key: string;
  readonly passphrase?: string;
  readonly drawId: string;
  readonly participants: string;
  readonly winners: number;
  readonly rules?: string;
  readonly rulesFile?: string;
  readonly drawHeight?: number;
  readonly blocksAhead: number;
  readonly timeoutMs: number;
}

export function registerLotteryRegisterCommand(command: Command, context: CliContext): void {
  command
    .command("register")
    .description("register a draw: the participant list's root, the number of winners, the rules and the height whose block decides it")
    .requiredOption("--key <name-or-path>", "a key with the notary role")
    .option("--passphrase <passphrase>", passphraseHelp)
    .requiredOption("--draw-id <id>", "the draw's id (letters, digits, . _ : -)")
    .requiredOption("--participants <csv>", "the published participant list: one id per line, optional header `id`")
    .requiredOption("--winners <n>", "how many winners", wholeNumber(1, evidence.evidenceLimits.winnersPerDrawMax))
    .option("--rules <text>", "the rules text")
    .option("--rules-file <path>", "read the rules text from a file")
    .option("--draw-height <height>", "the height whose block hash decides the draw", wholeNumber(1, Number.MAX_SAFE_INTEGER))
    .option("--blocks-ahead <n>", "without --draw-height: this many blocks above the current height", wholeNumber(lotteryLimits.drawHeightMarginMin + 1, 1_000_000), 20)
    .option("--timeout-ms <ms>", "how long to wait for the registration to be committed", wholeNumber(1, 86_400_000), 30_000)
    .action(async (options: RegisterOptions, sub: Command) => {
      const globals = globalOptions(sub);
      if ((options.rules === undefined) === (options.rulesFile === undefined)) throw badInput("rules", "give the rules with exactly one of --rules or --rules-file");
      const rulesText = options.rules ?? (await readText(resolve(options.rulesFile as string), rulesFileBytesMax, "rules-file"));
      const ids = await readParticipants(options.participants);
      const client = createKexinClient({ url: globals.node });
      const status = await client.getStatus();
      const root = toHex(participantsRoot(getSuite(status.suite), ids));
      const drawHeight = options.drawHeight ?? status.height + options.blocksAhead;
      const call = evidence.registerDraw({ drawId: options.drawId, participantsRoot: root, participantCount: ids.length, winnerCount: options.winners, rulesText, drawHeight });
      const wallet = await openWallet(context, globals, options);
      const sent = await client.buildAndSend(wallet, call);
      const committed = await client.waitForCommit({ hash: sent.hash, timeoutMs: options.timeoutMs });
      if (committed.result.status !== "ok") throw transactionFailure(committed);
      const summary = { drawId: options.drawId, participantsRoot: root, participantCount: ids.length, winnerCount: options.winners, drawHeight, registeredHeight: committed.height, txHash: committed.hash };
      printResult(context, globals, summary, () =>
        formatFields([
          ["draw", options.drawId],
          ["participants", `${ids.length} (root ${root})`],
          ["winners", String(options.winners)],
          ["registered", `in block ${committed.height} by ${committed.hash}`],
          ["decided by", `the hash of block ${drawHeight}`],
          ["verify", `kexin lottery verify ${options.drawId} ${options.participants}  (once block ${drawHeight} is committed)`],
        ]),
      );
    });
}
