import { BenchFailure } from "../errors.ts";
import type { BlockFeed } from "./blocks.ts";

/** Announced transactions remembered for callers that ask after their block came (the submit's answer can trail a fast block). */
const recentMax = 100_000;

/**
 * Resolves, per transaction hash, when a block announced on the feed lists it, with the moment
 * the block arrived: many transactions in flight are watched through one subscription instead of
 * each polling the node.
 */
export class CommitWatch {
  private readonly recent = new Map<string, number>();
  private readonly waiting = new Map<string, { resolve: (atMs: number) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  private readonly stopListening: () => void;

  constructor(
    private readonly feed: BlockFeed,
    private readonly timeoutMs: number,
  ) {
    this.stopListening = feed.listen((block, receivedAtMs) => {
      for (const hash of block.txs) {
        this.remember(hash, receivedAtMs);
        const entry = this.waiting.get(hash);
        if (entry === undefined) continue;
        this.waiting.delete(hash);
        clearTimeout(entry.timer);
        entry.resolve(receivedAtMs);
      }
    });
  }

  private remember(hash: string, atMs: number): void {
    this.recent.set(hash, atMs);
    if (this.recent.size > recentMax) this.recent.delete(this.recent.keys().next().value as string);
  }

  /** The moment the block listing `hash` arrived, whether it came before this call or comes later. */
  committed(hash: string): Promise<number> {
    const seen = this.recent.get(hash);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(hash);
        this.feed.assertOpen();
        reject(new BenchFailure(`transaction ${hash} was not committed within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.waiting.set(hash, { resolve, reject, timer });
    });
  }

  close(): void {
    this.stopListening();
    for (const [hash, entry] of this.waiting) {
      clearTimeout(entry.timer);
      entry.reject(new BenchFailure(`stopped waiting for ${hash}`));
    }
    this.waiting.clear();
  }
}
