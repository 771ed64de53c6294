import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type SuiteId, getSuite } from "@kexin/core";

export interface SignatureCheck {
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

/** Checks many signatures at once; the answer has one boolean per check, in order. */
export interface SignatureVerifier {
  verify(checks: readonly SignatureCheck[]): Promise<boolean[]>;
  close(): Promise<void>;
}

export function defaultSignatureWorkers(): number {
  // Leave one core to the main thread, which decodes, executes and commits.
  return Math.max(1, availableParallelism() - 1);
}

/** Verifies on the calling thread; for tests and for nodes configured with no workers. */
export class InlineSignatureVerifier implements SignatureVerifier {
  constructor(private readonly suiteId: SuiteId) {}

  async verify(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    const suite = getSuite(this.suiteId);
    return checks.map((check) => suite.verify(check.publicKey, check.message, check.signature));
  }

  async close(): Promise<void> {}
}

interface PendingRequest {
  readonly resolve: (results: boolean[]) => void;
  readonly reject: (error: Error) => void;
}

type WorkerReply = { id: number; results: boolean[] } | { id: number; error: string };

/**
 * Spreads signature checks over worker threads, so that verification — the dearest step of
 * admission — runs beside the main thread instead of on it. Each batch is split into one slice
 * per worker; results come back in the order of the checks.
 */
export class WorkerSignatureVerifier implements SignatureVerifier {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, PendingRequest>();
  private nextRequestId = 0;
  private nextWorker = 0;
  private closed = false;

  constructor(suiteId: SuiteId, workerCount: number) {
    const entry = new URL("./signatureWorker.js", import.meta.url);
    for (let index = 0; index < workerCount; index++) {
      const worker = new Worker(entry, { workerData: { suite: suiteId } });
      worker.on("message", (reply: WorkerReply) => this.settle(reply));
      worker.on("error", (error) => this.failAll(error));
      this.workers.push(worker);
    }
  }

  async verify(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    if (this.closed) throw new Error("the signature verifier is closed");
    if (checks.length === 0) return [];
    const sliceSize = Math.ceil(checks.length / this.workers.length);
    const slices: Promise<boolean[]>[] = [];
    for (let start = 0; start < checks.length; start += sliceSize) {
      slices.push(this.send(checks.slice(start, start + sliceSize)));
    }
    return (await Promise.all(slices)).flat();
  }

  private send(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    const id = this.nextRequestId++;
    const worker = this.workers[this.nextWorker++ % this.workers.length] as Worker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, checks: checks.map((check) => [check.publicKey, check.message, check.signature]) });
    });
  }

  private settle(reply: WorkerReply): void {
    const request = this.pending.get(reply.id);
    if (!request) return;
    this.pending.delete(reply.id);
    if ("error" in reply) request.reject(new Error(`signature worker failed: ${reply.error}`));
    else request.resolve(reply.results);
  }

  private failAll(error: Error): void {
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new Error("the signature verifier was closed"));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
