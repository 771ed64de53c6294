#!/usr/bin/env node
// Plain JavaScript so it runs without a build step: tsx is registered first, then the TypeScript CLI is loaded.
import { register } from "tsx/esm/api";

register();
const { run } = await import("../src/main.ts");
process.exitCode = await run(process.argv);
