import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, readdir, stat, writeFile } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import type { Command } from "commander";
import { type ChunkRecord, type RecordingDiagnosis, type SuiteId, fromHex, isHex, suiteIds } from "@kexin/core";
import { ApiError, type CommittedTransactionView, type KexinClient, type TxCall, type Wallet, createKexinClient, evidence } from "@kexin/sdk";
import { type CliContext, type GlobalOptions, globalOptions } from "../context.ts";
import { CliError, TransactionFailedError, badInput, systemErrorCode } from "../errors.ts";
import { openKey, resolveKeyFile } from "../keyStore.ts";
import { type Row, formatFields, formatTable, formatTime, printHuman, printResult } from "../output.ts";
import { wholeNumber } from "../parsing.ts";
import { resolvePassphrase } from "../passphrase.ts";
import { registerFetchCommand, sealAndStore, sealedChecks } from "./evidenceSealed.ts";
import { passphraseHelp } from "./keys.ts";

/** A proof is a few kilobytes; anything much larger is not one. */
const proofFileBytesMax = 4 * 1024 * 1024;
/** Chunk files of one `evidence stream` run: a session holds at most 1,000,000 chunks, a demo far fewer. */
const streamFilesMax = 100_000;
/** Transactions submitted in one request (the node's bound on POST /v1/txs/batch). */
const submitBatchMax = 2_000;

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

/** The suite's hash of a file, read as a stream so that large recordings need not fit in memory. */
async function hashFile(path: string, suite: SuiteId): Promise<{ hash: string; size: number }> {
  const algorithm = suite === "gm" ? "sm3" : "sha256";
  const hash = createHash(algorithm);
  let size = 0;
  try {
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (error) {
    const code = systemErrorCode(error);
    if (code === "ENOENT") throw new CliError({ code: "CLI_FILE_NOT_FOUND", path }, `no file at ${path}`);
    if (code === "EISDIR") throw badInput("file", `${path} is a directory, not a file`);
    throw error;
  }
  return { hash: hash.digest("hex"), size };
}

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

function parseTags(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}

async function openWallet(context: CliContext, globals: GlobalOptions, key: string, passphrase: string | undefined): Promise<Wallet> {
  const keyFile = resolveKeyFile(globals.home, key);
  return openKey(keyFile, await resolvePassphrase(context, { flag: passphrase, label: `passphrase for ${keyFile}`, confirm: false }));
}

function failureOf(view: CommittedTransactionView): TransactionFailedError {
  return new TransactionFailedError(
    { code: view.result.code || "TX_FAILED", hash: view.hash, height: view.height, index: view.index },
    `transaction ${view.hash} failed in block ${view.height}: ${view.result.message || view.result.code}`,
  );
}

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
    if (view.result.status !== "ok") throw failureOf(view);
    committed.push(view);
    onProgress(committed.length);
  }
  return committed;
}

/** Chunk files in recording order: names compared with their numbers as numbers, so chunk-2 precedes chunk-10. */
async function chunkFiles(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if (systemErrorCode(error) === "ENOENT") throw new CliError({ code: "CLI_FILE_NOT_FOUND", path: folder }, `no folder at ${folder}`);
    throw error;
  }
  const files = [];
  for (const name of names.filter((entry) => !entry.startsWith(".")).sort((a, b) => a.localeCompare(b, "en", { numeric: true }))) {
    if ((await stat(join(folder, name))).isFile()) files.push(join(folder, name));
  }
  if (files.length === 0) throw badInput("folder", `${folder} holds no chunk files`);
  if (files.length > streamFilesMax) throw badInput("folder", `${folder} holds ${files.length} files; at most ${streamFilesMax} are taken in one run`);
  return files;
}

