import { type BenchResult, round } from "./output.ts";

export interface MeasuredLimit {
  readonly suite: string;
  /** Signatures the machine verifies per second with the node's verifier on every core. */
  readonly perSecond: number;
}

/**
 * Adds the machine's limit to a mode's result: `limit_tps` is what the machine could commit if
 * checking signatures were all there is to it (each of `verifyingNodes` nodes sharing the machine
 * checks every transaction), and `efficiency` how much of it the mode's `committed_tps` reached.
 */
export function withLimit(result: BenchResult, limit: MeasuredLimit, verifyingNodes: number): BenchResult {
  const limitTps = limit.perSecond / verifyingNodes;
  const committedTps = result.committed_tps;
  return {
    ...result,
    suite: limit.suite,
    limit_tps: round(limitTps, 1),
    efficiency: typeof committedTps === "number" && limitTps > 0 ? round(committedTps / limitTps, 3) : null,
  };
}
