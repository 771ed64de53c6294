import { resolve } from "node:path";
import type { Command } from "commander";
import { SdkError, trace } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { formatFields, printResult } from "../../output.ts";
import { alertLine, importFileBytesMax, importOutcome, readEpcisFile } from "./epcis.ts";
import { type SignerOptions, committedRows, sendAndWait, withSigner } from "../../signedCommand.ts";

export function registerEventCommand(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("event")
      .description("record the events of one EPCIS 2.0 document in one transaction (at most 63 KiB and 100 events; larger files: trace import)")
      .argument("<epcis.json>", "an EPCIS 2.0 JSON document"),
  ).action(async (file: string, options: SignerOptions, sub: Command) => {
    const globals = globalOptions(sub);
    const path = resolve(file);
    const text = await readEpcisFile(path, importFileBytesMax);
    let call: trace.ImportEpcisCall;
    try {
      call = trace.importEpcis({ document: text });
    } catch (error) {
      if (error instanceof SdkError && (error.type as { parameter?: string }).parameter === "document") {
        throw badInput("file", `${file} ${error.message.replace(/^trace\.import_epcis: "document" /, "").replace(/\. Split it with .*$/, "")}: import it with "kexin trace import ${file}", which splits it over several transactions`);
      }
      throw error;
    }
    const committed = await sendAndWait(context, globals, options, call, `the document ${file}`);
    const outcome = importOutcome(committed);
    printResult(context, globals, { file: path, ...outcome }, () =>
      [
        formatFields([
          ["recorded", `${outcome.events} event(s) touching ${outcome.objects} object(s)`],
          ["alerts", String(outcome.alerts)],
          ...committedRows(committed),
        ]),
        ...outcome.announcedAlerts.map(alertLine),
      ].join("\n"),
    );
  });
}
