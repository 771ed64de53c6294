import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

/**
 * packages/core must run in browsers: from its entry point, with "#crypto-backend" resolved the
 * way a bundler resolves it for browsers, no module may import a Node builtin, and every package
 * it imports must be a declared dependency.
 */
const coreDirectory = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const packageJson = JSON.parse(readFileSync(join(coreDirectory, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  imports: Record<string, { default: string }>;
};
const declared = new Set(Object.keys(packageJson.dependencies ?? {}));
const builtins = new Set(builtinModules);

const specifierPatterns = [
  /(?:^|[\s;])(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/g,
  /(?:^|[\s;])import\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
];

function specifiersOf(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  const found: string[] = [];
  for (const pattern of specifierPatterns) for (const match of withoutComments.matchAll(pattern)) found.push(match[1] as string);
  return found;
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
}

test("behavior: packages/core reaches no Node builtin when bundled for browsers", () => {
  const queue = [join(coreDirectory, "src/index.ts")];
  const visited = new Set<string>();
  const problems: string[] = [];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (visited.has(file)) continue;
    visited.add(file);
    for (const specifier of specifiersOf(readFileSync(file, "utf8"))) {
      const where = relative(coreDirectory, file);
      if (specifier.startsWith("#")) {
        const target = packageJson.imports[specifier]?.default;
        if (target === undefined) problems.push(`${where}: ${specifier} has no browser (default) mapping`);
        else queue.push(join(coreDirectory, target));
      } else if (specifier.startsWith(".")) {
        queue.push(resolve(dirname(file), specifier));
      } else if (specifier.startsWith("node:") || builtins.has(packageName(specifier))) {
        problems.push(`${where}: imports the Node builtin ${specifier}`);
      } else if (!declared.has(packageName(specifier))) {
        problems.push(`${where}: imports ${specifier}, which packages/core/package.json does not declare`);
      }
    }
  }
  assert.ok(visited.has(join(coreDirectory, "src/crypto/backend.browser.ts")), "the browser backend is part of the graph");
  assert.ok(!visited.has(join(coreDirectory, "src/crypto/backend.node.ts")), "the Node backend is not");
  assert.deepEqual(problems, []);
});
