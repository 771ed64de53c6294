import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { SuiteId } from "@kexin/core";
import { type KexinClient, type Wallet, evidence } from "@kexin/sdk";
import { readWhole } from "../../files.ts";

/**
 * Files sealed and uploaded by `evidence add --store` are read whole into memory; nodes keep
 * envelopes of at most 64 MiB by default, so this bound only keeps a mistaken path from
 * exhausting memory.
 */
const sealedFileBytesMax = 1024 * 1024 * 1024;
/** A key file holds one line of text. */
const keyFileBytesMax = 4096;

/** A seal key given as its text (`kexin-sealed-key:…`) or as the path of a file holding that text (what `evidence add --store` saves). */
export async function readSealKey(value: string): Promise<Uint8Array> {
  const text = value.trim().startsWith("kexin-sealed-key:") ? value : new TextDecoder().decode(await readWhole(resolve(value), keyFileBytesMax, "key"));
  return evidence.decodeSealKey(text).key;
}

export interface StoredSealed {
  readonly hash: string;
  readonly size: number;
  readonly created: boolean;
  readonly keyText: string;
  readonly keyPath: string;
  readonly sealedPath: string;
}

/**
 * Seals a file here under the chain's suite, saves the envelope and the key beside it (the key
 * file readable by its owner only), and uploads the envelope; the caller anchors its hash.
 */
export async function sealAndStore(
  client: KexinClient,
  wallet: Wallet,
  parameters: { readonly path: string; readonly suite: SuiteId; readonly chainId: string; readonly sealKey?: string; readonly keyPath?: string; readonly sealedPath?: string },
): Promise<StoredSealed> {
  const content = await readWhole(parameters.path, sealedFileBytesMax, "file");
  const key = parameters.sealKey === undefined ? undefined : await readSealKey(parameters.sealKey);
  const sealed = evidence.sealEvidence(parameters.suite, { content, ...(key ? { key } : {}) });
  const keyPath = resolve(parameters.keyPath ?? `${parameters.path}.seal-key`);
  const sealedPath = resolve(parameters.sealedPath ?? `${parameters.path}.sealed`);
  // Saved before the upload: whatever happens next, the submitter keeps the only key.
  await writeFile(keyPath, `${sealed.keyText}\n`, { mode: 0o600 });
  await writeFile(sealedPath, sealed.envelope);
  const stored = await evidence.uploadSealed(client, { envelope: sealed.envelope, wallet, chainId: parameters.chainId });
  return { hash: sealed.hash, size: sealed.size, created: stored.created, keyText: sealed.keyText, keyPath, sealedPath };
}

export interface SealedCheck {
  readonly check: "sealed-opens" | "opened-file";
  readonly ok: boolean;
  readonly detail: string;
}

/** With a key, `evidence verify` also opens the envelope and, with --opened, compares what it holds with a file. */
export async function sealedChecks(envelope: Uint8Array, anchoredHash: string, options: { readonly key?: string; readonly opened?: string }): Promise<SealedCheck[]> {
  if (options.key === undefined) return [];
  let plain: Uint8Array;
  try {
    plain = evidence.openSealedEvidence({ envelope, key: await readSealKey(options.key), expectedHash: anchoredHash });
  } catch (error) {
    if (!(error instanceof evidence.SealedError)) throw error;
    return [{ check: "sealed-opens", ok: false, detail: error.message }];
  }
  const checks: SealedCheck[] = [{ check: "sealed-opens", ok: true, detail: `the envelope opens with the key: ${plain.length} bytes` }];
  if (options.opened !== undefined) {
    const path = resolve(options.opened);
    const expected = await readWhole(path, sealedFileBytesMax, "opened");
    const same = expected.length === plain.length && expected.every((byte, index) => byte === plain[index]);
    checks.push({ check: "opened-file", ok: same, detail: same ? `${path} is exactly what the envelope holds` : `${path} differs from what the envelope holds (${expected.length} against ${plain.length} bytes)` });
  }
  return checks;
}
