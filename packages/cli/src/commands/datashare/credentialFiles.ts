import { readFile, stat, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CredentialDocument, CredentialStatusListAnswer, TrustedCredentialIssuer } from "@kexin/core";
import { CliError, badInput, systemErrorCode } from "../../errors.ts";

/** A credential, a list of trusted issuers or a status-list snapshot (about 22 KiB) is far below this. */
const credentialFileBytesMax = 1024 * 1024;

async function readJsonFile(path: string, input: string): Promise<unknown> {
  const absolute = resolve(path);
  let text: string;
  try {
    if ((await stat(absolute)).size > credentialFileBytesMax) throw badInput(input, `${absolute} is larger than ${credentialFileBytesMax} bytes`);
    text = await readFile(absolute, "utf8");
  } catch (error) {
    if (systemErrorCode(error) === "ENOENT") throw new CliError({ code: "CLI_FILE_NOT_FOUND", path: absolute }, `no file at ${absolute}`);
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError({ code: "CLI_NOT_JSON", path: absolute }, `${absolute} is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

export async function readCredentialFile(path: string): Promise<CredentialDocument> {
  const value = await readJsonFile(path, "credential");
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw badInput("credential", `${path} holds no JSON object`);
  return value as CredentialDocument;
}

/** `[{ "id": "<the credentials' issuer>", "organisation": "<its organisation>", "publicKeys": ["z…"] }, …]` */
export async function readTrustedIssuersFile(path: string): Promise<TrustedCredentialIssuer[]> {
  const value = await readJsonFile(path, "trust");
  const wellFormed = (entry: unknown): boolean => {
    const issuer = entry as Partial<TrustedCredentialIssuer> | null;
    return typeof issuer?.id === "string" && typeof issuer.organisation === "string" && Array.isArray(issuer.publicKeys) && issuer.publicKeys.every((key) => typeof key === "string");
  };
  if (!Array.isArray(value) || !value.every(wellFormed)) throw badInput("trust", `${path} must hold [{ "id", "organisation", "publicKeys": ["z…"] }, …]`);
  return value as TrustedCredentialIssuer[];
}

export async function readStatusListFile(path: string): Promise<CredentialStatusListAnswer> {
  const value = (await readJsonFile(path, "status-list")) as Partial<CredentialStatusListAnswer> | null;
  if (typeof value?.issuer !== "string" || typeof value.encodedList !== "string" || typeof value.height !== "number") {
    throw badInput("status-list", `${path} is not a status-list snapshot (kexin datashare credential status-list --out)`);
  }
  return value as CredentialStatusListAnswer;
}

export async function writeJsonFile(path: string, value: unknown): Promise<string> {
  const absolute = resolve(path);
  await writeFile(absolute, `${JSON.stringify(value, null, 2)}\n`);
  return absolute;
}
