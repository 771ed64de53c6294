import type { Command } from "commander";
import { type CborValue, namePattern } from "@kexin/core";
import { type CommittedTransactionView, type TransactionView, createKexinClient } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../context.ts";
import { badInput } from "../errors.ts";
import { openKey, resolveKeyFile } from "../keyStore.ts";
import { type Row, formatFields, printHuman, printResult } from "../output.ts";
import { wholeNumber } from "../parsing.ts";
import { resolvePassphrase } from "../passphrase.ts";
import { transactionFailure } from "../signing.ts";
import { passphraseHelp } from "./keys.ts";

interface TxSendOptions {
  readonly key: string;
  readonly module: string;
  readonly type: string;
  readonly payload: string;
  readonly passphrase?: string;
  readonly wait?: boolean;
  readonly timeoutMs: number;
  readonly expiryBlocks?: number;
}

function parsePayload(text: string): CborValue {
  try {
    return JSON.parse(text) as CborValue;
  } catch (error) {
    throw badInput("payload", `--payload is not valid JSON (${error instanceof Error ? error.message : String(error)}); quote it, e.g. --payload '{"to":"…","amount":5}'`);
  }
}

function requireModuleName(input: "module" | "type", value: string): string {
  if (!namePattern.test(value)) throw badInput(input, `--${input} "${value}" is not a lower-case name like "points" or "transfer"`);
  return value;
}

function resultRows(view: CommittedTransactionView): Row[] {
  const { result } = view;
  return [
    ["height", String(view.height)],
    ["index", String(view.index)],
    ["result", result.status === "ok" ? "ok" : `failed: ${result.code}${result.message ? ` (${result.message})` : ""}`],
    ["events", result.events.length === 0 ? "none" : result.events.map((event) => `${event.module}.${event.type}`).join(", ")],
    ["cost", String(result.cost)],
  ];
}

function transactionRows(view: TransactionView): Row[] {
  if (view.status !== "committed") return [["hash", view.hash], ["status", view.status]];
  return [
    ["hash", view.hash],
    ["status", "committed"],
    ["call", `${view.tx.module}.${view.tx.type}`],
    ["signer", view.tx.signerAddress],
    ["nonce", String(view.tx.nonce)],
    ["payload", JSON.stringify(view.tx.payload)],
    ...resultRows(view),
  ];
}

export function registerTxCommands(program: Command, context: CliContext): void {
  const tx = program.command("tx").description("send and look up transactions");

  tx.command("send")
    .description("sign a transaction with a key and submit it")
    .requiredOption("--key <name-or-path>", "key name in <home>/keys, or a path to a .key file")
    .requiredOption("--module <module>", "module, e.g. points")
    .requiredOption("--type <type>", "transaction type, e.g. transfer")
    .requiredOption("--payload <json>", "payload as JSON, e.g. '{\"to\":\"…\",\"program\":\"acme\",\"amount\":5}'")
    .option("--passphrase <passphrase>", passphraseHelp)
    .option("--wait", "wait until the transaction is committed and report its result")
    .option("--timeout-ms <ms>", "how long --wait waits", wholeNumber(1, 86_400_000), 30_000)
    .option("--expiry-blocks <blocks>", "blocks after the current height during which it may be included", wholeNumber(1, 1_000_000))
    .action(async (options: TxSendOptions, command: Command) => {
      const globals = globalOptions(command);
      const call = { module: requireModuleName("module", options.module), type: requireModuleName("type", options.type), payload: parsePayload(options.payload) };
      const keyFile = resolveKeyFile(globals.home, options.key);
      const passphrase = await resolvePassphrase(context, { flag: options.passphrase, label: `passphrase for ${keyFile}`, confirm: false });
      const wallet = await openKey(keyFile, passphrase);
      const client = createKexinClient({ url: globals.node });
      const sent = await client.buildAndSend(wallet, call, { expiryBlocks: options.expiryBlocks });
      if (!options.wait) {
        printResult(context, globals, sent, () => formatFields([["hash", sent.hash], ["status", "pending (use --wait, or kexin tx get <hash>)"]]));
        return;
      }
      if (!globals.json) context.stderr.write(`submitted ${sent.hash}; waiting up to ${options.timeoutMs} ms for it to be committed…\n`);
      const committed = await client.waitForCommit({ hash: sent.hash, timeoutMs: options.timeoutMs });
      const rows: Row[] = [["hash", committed.hash], ["status", "committed"], ...resultRows(committed)];
      if (committed.result.status !== "ok") {
        printHuman(context, globals, formatFields(rows));
        throw transactionFailure(committed);
      }
      const { hash, height, index, result } = committed;
      printResult(context, globals, { hash, status: committed.status, height, index, result }, () => formatFields(rows));
    });

  tx.command("get")
    .description("show a transaction; with --json the full answer, including its receipt")
    .argument("<hash>", "transaction hash (64 hex digits)")
    .action(async (hash: string, _options: unknown, command: Command) => {
      const globals = globalOptions(command);
      const view = await createKexinClient({ url: globals.node }).getTransaction({ hash });
      printResult(context, globals, view, () => formatFields(transactionRows(view)));
    });
}
