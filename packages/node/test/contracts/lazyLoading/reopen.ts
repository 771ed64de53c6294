// Reopens a contracts chain's data folder in a process of its own, so whether the interpreter is
// loaded says what this process needed. Prints one JSON line: what it saw.
import { readFileSync } from "node:fs";
import { fromHex } from "@kexin/core";
import pino from "pino";
import { rebuildDerivedIndex } from "../../../src/derivedIndexRebuild.ts";
import { parseGenesis } from "../../../src/genesis.ts";
import { contractSandboxLoaded } from "../../../src/modules/contracts/index.ts";
import { createNode } from "../../../src/node.ts";

const [mode, dataDir, genesisFile, validatorKeyHex, queryPath] = process.argv.slice(2) as [string, string, string, string, string];
const genesis = parseGenesis(JSON.parse(readFileSync(genesisFile, "utf8")));
const loadedBefore = contractSandboxLoaded();
if (mode === "rebuild") {
  const rebuilt = await rebuildDerivedIndex({ dataDir, genesis });
  console.log(JSON.stringify({ loadedBefore, height: rebuilt.height, loaded: contractSandboxLoaded() }));
} else {
  const node = await createNode({ genesis, dataDir, validatorPrivateKey: fromHex(validatorKeyHex), api: { host: "127.0.0.1", port: 0 }, signatureWorkers: 0, logger: pino({ level: "silent" }) });
  try {
    // Read before any request or block: what the start alone loaded.
    const loadedAtStart = contractSandboxLoaded();
    const response = await fetch(`${node.url}${queryPath}`, { signal: AbortSignal.timeout(10_000) });
    console.log(JSON.stringify({ loadedBefore, loadedAtStart, status: response.status, body: await response.json() }));
  } finally {
    await node.close();
  }
}
