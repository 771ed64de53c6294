#!/usr/bin/env node
// Runs every *.test.ts under packages/*/test and test/ with Node's test runner through tsx.
// Node 20's --test does not expand globs, so the files are listed here.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const roots = [join(root, "test"), ...readdirSync(join(root, "packages")).map((name) => join(root, "packages", name, "test"))];
const filter = process.argv.slice(2);

function collect(directory, files) {
  let entries;
  try {
    entries = readdirSync(directory);
  } catch {
    return;
  }
  for (const entry of entries.sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) collect(path, files);
    else if (entry.endsWith(".test.ts")) files.push(path);
  }
}

const files = [];
for (const directory of roots) collect(directory, files);
const selected = files
  .map((file) => relative(root, file))
  .filter((file) => filter.length === 0 || filter.some((pattern) => file.includes(pattern)));
if (selected.length === 0) {
  console.error("no test files matched");
  process.exit(1);
}
const concurrency = process.env.KEXIN_TEST_CONCURRENCY ?? "2";
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...selected],
  { cwd: root, stdio: "inherit" },
);
process.exit(result.status ?? 1);
