import type { Command } from "commander";
import { createKexinClient, evidence } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { formatTable, formatTime, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";

export function registerListCommand(command: Command, context: CliContext): void {
  command
    .command("list")
    .description("list anchors by submitter, by case number, or by block time")
    .option("--submitter <address>", "anchors signed by this account")
    .option("--case <number>", "anchors and sessions of this case")
    .option("--from <time>", "block time from (ISO 8601 or milliseconds)")
    .option("--to <time>", "block time to, inclusive (default: now)")
    .option("--start <n>", "position (or, with --from, cursor) to start at", wholeNumber(0, Number.MAX_SAFE_INTEGER))
    .action(async (options: { submitter?: string; case?: string; from?: string; to?: string; start?: number }, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      const chosen = [options.submitter, options.case, options.from].filter((value) => value !== undefined).length;
      if (chosen !== 1) throw badInput("list", "give exactly one of --submitter, --case or --from");
      const table = (anchors: readonly evidence.AnchorView[]): string =>
        formatTable(
          ["block", "time", "hash", "submitter", "title"],
          anchors.map((anchor) => [String(anchor.height), formatTime(anchor.time), anchor.hash, anchor.submitter.org, anchor.title]),
        );
      if (options.submitter !== undefined) {
        const page = await evidence.getAnchorsBySubmitter(client, { address: options.submitter, start: options.start });
        printResult(context, globals, page, () => `${page.total} anchors\n${table(page.anchors)}${page.next !== null ? `\nnext page: --start ${page.next}` : ""}`);
        return;
      }
      if (options.case !== undefined) {
        const page = await evidence.getCase(client, { caseNumber: options.case, start: options.start });
        printResult(context, globals, page, () =>
          [
            `${page.total} ${page.total === 1 ? "entry" : "entries"} under case ${options.case}`,
            formatTable(
              ["kind", "block", "id", "title or device"],
              page.entries.map((entry) =>
                entry.kind === "anchor"
                  ? ["anchor", String(entry.anchor.height), entry.anchor.hash, entry.anchor.title]
                  : ["session", String(entry.session.openedHeight), entry.session.sessionId, `${entry.session.device} (${entry.session.chunkCount} chunks, ${entry.session.status})`],
              ),
            ),
            ...(page.next !== null ? [`next page: --start ${page.next}`] : []),
          ].join("\n"),
        );
        return;
      }
      const from = parseTime("from", options.from as string);
      const to = options.to === undefined ? Date.now() : parseTime("to", options.to);
      const page = await evidence.getAnchorsByTime(client, { from, to, cursor: options.start });
      printResult(context, globals, page, () => `${table(page.anchors)}${page.next !== null ? `\nnext page: --start ${page.next}` : ""}`);
    });
}

function parseTime(input: string, text: string): number {
  const milliseconds = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isSafeInteger(milliseconds) || milliseconds < 0) throw badInput(input, `--${input} "${text}" is neither an ISO 8601 time nor milliseconds since 1970`);
  return milliseconds;
}
