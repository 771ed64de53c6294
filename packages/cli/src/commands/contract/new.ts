import { mkdir, readdir, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { Command } from "commander";
import { contracts } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { printResult } from "../../output.ts";
import { contractTemplate } from "./template.ts";

/** A contract's name from its folder's: lower case, `-` for anything else, a letter first. */
function nameOf(directory: string): string {
  const name = basename(directory).toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^[^a-z]+/, "");
  return contracts.contractNamePattern.test(name) ? name : "my-contract";
}

export function registerNewCommand(command: Command, context: CliContext): void {
  command
    .command("new")
    .description("start a contract project: contract.ts with its methods and init, and a README")
    .argument("<dir>", "the project's folder; created, or empty")
    .action(async (target: string, _options: unknown, sub: Command) => {
      const globals = globalOptions(sub);
      const directory = resolve(target);
      const existing = await readdir(directory).catch(() => []);
      if (existing.length > 0) throw badInput("dir", `${directory} is not empty; give a new folder`);
      await mkdir(directory, { recursive: true });
      const files = contractTemplate(nameOf(directory));
      for (const [file, text] of Object.entries(files)) await writeFile(join(directory, file), text, { flag: "wx" });
      printResult(context, globals, { directory, files: Object.keys(files) }, () => `created ${directory} with ${Object.keys(files).join(" and ")}\nnext: kexin contract build ${target}`);
    });
}
