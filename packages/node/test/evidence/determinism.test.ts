import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

// Transaction handlers run on every validator and must agree byte for byte.
const moduleDirectory = fileURLToPath(new URL("../../src/modules/evidence/", import.meta.url));
const nondeterministic = /\bMath\.random\b|\bDate\.now\b|\bnew Date\b|\bperformance\.now\b|\bcrypto\.getRandomValues\b|\brandomBytes\b|\bparseFloat\b|\btoFixed\b/;

test("behavior: the evidence module reads no clock and no randomness, and imports nothing from Node", () => {
  const files = readdirSync(moduleDirectory).filter((name) => name.endsWith(".ts"));
  assert.ok(files.length >= 8, "module files found");
  for (const name of files) {
    const source = readFileSync(`${moduleDirectory}${name}`, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
    assert.doesNotMatch(source, nondeterministic, `${name} reads the clock or randomness`);
    assert.doesNotMatch(source, /from "node:/, `${name} imports a Node builtin`);
  }
});
