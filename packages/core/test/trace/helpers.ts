import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TraceError } from "../../src/trace/index.ts";

/** The conformance data lives beside the repository, at ../shared/testdata/epcis from its root. */
const repositoryRoot = fileURLToPath(new URL("../../../../", import.meta.url));
export const epcisTestDataDirectory = join(repositoryRoot, "../shared/testdata/epcis");

export function epcisTestFiles(folder: "Documents" | "Events" | "Invalid"): string[] {
  return readdirSync(join(epcisTestDataDirectory, folder))
    .filter((name) => name.endsWith(".json"))
    .sort();
}

export function readEpcisTestFile(folder: "Documents" | "Events" | "Invalid", name: string): string {
  return readFileSync(join(epcisTestDataDirectory, folder, name), "utf8");
}

/** Runs `action`, which must throw a TraceError with `code` whose message mentions every fragment. */
export function expectTraceError(action: () => unknown, code: string, ...fragments: string[]): TraceError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof TraceError, `expected TraceError ${code}, got ${caught instanceof Error ? caught.stack : String(caught)}`);
  assert.equal(caught.code, code, `error code for: ${caught.message}`);
  for (const fragment of fragments) {
    assert.ok(caught.message.includes(fragment), `message ${JSON.stringify(caught.message)} should mention ${JSON.stringify(fragment)}`);
  }
  return caught;
}
