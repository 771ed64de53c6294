import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/**
 * Copies the files git would commit from the working tree (tracked ones and new ones not ignored),
 * so the copy is what a clean clone plus the current edits would hold. Returns their paths.
 */
export function copyRepositoryFiles(root: string, copyRoot: string): string[] {
  const listing = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const files = [...new Set(listing.split("\0").filter((file) => file !== "" && existsSync(join(root, file))))].sort();
  for (const file of files) {
    const target = join(copyRoot, file);
    mkdirSync(dirname(target), { recursive: true });
    if (lstatSync(join(root, file)).isSymbolicLink()) symlinkSync(readlinkSync(join(root, file)), target);
    else copyFileSync(join(root, file), target);
  }
  return files;
}

/**
 * Gives the copy the original's installed modules without installing anything: each entry of a
 * node_modules folder is a link to the original's, except the workspace's own packages (@kexin/*,
 * relative links to packages/*), which are linked the same relative way so they resolve to the copy.
 */
export function linkInstalledModules(root: string, copyRoot: string): void {
  const folders = ["node_modules", ...readdirSync(join(root, "packages")).map((name) => join("packages", name, "node_modules"))];
  for (const folder of folders.filter((candidate) => existsSync(join(root, candidate)))) linkModulesFolder(join(root, folder), join(copyRoot, folder));
}

function linkModulesFolder(original: string, copy: string): void {
  mkdirSync(copy, { recursive: true });
  for (const entry of readdirSync(original)) {
    // Tool caches (.vite, .vite-temp, .cache) stay the copy's own; .bin holds links relative to the original's entries.
    if (entry.startsWith(".") && entry !== ".bin") continue;
    if (entry === "@kexin") linkWorkspacePackages(join(original, entry), join(copy, entry));
    else symlinkSync(join(original, entry), join(copy, entry));
  }
}

function linkWorkspacePackages(original: string, copy: string): void {
  mkdirSync(copy, { recursive: true });
  for (const entry of readdirSync(original)) {
    const link = join(original, entry);
    if (!lstatSync(link).isSymbolicLink() || readlinkSync(link).startsWith("/")) throw new Error(`${link} is not a relative link to a workspace package; the copy cannot reuse it`);
    symlinkSync(readlinkSync(link), join(copy, entry));
  }
}

/** Every file under `directory` (links included, not followed), except in node_modules and the console's build output. */
export function listFiles(directory: string, base = directory): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === "node_modules" || (entry.name === "dist" && directory.endsWith(join("packages", "console")))) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path, base));
    else files.push(relative(base, path));
  }
  return files.sort();
}

/** How a file of the copy differs from the original's: the lines it adds, and whether it keeps every original line in order. */
export interface FileChange {
  readonly file: string;
  readonly kind: "added" | "changed" | "removed";
  /** For a changed file: the lines that are not the original's. */
  readonly addedLines: readonly string[];
  /** For a changed file: whether the original's lines are all still there, in order (the change only adds lines). */
  readonly onlyAdds: boolean;
  /** For a changed file that does more than add: the first original line it changed or removed. */
  readonly firstLostLine?: string;
}

/** Compares the copy with the original, file by file, over the files either side lists. */
export function diffCopy(root: string, originalFiles: readonly string[], copyRoot: string): FileChange[] {
  const copyFiles = new Set(listFiles(copyRoot));
  const original = new Set(originalFiles);
  const changes: FileChange[] = [];
  for (const file of [...new Set([...original, ...copyFiles])].sort()) {
    if (!copyFiles.has(file)) changes.push({ file, kind: "removed", addedLines: [], onlyAdds: false });
    else if (!original.has(file)) changes.push({ file, kind: "added", addedLines: [], onlyAdds: true });
    else {
      const before = readFileSync(join(root, file));
      const after = readFileSync(join(copyRoot, file));
      if (!before.equals(after)) changes.push({ file, kind: "changed", ...addedLines(before.toString("utf8").split("\n"), after.toString("utf8").split("\n")) });
    }
  }
  return changes;
}

/** The lines of `after` beyond `before`, matching the original's lines greedily in order. */
function addedLines(before: readonly string[], after: readonly string[]): { addedLines: string[]; onlyAdds: boolean; firstLostLine?: string } {
  const added: string[] = [];
  let next = 0;
  for (const line of after) {
    if (next < before.length && line === before[next]) next += 1;
    else added.push(line);
  }
  return next === before.length ? { addedLines: added, onlyAdds: true } : { addedLines: added, onlyAdds: false, firstLostLine: before[next] };
}
