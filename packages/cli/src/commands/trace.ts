import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import {
  ApiError,
  type CommittedTransactionView,
  type EventView,
  type KexinClient,
  SdkError,
  type TxCall,
  type Wallet,
  createKexinClient,
  trace,
} from "@kexin/sdk";
import { type CliContext, type GlobalOptions, globalOptions } from "../context.ts";
import { CliError, TransactionFailedError, badInput, systemErrorCode } from "../errors.ts";
import { openKey, resolveKeyFile } from "../keyStore.ts";
import { type Row, formatFields, formatTable, formatTime, printHuman, printResult } from "../output.ts";
import { wholeNumber } from "../parsing.ts";
import { resolvePassphrase } from "../passphrase.ts";
import { passphraseHelp } from "./keys.ts";

/** An EPCIS file for `trace import`: a million events of half a kilobyte stay below this. */
const importFileBytesMax = 1024 * 1024 * 1024;
/** Transactions of one `trace import` submitted but not yet seen committed. */
const importWindowDefault = 8;
const importWindowMax = 64;
/** History pages of 1,000 steps read for one unit before giving up. */
const historyPagesMax = 100;
/** Waits for room in a full mempool before a transaction of an import is given up. */
const mempoolRetriesMax = 30;
const mempoolRetryDelayMs = 1_000;
const bizStepPrefix = "urn:epcglobal:cbv:bizstep:";

interface SignerOptions {
  readonly key: string;
  readonly passphrase?: string;
  readonly timeoutMs: number;
}

/** The options every command that signs a transaction takes. */
function withSigner(command: Command): Command {
  return command
    .requiredOption("--key <name-or-path>", "key name in <home>/keys, or a path to a .key file")
    .option("--passphrase <passphrase>", passphraseHelp)
    .option("--timeout-ms <ms>", "how long to wait for each transaction to be committed", wholeNumber(1, 86_400_000), 30_000);
}

async function openWallet(context: CliContext, globals: GlobalOptions, options: SignerOptions): Promise<Wallet> {
  const keyFile = resolveKeyFile(globals.home, options.key);
  return openKey(keyFile, await resolvePassphrase(context, { flag: options.passphrase, label: `passphrase for ${keyFile}`, confirm: false }));
}

/** A committed transaction the trace module refused: the module's code and message come first, where people look. */
function refusal(view: CommittedTransactionView, what: string): TransactionFailedError {
  return new TransactionFailedError(
    { code: view.result.code || "TX_FAILED", hash: view.hash, height: view.height, index: view.index },
    `${what} was refused on chain: ${view.result.message || view.result.code} (transaction ${view.hash}, block ${view.height})`,
  );
}

/** Signs one call, submits it and waits for its commit; a failed execution is an error. */
async function sendAndWait(context: CliContext, globals: GlobalOptions, options: SignerOptions, call: TxCall, what: string): Promise<CommittedTransactionView> {
  const wallet = await openWallet(context, globals, options);
  const client = createKexinClient({ url: globals.node });
  const sent = await client.buildAndSend(wallet, call);
  const committed = await client.waitForCommit({ hash: sent.hash, timeoutMs: options.timeoutMs });
  if (committed.result.status !== "ok") throw refusal(committed, what);
  return committed;
}

function committedRows(view: CommittedTransactionView): Row[] {
  return [["committed", `in block ${view.height} by ${view.hash}`]];
}

function transactionSummary(view: CommittedTransactionView): { hash: string; height: number; events: readonly EventView[] } {
  return { hash: view.hash, height: view.height, events: view.result.events };
}

function tenthsOfCelsius(value: string): number {
  if (!/^-?\d{1,4}(?:\.\d)?$/.test(value)) throw new InvalidArgumentError("must be degrees Celsius with at most one decimal, e.g. 2 or -20.5.");
  return Math.round(Number(value) * 10) || 0;
}

function deviceClass(value: string): trace.DeviceClass {
  if (!(trace.deviceClasses as readonly string[]).includes(value)) throw new InvalidArgumentError('must be "I", "II" or "III".');
  return value as trace.DeviceClass;
}

