import { blockHashAt, getJson, heightOf } from "../support/testnet.ts";
import { type Chain, forkedHeights, lostTransactions, replacedAnnouncedHeights } from "./checks.ts";
import type { ReportedCommits } from "./reportedCommits.ts";

export interface Audit {
  /** Each node's head, in the order given. */
  readonly heights: readonly number[];
  readonly transactionsChecked: number;
  readonly lost: readonly string[];
  /** Heights at which nodes disagree, or a block announced during the run was replaced. */
  readonly forkedHeights: readonly number[];
}

/**
 * Reads every node's chain and checks it against the others and against what was reported
 * committed. The node with the highest head gives the transactions on chain: the fork check makes
 * sure the others hold the same blocks.
 */
export async function auditChains(urls: readonly string[], reported: ReportedCommits): Promise<Audit> {
  const heights = await Promise.all(urls.map((url) => heightOf(url)));
  const highest = heights.indexOf(Math.max(...heights));
  const canonicalUrl = urls[highest] as string;
  const canonical: (string | undefined)[] = [];
  const onChain = new Set<string>();
  for (let height = 1; height <= (heights[highest] as number); height += 1) {
    const block = (await getJson(`${canonicalUrl}/v1/blocks/${height}`)) as { hash?: string; txs?: string[] };
    canonical.push(block.hash);
    for (const hash of block.txs ?? []) onChain.add(hash);
  }
  const chains: Chain[] = await Promise.all(
    urls.map(async (url, index) => {
      if (index === highest) return canonical;
      const hashes: (string | undefined)[] = [];
      for (let height = 1; height <= (heights[index] as number); height += 1) hashes.push(await blockHashAt(url, height));
      return hashes;
    }),
  );
  const forked = new Set([...forkedHeights(chains), ...replacedAnnouncedHeights(reported.blocks, canonical)]);
  return {
    heights,
    transactionsChecked: reported.transactions.size,
    lost: lostTransactions(reported.transactions.keys(), onChain),
    forkedHeights: [...forked].sort((a, b) => a - b),
  };
}
