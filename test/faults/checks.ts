/**
 * The end-of-run checks, as pure functions over what was collected, so that they can be tested on
 * made-up chains that fork or lose a transaction.
 */

/** Block hashes of one node, index 0 holding height 1; undefined where the node has no block. */
export type Chain = readonly (string | undefined)[];

/** Heights (ascending) at which two nodes hold different blocks. */
export function forkedHeights(chains: readonly Chain[]): number[] {
  const longest = Math.max(0, ...chains.map((chain) => chain.length));
  const forked: number[] = [];
  for (let index = 0; index < longest; index += 1) {
    const hashes = new Set(chains.map((chain) => chain[index]).filter((hash) => hash !== undefined));
    if (hashes.size > 1) forked.push(index + 1);
  }
  return forked;
}

/**
 * Heights (ascending) at which a block announced during the run is not the block the chain holds
 * now: a node that announced a block and, after a restart, committed another at that height.
 * Heights above the chain's head are left to the liveness check.
 */
export function replacedAnnouncedHeights(announced: ReadonlyMap<number, ReadonlySet<string>>, chain: Chain): number[] {
  const replaced: number[] = [];
  for (const [height, hashes] of announced) {
    const stored = chain[height - 1];
    if (stored === undefined) continue;
    if ([...hashes].some((hash) => hash !== stored)) replaced.push(height);
  }
  return replaced.sort((a, b) => a - b);
}

/** Transactions reported committed that the chain does not hold. */
export function lostTransactions(reportedCommitted: Iterable<string>, onChain: ReadonlySet<string>): string[] {
  return [...reportedCommitted].filter((hash) => !onChain.has(hash));
}
