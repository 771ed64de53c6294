import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getSuite, importEncryptedKeyFile, signTx, toHex } from "@kexin/core";
import { type Genesis, type InitTestnetOptions, type InitTestnetResult, genesisHash, initTestnet, parseGenesis } from "@kexin/node";
import { WaitAbandoned, freePortRange, kexinBin, repositoryRoot, waitFor } from "./nodeProcess.ts";

const outputBytesMax = 256 * 1024;

export interface TestnetMember {
  readonly name: string;
  readonly url: string;
  readonly home: string;
  /** Starts the node's process (again); resolves when its API answers. */
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  running(): boolean;
  /** The process id of the node's current process, or undefined before its first start. */
  pid(): number | undefined;
  output(): string;
}

export interface RunningTestnet {
  readonly dir: string;
  readonly layout: InitTestnetResult;
  readonly nodes: readonly TestnetMember[];
  stop(): Promise<void>;
}

export interface StartTestnetOptions {
  readonly hosts?: readonly string[];
  readonly wrap?: (index: number) => readonly string[];
  /** Services' genesis sections, written by initTestnet. */
  readonly sections?: InitTestnetOptions["sections"];
  /** Changes the generated genesis (sections, members, node keys) before any node starts; every home gets the result. */
  readonly amendGenesis?: (genesis: Genesis, layout: InitTestnetResult) => Genesis;
  /** How long each node may take to answer after its process starts (default 60 s); more nodes starting at once share the cores. */
  readonly startTimeoutMs?: number;
}

/** Creates a testnet in a temporary folder on free ports and starts every validator as its own process. */
export async function startTestnet(validators: number, options: StartTestnetOptions = {}): Promise<RunningTestnet> {
  const dir = mkdtempSync(join(tmpdir(), "kexin-testnet-"));
  // Node i listens on apiBasePort + i and p2pBasePort + i: one block of free ports holds both ranges.
  const apiBasePort = await freePortRange(2 * validators);
  const p2pBasePort = apiBasePort + validators;
  const initialised = await initTestnet({ dir, validators, apiBasePort, p2pBasePort, ...(options.hosts ? { hosts: options.hosts } : {}), ...(options.sections ? { sections: options.sections } : {}) });
  const layout = options.amendGenesis ? amendTestnetGenesis(initialised, options.amendGenesis) : initialised;
  const nodes = layout.nodes.map((node, index) => {
    let child: ChildProcess | undefined;
    let output = "";
    let exited: Promise<void> = Promise.resolve();
    const member: TestnetMember = {
      name: node.name,
      url: node.apiUrl,
      home: node.home,
      running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
      pid: () => child?.pid,
      output: () => output,
      start: async () => {
        const command = [process.execPath, kexinBin, "start", "--home", node.home];
        const wrapped = [...(options.wrap?.(index) ?? []), ...command];
        child = spawn(wrapped[0] as string, wrapped.slice(1), { cwd: repositoryRoot, stdio: ["ignore", "pipe", "pipe"] });
        const append = (data: unknown): void => {
          output += String(data);
          if (output.length > outputBytesMax) output = output.slice(-outputBytesMax / 2);
        };
        child.stdout?.on("data", append);
        child.stderr?.on("data", append);
        const current = child;
        exited = new Promise((resolve) => current.once("exit", () => resolve()));
        await waitFor(
          `${node.name}'s API to answer`,
          async () => {
            if (current.exitCode !== null || current.signalCode !== null) {
              throw new WaitAbandoned(`${node.name} exited (${current.exitCode ?? current.signalCode}) before its API answered: ${output.slice(-4000)}`);
            }
            const response = await fetch(`${node.apiUrl}/healthz`);
            return response.ok ? true : undefined;
          },
          options.startTimeoutMs ?? 60_000,
        ).catch((error: unknown) => {
          if (error instanceof WaitAbandoned) throw error;
          throw new Error(`${error instanceof Error ? error.message : String(error)}; ${node.name}'s output ends: ${output.slice(-2000)}`);
        });
      },
      kill: async (signal: NodeJS.Signals = "SIGKILL") => {
        if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      },
    };
    return member;
  });
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.kill("SIGKILL")));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(nodes.map((node) => node.start()));
  } catch (error) {
    await stop();
    throw error;
  }
  return { dir, layout, nodes, stop };
}

