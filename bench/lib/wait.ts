import { setTimeout as delay } from "node:timers/promises";
import { BenchFailure } from "./errors.ts";

export class TimeoutError extends Error {
  override readonly name = "TimeoutError";
}

export function sleep(milliseconds: number): Promise<void> {
  return delay(milliseconds);
}

/** Rejects with a TimeoutError naming `what` if the promise has not settled within the bound. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface WaitForOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Checked between attempts; a thrown error ends the wait at once (for example: the process under test died). */
  readonly abortIf?: () => void;
}

/**
 * Polls `probe` until it returns a value other than undefined, or throws a TimeoutError naming
 * `what`. A probe that throws counts as "not yet" (a server that is still starting refuses
 * connections), and the last such error is included in the timeout message; a BenchFailure is
 * final and ends the wait at once.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, options: WaitForOptions): Promise<T> {
  const deadline = performance.now() + options.timeoutMs;
  const intervalMs = options.intervalMs ?? 100;
  let lastError: unknown;
  for (;;) {
    options.abortIf?.();
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof BenchFailure) throw error;
      lastError = error;
    }
    if (performance.now() >= deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new TimeoutError(`timed out after ${options.timeoutMs} ms waiting for ${what}${reason}`);
    }
    await sleep(intervalMs);
  }
}

export interface StallWatchdog {
  /** Rejects with a BenchFailure once nothing has progressed for the bound; never resolves. */
  readonly tripped: Promise<never>;
  stop(): void;
}

/**
 * Guards a phase whose requests may each legitimately take long (a peer answering a batch only
 * after mining it) but which must keep making progress: trips once `lastProgressAtMs()` is older
 * than `stallMs`.
 */
export function stallWatchdog(what: string, lastProgressAtMs: () => number, stallMs: number): StallWatchdog {
  let timer: NodeJS.Timeout | undefined;
  const tripped = new Promise<never>((_resolve, reject) => {
    timer = setInterval(() => {
      const idleMs = performance.now() - lastProgressAtMs();
      if (idleMs > stallMs) {
        clearInterval(timer);
        reject(new BenchFailure(`${what} stalled: no progress for ${Math.round(idleMs)} ms`));
      }
    }, 1_000);
  });
  tripped.catch(() => undefined);
  return { tripped, stop: () => clearInterval(timer) };
}
