import { randomInt } from "node:crypto";
import { createServer } from "node:net";

/**
 * Asks the kernel for a free TCP port on 127.0.0.1. Another process could take it before the
 * caller binds it; on a benchmark machine that race is rare, and the start-up wait then fails loudly.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("could not read the port of a probe socket"));
        return;
      }
      const port = address.port;
      server.close(() => resolve(port));
    });
  });
}

/** Listens on one port and closes again; resolves whether the bind succeeded. */
function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

const rangeAttemptsMax = 50;
// Below the usual ephemeral range (32768–60999), so the outgoing connections the nodes open to each
// other while they start cannot take a port another node has yet to bind.
const rangeLowest = 20_000;
const rangeHighest = 32_000;

/**
 * The first of `count` consecutive ports on 127.0.0.1 that were all free when probed, for
 * programs that take a base port and use the ones after it (`kexin testnet init`). The same
 * race as freePort applies.
 */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < rangeAttemptsMax; attempt++) {
    const base = randomInt(rangeLowest, rangeHighest - count);
    let free = true;
    for (let port = base; port < base + count && free; port++) free = await canBind(port);
    if (free) return base;
  }
  throw new Error(`found no ${count} consecutive free ports between ${rangeLowest} and ${rangeHighest} in ${rangeAttemptsMax} attempts`);
}
