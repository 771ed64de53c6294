import { RoundVotes } from "./roundVotes.ts";
import type { EngineInput, EngineOutput, Step, TimeoutOptions, TimeoutStep, ValueId, VoteKind } from "./types.ts";
import type { ValidatorSet } from "./validatorSet.ts";

/** Proposals kept per round: the rightful proposer may equivocate, and honest nodes must still find the decided one. */
export const proposalsPerRoundMax = 4;
/** Messages further ahead than this many rounds are dropped so a faulty peer cannot make us track unbounded rounds. */
export const roundsAheadMax = 1_000;

interface ProposalRecord {
  readonly validRound: number;
  readonly valueId: ValueId;
  readonly valid: boolean;
}

interface RoundState {
  readonly proposals: ProposalRecord[];
  readonly prevotes: RoundVotes;
  readonly precommits: RoundVotes;
  /** Validators heard from in this round by any message, for the round-skip rule. */
  readonly senders: Set<number>;
  sendersPower: number;
  prevoteTimeoutScheduled: boolean;
  precommitTimeoutScheduled: boolean;
  /** Rule "2f+1 prevotes for the proposal" has run in this round. */
  polkaHandled: boolean;
}

export interface EngineParameters {
  readonly height: number;
  readonly validators: ValidatorSet;
  /** This node's index in the validator set, or -1 for a node that follows without voting. */
  readonly selfIndex: number;
  readonly timeouts: TimeoutOptions;
}

/**
 * The Tendermint algorithm (Buchman, Kwon, Milosevic 2018, Algorithm 1) for one height, as a pure
 * state machine: every input enters through handle(), which returns what to send, which timers to
 * set and whether a value was decided. It keeps no clock, does no I/O and draws no randomness, so
 * the same inputs always give the same outputs. Line numbers in comments are the paper's.
 * docs/consensus.md explains each step.
 */
export class TendermintEngine {
  readonly height: number;
  private roundValue = 0;
  private stepValue: Step = "propose";
  private lockedValue: ValueId | null = null;
  private lockedRound = -1;
  private validValue: ValueId | null = null;
  private validRound = -1;
  private decidedValue: ValueId | null = null;
  private awaitingValueRound = -1;
  private readonly rounds = new Map<number, RoundState>();
  private readonly reportedEquivocations = new Set<string>();
  private outputs: EngineOutput[] = [];

  constructor(private readonly parameters: EngineParameters) {
    this.height = parameters.height;
  }

  get round(): number {
    return this.roundValue;
  }

  get step(): Step {
    return this.stepValue;
  }

  get decision(): ValueId | null {
    return this.decidedValue;
  }

  /** The engine asked for a block to propose and has not received it yet. */
  get awaitingValue(): boolean {
    return this.awaitingValueRound === this.roundValue && this.stepValue === "propose";
  }

  /** The latest value this node saw a polka for in a round of this height, and that round. */
  get valid(): { readonly value: ValueId | null; readonly round: number } {
    return { value: this.validValue, round: this.validRound };
  }

  get lock(): { readonly value: ValueId | null; readonly round: number } {
    return { value: this.lockedValue, round: this.lockedRound };
  }

  /** Starts round 0 (line 10: upon start do StartRound(0)). */
  start(): EngineOutput[] {
    this.startRound(0);
    return this.flush();
  }

  handle(input: EngineInput): EngineOutput[] {
    if (input.height !== this.height || this.decidedValue !== null) return [];
    switch (input.type) {
      case "proposal":
        this.receiveProposal(input.round, { validRound: input.validRound, valueId: input.valueId, valid: input.valid });
        break;
      case "vote":
        this.receiveVote(input.kind, input.round, input.validator, input.valueId);
        break;
      case "timeout":
        this.receiveTimeout(input.step, input.round);
        break;
      case "ownValue":
        this.receiveOwnValue(input.round, input.valueId);
        break;
    }
    this.applyRules();
    return this.flush();
  }

  private flush(): EngineOutput[] {
    const outputs = this.outputs;
    this.outputs = [];
    return outputs;
  }

  private roundState(round: number): RoundState {
    let state = this.rounds.get(round);
    if (!state) {
      state = {
        proposals: [],
        prevotes: new RoundVotes(),
        precommits: new RoundVotes(),
        senders: new Set(),
        sendersPower: 0,
        prevoteTimeoutScheduled: false,
        precommitTimeoutScheduled: false,
        polkaHandled: false,
      };
      this.rounds.set(round, state);
    }
    return state;
  }

