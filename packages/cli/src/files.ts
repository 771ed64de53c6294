import { readFile, stat } from "node:fs/promises";
import { CliError, badInput, systemErrorCode } from "./errors.ts";

/** A whole file read into memory, at most `bytesMax` of it; a missing file or a folder is named as such. */
export async function readWhole(path: string, bytesMax: number, what: string): Promise<Uint8Array> {
  try {
    const { size } = await stat(path);
    if (size > bytesMax) throw badInput(what, `${path} is ${size} bytes; at most ${bytesMax} are read`);
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = systemErrorCode(error);
    if (code === "ENOENT") throw new CliError({ code: "CLI_FILE_NOT_FOUND", path }, `no file at ${path}`);
    if (code === "EISDIR") throw badInput(what, `${path} is a directory, not a file`);
    throw error;
  }
}

/** A JSON file, parsed; CLI_NOT_JSON when it is not JSON. */
export async function readJson(path: string, bytesMax: number, what: string): Promise<unknown> {
  const text = new TextDecoder().decode(await readWhole(path, bytesMax, what));
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError({ code: "CLI_NOT_JSON", path }, `${path} is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}
