import { type CryptoSuite, addressOf, toHex } from "@kexin/core";
import type { Clock, Consensus, RoundState } from "../consensus/index.ts";
import type { NodeMetrics } from "./metrics.ts";

/** The consensus section of GET /v1/status. */
export interface ConsensusStateView {
  readonly height: number;
  readonly round: number;
  readonly step: RoundState["step"];
  readonly proposer: { readonly publicKey: string; readonly address: string };
  /** Wall-clock time (ms) this node last committed a block; null until it commits one after starting. */
  readonly lastCommitTime: number | null;
  /** Heights committed since this node started that were decided in a round above 0. */
  readonly roundsAboveZero: number;
  /** Why consensus stopped, or null while it runs. */
  readonly halted: string | null;
}

const steps: readonly RoundState["step"][] = ["propose", "prevote", "precommit", "decided"];

/**
 * Watches consensus for people: what it reports, the commit times it is seen to make and the
 * metrics derived from both. It reads the clock beside consensus, never inside it.
 */
export class ConsensusWatch {
  private lastCommitTimeMs: number | null = null;
  private roundsAboveZeroCount = 0;
  private lastProposer: string | undefined;

  constructor(
    private readonly consensus: Consensus,
    private readonly suite: CryptoSuite,
    private readonly clock: Clock,
    private readonly metrics: NodeMetrics,
  ) {
    consensus.onBlockCommitted((block) => {
      this.lastCommitTimeMs = clock.now();
      metrics.lastCommitTime.set(this.lastCommitTimeMs / 1000);
      if (block.round > 0) {
        this.roundsAboveZeroCount += 1;
        metrics.roundsAboveZero.inc();
      }
    });
  }

  /** Null only when consensus halted before it entered its first height. */
  view(): ConsensusStateView | null {
    const state = this.consensus.roundState();
    if (state === undefined) return null;
    const halted = this.consensus.halted;
    return {
      height: state.height,
      round: state.round,
      step: state.step,
      proposer: { publicKey: toHex(state.proposer), address: addressOf(this.suite, state.proposer) },
      lastCommitTime: this.lastCommitTimeMs,
      roundsAboveZero: this.roundsAboveZeroCount,
      halted: halted === undefined ? null : halted instanceof Error ? halted.message : String(halted),
    };
  }

  /** Brings the gauges that follow the round state up to date; called when metrics are scraped. */
  updateMetrics(): void {
    const state = this.consensus.roundState();
    if (state === undefined) return;
    const { metrics } = this;
    metrics.consensusHeight.set(state.height);
    metrics.consensusRound.set(state.round);
    for (const step of steps) metrics.consensusStep.set({ step }, step === state.step ? 1 : 0);
    const proposer = toHex(state.proposer);
    if (this.lastProposer !== undefined && this.lastProposer !== proposer) metrics.consensusProposer.remove({ public_key: this.lastProposer });
    metrics.consensusProposer.set({ public_key: proposer }, 1);
    this.lastProposer = proposer;
  }
}
