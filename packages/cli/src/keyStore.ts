import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { basename, isAbsolute, join, resolve } from "node:path";
import { type SuiteId, toHex } from "@kexin/core";
import { type Wallet, importKeyFile } from "@kexin/sdk";
import { CliError, badInput, systemErrorCode } from "./errors.ts";

/**
 * Keys live in <home>/keys as <name>.key (encrypted PKCS#8 PEM) with <name>.pub.json beside it,
 * so names and addresses can be listed without asking for every passphrase.
 */

/** The same shape `kexin init` writes for the keys of a new home. */
export interface PublicKeyInfo {
  readonly name: string;
  readonly suite: SuiteId;
  readonly publicKey: string;
  readonly address: string;
}

export interface KeyListing {
  readonly name: string;
  readonly keyFile: string;
  /** Undefined when the .pub.json is missing or unreadable. */
  readonly info: PublicKeyInfo | undefined;
}

const keyNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const keyExtension = ".key";

export function keysDirectory(home: string): string {
  return resolve(home, "keys");
}

export function publicInfoPath(keyFile: string): string {
  return keyFile.endsWith(keyExtension) ? `${keyFile.slice(0, -keyExtension.length)}.pub.json` : `${keyFile}.pub.json`;
}

export function requireKeyName(name: string): string {
  if (!keyNamePattern.test(name) || name.endsWith(keyExtension)) {
    throw badInput("name", `key name "${name}" is not allowed: use letters, digits, ".", "_" or "-" (at most 64, no path separators)`);
  }
  return name;
}

export function publicInfoOf(name: string, wallet: Wallet): PublicKeyInfo {
  return { name, suite: wallet.suite.id, publicKey: toHex(wallet.publicKey), address: wallet.address };
}

/** Writes a new key and its public info; refuses to replace an existing key file. */
export async function saveKey(home: string, name: string, pem: string, info: PublicKeyInfo): Promise<string> {
  const directory = keysDirectory(home);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const keyFile = join(directory, `${requireKeyName(name)}${keyExtension}`);
  try {
    // "wx" fails when the file exists, which also closes the race between checking and writing.
    await writeFile(keyFile, pem, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if (systemErrorCode(error) === "EEXIST") {
      throw new CliError({ code: "CLI_KEY_EXISTS", path: keyFile }, `a key named "${name}" already exists at ${keyFile}; choose another name or remove the file`);
    }
    throw error;
  }
  await writePublicInfo(keyFile, info);
  return keyFile;
}

export async function writePublicInfo(keyFile: string, info: PublicKeyInfo): Promise<void> {
  await writeFile(publicInfoPath(keyFile), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o644 });
}

export async function readPublicInfo(keyFile: string): Promise<PublicKeyInfo | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(publicInfoPath(keyFile), "utf8"));
    const info = value as Partial<PublicKeyInfo> | null;
    if (typeof info?.address !== "string" || typeof info.publicKey !== "string" || typeof info.suite !== "string") {
      return undefined;
    }
    return info as PublicKeyInfo;
  } catch {
    return undefined;
  }
}

export async function listKeys(home: string): Promise<KeyListing[]> {
  const directory = keysDirectory(home);
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch (error) {
    if (systemErrorCode(error) === "ENOENT") return [];
    throw error;
  }
  const keyFiles = entries.filter((entry) => entry.endsWith(keyExtension)).sort();
  return Promise.all(
    keyFiles.map(async (entry) => {
      const keyFile = join(directory, entry);
      return { name: entry.slice(0, -keyExtension.length), keyFile, info: await readPublicInfo(keyFile) };
    }),
  );
}

/** A bare name means <home>/keys/<name>.key; anything that looks like a path is taken as one. */
export function resolveKeyFile(home: string, nameOrPath: string): string {
  const looksLikePath = isAbsolute(nameOrPath) || nameOrPath.includes("/") || nameOrPath.includes("\\") || nameOrPath.endsWith(keyExtension);
  return looksLikePath ? resolve(nameOrPath) : join(keysDirectory(home), `${requireKeyName(nameOrPath)}${keyExtension}`);
}

export async function readKeyFile(keyFile: string): Promise<string> {
  try {
    return await readFile(keyFile, "utf8");
  } catch (error) {
    if (systemErrorCode(error) === "ENOENT") {
      throw new CliError(
        { code: "CLI_KEY_NOT_FOUND", path: keyFile },
        `no key file at ${keyFile}; run "kexin keys list" to see your keys or "kexin keys new ${basename(keyFile, keyExtension)}" to create one`,
      );
    }
    throw error;
  }
}

export async function openKey(keyFile: string, passphrase: string): Promise<Wallet> {
  return importKeyFile(await readKeyFile(keyFile), passphrase);
}

/** Accounts of a home, as far as its key directory tells without passphrases. */
export async function accountsFromKeys(home: string): Promise<{ name: string; address: string; keyFile: string }[]> {
  const listing = await listKeys(home);
  return listing.map((key) => ({ name: key.name, address: key.info?.address ?? "?", keyFile: key.keyFile }));
}