  private acceptsRound(round: number): boolean {
    return Number.isSafeInteger(round) && round >= 0 && round <= this.roundValue + roundsAheadMax;
  }

  private noteSender(state: RoundState, validator: number): void {
    if (state.senders.has(validator)) return;
    state.senders.add(validator);
    state.sendersPower += this.parameters.validators.power(validator);
  }

  private receiveProposal(round: number, proposal: ProposalRecord): void {
    if (!this.acceptsRound(round)) return;
    const state = this.roundState(round);
    if (state.proposals.some((known) => known.valueId === proposal.valueId)) return;
    if (state.proposals.length >= proposalsPerRoundMax) return;
    state.proposals.push(proposal);
    this.noteSender(state, this.parameters.validators.proposer(this.height, round));
  }

  private receiveVote(kind: VoteKind, round: number, validator: number, valueId: ValueId | null): void {
    if (!this.acceptsRound(round)) return;
    const validators = this.parameters.validators;
    if (!Number.isInteger(validator) || validator < 0 || validator >= validators.size) return;
    const state = this.roundState(round);
    const votes = kind === "prevote" ? state.prevotes : state.precommits;
    const addition = votes.add(validator, valueId, validators.power(validator));
    if (addition.status === "conflict") {
      const key = `${kind}/${round}/${validator}`;
      if (!this.reportedEquivocations.has(key)) {
        this.reportedEquivocations.add(key);
        this.outputs.push({ type: "equivocation", kind, height: this.height, round, validator, first: addition.first, second: valueId });
      }
    }
    this.noteSender(state, validator);
  }

  private receiveTimeout(step: TimeoutStep, round: number): void {
    if (round !== this.roundValue) return;
    // Line 57: OnTimeoutPropose — no acceptable proposal in time, prevote nil.
    if (step === "propose" && this.stepValue === "propose") {
      this.castVote("prevote", null);
      this.stepValue = "prevote";
    }
    // Line 61: OnTimeoutPrevote — prevotes split, precommit nil.
    else if (step === "prevote" && this.stepValue === "prevote") {
      this.castVote("precommit", null);
      this.stepValue = "precommit";
    }
    // Line 65: OnTimeoutPrecommit — no decision this round, try the next.
    else if (step === "precommit") {
      this.startRound(round + 1);
    }
  }

  private receiveOwnValue(round: number, valueId: ValueId): void {
    if (round !== this.roundValue || this.awaitingValueRound !== round || this.stepValue !== "propose") return;
    this.awaitingValueRound = -1;
    this.broadcastProposal(round, valueId, -1);
  }

  private broadcastProposal(round: number, valueId: ValueId, validRound: number): void {
    this.outputs.push({ type: "broadcastProposal", height: this.height, round, validRound, valueId });
    this.receiveProposal(round, { validRound, valueId, valid: true });
  }

  /** Line 11: StartRound. */
  private startRound(round: number): void {
    this.roundValue = round;
    this.stepValue = "propose";
    this.awaitingValueRound = -1;
    const { validators, selfIndex } = this.parameters;
    if (validators.proposer(this.height, round) === selfIndex) {
      // Lines 14–19: re-propose the value a polka was seen for, so a locked minority can still agree.
      if (this.validValue !== null) this.broadcastProposal(round, this.validValue, this.validRound);
      else {
        this.awaitingValueRound = round;
        this.outputs.push({ type: "needValue", height: this.height, round });
      }
    } else {
      this.scheduleTimeout("propose", round);
    }
  }

  private scheduleTimeout(step: TimeoutStep, round: number): void {
    const timeouts = this.parameters.timeouts;
    const durationMs =
      step === "propose"
        ? timeouts.proposeBaseMs + round * timeouts.proposeDeltaMs
        : step === "prevote"
          ? timeouts.prevoteBaseMs + round * timeouts.prevoteDeltaMs
          : timeouts.precommitBaseMs + round * timeouts.precommitDeltaMs;
    this.outputs.push({ type: "scheduleTimeout", step, height: this.height, round, durationMs });
  }

  private castVote(kind: VoteKind, valueId: ValueId | null): void {
    const selfIndex = this.parameters.selfIndex;
    if (selfIndex < 0) return;
    this.outputs.push({ type: "broadcastVote", kind, height: this.height, round: this.roundValue, valueId });
    this.receiveVote(kind, this.roundValue, selfIndex, valueId);
  }

