/** One committed block as the throughput chart needs it: when (node time, ms) and how many transactions. */
export interface BlockSample {
  readonly height: number;
  readonly timeMs: number;
  readonly txCount: number;
}

export const chartWindowMs = 5 * 60_000;
export const chartBucketMs = 5_000;
/** The headline figure averages over this much time: short enough to react, long enough not to flicker between blocks. */
export const rateWindowMs = 10_000;
/** Kept in memory at most; at one block per 20 ms the chart window would otherwise grow without bound. */
export const samplesMax = 20_000;

/**
 * Adds new samples, drops duplicates (the initial page and the live feed overlap) and anything
 * older than the chart window, and keeps the list sorted by height.
 */
export function mergeSamples(existing: readonly BlockSample[], added: readonly BlockSample[], nowMs: number): BlockSample[] {
  const byHeight = new Map<number, BlockSample>();
  for (const sample of existing) byHeight.set(sample.height, sample);
  for (const sample of added) byHeight.set(sample.height, sample);
  const oldestMs = nowMs - chartWindowMs - chartBucketMs;
  const kept = [...byHeight.values()].filter((sample) => sample.timeMs >= oldestMs).sort((a, b) => a.height - b.height);
  return kept.length > samplesMax ? kept.slice(kept.length - samplesMax) : kept;
}

/** Committed transactions per second over the `windowMs` ending at `nowMs`. */
export function txRate(samples: readonly BlockSample[], nowMs: number, windowMs = rateWindowMs): number {
  let txs = 0;
  for (const sample of samples) {
    if (sample.timeMs > nowMs - windowMs && sample.timeMs <= nowMs) txs += sample.txCount;
  }
  return txs / (windowMs / 1000);
}

/**
 * The chart's series: bucket start times (unix seconds, as uPlot wants) and tx/s in each bucket,
 * for the whole window ending at `nowMs`. Buckets are aligned to multiples of their width so they
 * do not shift under the reader as time passes.
 */
export function throughputSeries(samples: readonly BlockSample[], nowMs: number): [number[], number[]] {
  const lastBucketStart = Math.floor(nowMs / chartBucketMs) * chartBucketMs;
  const bucketCount = chartWindowMs / chartBucketMs;
  const firstBucketStart = lastBucketStart - (bucketCount - 1) * chartBucketMs;
  const times: number[] = [];
  const rates: number[] = new Array<number>(bucketCount).fill(0);
  for (let index = 0; index < bucketCount; index++) times.push((firstBucketStart + index * chartBucketMs) / 1000);
  for (const sample of samples) {
    const index = Math.floor((sample.timeMs - firstBucketStart) / chartBucketMs);
    if (index >= 0 && index < bucketCount) rates[index] = (rates[index] ?? 0) + sample.txCount;
  }
  // The current bucket is still filling, so its bar grows through its five seconds rather than
  // jumping when the first block of it arrives.
  return [times, rates.map((txs) => txs / (chartBucketMs / 1000))];
}
