#!/usr/bin/env node
// Builds the web console into packages/console/dist, which the node serves at /. Run by `npm install`
// (the root "prepare" script); an install without dev dependencies has no Vite, so it only says how.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseCommandLine } from "./lib/commandLine.mjs";

parseCommandLine({
  usage: `usage: npm run build

Builds the web console (packages/console) with Vite into packages/console/dist, which the node serves
at /. npm install runs it too. Takes no options.`,
});

const root = new URL("..", import.meta.url).pathname;
const vite = join(root, "node_modules/vite/bin/vite.js");
if (!existsSync(vite)) {
  console.warn("kexin: Vite is not installed (dev dependencies omitted?), so the web console was not built; the node will serve the API only.");
  process.exit(0);
}
const result = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: join(root, "packages/console"), stdio: "inherit" });
process.exit(result.status ?? 1);
