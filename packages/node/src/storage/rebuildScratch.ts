import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * A derived-index rebuild replays the chain into a scratch LMDB folder beside the data folder.
 * The scratch folder is named after its data folder, so that cleaning one data folder's leftovers
 * never touches a rebuild of another data folder in the same parent.
 */
const scratchPrefix = (dataDir: string): string => `.kexin-index-rebuild-${basename(dataDir)}-`;

/** mkdtemp adds six characters; an exact match keeps "data" from claiming the scratch of "data-2". */
const scratchPattern = (dataDir: string): RegExp => new RegExp(`^${scratchPrefix(dataDir).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[A-Za-z0-9]{6}$`);

export function createRebuildScratch(dataDir: string): string {
  return mkdtempSync(join(dirname(dataDir), scratchPrefix(dataDir)));
}

/**
 * Removes scratch folders a rebuild left when it was killed, and returns their paths. Only the
 * holder of the data folder's lock may call it: a rebuild in progress holds that lock too.
 */
export function removeRebuildScratch(dataDir: string): string[] {
  const parent = dirname(dataDir);
  const pattern = scratchPattern(dataDir);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const removed = names.filter((name) => pattern.test(name)).map((name) => join(parent, name));
  for (const path of removed) rmSync(path, { recursive: true, force: true });
  return removed;
}