function anchorRows(anchor: evidence.AnchorView): Row[] {
  return [
    ["hash", anchor.hash],
    ["anchor", `#${anchor.index} in block ${anchor.height} at ${formatTime(anchor.time)}`],
    ["submitter", `${anchor.submitter.address} (${anchor.submitter.org})`],
    ["size", `${anchor.size} bytes, ${anchor.mediaType}`],
    ["title", anchor.title || "—"],
    ["case", anchor.caseNumber || "—"],
    ["tags", anchor.tags.length > 0 ? anchor.tags.join(", ") : "—"],
  ];
}

function diagnosisText(diagnosis: RecordingDiagnosis): string {
  if (diagnosis.ok) return `the presented ${diagnosis.presentedCount} chunks are exactly the ${diagnosis.onChainCount} recorded, in order`;
  const list = (values: readonly string[]): string => (values.length > 20 ? `${values.slice(0, 20).join(", ")}, … (${values.length} in all)` : values.join(", "));
  const rows: Row[] = [];
  if (diagnosis.missing.length > 0) rows.push(["missing", list(diagnosis.missing.map(String))]);
  if (diagnosis.reordered.length > 0) rows.push(["reordered", list(diagnosis.reordered.map((chunk) => `${chunk.sequence} at ${chunk.presentedIndex}`))]);
  if (diagnosis.altered.length > 0) rows.push(["altered", list(diagnosis.altered.map((chunk) => `${chunk.sequence} at ${chunk.presentedIndex}`))]);
  if (diagnosis.extra.length > 0) rows.push(["extra", list(diagnosis.extra.map((chunk) => `at ${chunk.presentedIndex}`))]);
  if (diagnosis.duplicated.length > 0) rows.push(["duplicated", list(diagnosis.duplicated.map((chunk) => `${chunk.sequence} at ${chunk.presentedIndex}`))]);
  return [`the presented recording (${diagnosis.presentedCount} chunks) differs from the ${diagnosis.onChainCount} recorded:`, formatFields(rows, "  ")].join("\n");
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

interface StreamOptions {
  readonly key: string;
  readonly passphrase?: string;
  readonly session: string;
  readonly operator: string;
  readonly case?: string;
  readonly timeoutMs: number;
}

interface TrustOptions {
  readonly chainId?: string;
  readonly validatorsHash?: string;
  readonly key?: string;
  readonly opened?: string;
}

export function registerEvidenceCommands(program: Command, context: CliContext): void {
  const command = program.command("evidence").description("anchor files, record device sessions and verify them (存证/核验)");

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
      const wallet = await openWallet(context, globals, options.key, options.passphrase);
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
      if (committed.result.status !== "ok") throw failureOf(committed);
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

  command
    .command("get")
    .description("show every anchoring of a hash; with --proof, save the proof of one")
    .argument("<hash>", "the content hash (64 hex digits)")
    .option("--proof <path>", "save the proof of the anchor to this file")
    .option("--index <n>", "which anchoring --proof saves (default 0, the first-seen one)", wholeNumber(0, 999), 0)
    .action(async (hash: string, options: { proof?: string; index: number }, sub: Command) => {
      const globals = globalOptions(sub);
      if (!isHex(hash, 32)) throw badInput("hash", `"${hash}" is not a hash of 64 hex digits`);
      const client = createKexinClient({ url: globals.node });
      const anchors = await evidence.getAnchors(client, { hash });
      let proofPath: string | undefined;
      if (options.proof !== undefined) {
        proofPath = resolve(options.proof);
        await writeFile(proofPath, `${JSON.stringify(await evidence.getEvidenceProof(client, { hash, index: options.index }), null, 2)}\n`);
      }
      printResult(context, globals, { ...anchors, ...(proofPath ? { proof: proofPath } : {}) }, () =>
        [
          `${anchors.total} anchoring${anchors.total === 1 ? "" : "s"}; first seen in block ${anchors.firstSeen.height} at ${formatTime(anchors.firstSeen.time)}`,
          ...anchors.anchors.map((anchor) => formatFields(anchorRows(anchor), "  ")),
          ...(anchors.next !== null ? [`… more: ${anchors.total - anchors.next} not shown`] : []),
          ...(proofPath ? [`proof of anchoring #${options.index} saved to ${proofPath}`] : []),
        ].join("\n\n"),
      );
    });

  registerFetchCommand(command, context);

  command
    .command("certificate")
    .description("save a PDF certificate (存证证书) of an anchor, in Chinese and English, with a QR code of the console's verify page")
    .argument("<hash>", "the content hash (64 hex digits)")
    .option("--out <file.pdf>", "where to save it (default: evidence-certificate-<first 16 hex digits of the hash>.pdf)")
    .option("--base-url <url>", "where people reach the console, for the QR code (default: --node)")
    .option("--index <n>", "which anchoring of the hash (default 0, the first-seen one)", wholeNumber(0, 999), 0)
    .action(async (hash: string, options: { out?: string; baseUrl?: string; index: number }, sub: Command) => {
      const globals = globalOptions(sub);
      if (!isHex(hash, 32)) throw badInput("hash", `"${hash}" is not a hash of 64 hex digits`);
      const client = createKexinClient({ url: globals.node });
      const proof = await evidence.getEvidenceProof(client, { hash, index: options.index });
      // Loaded here, not at the top: pdfkit and the font are needed by this command only.
      const { renderEvidenceCertificate } = await import("@kexin/node/certificate");
      // The certificate is drawn here, from the proof, which the renderer checks before drawing anything.
      const certificate = await renderEvidenceCertificate({ proof, baseUrl: options.baseUrl ?? globals.node });
      const suffix = options.index === 0 ? "" : `-${options.index}`;
      const path = resolve(options.out ?? `evidence-certificate-${hash.toLowerCase().slice(0, 16)}${suffix}.pdf`);
      await writeFile(path, certificate.pdf);
      const { facts } = certificate;
      const summary = { hash: facts.hash, index: options.index, file: path, bytes: certificate.pdf.length, verifyUrl: certificate.verifyUrl, height: facts.height, time: facts.time, chainId: facts.chainId };
      printResult(context, globals, summary, () =>
        formatFields([
          ["certificate", `${path} (${certificate.pdf.length} bytes)`],
          ["hash", facts.hash],
          ["anchored", `in block ${facts.height} of ${facts.chainId} at ${formatTime(facts.time)}`],
          ["QR code", certificate.verifyUrl],
        ]),
      );
    });

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
      const wallet = await openWallet(context, globals, options.key, options.passphrase);
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

  command
    .command("diagnose")
    .description("compare a presented recording with a session on chain: which chunks are missing, reordered, altered, extra or duplicated")
    .argument("<session-id>", "the session")
    .argument("<chunks>", "a folder of chunk files (in name order), or a text file of chunk hashes in hex, one per line")
    .action(async (sessionId: string, chunks: string, _options: unknown, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      const status = await client.getStatus();
      const path = resolve(chunks);
      const hashes: string[] = [];
      if ((await stat(path).catch(() => undefined))?.isDirectory()) {
        for (const file of await chunkFiles(path)) hashes.push((await hashFile(file, status.suite)).hash);
      } else {
        const lines = (await readFile(path, "utf8")).split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
        for (const [index, line] of lines.entries()) {
          if (!isHex(line, 32)) throw badInput("chunks", `line ${index + 1} of ${path} is not a hash of 64 hex digits`);
          hashes.push(line.toLowerCase());
        }
      }
      const diagnosis = await evidence.verifyRecording(client, { sessionId, chunkHashes: hashes });
      const { session, ...result } = diagnosis;
      printResult(context, globals, { sessionId, session, ...result }, () => diagnosisText(diagnosis));
      if (!diagnosis.ok) {
        if (!globals.json) context.stderr.write(`error: the presented recording differs from session ${sessionId} (CLI_RECORDING_DIFFERS)\n`);
        context.exitCode = 1;
      }
    });

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
