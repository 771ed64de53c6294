// Writes packages/core/test/vectors.json from the fixed inputs in packages/core/test/vectorInputs.ts.
// Run after a deliberate change to the encoding: node --import tsx scripts/generate-vectors.ts
import { writeFileSync } from "node:fs";
import { intlSuite } from "../packages/core/src/crypto/index.ts";
import { buildIntlVectors } from "../packages/core/test/vectorInputs.ts";
import { parseCommandLine } from "./lib/commandLine.mjs";

parseCommandLine({
  usage: `usage: node --import tsx scripts/generate-vectors.ts

Rewrites packages/core/test/vectors.json from the fixed inputs in packages/core/test/vectorInputs.ts.
Takes no options; run it only after a deliberate change to the encoding.`,
});

const path = new URL("../packages/core/test/vectors.json", import.meta.url);
writeFileSync(path, `${JSON.stringify({ intl: buildIntlVectors(intlSuite) }, null, 2)}\n`);
console.log(`wrote ${path.pathname}`);