function alertRule(value: string): trace.AlertRule {
  if (!(trace.alertRules as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${trace.alertRules.join(", ")}.`);
  return value as trace.AlertRule;
}

async function readEpcisFile(path: string, bytesMax: number): Promise<string> {
  try {
    const { size } = await stat(path);
    if (size > bytesMax) throw badInput("file", `${path} is larger than ${bytesMax} bytes`);
    return await readFile(path, "utf8");
  } catch (error) {
    const code = systemErrorCode(error);
    if (code === "ENOENT") throw new CliError({ code: "CLI_FILE_NOT_FOUND", path }, `no file at ${path}`);
    if (code === "EISDIR") throw badInput("file", `${path} is a directory, not a file`);
    throw error;
  }
}

/** What an import transaction recorded, from its `epcis_imported` and `alert` events. */
interface ImportOutcome {
  readonly hash: string;
  readonly height: number;
  readonly events: number;
  readonly objects: number;
  readonly alerts: number;
  readonly announcedAlerts: readonly Readonly<Record<string, unknown>>[];
}

function importOutcome(view: CommittedTransactionView): ImportOutcome {
  const summary = view.result.events.find((event) => event.module === "trace" && event.type === "epcis_imported")?.attributes ?? {};
  const count = (name: string): number => (typeof summary[name] === "number" ? (summary[name] as number) : 0);
  return {
    hash: view.hash,
    height: view.height,
    events: count("events"),
    objects: count("objects"),
    alerts: count("alerts"),
    announcedAlerts: view.result.events.filter((event) => event.module === "trace" && event.type === "alert").map((event) => event.attributes),
  };
}

function alertLine(alert: Readonly<Record<string, unknown>>): string {
  return `ALERT ${String(alert.rule)}: GTIN ${String(alert.gtin)}, ${String(alert.unitCount)} unit(s), event ${String(alert.event)} at ${String(alert.eventTime)}`;
}

/** Draws `done/total` on one line of a terminal, or a line now and then when stderr is a file or pipe. */
function progressReporter(context: CliContext, globals: GlobalOptions, total: number, label: (done: number) => string): { update(done: number): void; finish(): void } {
  const terminal = (context.stderr as { isTTY?: boolean }).isTTY === true;
  const width = 24;
  let lastPrinted = -1;
  return {
    update(done) {
      if (globals.json) return;
      if (terminal) {
        const filled = total === 0 ? width : Math.round((done / total) * width);
        context.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${label(done)}`);
        return;
      }
      // Every tenth of the way, so a log of a large import stays short.
      const step = Math.max(1, Math.floor(total / 10));
      if (done === total || done - lastPrinted >= step) {
        context.stderr.write(`  ${label(done)}\n`);
        lastPrinted = done;
      }
    },
    finish() {
      if (!globals.json && terminal) context.stderr.write("\n");
    },
  };
}

function isMempoolFull(error: unknown): boolean {
  return error instanceof ApiError && (error.code === "MEMPOOL_FULL" || error.status === 503);
}

async function submitWithRoom(client: KexinClient, bytes: Uint8Array): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.sendTransaction({ tx: bytes });
      return;
    } catch (error) {
      if (!isMempoolFull(error) || attempt >= mempoolRetriesMax) throw error;
      await new Promise((resolveDelay) => setTimeout(resolveDelay, mempoolRetryDelayMs));
    }
  }
}

interface PartResult {
  readonly part: number;
  readonly firstEvent: number;
  readonly events: number;
  readonly status: "ok" | "failed";
  readonly hash: string;
  readonly height: number;
  /** Position of the transaction in its block. */
  readonly index: number;
  readonly code?: string;
  readonly message?: string;
  readonly objects?: number;
  readonly alerts?: number;
}

/**
 * Signs the parts with consecutive nonces and keeps up to `window` of them submitted but not yet
 * committed. After a part fails nothing more is submitted: later events usually depend on it.
 */
