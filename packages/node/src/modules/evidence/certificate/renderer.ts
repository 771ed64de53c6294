import { createHash } from "node:crypto";
import { Worker } from "node:worker_threads";
import { CertificateError, type CertificateErrorType } from "./errors.ts";
import type { RenderEvidenceCertificateParameters, RenderEvidenceCertificateReturnType } from "./index.ts";
import { certificateLimits } from "./limits.ts";

interface PendingRequest {
  readonly resolve: (result: RenderEvidenceCertificateReturnType) => void;
  readonly reject: (error: Error) => void;
}

type WorkerReply =
  | { readonly id: number; readonly result: RenderEvidenceCertificateReturnType }
  | { readonly id: number; readonly error: { readonly message: string; readonly type?: CertificateErrorType } };

export interface CertificateRendererOptions {
  readonly pendingMax?: number;
  readonly cachedMax?: number;
  readonly workerIdleMs?: number;
}

/**
 * Draws certificates for the API on one worker thread, so that parsing the CJK font (about a
 * second, once) and subsetting it (about 0.15 s per certificate) never hold up the main thread,
 * which runs consensus. The worker starts with the first request and stops after an idle minute;
 * requests beyond `pendingMax` are refused with CERTIFICATE_BUSY, and recent certificates are kept,
 * since the same proof and link always give the same bytes.
 */
export class CertificateRenderer {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, PendingRequest>();
  private readonly cache = new Map<string, RenderEvidenceCertificateReturnType>();
  private nextRequestId = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly pendingMax: number;
  private readonly cachedMax: number;
  private readonly workerIdleMs: number;

  constructor(options: CertificateRendererOptions = {}) {
    this.pendingMax = options.pendingMax ?? certificateLimits.pendingMax;
    this.cachedMax = options.cachedMax ?? certificateLimits.cachedMax;
    this.workerIdleMs = options.workerIdleMs ?? certificateLimits.workerIdleMs;
  }

  async render(parameters: RenderEvidenceCertificateParameters): Promise<RenderEvidenceCertificateReturnType> {
    if (this.closed) throw new Error("the certificate renderer is closed");
    const key = createHash("sha256").update(JSON.stringify(parameters.proof) ?? "").update("\n").update(parameters.baseUrl).digest("hex");
    const cached = this.cache.get(key);
    if (cached) {
      // Map order is insertion order: re-inserting makes this the most recently used.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    if (this.pending.size >= this.pendingMax) {
      throw new CertificateError({ code: "CERTIFICATE_BUSY", pending: this.pending.size }, `the node is drawing ${this.pending.size} certificates already; try again in a moment`);
    }
    const result = await this.send(parameters);
    this.cache.set(key, result);
    if (this.cache.size > this.cachedMax) this.cache.delete(this.cache.keys().next().value as string);
    return result;
  }

  private send(parameters: RenderEvidenceCertificateParameters): Promise<RenderEvidenceCertificateReturnType> {
    clearTimeout(this.idleTimer);
    const worker = this.startWorker();
    const id = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, proof: parameters.proof, baseUrl: parameters.baseUrl });
    });
  }

  private startWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./worker.js", import.meta.url));
    worker.on("message", (reply: WorkerReply) => this.settle(reply));
    // A worker stopped on purpose (idle, close) has been detached first and has nothing pending.
    worker.on("error", (error) => {
      if (this.worker === worker) this.failAll(error);
    });
    worker.on("exit", (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(new Error(`the certificate worker stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: WorkerReply): void {
    const request = this.pending.get(reply.id);
    if (!request) return;
    this.pending.delete(reply.id);
    if ("error" in reply) {
      const { message, type } = reply.error;
      request.reject(type ? new CertificateError(type, message) : new Error(`the certificate worker failed: ${message}`));
    } else {
      request.resolve({ ...reply.result, pdf: new Uint8Array(reply.result.pdf) });
    }
    if (this.pending.size === 0) this.scheduleIdleStop();
  }

  private scheduleIdleStop(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const worker = this.worker;
      this.worker = undefined;
      void worker?.terminate();
    }, this.workerIdleMs);
    this.idleTimer.unref();
  }

  private failAll(error: Error): void {
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.failAll(new Error("the certificate renderer was closed"));
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
