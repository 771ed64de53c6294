import type { Command } from "commander";
import { type ComputeRecord, getSuite } from "@kexin/core";
import { createKexinClient, datashare } from "@kexin/sdk";
import { type CliContext, type GlobalOptions, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { type Row, formatFields, printResult } from "../../output.ts";
import { type SignerOptions, committedRows, sendAndWait, withSigner } from "../../signedCommand.ts";

const resultPollIntervalMs = 250;

/** The request with its result, waiting up to `timeoutMs` for the owner's node to post it. */
async function awaitResult(globals: GlobalOptions, tx: string, timeoutMs: number): Promise<ComputeRecord> {
  const client = createKexinClient({ url: globals.node });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = await client.datashare.getComputeResult({ tx });
    if (record.result !== undefined || Date.now() >= deadline) return record;
    await new Promise((resolve) => setTimeout(resolve, resultPollIntervalMs));
  }
}

/** The request, its result checked offline against the chain's suite, as printed fields. */
async function verifiedView(globals: GlobalOptions, record: ComputeRecord) {
  if (record.result === undefined) return { record, verified: false as const };
  const status = await createKexinClient({ url: globals.node }).getStatus();
  const outcome = datashare.verifyComputeResult({ suite: getSuite(status.suite), chainId: status.chainId, compute: record });
  return { record, verified: true as const, outcome };
}

function printCompute(context: CliContext, globals: GlobalOptions, view: Awaited<ReturnType<typeof verifiedView>>, extra: readonly Row[] = []): void {
  const { record } = view;
  const outcome = view.verified ? view.outcome : undefined;
  printResult(context, globals, { ...record, verified: view.verified }, () =>
    formatFields([
      ["compute", record.tx],
      ["model", `${record.contract}.${record.method} (code ${record.codeHash})`],
      ["records", record.records.map((item) => item.id).join(", ")],
      ["result", outcome === undefined ? "not posted yet" : outcome.status === "ok" ? JSON.stringify(outcome.value) : `refused: ${outcome.code} ${outcome.message}`],
      ...(record.result === undefined ? [] : ([["signed by", `${record.result.publicKey} (signature verified)`]] as const)),
      ...extra,
    ]),
  );
}

/** `kexin datashare compute|compute-result`: run an approved model where the data is, and read its signed result. */
export function registerComputeCommands(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("compute")
      .description("ask the dataset owner's node to run an approved read-only model over records; prints the owner's signed result, verified")
      .requiredOption("--contract <name>", "the model contract")
      .requiredOption("--method <name>", "its read-only method")
      .requiredOption("--dataset <id>", "the dataset the records are in")
      .requiredOption("--records <ids>", "comma-separated record ids")
      .requiredOption("--purpose <text>", "what the result is used for, as the audit trail shows it")
      .option("--result-timeout <ms>", "how long to wait for the result (0: do not wait)", "30000"),
  ).action(async (options: SignerOptions & { contract: string; method: string; dataset: string; records: string; purpose: string; resultTimeout: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const records = options.records.split(",").map((id) => id.trim()).filter((id) => id !== "");
    const resultTimeoutMs = Number(options.resultTimeout);
    if (records.length === 0) throw badInput("records", "give at least one record id");
    if (!Number.isSafeInteger(resultTimeoutMs) || resultTimeoutMs < 0) throw badInput("result-timeout", "a whole number of milliseconds");
    const call = datashare.compute({ contract: options.contract, method: options.method, dataset: options.dataset, records, purpose: options.purpose });
    const committed = await sendAndWait(context, globals, options, call, "the compute request");
    const record = await awaitResult(globals, committed.hash, resultTimeoutMs);
    printCompute(context, globals, await verifiedView(globals, record), committedRows(committed));
  });

  command
    .command("compute-result")
    .description("a compute request and the owner's signed result, verified offline")
    .argument("<tx>", "the compute transaction's hash")
    .action(async (tx: string, _options: unknown, sub: Command) => {
      const globals = globalOptions(sub);
      const record = await createKexinClient({ url: globals.node }).datashare.getComputeResult({ tx: tx.toLowerCase() });
      printCompute(context, globals, await verifiedView(globals, record));
    });
}
