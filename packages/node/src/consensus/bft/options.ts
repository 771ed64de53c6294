import { blockLimitsBound } from "../../blockPipeline/blockParameters.ts";
import type { TimeoutOptions } from "./types.ts";

export interface BftOptions {
  /** This node's own caps on the blocks it proposes; the limits every node checks are the chain parameters block.txsMax and block.bytesMax. */
  readonly blockTxsMax: number;
  readonly blockBytesMax: number;
  /** With transactions waiting, the proposer waits this long after the last block to fill the next. */
  readonly blockIntervalMs: number;
  /** With none waiting, an empty block follows after this long, so rounds and timeouts stay short. */
  readonly emptyBlockIntervalMs: number;
  /**
   * A proposer puts in no more transactions than it has lately executed in about this long (and
   * never more than blockTxsMax), so that under load blocks shrink and heights stay short.
   */
  readonly blockExecutionMsTarget: number;
  /** Largest consensus message accepted from a peer (a proposal carries a whole block). */
  readonly messageBytesMax: number;
  readonly timeouts: TimeoutOptions;
  /** How often a replica announces its height and re-sends its own messages of the current round. */
  readonly statusIntervalMs: number;
  /** Certified blocks asked for, and answered, per sync request. */
  readonly syncBlocksMax: number;
  readonly syncTimeoutMs: number;
  /**
   * How long a proposal may wait for transactions this node lacks (being verified, or fetched from
   * the peer that sent it) before it is dropped; a copy re-sent later starts again.
   */
  readonly txFetchTimeoutMs: number;
  /** Messages for the next height kept until this one is decided. */
  readonly futureMessagesMax: number;
  /** Proposals and votes for rounds further ahead than this are ignored. */
  readonly roundsAheadMax: number;
}

export const defaultTimeouts: TimeoutOptions = {
  // Longer than emptyBlockIntervalMs, so an idle chain does not change rounds while its proposer waits.
  proposeBaseMs: 3_000,
  proposeDeltaMs: 500,
  prevoteBaseMs: 500,
  prevoteDeltaMs: 250,
  precommitBaseMs: 500,
  precommitDeltaMs: 250,
};

export const defaultBftOptions: BftOptions = {
  blockTxsMax: blockLimitsBound.txsMax,
  blockBytesMax: blockLimitsBound.bytesMax,
  blockIntervalMs: 100,
  emptyBlockIntervalMs: 1_000,
  // Validators take about as long again to check the block, and committing it about half that.
  blockExecutionMsTarget: 300,
  messageBytesMax: blockLimitsBound.bytesMax + 2 * 1024 * 1024,
  timeouts: defaultTimeouts,
  statusIntervalMs: 500,
  syncBlocksMax: 50,
  syncTimeoutMs: 5_000,
  // As long as the propose timeout: by then the node has prevoted nil, and the proposer re-sends.
  txFetchTimeoutMs: 3_000,
  futureMessagesMax: 1_000,
  roundsAheadMax: 1_000,
};
