import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { type ReceiptDocumentVerification, type ReceiptTrust, isHex, isStateProofDocument, receiptOfDocument, verifyReceiptDocument } from "@kexin/core";
import { type CliContext, globalOptions } from "../context.ts";
import { CliError, badInput, systemErrorCode } from "../errors.ts";
import { formatFields, printResult } from "../output.ts";
import { verifyStateProofFile } from "./verifyStateProof.ts";

interface VerifyOptions {
  readonly chainId?: string;
  readonly validatorsHash?: string;
  readonly genesis?: string;
}

/** Files are small JSON documents; anything much larger is not a receipt. */
const receiptFileBytesMax = 4 * 1024 * 1024;

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    const { size } = await stat(path);
    if (size > receiptFileBytesMax) throw badInput("receipt", `${path} is larger than ${receiptFileBytesMax} bytes; a receipt is a few kilobytes`);
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = systemErrorCode(error);
    if (code === "ENOENT") throw new CliError({ code: "CLI_FILE_NOT_FOUND", path }, `no file at ${path}`);
    if (code === "EISDIR") throw badInput("receipt", `${path} is a directory, not a receipt file`);
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError({ code: "CLI_NOT_JSON", path }, `${path} is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Accepts a bare receipt or the answer of GET /v1/txs/:hash (what `kexin tx get <hash> --json` saves), which holds one. */
function assertReceiptDocument(path: string, document: unknown): void {
  const found = receiptOfDocument(document);
  if ("problem" in found) throw badInput("receipt", `${path} holds ${found.problem}`);
}

function trustFrom(options: VerifyOptions): ReceiptTrust {
  if (options.validatorsHash !== undefined && !isHex(options.validatorsHash, 32)) {
    throw badInput("validators-hash", "--validators-hash must be 64 hex digits (the validatorsHash from kexin status)");
  }
  return {
    ...(options.chainId !== undefined ? { chainId: options.chainId } : {}),
    ...(options.validatorsHash !== undefined ? { validatorsHash: options.validatorsHash } : {}),
  };
}

function verdictMessage(verdict: ReceiptDocumentVerification): string {
  const failed = verdict.checks.find((outcome) => !outcome.ok);
  return failed ? `receipt is not valid: check "${failed.check}" failed: ${failed.detail}` : "receipt is valid";
}

function verificationText(verdict: ReceiptDocumentVerification, trust: ReceiptTrust): string {
  const width = Math.max(...verdict.checks.map((outcome) => outcome.check.length));
  const lines = verdict.checks.map((outcome) => `${outcome.ok ? "✓" : "✗"} ${outcome.check.padEnd(width)}  ${outcome.detail}`);
  if (verdict.ok && verdict.header) {
    lines.push(
      "",
      formatFields([
        ["valid", `transaction ${verdict.txHash ?? ""} is committed`],
        ["block", `${verdict.header.height} (${verdict.blockHash ?? ""})`],
        ["chain", verdict.header.chainId],
        ["time", new Date(verdict.header.time).toISOString()],
      ]),
    );
    if (trust.validatorsHash === undefined) {
      lines.push("note: checked against the validator set the receipt names; pass --validators-hash to anchor it to one you trust");
    }
  }
  return lines.join("\n");
}

export function registerVerifyCommand(program: Command, context: CliContext): void {
  program
    .command("verify")
    .description("check a receipt or a state proof offline: proofs and the validators' commit")
    .argument("<receipt.json>", "a receipt, or the output of `kexin tx get <hash> --json`")
    .option("--chain-id <id>", "require the receipt to come from this chain")
    .option("--validators-hash <hex>", "require this validator set (the validatorsHash from `kexin status`)")
    .option("--genesis <file>", "for a state proof: the genesis whose chain and validators are trusted (default: the home's genesis.json)")
    .action(async (file: string, options: VerifyOptions, command: Command) => {
      const globals = globalOptions(command);
      const path = resolve(file);
      const trust = trustFrom(options);
      const document = await readJsonFile(path);
      if (isStateProofDocument(document)) {
        await verifyStateProofFile(context, globals, document, resolve(options.genesis ?? `${globals.home}/genesis.json`));
        return;
      }
      assertReceiptDocument(path, document);
      const verdict = verifyReceiptDocument(document, trust);
      const header = verdict.header;
      const summary = {
        valid: verdict.ok,
        checks: verdict.checks,
        txHash: verdict.txHash ?? null,
        blockHash: verdict.blockHash ?? null,
        height: header?.height ?? null,
        chainId: header?.chainId ?? null,
        ...(verdict.ok ? {} : { error: { code: "CLI_RECEIPT_INVALID", message: verdictMessage(verdict) } }),
      };
      printResult(context, globals, summary, () => verificationText(verdict, trust));
      if (!verdict.ok) {
        if (!globals.json) context.stderr.write(`error: ${verdictMessage(verdict)} (CLI_RECEIPT_INVALID)\n`);
        context.exitCode = 1;
      }
    });
}
