import { log } from "./output.ts";

/**
 * Every mode spreads its measured transactions the same way, so peers get the same shape of load:
 * transaction i goes to sender i mod S and is that sender's (i div S)-th transaction.
 */
export function senderOf(txIndex: number, senders: number): number {
  return txIndex % senders;
}

/** Logs signing progress about every few seconds, so a long pre-signing phase is visibly alive. */
export function progressLogger(what: string, total: number): (done: number) => void {
  let lastAtMs = performance.now();
  return (done) => {
    const nowMs = performance.now();
    if (done === total || nowMs - lastAtMs >= 3_000) {
      log(what, { done, total });
      lastAtMs = nowMs;
    }
  };
}
