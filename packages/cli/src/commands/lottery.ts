import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { getSuite, isHex, lotteryLimits, parseParticipantsCsv, participantsRoot, toHex } from "@kexin/core";
import { createKexinClient, evidence } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../context.ts";
import { CliError, TransactionFailedError, badInput, systemErrorCode } from "../errors.ts";
import { openKey, resolveKeyFile } from "../keyStore.ts";
import { type Row, formatFields, formatTable, formatTime, printResult } from "../output.ts";
import { wholeNumber } from "../parsing.ts";
import { resolvePassphrase } from "../passphrase.ts";
import { passphraseHelp } from "./keys.ts";

/** A CSV of a million ids of up to 256 characters stays well below this. */
const participantsFileBytesMax = 512 * 1024 * 1024;
const rulesFileBytesMax = 1024 * 1024;

async function readText(path: string, bytesMax: number, input: string): Promise<string> {
  try {
    const { size } = await stat(path);
    if (size > bytesMax) throw badInput(input, `${path} is larger than ${bytesMax} bytes`);
    return await readFile(path, "utf8");
  } catch (error) {
    if (systemErrorCode(error) === "ENOENT") throw new CliError({ code: "CLI_FILE_NOT_FOUND", path }, `no file at ${path}`);
    throw error;
  }
}

async function readParticipants(path: string): Promise<string[]> {
  return parseParticipantsCsv(await readText(resolve(path), participantsFileBytesMax, "participants"));
}

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

export function registerLotteryCommands(program: Command, context: CliContext): void {
  const command = program.command("lottery").description("notarised draws (公证摇号): register, inspect and independently verify");

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
      const keyFile = resolveKeyFile(globals.home, options.key);
      const wallet = await openKey(keyFile, await resolvePassphrase(context, { flag: options.passphrase, label: `passphrase for ${keyFile}`, confirm: false }));
      const sent = await client.buildAndSend(wallet, call);
      const committed = await client.waitForCommit({ hash: sent.hash, timeoutMs: options.timeoutMs });
      if (committed.result.status !== "ok") {
        throw new TransactionFailedError(
          { code: committed.result.code || "TX_FAILED", hash: committed.hash, height: committed.height, index: committed.index },
          `transaction ${committed.hash} failed in block ${committed.height}: ${committed.result.message || committed.result.code}`,
        );
      }
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
