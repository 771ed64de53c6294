import { parentPort, workerData } from "node:worker_threads";
import { getSuite } from "@kexin/core";

const suite = getSuite((workerData as { suite: string }).suite);

parentPort?.on("message", (request: { id: number; checks: [Uint8Array, Uint8Array, Uint8Array][] }) => {
  try {
    const results = request.checks.map(([publicKey, message, signature]) => suite.verify(publicKey, message, signature));
    parentPort?.postMessage({ id: request.id, results });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
