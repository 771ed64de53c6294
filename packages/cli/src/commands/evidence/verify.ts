import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { type SuiteId, isHex, suiteIds } from "@kexin/core";
import { evidence } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { CliError, badInput, systemErrorCode } from "../../errors.ts";
import { formatFields, formatTime, printResult } from "../../output.ts";
import { hashFile } from "./files.ts";
import { sealedChecks } from "./sealed.ts";

/** A proof is a few kilobytes; anything much larger is not one. */
const proofFileBytesMax = 4 * 1024 * 1024;

async function readProofFile(path: string): Promise<unknown> {
  let text: string;
  try {
    const { size } = await stat(path);
    if (size > proofFileBytesMax) throw badInput("proof", `${path} is larger than ${proofFileBytesMax} bytes; a proof is a few kilobytes`);
    text = await readFile(path, "utf8");
  } catch (error) {
    if (systemErrorCode(error) === "ENOENT") throw new CliError({ code: "CLI_FILE_NOT_FOUND", path }, `no file at ${path}`);
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError({ code: "CLI_NOT_JSON", path }, `${path} is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

interface TrustOptions {
  readonly chainId?: string;
  readonly validatorsHash?: string;
  readonly key?: string;
  readonly opened?: string;
}

export function registerVerifyCommand(command: Command, context: CliContext): void {
  command
    .command("verify")
    .description("check offline that a file is the one a proof anchored: its hash, the receipt and every anchor field")
    .argument("<file>", "the file")
    .argument("<proof.json>", "its proof (from evidence add, or evidence get --proof)")
    .option("--chain-id <id>", "require the proof to come from this chain")
    .option("--validators-hash <hex>", "require this validator set (the validatorsHash from `kexin status`)")
    .option("--key <seal-key>", "for a stored (sealed) anchor: also open the envelope with this key (kexin-sealed-key:…, or a file holding it)")
    .option("--opened <file>", "with --key: also require the envelope to hold exactly this file")
    .action(async (file: string, proofFile: string, options: TrustOptions, sub: Command) => {
      const globals = globalOptions(sub);
      if (options.validatorsHash !== undefined && !isHex(options.validatorsHash, 32)) throw badInput("validators-hash", "--validators-hash must be 64 hex digits");
      const proof = await readProofFile(resolve(proofFile));
      const suite = (proof as { suite?: unknown } | null)?.suite;
      // A proof of an unknown suite fails its format check before the file's hash is looked at.
      const content = typeof suite === "string" && (suiteIds as readonly string[]).includes(suite) ? await hashFile(resolve(file), suite as SuiteId) : { hash: "00".repeat(32), size: 0 };
      const trust = { ...(options.chainId !== undefined ? { chainId: options.chainId } : {}), ...(options.validatorsHash !== undefined ? { validatorsHash: options.validatorsHash } : {}) };
      if (options.opened !== undefined && options.key === undefined) throw badInput("opened", "--opened needs --key, to open the envelope");
      const verification = evidence.verifyEvidenceProof({ proof, contentHash: content.hash, contentSize: content.size, trust });
      // A sealed anchor is checked against its envelope; with the key, the envelope must also open (to the --opened file).
      const sealed = options.key === undefined ? [] : await sealedChecks(new Uint8Array(await readFile(resolve(file))), content.hash, options);
      const checks = [...verification.checks, ...sealed];
      const failed = checks.find((outcome) => !outcome.ok);
      const anchoredSealed = verification.anchor?.mediaType === evidence.sealedMediaType;
      const hint = failed?.check === "file-hash" && anchoredSealed ? `; this proof anchors a sealed envelope (${evidence.sealedMediaType}): verify the envelope (evidence add --store saved it as <file>.sealed; evidence fetch --sealed-out saves it), with --key to open it` : "";
      const valid = failed === undefined;
      const summary = {
        valid,
        checks,
        receiptChecks: verification.receipt?.checks ?? [],
        anchor: verification.anchor ?? null,
        fileHash: verification.contentHash ?? null,
        ...(valid ? {} : { error: { code: "CLI_EVIDENCE_INVALID", message: `evidence is not valid: ${failed?.detail ?? ""}${hint}` } }),
      };
      printResult(context, globals, summary, () => {
        const width = Math.max(...checks.map((outcome) => outcome.check.length));
        const lines = checks.map((outcome) => `${outcome.ok ? "✓" : "✗"} ${outcome.check.padEnd(width)}  ${outcome.detail}`);
        if (valid && verification.anchor) {
          const anchor = verification.anchor;
          lines.push("", formatFields([
            ["valid", `${file} is the file anchored in block ${anchor.height} at ${formatTime(anchor.time)}`],
            ["submitter", `${anchor.submitter.address} (${anchor.submitter.org})`],
            ["title", anchor.title || "—"],
            ["case", anchor.caseNumber || "—"],
            ["chain", verification.receipt?.header?.chainId ?? ""],
          ]));
          if (options.validatorsHash === undefined) lines.push("note: checked against the validator set the proof names; pass --validators-hash to anchor it to one you trust");
        }
        return lines.join("\n");
      });
      if (!valid) {
        if (!globals.json) context.stderr.write(`error: evidence is not valid: ${failed?.detail ?? ""}${hint} (CLI_EVIDENCE_INVALID)\n`);
        context.exitCode = 1;
      }
    });
}
