import { resolve } from "node:path";
import type { Command } from "commander";
import { createKexinClient, trace } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { TransactionFailedError, badInput } from "../../errors.ts";
import { formatFields, printHuman, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { openWallet } from "../../signing.ts";
import { alertLine, importFileBytesMax, readEpcisFile } from "./epcis.ts";
import { importParts } from "./importParts.ts";
import { progressReporter } from "./progress.ts";
import { type SignerOptions, withSigner } from "../../signedCommand.ts";

/** Transactions of one `trace import` submitted but not yet seen committed. */
const importWindowDefault = 8;
const importWindowMax = 64;

function eventRange(part: { firstEvent: number; events: number }): string {
  return part.events === 1 ? `event ${part.firstEvent}` : `events ${part.firstEvent}–${part.firstEvent + part.events - 1}`;
}

interface ImportOptions extends SignerOptions {
  readonly fromPart: number;
  readonly window: number;
}

export function registerImportCommand(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("import")
      .description("record a large EPCIS 2.0 file: split it into documents that fit one transaction each and submit them in order")
      .argument("<epcis.json>", "an EPCIS 2.0 JSON document of any size")
      .option("--from-part <n>", "start at this part (1 is the first), to resume after a refusal", wholeNumber(1, Number.MAX_SAFE_INTEGER), 1)
      .option("--window <n>", "transactions submitted ahead of the last one seen committed", wholeNumber(1, importWindowMax), importWindowDefault),
  ).action(async (file: string, options: ImportOptions, sub: Command) => {
    const globals = globalOptions(sub);
    const path = resolve(file);
    const split = trace.splitEpcisDocument({ document: await readEpcisFile(path, importFileBytesMax) });
    if (options.fromPart > split.parts.length) throw badInput("from-part", `--from-part ${options.fromPart} is past the last of the ${split.parts.length} parts of ${file}`);
    const parts = split.parts.slice(options.fromPart - 1);
    const events = parts.reduce((sum, part) => sum + part.events, 0);
    const wallet = await openWallet(context, globals, options);
    const client = createKexinClient({ url: globals.node });
    if (!globals.json) context.stderr.write(`importing ${events} events from ${file} in ${parts.length} transaction(s)…\n`);
    const progress = progressReporter(context, globals, parts.length, (done) => `${done}/${parts.length} transactions committed`);
    progress.update(0);
    const started = performance.now();
    let imported: Awaited<ReturnType<typeof importParts>>;
    try {
      imported = await importParts(client, wallet, parts, options.fromPart, { window: options.window, timeoutMs: options.timeoutMs }, (done) => progress.update(done));
    } finally {
      progress.finish();
    }
    const { results, announcedAlerts } = imported;
    const recorded = results.filter((result) => result.status === "ok");
    const failed = results.find((result) => result.status === "failed");
    const summary = {
      file: path,
      parts: split.parts.length,
      fromPart: options.fromPart,
      events: recorded.reduce((sum, result) => sum + result.events, 0),
      objects: recorded.reduce((sum, result) => sum + (result.objects ?? 0), 0),
      alerts: recorded.reduce((sum, result) => sum + (result.alerts ?? 0), 0),
      seconds: Math.round(performance.now() - started) / 1000,
      results,
    };
    if (failed === undefined) {
      printResult(context, globals, summary, () =>
        [
          formatFields([
            ["recorded", `${summary.events} events in ${recorded.length} transaction(s), touching ${summary.objects} objects`],
            ["alerts", String(summary.alerts)],
            ["blocks", `${recorded[0]?.height ?? "—"} to ${recorded.at(-1)?.height ?? "—"}`],
            ["took", `${summary.seconds} s`],
          ]),
          ...announcedAlerts.slice(0, 20).map(alertLine),
        ].join("\n"),
      );
      return;
    }
    const after = results.filter((result) => result.part > failed.part);
    const message =
      `part ${failed.part} of ${split.parts.length} (${eventRange(failed)} of ${file}) was refused on chain: ${failed.message ?? failed.code ?? ""} ` +
      `(transaction ${failed.hash}, block ${failed.height}). ${failed.part - options.fromPart} part(s) before it are recorded` +
      (after.length === 0 ? "" : `; ${after.filter((result) => result.status === "ok").length} of the ${after.length} already submitted after it were recorded too`) +
      `. Fix the file and resume with --from-part ${failed.part}`;
    printHuman(context, globals, formatFields([["recorded", `${summary.events} events in ${recorded.length} transaction(s)`]]));
    throw new TransactionFailedError({ code: failed.code || "TX_FAILED", hash: failed.hash, height: failed.height, index: failed.index }, message);
  });
}
