import { Command, CommanderError } from "commander";
import { registerBlockCommands } from "./commands/block.ts";
import { registerIndexCommands } from "./commands/derivedIndex.ts";
import { registerInitCommand } from "./commands/init.ts";
import { registerKeysCommands } from "./commands/keys.ts";
import { serviceCommands } from "./commands/services.ts";
import { registerStartCommand } from "./commands/start.ts";
import { registerStatusCommand } from "./commands/status.ts";
import { registerTestnetCommands } from "./commands/testnet.ts";
import { registerTxCommands } from "./commands/tx.ts";
import { registerQueryCommand } from "./commands/query.ts";
import { registerVerifyCommand } from "./commands/verify.ts";
import { type CliContext, defaultHome, defaultNodeUrl } from "./context.ts";
import { CliError } from "./errors.ts";
import { printError } from "./output.ts";

export const cliVersion = "0.1.0";

/** Commander's codes for help and version output, which it has already printed. */
const displayedCodes = new Set(["commander.helpDisplayed", "commander.help", "commander.version"]);

export function buildProgram(context: CliContext): Command {
  const program = new Command()
    .name("kexin")
    .description("Kexin (可信) consortium blockchain: run a node, manage keys, send transactions, verify receipts")
    .version(cliVersion)
    .option("--node <url>", "API of the node to talk to (env KEXIN_NODE)", context.env.KEXIN_NODE ?? defaultNodeUrl)
    .option("--home <dir>", "home directory of keys and node data (env KEXIN_HOME)", context.env.KEXIN_HOME ?? defaultHome)
    .option("--json", "print machine-readable JSON on stdout and nothing else")
    .showSuggestionAfterError()
    // Errors are reported by run() so that --json turns them into JSON too.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
      outputError: () => undefined,
    });
  // Subcommands made with .command() inherit the settings above, so they must come after them.
  registerInitCommand(program, context);
  registerStartCommand(program, context);
  registerKeysCommands(program, context);
  registerTxCommands(program, context);
  registerBlockCommands(program, context);
  registerStatusCommand(program, context);
  registerQueryCommand(program, context);
  registerVerifyCommand(program, context);
  for (const service of serviceCommands) service.register(program, context);
  registerTestnetCommands(program, context);
  registerIndexCommands(program, context);
  return program;
}

/** Runs the CLI on process.argv-style arguments and returns the exit code. */
export async function run(argv: readonly string[], context: CliContext = processContext()): Promise<number> {
  const program = buildProgram(context);
  const json = argv.includes("--json");
  try {
    await program.parseAsync(argv);
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (displayedCodes.has(error.code)) return error.exitCode;
      printError(context, json, new CliError({ code: "CLI_USAGE" }, `${error.message.replace(/^error: /, "")}; see kexin --help`));
      return 1;
    }
    printError(context, json, error);
    return 1;
  }
}

function processContext(): CliContext {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, exitCode: 0 };
}
