/**
 * What registering the toy service adds to each package's registry, beside its own folders: the
 * whole of the change outside them. Each line goes after the last line matching `afterLast`, or
 * as the last entry of the multi-line list declared as `export const <endOfList>`.
 */
export interface RegistryLine {
  readonly package: "core" | "node" | "sdk" | "cli" | "console";
  /** The registry file, from the repository's root. */
  readonly file: string;
  readonly line: string;
  readonly at: { readonly afterLast: RegExp } | { readonly endOfList: string };
}

const lastImport = { afterLast: /^import / };

export const toyRegistryLines: readonly RegistryLine[] = [
  { package: "core", file: "packages/core/src/index.ts", line: 'export * from "./toy/index.ts";', at: { afterLast: /^export \* from "\.\/\w+\/index\.ts";$/ } },
  { package: "node", file: "packages/node/src/modules/index.ts", line: 'import { createToyService } from "./toy/index.ts";', at: lastImport },
  { package: "node", file: "packages/node/src/modules/index.ts", line: "  createToyService,", at: { endOfList: "serviceFactories" } },
  { package: "sdk", file: "packages/sdk/src/services.ts", line: 'export * as toy from "./toy/index.ts";', at: { afterLast: /^export \* as \w+ from / } },
  { package: "cli", file: "packages/cli/src/commands/services.ts", line: 'import { toyCommands } from "./toy/index.ts";', at: lastImport },
  { package: "cli", file: "packages/cli/src/commands/services.ts", line: "  toyCommands,", at: { endOfList: "serviceCommands" } },
  { package: "console", file: "packages/console/src/pages/index.ts", line: 'import { toyPage } from "./toy/page.tsx";', at: lastImport },
  { package: "console", file: "packages/console/src/pages/index.ts", line: "  toyPage,", at: { endOfList: "pages" } },
];

/** The toy service's own folders, one per package; the fixture holds them under the same paths. */
export const toyFolders = ["packages/core/src/toy", "packages/node/src/modules/toy", "packages/sdk/src/toy", "packages/cli/src/commands/toy", "packages/console/src/pages/toy"] as const;

/** Adds one registry line to a file's text; throws when the file no longer has the place the line goes. */
export function addRegistryLine(text: string, entry: RegistryLine): string {
  const lines = text.split("\n");
  const index = "afterLast" in entry.at ? lastMatch(lines, entry.at.afterLast) + 1 : endOfList(lines, entry.at.endOfList);
  if (index <= 0) throw new Error(`${entry.file} has no place for "${entry.line}" (${JSON.stringify(String("afterLast" in entry.at ? entry.at.afterLast : entry.at.endOfList))})`);
  return [...lines.slice(0, index), entry.line, ...lines.slice(index)].join("\n");
}

function lastMatch(lines: readonly string[], pattern: RegExp): number {
  return lines.findLastIndex((line) => pattern.test(line));
}

/** The index of the line closing the list, which must be written one entry per line. */
function endOfList(lines: readonly string[], name: string): number {
  const start = lines.findIndex((line) => line.startsWith(`export const ${name}`) && line.trimEnd().endsWith("["));
  if (start < 0) return -1;
  return lines.findIndex((line, index) => index > start && line.startsWith("]"));
}
