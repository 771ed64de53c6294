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
