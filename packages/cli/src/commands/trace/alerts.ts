import type { Command } from "commander";
import { createKexinClient, trace } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatTable, formatTime, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { alertRule } from "./parsers.ts";

function detailText(detail: Readonly<Record<string, string | number>>): string {
  return Object.entries(detail)
    .map(([name, value]) => `${name}=${value}`)
    .join(" ");
}

export function registerAlertsCommand(command: Command, context: CliContext): void {
  command
    .command("alerts")
    .description("anomaly alerts, newest first")
    .option("--rule <rule>", `only this rule: ${trace.alertRules.join(", ")}`, alertRule)
    .option("--gtin <gtin>", "only this product")
    .option("--from <time>", "block time from (ISO 8601 or milliseconds)")
    .option("--to <time>", "block time to, inclusive")
    .option("--before <n>", "the next page: the `next` a previous answer gave", wholeNumber(0, Number.MAX_SAFE_INTEGER))
    .option("--limit <n>", "alerts per page", wholeNumber(1, trace.traceLimits.alertsPerQueryMax), 100)
    .action(async (options: { rule?: trace.AlertRule; gtin?: string; from?: string; to?: string; before?: number; limit: number }, sub: Command) => {
      const globals = globalOptions(sub);
      const time = (value: string | undefined) => (value === undefined ? undefined : /^\d+$/.test(value) ? Number(value) : value);
      const page = await trace.getAlerts(createKexinClient({ url: globals.node }), {
        rule: options.rule,
        gtin: options.gtin,
        from: time(options.from),
        to: time(options.to),
        before: options.before,
        limit: options.limit,
      });
      printResult(context, globals, page, () => {
        if (page.alerts.length === 0) return "no alerts";
        const table = formatTable(
          ["TIME", "RULE", "GTIN", "CLASS", "UNITS", "ORG", "EVENT", "DETAIL"],
          page.alerts.map((alert) => [formatTime(alert.blockTime), alert.rule, alert.gtin, alert.deviceClass, String(alert.unitCount), alert.org, String(alert.event), detailText(alert.detail)]),
        );
        return `${table}${page.next === null ? "" : `\nnext page: --before ${page.next}`}`;
      });
    });
}
