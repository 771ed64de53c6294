import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { createKexinClient } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../context.ts";
import { badInput } from "../errors.ts";
import { printResult } from "../output.ts";

interface QueryOptions {
  readonly prove?: boolean;
  readonly out?: string;
}

/** `name=value` pairs into the query string's parameters. */
function parametersOf(pairs: readonly string[]): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const pair of pairs) {
    const separator = pair.indexOf("=");
    if (separator <= 0) throw badInput("parameter", `"${pair}" is not name=value`);
    parameters[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  return parameters;
}

export function registerQueryCommand(program: Command, context: CliContext): void {
  program
    .command("query")
    .description("run a module's read-only query over committed state; with --prove, save a state proof of what it read")
    .argument("<module>", "the module, e.g. identity")
    .argument("<query>", "the query, e.g. member")
    .argument("[parameters...]", "name=value pairs")
    .option("--prove", "ask for a proof of every state key the query read, checkable offline with `kexin verify`")
    .option("--out <file>", "with --prove, write the proof document to this file")
    .action(async (module: string, query: string, pairs: string[], options: QueryOptions, command: Command) => {
      const globals = globalOptions(command);
      if (options.out !== undefined && options.prove !== true) throw badInput("out", "--out saves a proof: add --prove");
      const parameters = { ...parametersOf(pairs), ...(options.prove === true ? { prove: true } : {}) };
      const answer = await createKexinClient({ url: globals.node }).query<Record<string, unknown>>({ module, query, parameters });
      if (options.out !== undefined) {
        const path = resolve(options.out);
        await writeFile(path, `${JSON.stringify(answer.proof, null, 2)}\n`);
        if (!globals.json) context.stderr.write(`state proof of block ${String((answer.proof as { height?: unknown }).height)} written to ${path}\n`);
      }
      printResult(context, globals, answer, () => JSON.stringify(answer, null, 2));
    });
}
