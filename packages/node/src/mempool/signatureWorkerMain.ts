import { parentPort, workerData } from "node:worker_threads";
// Only the suites: core's index would load every service's wire schemas into this isolate, about 20 MB kept for the node's life.
import { getSuite } from "@kexin/core/crypto";
import { unpackSignatureChecks } from "./signatureSlice.ts";

const suite = getSuite((workerData as { suite: string }).suite);

type Request = { id: number; packed: ArrayBuffer };
type Message = Request | { expedite: number[] };

/**
 * Requests wait here in arrival order, and one is verified per turn of this thread's event loop, so
 * an `expedite` message that arrives meanwhile can move waiting requests to the front.
 */
let waiting: Request[] = [];
let scheduled = false;

function verifyNext(): void {
  scheduled = false;
  const request = waiting.shift();
  if (request === undefined) return;
  try {
    const checks = unpackSignatureChecks(request.packed);
    const verdicts = new Uint8Array(checks.length);
    checks.forEach((check, index) => (verdicts[index] = suite.verify(check.publicKey, check.message, check.signature) ? 1 : 0));
    parentPort?.postMessage({ id: request.id, verdicts }, [verdicts.buffer]);
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
  schedule();
}

function schedule(): void {
  if (scheduled || waiting.length === 0) return;
  scheduled = true;
  setImmediate(verifyNext);
}

parentPort?.on("message", (message: Message) => {
  if ("expedite" in message) {
    const ids = new Set(message.expedite);
    waiting = [...waiting.filter((request) => ids.has(request.id)), ...waiting.filter((request) => !ids.has(request.id))];
  } else {
    waiting.push(message);
  }
  schedule();
});
