import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { type SuiteId, suiteIds } from "@kexin/core";
import { type CliContext, globalOptions } from "../context.ts";
import { formatFields, printResult } from "../output.ts";
import { accountsTable, devPassphrase } from "./accounts.ts";

interface InitOptions {
  readonly dev?: boolean;
  readonly chainId?: string;
  readonly suite?: SuiteId;
  readonly force?: boolean;
}

export function registerInitCommand(program: Command, context: CliContext): void {
  program
    .command("init")
    .description("create a node home: genesis, node key and configuration")
    .option("--dev", `a one-validator development chain with sample organisations and accounts (passphrase "${devPassphrase}")`)
    .option("--chain-id <id>", "chain identifier written into genesis")
    .addOption(new Option("--suite <suite>", "crypto suite of the chain, fixed at genesis").choices(suiteIds))
    .option("--force", "replace an existing home")
    .action(async (options: InitOptions, command: Command) => {
      const globals = globalOptions(command);
      // Loaded on demand so commands that need no node (keys, verify, tx) start fast and work without its native dependencies.
      const { initNodeHome } = await import("@kexin/node");
      const home = resolve(globals.home);
      const initialised = await initNodeHome({
        home,
        dev: options.dev === true,
        ...(options.chainId !== undefined ? { chainId: options.chainId } : {}),
        ...(options.suite !== undefined ? { suite: options.suite } : {}),
        ...(options.force === true ? { force: true } : {}),
      });
      printResult(context, globals, initialised, () =>
        [
          formatFields([
            ["home", initialised.home],
            ["chain", initialised.chainId],
            ["genesis", initialised.genesisHash],
          ]),
          ...(initialised.accounts.length > 0 ? ["", accountsTable(initialised.accounts)] : []),
          ...(options.dev === true ? ["", `development keys use the passphrase "${devPassphrase}"`] : []),
          "",
          `start the node with: kexin start --home ${initialised.home}`,
        ].join("\n"),
      );
    });
}