async function importParts(
  client: KexinClient,
  wallet: Wallet,
  parts: readonly trace.EpcisDocumentPart[],
  firstPart: number,
  options: { window: number; timeoutMs: number },
  onCommitted: (done: number, events: number) => void,
): Promise<{ results: PartResult[]; announcedAlerts: Readonly<Record<string, unknown>>[] }> {
  const { nonce } = await client.getAccount({ address: wallet.address });
  const inFlight: { index: number; hash: string }[] = [];
  const results: PartResult[] = [];
  const announcedAlerts: Readonly<Record<string, unknown>>[] = [];
  let next = 0;
  let failed = false;
  let eventsDone = 0;
  while (inFlight.length > 0 || (next < parts.length && !failed)) {
    while (!failed && next < parts.length && inFlight.length < options.window) {
      const part = parts[next] as trace.EpcisDocumentPart;
      const prepared = await client.prepareTransaction(wallet, trace.importEpcis({ document: part.document }), { nonce: nonce + next });
      await submitWithRoom(client, prepared.bytes);
      inFlight.push({ index: next, hash: prepared.hashHex });
      next++;
    }
    const oldest = inFlight.shift() as { index: number; hash: string };
    const part = parts[oldest.index] as trace.EpcisDocumentPart;
    const view = await client.waitForCommit({ hash: oldest.hash, timeoutMs: options.timeoutMs });
    const base = { part: firstPart + oldest.index, firstEvent: part.firstEvent, events: part.events, hash: view.hash, height: view.height, index: view.index };
    if (view.result.status === "ok") {
      const outcome = importOutcome(view);
      announcedAlerts.push(...outcome.announcedAlerts);
      results.push({ ...base, status: "ok", objects: outcome.objects, alerts: outcome.alerts });
      eventsDone += part.events;
    } else {
      failed = true;
      results.push({ ...base, status: "failed", code: view.result.code, message: view.result.message });
    }
    onCommitted(results.length, eventsDone);
  }
  return { results, announcedAlerts };
}

function eventRange(part: { firstEvent: number; events: number }): string {
  return part.events === 1 ? `event ${part.firstEvent}` : `events ${part.firstEvent}–${part.firstEvent + part.events - 1}`;
}

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

function detailText(detail: Readonly<Record<string, string | number>>): string {
  return Object.entries(detail)
    .map(([name, value]) => `${name}=${value}`)
    .join(" ");
}

interface ImportOptions extends SignerOptions {
  readonly fromPart: number;
  readonly window: number;
}

