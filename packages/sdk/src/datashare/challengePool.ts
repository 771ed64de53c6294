import type { KeyReleaseChallengeAnswer } from "@kexin/core";

/** Challenges kept at most; a reader needs one per request in flight. */
const challengesKeptMax = 256;
/** Dropped this long before the node's expiry, so a request signed over one still arrives in time. */
const expiryMarginMs = 5_000;

/**
 * Fresh key-release challenges one node handed out with its answers (`nextChallenge`), for the
 * next signed requests to that node: each is used once, then forgotten. Sharing one pool between
 * the reads of one client saves each read after the first the round trip of asking for a
 * challenge. Use a pool with one node only: another node does not know its challenges.
 */
export class ChallengePool {
  private readonly kept: { readonly challenge: string; readonly usableUntilMs: number }[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** A kept challenge not yet near its expiry, removed from the pool; undefined when none is left. */
  take(): string | undefined {
    const nowMs = this.now();
    for (let entry = this.kept.pop(); entry !== undefined; entry = this.kept.pop()) {
      if (entry.usableUntilMs > nowMs) return entry.challenge;
    }
    return undefined;
  }

  /** Challenges kept, including any already too close to their expiry to be used. */
  get size(): number {
    return this.kept.length;
  }

  keep(issued: KeyReleaseChallengeAnswer): void {
    if (this.kept.length >= challengesKeptMax) this.kept.shift();
    this.kept.push({ challenge: issued.challenge, usableUntilMs: this.now() + issued.expiresInMs - expiryMarginMs });
  }
}
