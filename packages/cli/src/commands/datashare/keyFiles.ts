import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type SuiteId, decodeEncryptionKeyText, decodeSubjectKeyText } from "@kexin/core";
import { CliError, badInput, systemErrorCode } from "../../errors.ts";
import { readWhole } from "../../files.ts";

/** A key file holds one line of text. */
const keyFileBytesMax = 4096;

async function readKeyText(path: string): Promise<string> {
  return new TextDecoder().decode(await readWhole(resolve(path), keyFileBytesMax, "key file"));
}

function requireSuite(found: SuiteId, chain: SuiteId, path: string): void {
  if (found !== chain) throw badInput("key file", `${path} holds a key of the ${found} suite; this chain uses ${chain}`);
}

/** A member's encryption private key from its file (`kexin datashare key register` writes it). */
export async function readEncryptionKeyFile(path: string, suite: SuiteId): Promise<Uint8Array> {
  const decoded = decodeEncryptionKeyText(await readKeyText(path));
  requireSuite(decoded.suite, suite, path);
  return decoded.privateKey;
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
    await writeFile(absolute, `${text}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if (systemErrorCode(error) === "EEXIST") throw new CliError({ code: "CLI_KEY_EXISTS", path: absolute }, `${absolute} exists already; choose another path or remove it`);
    throw error;
  }
  return absolute;
}
