import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Command, Option } from "commander";
import { type SuiteId, suiteIds } from "@kexin/core";
import type { InitTestnetResult } from "@kexin/node";
import { type CliContext, globalOptions } from "../context.ts";
import { CliError } from "../errors.ts";
import { formatTable, printHuman, printResult } from "../output.ts";
import { wholeNumber } from "../parsing.ts";
import { devPassphrase } from "./accounts.ts";

interface TestnetInitOptions {
  readonly dir: string;
  readonly validators: number;
  readonly chainId?: string;
  readonly suite?: SuiteId;
  readonly apiPort: number;
  readonly p2pPort: number;
  readonly force?: boolean;
}

const cliEntry = new URL("../../bin/kexin.js", import.meta.url).pathname;

function readTestnet(dir: string): InitTestnetResult {
  const path = join(dir, "testnet.json");
  if (!existsSync(path)) throw new CliError({ code: "CLI_BAD_INPUT", input: dir }, `${dir} holds no testnet; create one with: kexin testnet init --dir ${dir}`);
  return JSON.parse(readFileSync(path, "utf8")) as InitTestnetResult;
}

export function registerTestnetCommands(program: Command, context: CliContext): void {
  const testnet = program.command("testnet").description("a local network of BFT validators, one process each");
  testnet
    .command("init")
    .description("write keys, a shared genesis and one node home per validator")
    .option("--dir <dir>", "folder for the network", "./net")
    .option("--validators <n>", "number of validators", wholeNumber(1, 16), 4)
    .option("--chain-id <id>", "chain identifier written into genesis")
    .addOption(new Option("--suite <suite>", "crypto suite of the chain").choices(suiteIds))
    .option("--api-port <port>", "API port of node1; the others follow", wholeNumber(1, 65_000), 7421)
    .option("--p2p-port <port>", "p2p port of node1; the others follow", wholeNumber(1, 65_000), 7521)
    .option("--force", "replace an existing testnet and its data")
    .action(async (options: TestnetInitOptions, command: Command) => {
      const globals = globalOptions(command);
      const { initTestnet } = await import("@kexin/node");
      const result = await initTestnet({
        dir: resolve(options.dir),
        validators: options.validators,
        apiBasePort: options.apiPort,
        p2pBasePort: options.p2pPort,
        ...(options.chainId !== undefined ? { chainId: options.chainId } : {}),
        ...(options.suite !== undefined ? { suite: options.suite } : {}),
        ...(options.force === true ? { force: true } : {}),
      });
      printResult(context, globals, result, () =>
        [
          `testnet ${result.chainId} in ${result.dir}, genesis ${result.genesisHash}`,
          "",
          formatTable(
            ["node", "organisation", "api", "p2p"],
            result.nodes.map((node) => [node.name, node.org, node.apiUrl, node.p2pAddress]),
          ),
          "",
          `keys of organisation admins and sample members are in ${join(result.dir, "keys")} (passphrase "${devPassphrase}")`,
          `start it with: kexin testnet start --dir ${options.dir}`,
        ].join("\n"),
      );
    });
  testnet
    .command("start")
    .description("run every validator of a testnet as its own process until Ctrl-C")
    .option("--dir <dir>", "folder of the network", "./net")
    .action(async (options: { dir: string }, command: Command) => {
      const globals = globalOptions(command);
      const dir = resolve(options.dir);
      const network = readTestnet(dir);
      const children = network.nodes.map((node) => {
        const child = spawn(process.execPath, [cliEntry, "start", "--home", node.home, "--json"], { stdio: ["ignore", "pipe", "pipe"] });
        const prefix = (stream: NodeJS.ReadableStream, target: { write(text: string): unknown }): void => {
          let buffered = "";
          stream.setEncoding("utf8");
          stream.on("data", (chunk: string) => {
            buffered += chunk;
            const lines = buffered.split("\n");
            buffered = lines.pop() ?? "";
            for (const line of lines) target.write(`[${node.name}] ${line}\n`);
          });
        };
        prefix(child.stdout, context.stdout);
        if (!globals.json) prefix(child.stderr, context.stderr);
        else child.stderr.resume();
        const exited = new Promise<number | null>((resolveExit) => child.on("exit", (code) => resolveExit(code)));
        void exited.then((code) => printHuman(context, globals, `${node.name} exited with code ${code}`));
        return { node, child, exited };
      });
      printHuman(context, globals, `started ${children.length} validators of ${network.chainId}; APIs: ${network.nodes.map((node) => node.apiUrl).join(" ")}\npress Ctrl-C to stop`);
      const stop = (): void => {
        for (const { child } of children) if (child.exitCode === null) child.kill("SIGTERM");
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      const codes = await Promise.all(children.map((entry) => entry.exited));
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      if (codes.some((code) => code !== 0 && code !== null)) context.exitCode = 1;
    });
}
