export { buildProgram, cliVersion, run } from "./main.ts";
export type { CliContext } from "./context.ts";
