import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type NodeProcess, freePort, startNodeProcess } from "../support/nodeProcess.ts";
import { type RunningTestnet, getJson, startTestnet } from "../support/testnet.ts";
import type { Chain } from "./scenario.ts";

/** One node of the chain under test, whose process can be killed, paused and started again. */
export interface ClusterNode {
  readonly name: string;
  readonly url: string;
  /** Hex; undefined for a solo node, which is the only proposer there is. */
  readonly validatorPublicKey: string | undefined;
  running(): boolean;
  pid(): number | undefined;
  start(): Promise<void>;
  /** Sends `signal` and waits (bounded) for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  output(): string;
}

export interface Cluster {
  readonly chain: Chain;
  readonly nodes: readonly ClusterNode[];
  /** Where alice's key file is. */
  readonly keysDir: string;
  readonly chainId: string;
  /** SIGKILLs every node process and removes the chain's folder. */
  stop(): Promise<void>;
}

export async function startCluster(chain: Chain): Promise<Cluster> {
  return chain.kind === "solo" ? startSoloCluster() : clusterOfTestnet(await startTestnet(chain.validators));
}

/** A cluster over a testnet that is already running (so that several scenarios can share one). */
export function clusterOfTestnet(testnet: RunningTestnet): Cluster {
  return {
    chain: { kind: "bft", validators: testnet.nodes.length },
    nodes: testnet.nodes.map((member, index) => ({
      name: member.name,
      url: member.url,
      validatorPublicKey: testnet.layout.nodes[index]?.validatorPublicKey,
      running: () => member.running(),
      pid: () => member.pid(),
      start: () => member.start(),
      kill: (signal) => member.kill(signal),
      output: () => member.output(),
    })),
    keysDir: join(testnet.dir, "keys"),
    chainId: testnet.layout.chainId,
    stop: () => testnet.stop(),
  };
}

/** A `kexin start --dev` node in a temporary home, restarted on the same home and port. */
async function startSoloCluster(): Promise<Cluster> {
  const home = mkdtempSync(join(tmpdir(), "kexin-faults-solo-"));
  const port = await freePort();
  let current: NodeProcess | undefined;
  const running = (): boolean => current !== undefined && current.child.exitCode === null && current.child.signalCode === null;
  const node: ClusterNode = {
    name: "node",
    url: `http://127.0.0.1:${port}`,
    validatorPublicKey: undefined,
    running,
    pid: () => current?.child.pid,
    start: async () => {
      current = await startNodeProcess(home, port, 60_000);
    },
    kill: async (signal) => {
      await current?.kill(signal);
    },
    output: () => current?.output() ?? "",
  };
  const stop = async (): Promise<void> => {
    await current?.kill("SIGKILL");
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await node.start();
    const chainId = (await getJson(`${node.url}/v1/status`)).chainId as string;
    return { chain: { kind: "solo" }, nodes: [node], keysDir: join(home, "keys"), chainId, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
