import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type SuiteId, getSuite } from "@kexin/core";
import { packSignatureChecks } from "./signatureSlice.ts";

export interface SignatureCheck {
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

/** Checks many signatures at once; the answer has one boolean per check, in order. */
export interface SignatureVerifier {
  verify(checks: readonly SignatureCheck[]): Promise<boolean[]>;
  /** As verify, but the checks can later be moved ahead of every check still waiting for a thread. */
  schedule(checks: readonly SignatureCheck[]): ScheduledVerification;
  close(): Promise<void>;
}

export interface ScheduledVerification {
  readonly results: Promise<boolean[]>;
  /** Moves this request's checks that no thread has started yet ahead of all others, e.g. because a proposed block waits for them. */
  expedite(): void;
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

  schedule(checks: readonly SignatureCheck[]): ScheduledVerification {
    return { results: this.verify(checks), expedite: () => undefined };
  }

  async close(): Promise<void> {}
}

interface PendingSlice {
  readonly worker: number;
  readonly resolve: (results: boolean[]) => void;
  readonly reject: (error: Error) => void;
}

/** A worker's verdicts: one byte per check of the slice, 1 for a valid signature. */
type WorkerReply = { id: number; verdicts: Uint8Array } | { id: number; error: string };

/** Checks per slice a worker is given: an expedited request waits for at most one slice in progress (about 20 ms of Ed25519). */
const sliceChecksMax = 256;

/**
 * Spreads signature checks over worker threads, so that verification — the dearest step of
 * admission — runs beside the main thread instead of on it. Each request is cut into slices,
 * handed out round-robin at once so the workers never wait for the main thread; a worker verifies
 * its slices in order, one per turn of its event loop, and moves an expedited request's slices
 * ahead of the others. Results come back in the order of the checks.
 */
export class WorkerSignatureVerifier implements SignatureVerifier {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, PendingSlice>();
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
    return this.schedule(checks).results;
  }

  schedule(checks: readonly SignatureCheck[]): ScheduledVerification {
    if (this.closed) return { results: Promise.reject(new Error("the signature verifier is closed")), expedite: () => undefined };
    const ids: number[] = [];
    const slices: Promise<boolean[]>[] = [];
    for (let start = 0; start < checks.length; start += sliceChecksMax) {
      const id = this.nextRequestId++;
      const worker = this.nextWorker++ % this.workers.length;
      ids.push(id);
      slices.push(new Promise((resolve, reject) => this.pending.set(id, { worker, resolve, reject })));
      const packed = packSignatureChecks(checks.slice(start, start + sliceChecksMax));
      (this.workers[worker] as Worker).postMessage({ id, packed }, [packed]);
    }
    return {
      results: Promise.all(slices).then((parts) => parts.flat()),
      expedite: () => {
        const byWorker = new Map<number, number[]>();
        for (const id of ids) {
          const slice = this.pending.get(id);
          if (slice) byWorker.set(slice.worker, [...(byWorker.get(slice.worker) ?? []), id]);
        }
        for (const [worker, expedite] of byWorker) (this.workers[worker] as Worker).postMessage({ expedite });
      },
    };
  }

  private settle(reply: WorkerReply): void {
    const slice = this.pending.get(reply.id);
    if (!slice) return;
    this.pending.delete(reply.id);
    if ("error" in reply) slice.reject(new Error(`signature worker failed: ${reply.error}`));
    else slice.resolve(Array.from(reply.verdicts, (verdict) => verdict === 1));
  }

  private failAll(error: Error): void {
    for (const slice of this.pending.values()) slice.reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new Error("the signature verifier was closed"));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
