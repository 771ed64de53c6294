/**
 * Runs ganache in its own process so the peer, like the Kexin node, is measured from outside
 * through its public API and does not share an event loop with the load generator.
 * Usage: node --import tsx bench/peers/ganache/server.ts <path of a GanacheServerConfig JSON file>
 * Prints "ganache listening on <url>" once it accepts requests.
 */
import { readFileSync } from "node:fs";
import ganache from "ganache";

export interface GanacheServerConfig {
  readonly port: number;
  readonly chainId: number;
  readonly accounts: readonly { readonly secretKey: string; readonly balance: string }[];
  readonly instamine: "eager" | "strict";
  readonly asyncRequestProcessing: boolean;
}

function readConfig(): GanacheServerConfig {
  const path = process.argv[2];
  if (path === undefined) throw new Error("usage: server.ts <config JSON file>");
  return JSON.parse(readFileSync(path, "utf8")) as GanacheServerConfig;
}

async function main(): Promise<void> {
  const config = readConfig();
  const server = ganache.server({
    logging: { quiet: true },
    chain: { chainId: config.chainId, asyncRequestProcessing: config.asyncRequestProcessing },
    wallet: { accounts: config.accounts.map((account) => ({ secretKey: account.secretKey, balance: account.balance })) },
    // Instamine: a block is mined for executable transactions as they arrive; in "eager" mode
    // the answer to eth_sendRawTransaction comes after the block.
    miner: { blockTime: 0, instamine: config.instamine },
  });
  await server.listen(config.port, "127.0.0.1");
  process.stdout.write(`ganache listening on http://127.0.0.1:${config.port}\n`);
  const close = (): void => {
    void server.close().finally(() => process.exit(0));
  };
  process.once("SIGTERM", close);
  process.once("SIGINT", close);
}

main().catch((error: unknown) => {
  process.stderr.write(`ganache server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
