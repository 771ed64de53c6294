import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const traceDirectory = fileURLToPath(new URL("../../src/trace/", import.meta.url));

/** Besides its own modules: the core error base, and the wire schemas of its records (TypeBox, which runs in browsers). */
const allowedImports = new Set(["../errors.ts", "../wireCheck.ts", "@sinclair/typebox"]);

/** The traceability parsers run in browsers (the public scans UDIs there): no Node builtins, no globals of Node. */
test("behavior: src/trace imports only its own modules, the core error base and TypeBox, and uses no Node globals", () => {
  const files = readdirSync(traceDirectory).filter((name) => name.endsWith(".ts"));
  assert.ok(files.length > 5, "trace modules found");
  for (const name of files) {
    const source = readFileSync(`${traceDirectory}${name}`, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
    for (const match of source.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']/g)) {
      const specifier = match[1] ?? match[2] ?? "";
      assert.ok(specifier.startsWith("./") || allowedImports.has(specifier), `${name} imports ${specifier}`);
    }
    assert.doesNotMatch(source, /\b(?:Buffer|process|require|__dirname)\b/, `${name} uses a Node global`);
  }
});
