import type { Command } from "commander";
import { type KexinClient, createKexinClient, trace } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { type Row, formatFields, formatTable, formatTime, printResult } from "../../output.ts";

/** History pages of 1,000 steps read for one unit before giving up. */
const historyPagesMax = 100;
const bizStepPrefix = "urn:epcglobal:cbv:bizstep:";

function shortBizStep(bizStep: string | null): string {
  if (bizStep === null) return "—";
  return bizStep.startsWith(bizStepPrefix) ? bizStep.slice(bizStepPrefix.length) : bizStep;
}

/** Flags first, in capitals, then what the unit is, then its steps with organisation, time, step and proof. */
function historyText(view: trace.HistoryView): string {
  if (!view.known) {
    const lines = [...view.warnings];
    if (view.product !== null) lines.push("", formatFields(productRows(view.product)));
    return lines.join("\n");
  }
  const { unit } = view;
  const alerts: string[] = [...view.warnings];
  if (unit.inTransit !== null) alerts.push(`IN TRANSIT: shipped by "${unit.inTransit.from}" to "${unit.inTransit.to}" at ${formatTime(unit.inTransit.shippedAtMs)}; not yet received.`);
  const stepAlerts = view.steps.filter((step) => step.flags.length > 0);
  if (stepAlerts.length > 0) alerts.push(`ALERTS: ${stepAlerts.length} step(s) broke a rule: ${[...new Set(stepAlerts.flatMap((step) => step.flags))].join(", ")}.`);
  if (alerts.length === 0) alerts.push(`no warnings: not recalled, not decommissioned, not expired${view.judgedOn === null ? "" : ` on ${view.judgedOn}`}.`);
  const rows: Row[] = [
    ["unit", view.udi],
    ...(view.product === null ? [] : productRows(view.product)),
    ["status", `${unit.status}${unit.disposition === null ? "" : ` (${unit.disposition})`}`],
    ["custodian", unit.custodian],
    ["location", unit.location === null ? "—" : `${unit.location}${unit.region === null ? "" : ` (${unit.region})`}`],
    ["lot", unit.lot ?? "—"],
    ["expiry", unit.expiryDate ?? "—"],
    ...(unit.container === null ? [] : ([["packed in", unit.container]] as Row[])),
    ...(unit.contains === 0 ? [] : ([["contains", `${unit.contains} object(s)`]] as Row[])),
    ["steps", String(unit.steps)],
  ];
  const table = formatTable(
    ["#", "TIME", "ORG", "STEP", "WHERE", "VIA", "ALERTS", "TX"],
    view.steps.map((step) => [
      String(step.step + 1),
      step.eventTime,
      step.org,
      `${shortBizStep(step.bizStep)}${step.destination === null ? "" : ` → ${step.destination}`}`,
      `${step.bizLocation ?? step.readPoint ?? "—"}${step.region === null ? "" : ` (${step.region})`}`,
      step.via ?? "",
      step.flags.join(","),
      step.proof.txHash,
    ]),
  );
  return [...alerts, "", formatFields(rows), "", table].join("\n");
}

function productRows(product: trace.ProductView): Row[] {
  return [["product", `${product.name} (GTIN ${product.gtin}, class ${product.deviceClass}, ${product.registrationNumber}) by "${product.manufacturer}"`]];
}

async function fullHistory(client: KexinClient, udi: string, date: string | undefined): Promise<trace.HistoryView> {
  const first = await trace.getHistory(client, { udi, date });
  if (!first.known) return first;
  const steps = [...first.steps];
  let next = first.next;
  for (let page = 1; next !== null && page < historyPagesMax; page++) {
    const answer = await trace.getHistory(client, { udi, date, after: next });
    if (!answer.known) break;
    steps.push(...answer.steps);
    next = answer.next;
  }
  return { ...first, steps, next };
}

/** Looking a unit up, and exporting its history as EPCIS. */
export function registerHistoryCommands(command: Command, context: CliContext): void {
  command
    .command("history")
    .description("look a unit up by its UDI: warnings first (RECALLED, EXPIRED, DECOMMISSIONED, UNKNOWN), then every step with its organisation, time and transaction")
    .argument("<udi>", "a scanned code in any form ((01)…(21)…, GS1 element string, Digital Link URI) or an EPC URI")
    .option("--date <YYYY-MM-DD>", "judge expiry on this day (default: the day of the latest trace transaction)")
    .action(async (udi: string, options: { date?: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const view = await fullHistory(createKexinClient({ url: globals.node }), udi, options.date);
      printResult(context, globals, view, () => historyText(view));
    });

  command
    .command("export")
    .description("print a unit's history as an EPCIS 2.0 JSON document (kexin trace export <udi> > history.json)")
    .argument("<udi>", "a scanned code or an EPC URI")
    .action(async (udi: string, _options: unknown, sub: Command) => {
      const globals = globalOptions(sub);
      const document = await trace.exportHistory(createKexinClient({ url: globals.node }), { udi });
      context.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    });
}
