import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { SuiteId } from "@kexin/core";
import { CliError, badInput, systemErrorCode } from "../../errors.ts";

/** Chunk files of one `evidence stream` run: a session holds at most 1,000,000 chunks, a demo far fewer. */
const streamFilesMax = 100_000;

/** The suite's hash of a file, read as a stream so that large recordings need not fit in memory. */
export async function hashFile(path: string, suite: SuiteId): Promise<{ hash: string; size: number }> {
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

/** Chunk files in recording order: names compared with their numbers as numbers, so chunk-2 precedes chunk-10. */
export async function chunkFiles(folder: string): Promise<string[]> {
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
