import { resolve } from "node:path";
import type { Command } from "commander";
import { type CliContext, globalOptions } from "../context.ts";
import { formatFields, printResult } from "../output.ts";

/** Progress goes to stderr about every this many blocks, so a long replay shows it is moving. */
const progressEveryBlocks = 1_000;

export function registerIndexCommands(program: Command, context: CliContext): void {
  const index = program.command("index").description("the node's derived index: query tables kept beside state, outside the app hash");
  index
    .command("rebuild")
    .description("with the node stopped, rebuild its derived index by executing every stored block again from genesis")
    .option("--data-dir <dir>", "data folder to rebuild, instead of the one the home's config.json names (as given to kexin start --data-dir)")
    .action(async (options: { dataDir?: string }, command: Command) => {
      const globals = globalOptions(command);
      const home = resolve(globals.home);
      // Loaded on demand so commands that need no node start fast and work without its native dependencies.
      const { rebuildHomeDerivedIndex } = await import("@kexin/node");
      const rebuilt = await rebuildHomeDerivedIndex(
        home,
        (height, headHeight) => {
          if (!globals.json && (height % progressEveryBlocks === 0 || height === headHeight)) context.stderr.write(`replayed block ${height} of ${headHeight}\n`);
        },
        options.dataDir === undefined ? undefined : resolve(options.dataDir),
      );
      printResult(context, globals, { home, dataDir: rebuilt.dataDir, height: rebuilt.height, entries: rebuilt.entries }, () =>
        formatFields([
          ["rebuilt", `${rebuilt.entries} derived-index entries`],
          ["replayed", `blocks 1 to ${rebuilt.height}, each matching its recorded results and state`],
          ["data", rebuilt.dataDir],
        ]),
      );
    });
}
