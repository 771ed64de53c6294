import { writeFile } from "node:fs/promises";
import { basename, extname, resolve } from "node:path";
import type { Command } from "commander";
import { createKexinClient, evidence } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { CliError, badInput } from "../../errors.ts";
import { formatFields, formatTime, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { openWallet, transactionFailure } from "../../signing.ts";
import { passphraseHelp } from "../keys.ts";
import { hashFile } from "./files.ts";
import { sealAndStore } from "./sealed.ts";

const mediaTypesByExtension: Readonly<Record<string, string>> = {
  ".txt": "text/plain",
  ".json": "application/json",
  ".pdf": "application/pdf",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".mp4": "video/mp4",
  ".mov": "video/quicktime",
  ".mp3": "audio/mpeg",
  ".wav": "audio/wav",
  ".zip": "application/zip",
};

function parseTags(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}

interface AddOptions {
  readonly key: string;
  readonly passphrase?: string;
  readonly title?: string;
  readonly case?: string;
  readonly tags?: string;
  readonly mediaType?: string;
  readonly proof?: string;
  readonly timeoutMs: number;
  readonly store?: boolean;
  readonly sealKey?: string;
  readonly sealKeyOut?: string;
  readonly sealedOut?: string;
}

export function registerAddCommand(command: Command, context: CliContext): void {
  command
    .command("add")
    .description("hash a file here, anchor its hash on chain and save the proof beside it; the file never leaves this machine")
    .argument("<file>", "the file to anchor")
    .requiredOption("--key <name-or-path>", "key name in <home>/keys, or a path to a .key file")
    .option("--passphrase <passphrase>", passphraseHelp)
    .option("--title <text>", "a title for the anchor")
    .option("--case <number>", "the case number it belongs to")
    .option("--tags <list>", "comma-separated tags")
    .option("--media-type <type>", "media type, e.g. video/mp4 (default: from the file's extension)")
    .option("--proof <path>", "where to save the proof (default: <file>.proof.json)")
    .option("--timeout-ms <ms>", "how long to wait for the anchor to be committed", wholeNumber(1, 86_400_000), 30_000)
    .option("--store", "seal the file here (AES-256-GCM or SM4-GCM, with a key only you keep), store the sealed envelope on the node and anchor the envelope's hash")
    .option("--seal-key <key>", "with --store: seal with this key (kexin-sealed-key:…, or a file holding it) instead of a fresh one")
    .option("--seal-key-out <path>", "with --store: where to save the key (default: <file>.seal-key, readable by you only)")
    .option("--sealed-out <path>", "with --store: where to save the envelope, the file the proof is checked against (default: <file>.sealed)")
    .action(async (file: string, options: AddOptions, sub: Command) => {
      const globals = globalOptions(sub);
      const path = resolve(file);
      if (!options.store && (options.sealKey !== undefined || options.sealKeyOut !== undefined || options.sealedOut !== undefined)) {
        throw badInput("store", "--seal-key, --seal-key-out and --sealed-out go with --store");
      }
      if (options.store && options.mediaType !== undefined) throw badInput("media-type", `a stored file is anchored as its sealed envelope, whose media type is ${evidence.sealedMediaType}`);
      const client = createKexinClient({ url: globals.node });
      const status = await client.getStatus();
      const wallet = await openWallet(context, globals, options);
      const stored = options.store
        ? await sealAndStore(client, wallet, {
            path,
            suite: status.suite,
            chainId: status.chainId,
            ...(options.sealKey !== undefined ? { sealKey: options.sealKey } : {}),
            ...(options.sealKeyOut !== undefined ? { keyPath: options.sealKeyOut } : {}),
            ...(options.sealedOut !== undefined ? { sealedPath: options.sealedOut } : {}),
          })
        : undefined;
      const { hash, size } = stored ?? (await hashFile(path, status.suite));
      const call = evidence.anchor({
        hash,
        size,
        mediaType: stored ? evidence.sealedMediaType : (options.mediaType ?? mediaTypesByExtension[extname(path).toLowerCase()] ?? evidence.defaultMediaType),
        title: options.title ?? basename(path),
        caseNumber: options.case ?? "",
        tags: parseTags(options.tags),
      });
      const sent = await client.buildAndSend(wallet, call);
      if (!globals.json) context.stderr.write(`anchoring ${hash} (${size} bytes) in ${sent.hash}…\n`);
      const committed = await client.waitForCommit({ hash: sent.hash, timeoutMs: options.timeoutMs });
      if (committed.result.status !== "ok") throw transactionFailure(committed);
      const proof = evidence.evidenceProofFromTransaction(committed);
      const checked = evidence.verifyEvidenceProof({ proof, contentHash: hash, contentSize: size });
      if (!checked.ok) throw new CliError({ code: "CLI_BAD_INPUT", input: "proof" }, `the node's receipt does not prove the anchor: ${checked.error ?? ""}`);
      const proofPath = resolve(options.proof ?? `${path}.proof.json`);
      await writeFile(proofPath, `${JSON.stringify(proof, null, 2)}\n`);
      const anchors = await client.query<{ total: number; firstSeen: { height: number; time: number } }>({ module: "evidence", query: "anchors", parameters: { hash, limit: 1 } });
      const sealedSummary = stored ? { stored: { sealed: stored.sealedPath, key: stored.keyText, keyFile: stored.keyPath, uploaded: stored.created ? "new" : "already held" } } : {};
      const summary = { hash, size, txHash: committed.hash, height: committed.height, time: proof.anchor.time, proof: proofPath, anchors: anchors.total, firstSeen: anchors.firstSeen, ...sealedSummary };
      printResult(context, globals, summary, () =>
        formatFields([
          ["hash", `${hash} (${status.suite === "gm" ? "SM3" : "SHA-256"}${stored ? " of the sealed envelope" : ""})`],
          ["size", `${size} bytes`],
          ["anchored", `in block ${committed.height} at ${formatTime(proof.anchor.time)} by ${committed.hash}`],
          ["proof", proofPath],
          ["anchors", anchors.total === 1 ? "this is the first" : `${anchors.total}; first seen in block ${anchors.firstSeen.height} at ${formatTime(anchors.firstSeen.time)}`],
          ...(stored
            ? ([
                ["stored", `sealed on the node (${stored.created ? "uploaded" : "already held"}); envelope saved to ${stored.sealedPath}`],
                ["key", `${stored.keyText}  (saved to ${stored.keyPath}; keep it: without it nobody can open the file)`],
                ["fetch", `kexin evidence fetch ${hash} --key ${stored.keyPath} --out <file>`],
                ["verify", `kexin evidence verify ${stored.sealedPath} ${proofPath} --key ${stored.keyPath}  (works offline)`],
              ] as [string, string][])
            : ([["verify", `kexin evidence verify ${file} ${proofPath}  (works offline)`]] as [string, string][])),
        ]),
      );
    });
}
