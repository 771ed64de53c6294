import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { type SuiteId, contracts } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, printResult } from "../../output.ts";
import { bundleContract, contractPaths } from "./bundle.ts";

export function suiteOption(value: string): SuiteId {
  if (value !== "intl" && value !== "gm") throw new InvalidArgumentError('must be "intl" or "gm" (the chain\'s crypto suite).');
  return value;
}

export function registerBuildCommand(command: Command, context: CliContext): void {
  command
    .command("build")
    .description("bundle a contract into one ES module and print its code hash and size")
    .argument("<dir-or-file>", "a contract project (its contract.ts) or a contract's .ts/.js file")
    .option("--out <file>", "where to write the module (default: dist/ beside the entry)")
    .option("--suite <suite>", "the chain's crypto suite, whose hash is the code hash: intl or gm", suiteOption, "intl")
    .action(async (target: string, options: { out?: string; suite: SuiteId }, sub: Command) => {
      const globals = globalOptions(sub);
      const { entry, defaultOut } = await contractPaths(target);
      const code = await bundleContract(entry);
      const out = resolve(options.out ?? defaultOut);
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, code);
      const codeBytes = contracts.contractCodeBytes(code);
      const built = { entry, out, suite: options.suite, codeHash: contracts.contractCodeHashHex(options.suite, codeBytes), sizeBytes: codeBytes.length };
      printResult(context, globals, built, () =>
        formatFields([
          ["module", out],
          ["code hash", `${built.codeHash} (${built.suite})`],
          ["size", `${built.sizeBytes} bytes`],
        ]),
      );
    });
}
