// The test files: every *.test.ts under test/ and packages/*/test, as paths relative to the root.
// Node 20's --test does not expand globs, so they are listed here.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

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

/** The test files whose path contains one of `fragments` (all of them when there is none). */
export function testFiles(root, fragments) {
  const roots = [join(root, "test"), ...readdirSync(join(root, "packages")).map((name) => join(root, "packages", name, "test"))];
  const files = [];
  for (const directory of roots) collect(directory, files);
  return files.map((file) => relative(root, file)).filter((file) => fragments.length === 0 || fragments.some((fragment) => file.includes(fragment)));
}
