import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { type ChunkRecord, fromHex } from "@kexin/core";
import { ApiError, type CommittedTransactionView, type KexinClient, type TxCall, type Wallet, createKexinClient, evidence } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, printHuman, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { openWallet, transactionFailure } from "../../signing.ts";
import { passphraseHelp } from "../keys.ts";
import { chunkFiles, hashFile } from "./files.ts";

/** Transactions submitted in one request (the node's bound on POST /v1/txs/batch). */
const submitBatchMax = 2_000;

/**
 * Signs calls with consecutive nonces, submits them in as few requests as the node allows and
 * waits until each is committed, so a session's open, batches and close can share blocks.
 */
async function sendAll(client: KexinClient, wallet: Wallet, calls: readonly TxCall[], timeoutMs: number, onProgress: (done: number) => void): Promise<CommittedTransactionView[]> {
  const { nonce } = await client.getAccount({ address: wallet.address });
  const prepared = [];
  for (const [offset, call] of calls.entries()) prepared.push(await client.prepareTransaction(wallet, call, { nonce: nonce + offset }));
  for (let start = 0; start < prepared.length; start += submitBatchMax) {
    const slice = prepared.slice(start, start + submitBatchMax);
    const sent = await client.sendTransactions({ txs: slice.map((entry) => entry.bytes) });
    const refused = sent.results.findIndex((result) => result.error !== undefined);
    if (refused >= 0) {
      const error = sent.results[refused]?.error as { code: string; message: string };
      throw new ApiError({ code: error.code, status: 400, details: { transaction: start + refused } }, `transaction ${start + refused + 1} of ${calls.length} was refused: ${error.message}`);
    }
  }
  const committed: CommittedTransactionView[] = [];
  for (const entry of prepared) {
    const view = await client.waitForCommit({ hash: entry.hashHex, timeoutMs });
    if (view.result.status !== "ok") throw transactionFailure(view);
    committed.push(view);
    onProgress(committed.length);
  }
  return committed;
}

interface StreamOptions {
  readonly key: string;
  readonly passphrase?: string;
  readonly session: string;
  readonly operator: string;
  readonly case?: string;
  readonly timeoutMs: number;
}

export function registerStreamCommand(command: Command, context: CliContext): void {
  command
    .command("stream")
    .description("record a folder of chunk files as one device session (open, linked batches, close), for demonstrations")
    .argument("<folder>", "chunk files, in name order (numbers compared as numbers)")
    .requiredOption("--key <name-or-path>", "the device's key (registered with identity register_device)")
    .option("--passphrase <passphrase>", passphraseHelp)
    .requiredOption("--session <id>", "a new session id (letters, digits, . _ : -)")
    .requiredOption("--operator <address>", "the account of the device's organisation operating it")
    .option("--case <number>", "the case number the recording belongs to")
    .option("--timeout-ms <ms>", "how long to wait for each transaction to be committed", wholeNumber(1, 86_400_000), 60_000)
    .action(async (folder: string, options: StreamOptions, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      const status = await client.getStatus();
      const files = await chunkFiles(resolve(folder));
      const records: ChunkRecord[] = [];
      for (const [sequence, path] of files.entries()) {
        const { hash } = await hashFile(path, status.suite);
        records.push({ sequence, chunkHash: fromHex(hash), deviceTimeMs: Math.floor((await stat(path)).mtimeMs) });
      }
      const batches = evidence.chunkBatches(status.suite, { sessionId: options.session, records });
      const startTimeMs = records[0]?.deviceTimeMs ?? 0;
      const endTimeMs = records.reduce((latest, record) => Math.max(latest, record.deviceTimeMs), startTimeMs);
      const calls: TxCall[] = [
        evidence.openSession({ sessionId: options.session, operator: options.operator, caseNumber: options.case ?? "", startTimeMs }),
        ...batches.calls,
        evidence.closeSession({ sessionId: options.session, endTimeMs, chunkCount: batches.chunkCount, lastLink: batches.lastLink }),
      ];
      const wallet = await openWallet(context, globals, options);
      printHuman(context, globals, `recording ${records.length} chunks as session ${options.session} in ${calls.length} transactions…`);
      const committed = await sendAll(client, wallet, calls, options.timeoutMs, (done) => {
        if (!globals.json && (done % 10 === 0 || done === calls.length)) context.stderr.write(`  ${done}/${calls.length} committed\n`);
      });
      const last = committed[committed.length - 1] as CommittedTransactionView;
      const summary = { sessionId: options.session, chunks: records.length, transactions: calls.length, lastLink: batches.lastLink, height: last.height };
      printResult(context, globals, summary, () =>
        formatFields([
          ["session", `${options.session} (closed in block ${last.height})`],
          ["chunks", String(records.length)],
          ["last link", batches.lastLink],
          ["diagnose", `kexin evidence diagnose ${options.session} ${folder}`],
        ]),
      );
    });
}