export function registerTraceCommands(program: Command, context: CliContext): void {
  const command = program.command("trace").description("medical-device traceability: register products and locations, import EPCIS events, look units up (追溯)");

  withSigner(
    command
      .command("register")
      .description("register a device model (needs the manufacturer role; your organisation becomes its manufacturer)")
      .requiredOption("--gtin <gtin>", "GTIN-8, -12, -13 or -14 with its check digit")
      .requiredOption("--name <name>", "the model's name")
      .requiredOption("--class <class>", "device class: I, II or III", deviceClass)
      .requiredOption("--registration <number>", "registration certificate number (注册证编号)"),
  ).action(async (options: SignerOptions & { gtin: string; name: string; class: trace.DeviceClass; registration: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const call = trace.registerProduct({ gtin: options.gtin, name: options.name, deviceClass: options.class, registrationNumber: options.registration });
    const committed = await sendAndWait(context, globals, options, call, `registering GTIN ${call.payload.gtin}`);
    printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () =>
      formatFields([["product", `${call.payload.name} (GTIN ${call.payload.gtin}, class ${call.payload.deviceClass}) registered`], ...committedRows(committed)]),
    );
  });

  withSigner(
    command
      .command("lot")
      .description("record a lot of one of your products with its dates")
      .requiredOption("--gtin <gtin>", "the product's GTIN")
      .requiredOption("--lot <lot>", "the lot number (GS1 AI 10)")
      .option("--production-date <YYYY-MM-DD>", "production date")
      .option("--expiry-date <YYYY-MM-DD>", "expiry date; lookups flag the lot's units EXPIRED after it"),
  ).action(async (options: SignerOptions & { gtin: string; lot: string; productionDate?: string; expiryDate?: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const call = trace.registerLot({ gtin: options.gtin, lot: options.lot, productionDate: options.productionDate, expiryDate: options.expiryDate });
    const committed = await sendAndWait(context, globals, options, call, `registering lot ${call.payload.lot}`);
    printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () =>
      formatFields([["lot", `${call.payload.lot} of GTIN ${call.payload.gtin} registered${call.payload.expiryDate === undefined ? "" : `, expires ${call.payload.expiryDate}`}`], ...committedRows(committed)]),
    );
  });

  withSigner(
    command
      .command("location")
      .description("map an EPCIS location or party (urn:epc:id:sgln:…) to your organisation and a region (needs an admin key of --org)")
      .requiredOption("--id <uri>", "the location or party URI")
      .requiredOption("--org <org>", "the organisation it belongs to")
      .requiredOption("--region <code>", "region code such as CN-31; stock is counted per region")
      .requiredOption("--name <name>", "a name for people"),
  ).action(async (options: SignerOptions & { id: string; org: string; region: string; name: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const call = trace.registerLocation({ id: options.id, org: options.org, region: options.region, name: options.name });
    const committed = await sendAndWait(context, globals, options, call, `registering location ${call.payload.id}`);
    printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () =>
      formatFields([["location", `${call.payload.id} (${call.payload.name}) of "${call.payload.org}" in ${call.payload.region}`], ...committedRows(committed)]),
    );
  });

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

  command
    .command("stock")
    .description("units in stock per product and region")
    .option("--gtin <gtin>", "only this product")
    .option("--region <code>", "only this region")
    .option("--csv", "print CSV (gtin,region,quantity)")
    .action(async (options: { gtin?: string; region?: string; csv?: boolean }, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      if (options.csv === true && !globals.json) {
        context.stdout.write(await trace.getStock(client, { gtin: options.gtin, region: options.region, format: "csv" }));
        return;
      }
      const stock = await trace.getStock(client, { gtin: options.gtin, region: options.region });
      printResult(context, globals, stock, () =>
        stock.stock.length === 0
          ? "no units in stock"
          : `${formatTable(["GTIN", "REGION", "QUANTITY"], stock.stock.map((row) => [row.gtin, row.region, String(row.quantity)]))}\ntotal ${stock.total}`,
      );
    });

  command
    .command("shortage")
    .description("hospitals' demand against stock per region, with suggested transfers from surplus regions")
    .option("--gtin <gtin>", "only this product")
    .option("--csv", "print CSV: gtin,region,stock,demand,balance")
    .option("--transfers", "with --csv: print the suggested transfers instead (gtin,from_region,to_region,quantity)")
    .action(async (options: { gtin?: string; csv?: boolean; transfers?: boolean }, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      if (options.csv === true && !globals.json) {
        context.stdout.write(await trace.getShortage(client, { gtin: options.gtin, format: "csv", table: options.transfers === true ? "transfers" : "regions" }));
        return;
      }
      const shortage = await trace.getShortage(client, { gtin: options.gtin });
      printResult(context, globals, shortage, () => {
        if (shortage.regions.length === 0) return "no demand registered";
        const regions = formatTable(
          ["GTIN", "REGION", "STOCK", "DEMAND", "BALANCE", ""],
          shortage.regions.map((row) => [row.gtin, row.region, String(row.stock), String(row.demand), String(row.balance), row.balance < 0 ? "SHORTAGE" : ""]),
        );
        const transfers =
          shortage.transfers.length === 0
            ? "no transfers suggested"
            : `suggested transfers:\n${formatTable(["GTIN", "FROM", "TO", "QUANTITY"], shortage.transfers.map((row) => [row.gtin, row.fromRegion, row.toRegion, String(row.quantity)]))}`;
        return `${regions}\n\n${transfers}`;
      });
    });

  withSigner(
    command
      .command("rule")
      .description("set the anomaly thresholds of a device class, replacing the previous ones (needs the regulator role)")
      .requiredOption("--class <class>", "device class: I, II or III", deviceClass)
      .option("--transit-time-max-s <seconds>", "longest time from shipping to receiving", wholeNumber(1, 10 * 365 * 86_400))
      .option("--temperature-min <celsius>", "lowest storage temperature, °C (one decimal)", tenthsOfCelsius)
      .option("--temperature-max <celsius>", "highest storage temperature, °C (one decimal)", tenthsOfCelsius)
      .option("--uses-between-maintenance-max <n>", "uses allowed between two repairing or inspecting steps", wholeNumber(1, 1_000_000))
      .option("--two-places-window-s <seconds>", "two sightings at different places closer than this raise an alert", wholeNumber(1, 10 * 365 * 86_400)),
  ).action(
    async (
      options: SignerOptions & { class: trace.DeviceClass; transitTimeMaxS?: number; temperatureMin?: number; temperatureMax?: number; usesBetweenMaintenanceMax?: number; twoPlacesWindowS?: number },
      sub: Command,
    ) => {
      const globals = globalOptions(sub);
      const call = trace.setRule({
        deviceClass: options.class,
        transitTimeMaxSeconds: options.transitTimeMaxS,
        temperatureMinTenthsCelsius: options.temperatureMin,
        temperatureMaxTenthsCelsius: options.temperatureMax,
        usesBetweenMaintenanceMax: options.usesBetweenMaintenanceMax,
        twoPlacesWindowSeconds: options.twoPlacesWindowS,
      });
      const committed = await sendAndWait(context, globals, options, call, `the rules of class ${call.payload.deviceClass}`);
      const { deviceClass: _class, ...thresholds } = call.payload;
      printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () =>
        formatFields([
          ["class", call.payload.deviceClass],
          ["thresholds", Object.keys(thresholds).length === 0 ? "none (no rule is checked)" : Object.entries(thresholds).map(([name, value]) => `${name}=${String(value)}`).join(" ")],
          ...committedRows(committed),
        ]),
      );
    },
  );

  withSigner(
    command
      .command("recall")
      .description("recall a product, or one lot of it (needs the regulator role)")
      .requiredOption("--gtin <gtin>", "the product's GTIN")
      .option("--lot <lot>", "only this lot (default: every lot)")
      .requiredOption("--reason <text>", "why, as lookups will show it"),
  ).action(async (options: SignerOptions & { gtin: string; lot?: string; reason: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const call = trace.recall({ gtin: options.gtin, lot: options.lot, reason: options.reason });
    const what = `GTIN ${call.payload.gtin}${call.payload.lot === undefined ? " (every lot)" : ` lot ${call.payload.lot}`}`;
    const committed = await sendAndWait(context, globals, options, call, `the recall of ${what}`);
    printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () => formatFields([["recalled", `${what}: ${call.payload.reason}`], ...committedRows(committed)]));
  });

  withSigner(
    command
      .command("demand")
      .description("state how many units of a product your hospital needs in a region (needs the hospital role; 0 withdraws)")
      .requiredOption("--gtin <gtin>", "the product's GTIN")
      .requiredOption("--region <code>", "region code such as CN-31")
      .requiredOption("--quantity <n>", "units needed", wholeNumber(0, trace.traceLimits.quantityMax)),
  ).action(async (options: SignerOptions & { gtin: string; region: string; quantity: number }, sub: Command) => {
    const globals = globalOptions(sub);
    const call = trace.registerDemand({ gtin: options.gtin, region: options.region, quantity: options.quantity });
    const committed = await sendAndWait(context, globals, options, call, `the demand for GTIN ${call.payload.gtin} in ${call.payload.region}`);
    printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () =>
      formatFields([["demand", `${call.payload.quantity} of GTIN ${call.payload.gtin} in ${call.payload.region}`], ...committedRows(committed)]),
    );
  });
}
