import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getSuite } from "@kexin/core";
import { type NodeConfig, devPassphrase } from "@kexin/node";
import { writeKey } from "../../packages/node/src/home.ts";
import { publicKeyHexFromSeed } from "../../packages/node/src/p2p/index.ts";
import { type NodeProcess, freePortRange, kexinBin, startProcessUntilHealthy } from "./nodeProcess.ts";
import type { RunningTestnet } from "./testnet.ts";

/**
 * A node that follows a BFT testnet without voting. Its node key must be in genesis before the
 * validators start (their connection gaters admit only registered node keys), so the key is made
 * first and the home written once the testnet runs.
 */
export interface FollowerKey {
  readonly seed: Uint8Array;
  /** The node key as genesis lists it. */
  readonly publicKey: string;
}

export function createFollowerKey(): FollowerKey {
  const seed = getSuite("intl").generatePrivateKey();
  return { seed, publicKey: publicKeyHexFromSeed(seed) };
}

/**
 * Writes a home beside the testnet's (the validators' genesis, its own node key, no validator key,
 * an empty data folder, every validator as a bootstrap peer) and starts `kexin start` on it.
 */
export async function startFollower(testnet: RunningTestnet, key: FollowerKey, name = "follower"): Promise<NodeProcess & { readonly home: string }> {
  const first = testnet.layout.nodes[0];
  if (!first) throw new Error("a testnet without validators has nothing to follow");
  const home = join(testnet.dir, name);
  mkdirSync(join(home, "keys"), { recursive: true });
  copyFileSync(join(first.home, "genesis.json"), join(home, "genesis.json"));
  writeKey(home, "node", "intl", key.seed, devPassphrase, true);
  const apiPort = await freePortRange(2);
  const p2pPort = apiPort + 1;
  const config: NodeConfig = {
    api: { host: "127.0.0.1", port: apiPort },
    dataDir: "data",
    validatorPassphrase: devPassphrase,
    p2p: { nodeKeyFile: "keys/node.key", listen: { host: "127.0.0.1", port: p2pPort }, bootstrap: testnet.layout.nodes.map((node) => node.p2pAddress) },
  };
  writeFileSync(join(home, "config.json"), `${JSON.stringify(config, null, 2)}\n`);
  const command = [process.execPath, kexinBin, "start", "--home", home];
  return { ...(await startProcessUntilHealthy(command, apiPort)), home };
}
