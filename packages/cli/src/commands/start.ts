import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { type CliContext, globalOptions } from "../context.ts";
import { accountsFromKeys } from "../keyStore.ts";
import { formatFields, printHuman, printResult } from "../output.ts";
import { wholeNumber } from "../parsing.ts";
import { type AccountRow, accountsTable, devPassphrase } from "./accounts.ts";

interface StartOptions {
  readonly dev?: boolean;
  readonly apiHost?: string;
  readonly apiPort?: number;
  readonly dataDir?: string;
}

const stopSignals = ["SIGINT", "SIGTERM"] as const;

/** EX_SOFTWARE of sysexits.h: the node stopped producing blocks and was then stopped. */
const haltedExitCode = 70;

interface StopSignal {
  /** Resolves on the first SIGINT or SIGTERM. */
  readonly received: Promise<NodeJS.Signals>;
  /** Stops listening; until then a second signal exits at once, for a node that hangs while closing. */
  dispose(): void;
}

function listenForStopSignal(context: CliContext): StopSignal {
  let resolveSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const received = new Promise<NodeJS.Signals>((resolvePromise) => {
    resolveSignal = resolvePromise;
  });
  let count = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    count += 1;
    if (count > 1) {
      context.stderr.write("second signal: exiting without waiting for the node to close\n");
      process.exit(130);
    }
    resolveSignal(signal);
  };
  for (const signal of stopSignals) process.on(signal, onSignal);
  return { received, dispose: () => stopSignals.forEach((signal) => process.off(signal, onSignal)) };
}

export function registerStartCommand(program: Command, context: CliContext): void {
  program
    .command("start")
    .description("run a node from its home until stopped with Ctrl-C; exits with code 70 if the node had halted")
    .option("--dev", `initialise a development home first if there is none (keys use the passphrase "${devPassphrase}")`)
    .option("--api-host <host>", "address the HTTP API listens on")
    .option("--api-port <port>", "port of the HTTP API", wholeNumber(0, 65_535))
    .option("--data-dir <dir>", "data folder of the node, instead of the one the home's config.json names")
    .action(async (options: StartOptions, command: Command) => {
      const globals = globalOptions(command);
      const dev = options.dev === true;
      const home = resolve(globals.home);
      // Loaded on demand so commands that need no node start fast and work without its native dependencies.
      const { haltReason, initNodeHome, startNode } = await import("@kexin/node");
      let accounts: AccountRow[] = [];
      if (dev && !existsSync(join(home, "genesis.json"))) {
        accounts = (await initNodeHome({ home, dev: true })).accounts;
      } else if (dev) {
        accounts = await accountsFromKeys(home);
      }
      const node = await startNode({
        home,
        dev,
        ...(options.apiHost !== undefined ? { apiHost: options.apiHost } : {}),
        ...(options.apiPort !== undefined ? { apiPort: options.apiPort } : {}),
        ...(options.dataDir !== undefined ? { dataDir: resolve(options.dataDir) } : {}),
        // The node stays up after a halt so that its operator (or a liveness probe) can read why on /healthz.
        onHalt: (error) => {
          context.stderr.write(`the node halted: ${haltReason(error)}\nit answers GET /healthz (503, the reason) and read-only routes until stopped with Ctrl-C or SIGTERM\n`);
        },
      });
      const stop = listenForStopSignal(context);
      printResult(context, globals, { url: node.url, home, dataDir: node.dataDir, accounts, ...(dev ? { passphrase: devPassphrase } : {}) }, () =>
        [
          formatFields([
            ["node", node.url],
            ["home", home],
            ["data", node.dataDir],
          ]),
          ...(accounts.length > 0 ? ["", accountsTable(accounts), "", `the keys' passphrase is "${devPassphrase}"`] : []),
          "",
          "press Ctrl-C to stop",
        ].join("\n"),
      );
      const signal = await stop.received;
      printHuman(context, globals, `${signal}: closing the node…`);
      try {
        await node.close();
      } finally {
        stop.dispose();
      }
      const halted = node.consensus.halted;
      if (halted !== undefined) {
        // A halted engine means broken state, storage or a nearly full disk: exit non-zero so that a supervisor notices.
        context.stderr.write(`node closed after halting: ${haltReason(halted)}\n`);
        context.exitCode = haltedExitCode;
        return;
      }
      printHuman(context, globals, "node closed");
    });
}
