import { readFile } from "node:fs/promises";
import type { SuiteId } from "@kexin/core";
import { join } from "node:path";
import { type Cleanup, temporaryDirectory } from "../cleanup.ts";
import { BenchFailure } from "../errors.ts";
import { isRecord } from "../http.ts";
import { freePortRange } from "../port.ts";
import { ManagedProcess, runCommand } from "../process.ts";
import { waitFor } from "../wait.ts";
import { KexinApi } from "./api.ts";
import { benchNodeFlags } from "./node.ts";

export interface TestnetOptions {
  readonly root: string;
  readonly validators: number;
  /** The chain's crypto suite (`kexin testnet init --suite`). */
  readonly suite: SuiteId;
  readonly verbose: boolean;
  readonly initTimeoutMs?: number;
  readonly startTimeoutMs?: number;
  /** Bound on each API request the bench makes to a validator. */
  readonly requestTimeoutMs?: number;
}

export interface TestnetValidator {
  readonly name: string;
  readonly home: string;
  /** Hex, as block headers name their proposer. */
  readonly validatorPublicKey: string;
  readonly api: KexinApi;
  readonly process: ManagedProcess;
}

export interface Testnet {
  /** Holds testnet.json and keys/ (organisation admins and sample members, dev passphrase). */
  readonly dir: string;
  readonly chainId: string;
  readonly validators: readonly TestnetValidator[];
  /** Throws if any validator has exited; for waits. */
  assertRunning(): void;
  /** For error paths: waits briefly for a crashed validator's exit, then throws it with its output. */
  assertRunningAfter(graceMs: number): Promise<void>;
  /** Stops every validator at once (SIGTERM, then SIGKILL), bounded. */
  stop(): Promise<void>;
}

interface TestnetLayout {
  readonly chainId: string;
  readonly nodes: readonly { readonly name: string; readonly home: string; readonly apiUrl: string; readonly validatorPublicKey: string }[];
}

/** The parts of testnet.json the bench uses, checked, so a changed format fails here and not later. */
function parseLayout(text: string, path: string): TestnetLayout {
  const value: unknown = JSON.parse(text);
  const nodes = isRecord(value) && Array.isArray(value.nodes) ? value.nodes : undefined;
  if (!isRecord(value) || typeof value.chainId !== "string" || nodes === undefined) throw new BenchFailure(`${path} has no chainId or nodes`);
  return {
    chainId: value.chainId,
    nodes: nodes.map((node: unknown, index) => {
      if (!isRecord(node) || typeof node.name !== "string" || typeof node.home !== "string" || typeof node.apiUrl !== "string" || typeof node.validatorPublicKey !== "string") {
        throw new BenchFailure(`${path}: node ${index} lacks name, home, apiUrl or validatorPublicKey`);
      }
      return { name: node.name, home: node.home, apiUrl: node.apiUrl, validatorPublicKey: node.validatorPublicKey };
    }),
  };
}

/**
 * Writes a BFT network with `kexin testnet init` in a fresh temporary folder, on free ports, and
 * starts every validator as its own process (`kexin start --home <dir>/nodeN`), then waits for
 * each one's GET /healthz. Processes and folder are handed to `cleanup`.
 */
export async function startTestnet(cleanup: Cleanup, options: TestnetOptions): Promise<Testnet> {
  const parent = await temporaryDirectory(cleanup, "kexin-bench-bft-");
  const dir = join(parent, "net");
  const cli = join(options.root, "packages/cli/bin/kexin.js");
  const spawnOptions = { cwd: options.root, echo: options.verbose };
  const nodeFlags = benchNodeFlags();
  // One range for both: node i takes API port base + i and P2P port base + validators + i.
  const basePort = await freePortRange(2 * options.validators);
  await runCommand(
    cleanup,
    "kexin testnet init",
    process.execPath,
    [cli, "testnet", "init", "--dir", dir, "--validators", String(options.validators), "--api-port", String(basePort), "--p2p-port", String(basePort + options.validators), "--suite", options.suite, "--json"],
    options.initTimeoutMs ?? 60_000,
    spawnOptions,
  );
  const layoutPath = join(dir, "testnet.json");
  const layout = parseLayout(await readFile(layoutPath, "utf8"), layoutPath);
  if (layout.nodes.length !== options.validators) throw new BenchFailure(`${layoutPath} lists ${layout.nodes.length} nodes, expected ${options.validators}`);

  const validators = layout.nodes.map(
    (node): TestnetValidator => ({
      name: node.name,
      home: node.home,
      validatorPublicKey: node.validatorPublicKey,
      api: new KexinApi(node.apiUrl, options.requestTimeoutMs ?? 120_000),
      process: ManagedProcess.start(cleanup, `kexin ${node.name}`, process.execPath, [...nodeFlags, cli, "start", "--home", node.home], spawnOptions),
    }),
  );
  const assertRunning = (): void => {
    for (const validator of validators) validator.process.assertRunning();
  };
  await Promise.all(
    validators.map((validator) =>
      waitFor(`${validator.name} to answer GET /healthz`, () => validator.api.healthz(), {
        timeoutMs: options.startTimeoutMs ?? 60_000,
        intervalMs: 100,
        abortIf: assertRunning,
      }),
    ),
  );
  return {
    dir,
    chainId: layout.chainId,
    validators,
    assertRunning,
    async assertRunningAfter(graceMs) {
      await Promise.all(validators.map((validator) => validator.process.assertRunningAfter(graceMs)));
    },
    async stop() {
      await Promise.all(validators.map((validator) => validator.process.stop()));
    },
  };
}
