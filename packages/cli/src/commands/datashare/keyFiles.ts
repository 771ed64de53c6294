import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type SuiteId, decodeSubjectKeyText, encryptionKeyFileInfo, importEncryptionKeyFile } from "@kexin/core";
import type { Wallet } from "@kexin/sdk";
import type { CliContext, GlobalOptions } from "../../context.ts";
import { CliError, badInput, systemErrorCode } from "../../errors.ts";
import { readWhole } from "../../files.ts";
import { openKey, resolveKeyFile } from "../../keyStore.ts";
import { resolvePassphrase } from "../../passphrase.ts";
import type { KeyOptions } from "../../signing.ts";

/** A key file holds one line of text, or a line and a PEM block of a few hundred bytes. */
const keyFileBytesMax = 4096;

async function readKeyText(path: string): Promise<string> {
  return new TextDecoder().decode(await readWhole(resolve(path), keyFileBytesMax, "key file"));
}

function requireSuite(found: SuiteId, chain: SuiteId, path: string): void {
  if (found !== chain) throw badInput("key file", `${path} holds a key of the ${found} suite; this chain uses ${chain}`);
}

/**
 * A member's encryption private key from its file (`kexin datashare key register` writes it),
 * opened with the passphrase of the signing key it was made beside; a file of the older
 * unprotected form needs none.
 */
export async function readEncryptionKeyFile(path: string, suite: SuiteId, passphrase: string): Promise<Uint8Array> {
  const text = await readKeyText(path);
  requireSuite(encryptionKeyFileInfo(text).suite, suite, path);
  return importEncryptionKeyFile(text, passphrase).privateKey;
}

/** Opens the signing key and keeps its passphrase, which also protects the encryption key file beside it: asked once. */
export async function openSigningKeyAndPassphrase(context: CliContext, globals: GlobalOptions, options: KeyOptions): Promise<{ readonly wallet: Wallet; readonly keyFile: string; readonly passphrase: string }> {
  const keyFile = resolveKeyFile(globals.home, options.key);
  const passphrase = await resolvePassphrase(context, { flag: options.passphrase, label: `passphrase for ${keyFile}`, confirm: false });
  return { wallet: await openKey(keyFile, passphrase), keyFile, passphrase };
}

/** An organisation's subject key from its file (`kexin datashare subject new-key` writes it). */
export async function readSubjectKeyFile(path: string, suite: SuiteId): Promise<Uint8Array> {
  const decoded = decodeSubjectKeyText(await readKeyText(path));
  requireSuite(decoded.suite, suite, path);
  return decoded.subjectKey;
}

/** Writes a new key file readable by its owner only; an existing file is never overwritten. */
export async function writeNewKeyFile(path: string, text: string): Promise<string> {
  const absolute = resolve(path);
  try {
    await writeFile(absolute, `${text.trimEnd()}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if (systemErrorCode(error) === "EEXIST") throw new CliError({ code: "CLI_KEY_EXISTS", path: absolute }, `${absolute} exists already; choose another path or remove it`);
    throw error;
  }
  return absolute;
}