/** Rewrites every home's genesis.json with the amended genesis (checked as a node would check it) and answers the layout with its new hash. */
function amendTestnetGenesis(layout: InitTestnetResult, amend: (genesis: Genesis, layout: InitTestnetResult) => Genesis): InitTestnetResult {
  const first = layout.nodes[0];
  if (!first) throw new Error("a testnet without nodes has no genesis to amend");
  const genesis = parseGenesis(amend(parseGenesis(JSON.parse(readFileSync(join(first.home, "genesis.json"), "utf8"))), layout));
  for (const node of layout.nodes) writeFileSync(join(node.home, "genesis.json"), `${JSON.stringify(genesis, null, 2)}\n`);
  return { ...layout, genesisHash: toHex(genesisHash(getSuite(genesis.suite), genesis)) };
}

/** Bounds every read, so that a node that stopped answering (e.g. one paused with SIGSTOP) fails the request instead of hanging it. */
const requestTimeoutMs = 10_000;

export async function getJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(requestTimeoutMs) });
  return (await response.json()) as Record<string, unknown>;
}

export async function heightOf(url: string): Promise<number> {
  return (await getJson(`${url}/v1/status`)).height as number;
}

export async function blockHashAt(url: string, height: number): Promise<string | undefined> {
  const response = await fetch(`${url}/v1/blocks/${height}`, { signal: AbortSignal.timeout(requestTimeoutMs) });
  if (response.status === 404) return undefined;
  return ((await response.json()) as { hash: string }).hash;
}

/** Signs points issues from alice (the sample merchant) with consecutive nonces. */
export function aliceIssues(testnet: RunningTestnet, firstNonce: number, count: number): { hex: string; hash: string }[] {
  return aliceSigner(join(testnet.dir, "keys"), testnet.layout.chainId).issues(firstNonce, count);
}

export interface AliceSigner {
  readonly address: string;
  /** Points issues from alice with consecutive nonces from `firstNonce`. */
  issues(firstNonce: number, count: number): { hex: string; hash: string }[];
}

/** Alice's key from `keysDir` (a dev home's or a testnet's), decrypted once for many batches. */
export function aliceSigner(keysDir: string, chainId: string): AliceSigner {
  const key = importEncryptedKeyFile(readFileSync(join(keysDir, "alice.key"), "utf8"), "kexin-dev");
  const suite = getSuite(key.suite);
  return {
    address: toHex(suite.hash(key.publicKey).subarray(0, 20)),
    issues: (firstNonce, count) =>
      Array.from({ length: count }, (_, offset) => {
        const nonce = firstNonce + offset;
        const recipient = toHex(suite.hash(new TextEncoder().encode(`recipient ${nonce % 50}`)).subarray(0, 20));
        const signed = signTx(suite, key.privateKey, { chainId, nonce, module: "points", type: "issue", payload: { to: recipient, amount: 1 }, expiry: 1_000_000 });
        return { hex: toHex(signed.bytes), hash: toHex(signed.hash) };
      }),
  };
}

export async function submit(url: string, txs: readonly { hex: string }[]): Promise<number> {
  const response = await fetch(`${url}/v1/txs/batch`, { method: "POST", signal: AbortSignal.timeout(requestTimeoutMs), headers: { "content-type": "application/json" }, body: JSON.stringify({ txs: txs.map((tx) => tx.hex) }) });
  const answer = (await response.json()) as { accepted: number };
  return answer.accepted;
}

/** Every running node agrees on the hash of every height up to the lowest head among them. */
export async function assertNoFork(nodes: readonly TestnetMember[]): Promise<number> {
  const running = nodes.filter((node) => node.running());
  const heights = await Promise.all(running.map((node) => heightOf(node.url)));
  const common = Math.min(...heights);
  for (let height = 1; height <= common; height += 1) {
    const hashes = await Promise.all(running.map((node) => blockHashAt(node.url, height)));
    if (new Set(hashes).size !== 1) throw new Error(`fork at height ${height}: ${running.map((node, index) => `${node.name}=${hashes[index]}`).join(" ")}`);
  }
  return common;
}
