import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/*
 * Two suites of EPCIS 2.0 JSON files, each with the folders Documents (valid documents), Events
 * (valid standalone events) and Invalid (documents the parser must refuse):
 * - the project's own, in fixtures/epcis beside this file, always present;
 * - an external one (the OpenEPCIS test resources) at ../shared/testdata/epcis from the
 *   repository root, which a clone does not have: its tests are skipped with the reason then.
 */

export type EpcisFolder = "Documents" | "Events" | "Invalid";

export interface EpcisSuite {
  readonly name: string;
  readonly directory: string;
  /** Why the suite's tests are skipped, when its folder is absent. */
  readonly skipReason?: string;
}

const repositoryRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const externalDirectory = join(repositoryRoot, "../shared/testdata/epcis");

export const ownEpcisSuite: EpcisSuite = { name: "own", directory: fileURLToPath(new URL("./fixtures/epcis/", import.meta.url)) };

export const externalEpcisSuite: EpcisSuite = existsSync(externalDirectory)
  ? { name: "external", directory: externalDirectory }
  : { name: "external", directory: externalDirectory, skipReason: `the external EPCIS test data is not present at ${externalDirectory} (it lives outside the repository)` };

export function epcisSuiteFiles(suite: EpcisSuite, folder: EpcisFolder): string[] {
  if (suite.skipReason !== undefined) return [];
  return readdirSync(join(suite.directory, folder))
    .filter((name) => name.endsWith(".json"))
    .sort();
}

export function readEpcisSuiteFile(suite: EpcisSuite, folder: EpcisFolder, name: string): string {
  return readFileSync(join(suite.directory, folder, name), "utf8");
}
