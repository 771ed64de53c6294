import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

// Node builtins anywhere in packages/core are caught by test/crypto/browser-safety.test.ts; this
// adds what block execution needs of the evidence logic: no clock and no randomness.
const evidenceDirectory = fileURLToPath(new URL("../../src/evidence/", import.meta.url));
const nondeterministic = /\bMath\.random\b|\bDate\.now\b|\bnew Date\b|\bperformance\.now\b|\bcrypto\.getRandomValues\b/;

test("behavior: src/evidence reads no clock and no randomness", () => {
  const files = readdirSync(evidenceDirectory).filter((name) => name.endsWith(".ts"));
  assert.ok(files.length > 5, "evidence modules found");
  for (const name of files) {
    const source = readFileSync(`${evidenceDirectory}${name}`, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
    assert.doesNotMatch(source, nondeterministic, `${name} reads the clock or randomness`);
  }
});