  /**
   * Lines 22–27 and 28–33: whether to prevote for a proposal. A validator locked on another value
   * may only unlock for a value that gathered a polka (2f+1 prevotes) in a round at or after its lock.
   */
  protected mayPrevoteFor(proposal: ProposalRecord): boolean {
    if (!proposal.valid) return false;
    if (proposal.validRound === -1) return this.lockedRound === -1 || this.lockedValue === proposal.valueId;
    return this.lockedRound <= proposal.validRound || this.lockedValue === proposal.valueId;
  }

  /** Evaluates every "upon" rule until none fires; each may enable another. */
  private applyRules(): void {
    for (let iteration = 0; iteration < 64; iteration += 1) {
      if (this.decidedValue !== null) return;
      if (!this.applyOneRule()) return;
    }
    throw new Error("consensus rules did not settle; the engine's state is inconsistent");
  }

  private applyOneRule(): boolean {
    const validators = this.parameters.validators;
    // Line 49: a decision may arrive for any round.
    for (const [round, state] of this.rounds) {
      const valueId = state.precommits.valueWithPower(validators.quorumPower);
      if (valueId === undefined) continue;
      const proposal = state.proposals.find((candidate) => candidate.valueId === valueId);
      if (!proposal || !proposal.valid) continue;
      this.decidedValue = valueId;
      this.stepValue = "decided";
      this.outputs.push({ type: "decide", height: this.height, round, valueId, precommitters: state.precommits.votersFor(valueId) });
      return true;
    }
    // Line 55: f+1 validators are already in a later round; join them.
    for (const [round, state] of this.rounds) {
      if (round > this.roundValue && state.sendersPower >= validators.honestPower) {
        this.startRound(round);
        return true;
      }
    }
    const round = this.roundValue;
    const state = this.roundState(round);
    const proposal = state.proposals[0];
    if (this.stepValue === "propose" && proposal) {
      // Line 22: a fresh proposal.
      if (proposal.validRound === -1) {
        this.castVote("prevote", this.mayPrevoteFor(proposal) ? proposal.valueId : null);
        this.stepValue = "prevote";
        return true;
      }
      // Line 28: a re-proposal backed by a polka from an earlier round.
      if (proposal.validRound < round) {
        const earlier = this.rounds.get(proposal.validRound);
        if (earlier && earlier.prevotes.powerFor(proposal.valueId) >= validators.quorumPower) {
          this.castVote("prevote", this.mayPrevoteFor(proposal) ? proposal.valueId : null);
          this.stepValue = "prevote";
          return true;
        }
      }
    }
    // Line 34: 2f+1 prevotes of any kind, first time: wait a little for them to converge.
    if (this.stepValue === "prevote" && !state.prevoteTimeoutScheduled && state.prevotes.totalPower >= validators.quorumPower) {
      state.prevoteTimeoutScheduled = true;
      this.scheduleTimeout("prevote", round);
      return true;
    }
    // Line 36: a polka for a valid proposal of this round: lock and precommit it, or remember it as valid.
    if ((this.stepValue === "prevote" || this.stepValue === "precommit") && !state.polkaHandled) {
      const valueId = state.prevotes.valueWithPower(validators.quorumPower);
      const polkaProposal = valueId === undefined ? undefined : state.proposals.find((candidate) => candidate.valueId === valueId && candidate.valid);
      if (valueId !== undefined && polkaProposal) {
        state.polkaHandled = true;
        if (this.stepValue === "prevote") {
          this.lockedValue = valueId;
          this.lockedRound = round;
          this.castVote("precommit", valueId);
          this.stepValue = "precommit";
        }
        this.validValue = valueId;
        this.validRound = round;
        return true;
      }
    }
    // Line 44: a polka for nil.
    if (this.stepValue === "prevote" && state.prevotes.powerFor(null) >= validators.quorumPower) {
      this.castVote("precommit", null);
      this.stepValue = "precommit";
      return true;
    }
    // Line 47: 2f+1 precommits of any kind, first time.
    if (!state.precommitTimeoutScheduled && state.precommits.totalPower >= validators.quorumPower) {
      state.precommitTimeoutScheduled = true;
      this.scheduleTimeout("precommit", round);
      return true;
    }
    return false;
  }
}
