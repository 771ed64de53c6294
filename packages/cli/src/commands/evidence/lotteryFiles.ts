import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { parseParticipantsCsv } from "@kexin/core";
import { CliError, badInput, systemErrorCode } from "../../errors.ts";

/** A CSV of a million ids of up to 256 characters stays well below this. */
const participantsFileBytesMax = 512 * 1024 * 1024;

export async function readText(path: string, bytesMax: number, input: string): Promise<string> {
  try {
    const { size } = await stat(path);
    if (size > bytesMax) throw badInput(input, `${path} is larger than ${bytesMax} bytes`);
    return await readFile(path, "utf8");
  } catch (error) {
    if (systemErrorCode(error) === "ENOENT") throw new CliError({ code: "CLI_FILE_NOT_FOUND", path }, `no file at ${path}`);
    throw error;
  }
}

export async function readParticipants(path: string): Promise<string[]> {
  return parseParticipantsCsv(await readText(resolve(path), participantsFileBytesMax, "participants"));
}
