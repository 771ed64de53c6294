import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Command, Option } from "commander";
import { type SuiteId, suiteIds } from "@kexin/core";
import type { InitTestnetResult } from "@kexin/node";
import { type CliContext, globalOptions } from "../context.ts";
import { CliError, badInput } from "../errors.ts";
import { formatFields, formatTable, printHuman, printResult } from "../output.ts";
import { wholeNumber } from "../parsing.ts";
import { devPassphrase } from "./accounts.ts";
import { isAlive, pidFileName, readPidFile, removePidFileOf, spawnAttachedNode, spawnDetachedNode, stopProcess, writePidFile } from "./testnetProcesses.ts";

interface TestnetInitOptions {
  readonly dir: string;
  readonly validators: number;
  readonly chainId?: string;
  readonly suite?: SuiteId;
  readonly apiPort: number;
  readonly p2pPort: number;
  readonly hosts?: readonly string[];
  readonly force?: boolean;
}

/** How long a validator gets to close after SIGTERM before it is killed. */
const stopGraceMs = 15_000;
/** How long a restarted validator gets to answer on its API. */
const restartReadyMs = 60_000;

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
    .option("--hosts <hosts>", "comma-separated hostname or IP address of each validator, node1's first, for a network on several machines (default: all 127.0.0.1)", (value: string) => value.split(",").map((host) => host.trim()))
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
        ...(options.hosts !== undefined ? { hosts: options.hosts } : {}),
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
      const { dataDirHolder, homeDataDir } = await import("@kexin/node");
      const children = network.nodes.map((node) => {
        const child = spawnAttachedNode(node.home);
        // Read by kexin testnet restart, which stops a validator by it.
        if (child.pid !== undefined) writePidFile(node.home, child.pid);
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
        prefix(child.stdout as NodeJS.ReadableStream, context.stdout);
        if (!globals.json) prefix(child.stderr as NodeJS.ReadableStream, context.stderr);
        else child.stderr?.resume();
        const exited = new Promise<number | null>((resolveExit) =>
          child.on("exit", (code) => {
            if (child.pid !== undefined) removePidFileOf(node.home, child.pid);
            resolveExit(code);
          }),
        );
        void exited.then((code) => printHuman(context, globals, `${node.name} exited with code ${code}`));
        return { node, child, exited };
      });
      printResult(context, globals, { chainId: network.chainId, nodes: children.map(({ node, child }) => ({ name: node.name, pid: child.pid ?? null, apiUrl: node.apiUrl })) }, () =>
        [
          `started ${children.length} validators of ${network.chainId}`,
          formatTable(
            ["node", "pid", "api"],
            children.map(({ node, child }) => [node.name, String(child.pid ?? "?"), node.apiUrl]),
          ),
          "press Ctrl-C to stop",
        ].join("\n"),
      );
      const restartedStops: Promise<void>[] = [];
      const stop = (): void => {
        for (const { child } of children) if (child.exitCode === null) child.kill("SIGTERM");
        // A validator restarted by kexin testnet restart runs outside this process; its pid file names it.
        for (const { node, child } of children) {
          const pid = readPidFile(node.home);
          // The lock check keeps a pid file left by a validator that died, its id since reused, from naming a stranger.
          if (pid === undefined || pid === child.pid || dataDirHolder(homeDataDir(node.home)) !== pid) continue;
          restartedStops.push(stopProcess(pid, stopGraceMs).then(() => removePidFileOf(node.home, pid)));
        }
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      const codes = await Promise.all(children.map((entry) => entry.exited));
      await Promise.all(restartedStops);
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      if (codes.some((code) => code !== 0 && code !== null)) context.exitCode = 1;
    });
  testnet
    .command("restart <node>")
    .description(`stop one validator of a running testnet by its process id (its home's ${pidFileName}) and start it again in the background, its output in <home>/node.log`)
    .option("--dir <dir>", "folder of the network", "./net")
    .action(async (name: string, options: { dir: string }, command: Command) => {
      const globals = globalOptions(command);
      const network = readTestnet(resolve(options.dir));
      const node = network.nodes.find((candidate) => candidate.name === name);
      if (!node) throw badInput(name, `${name} is not a validator of this testnet; it has ${network.nodes.map((candidate) => candidate.name).join(", ")}`);
      const { dataDirHolder, homeDataDir } = await import("@kexin/node");
      const dataDir = homeDataDir(node.home);
      const holder = dataDirHolder(dataDir);
      const recorded = readPidFile(node.home);
      let stoppedPid: number | null = null;
      if (holder !== undefined) {
        // The pid file alone could name a process that ended and whose id was reused; the data folder's lock says who runs the node now.
        if (holder === null || holder !== recorded) {
          const named = recorded === undefined ? `no ${pidFileName} names it` : `${pidFileName} names process ${recorded}`;
          throw badInput(name, `${dataDir} is in use by ${holder === null ? "a process" : `process ${holder}`}, but ${named}: it was not started by kexin testnet; stop it yourself, then run this again`);
        }
        await stopProcess(holder, stopGraceMs);
        if (isAlive(holder)) throw badInput(name, `process ${holder} (${name}) did not exit after SIGTERM and SIGKILL`);
        stoppedPid = holder;
      }
      const { child, logFile } = spawnDetachedNode(node.home);
      if (child.pid === undefined) throw badInput(name, `could not start ${name}; see ${logFile}`);
      writePidFile(node.home, child.pid);
      await waitForApi(node.apiUrl, child, logFile);
      printResult(context, globals, { node: name, stoppedPid, pid: child.pid, apiUrl: node.apiUrl, logFile }, () =>
        formatFields([
          ["stopped", stoppedPid === null ? `${name} was not running` : `${name} (process ${stoppedPid})`],
          ["started", `${name} as process ${child.pid}, in the background`],
          ["api", node.apiUrl],
          ["log", logFile],
        ]),
      );
    });
}

async function waitForApi(apiUrl: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + restartReadyMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = readFileSync(logFile, "utf8");
      throw new CliError({ code: "CLI_BAD_INPUT", input: apiUrl }, `the restarted node exited (${child.exitCode ?? child.signalCode}) before its API answered; the end of ${logFile}:\n${log.slice(-2_000)}`);
    }
    const answered = await fetch(`${apiUrl}/healthz`).then((response) => response.ok, () => false);
    if (answered) return;
    if (Date.now() > deadline) throw new CliError({ code: "CLI_BAD_INPUT", input: apiUrl }, `the restarted node's API at ${apiUrl} did not answer within ${restartReadyMs / 1_000} s; see ${logFile}`);
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 200));
  }
}
