import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { type RecordingDiagnosis, isHex } from "@kexin/core";
import { createKexinClient, evidence } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { type Row, formatFields, printResult } from "../../output.ts";
import { chunkFiles, hashFile } from "./files.ts";

function diagnosisText(diagnosis: RecordingDiagnosis): string {
  if (diagnosis.ok) return `the presented ${diagnosis.presentedCount} chunks are exactly the ${diagnosis.onChainCount} recorded, in order`;
  const list = (values: readonly string[]): string => (values.length > 20 ? `${values.slice(0, 20).join(", ")}, … (${values.length} in all)` : values.join(", "));
  const rows: Row[] = [];
  if (diagnosis.missing.length > 0) rows.push(["missing", list(diagnosis.missing.map(String))]);
  if (diagnosis.reordered.length > 0) rows.push(["reordered", list(diagnosis.reordered.map((chunk) => `${chunk.sequence} at ${chunk.presentedIndex}`))]);
  if (diagnosis.altered.length > 0) rows.push(["altered", list(diagnosis.altered.map((chunk) => `${chunk.sequence} at ${chunk.presentedIndex}`))]);
  if (diagnosis.extra.length > 0) rows.push(["extra", list(diagnosis.extra.map((chunk) => `at ${chunk.presentedIndex}`))]);
  if (diagnosis.duplicated.length > 0) rows.push(["duplicated", list(diagnosis.duplicated.map((chunk) => `${chunk.sequence} at ${chunk.presentedIndex}`))]);
  return [`the presented recording (${diagnosis.presentedCount} chunks) differs from the ${diagnosis.onChainCount} recorded:`, formatFields(rows, "  ")].join("\n");
}

export function registerDiagnoseCommand(command: Command, context: CliContext): void {
  command
    .command("diagnose")
    .description("compare a presented recording with a session on chain: which chunks are missing, reordered, altered, extra or duplicated")
    .argument("<session-id>", "the session")
    .argument("<chunks>", "a folder of chunk files (in name order), or a text file of chunk hashes in hex, one per line")
    .action(async (sessionId: string, chunks: string, _options: unknown, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      const status = await client.getStatus();
      const path = resolve(chunks);
      const hashes: string[] = [];
      if ((await stat(path).catch(() => undefined))?.isDirectory()) {
        for (const file of await chunkFiles(path)) hashes.push((await hashFile(file, status.suite)).hash);
      } else {
        const lines = (await readFile(path, "utf8")).split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
        for (const [index, line] of lines.entries()) {
          if (!isHex(line, 32)) throw badInput("chunks", `line ${index + 1} of ${path} is not a hash of 64 hex digits`);
          hashes.push(line.toLowerCase());
        }
      }
      const diagnosis = await evidence.verifyRecording(client, { sessionId, chunkHashes: hashes });
      const { session, ...result } = diagnosis;
      printResult(context, globals, { sessionId, session, ...result }, () => diagnosisText(diagnosis));
      if (!diagnosis.ok) {
        if (!globals.json) context.stderr.write(`error: the presented recording differs from session ${sessionId} (CLI_RECORDING_DIFFERS)\n`);
        context.exitCode = 1;
      }
    });
}
