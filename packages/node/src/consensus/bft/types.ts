/** A proposed block as the engine sees it: the hex of its header hash. Null is a vote for no block (nil). */
export type ValueId = string;

export type Step = "propose" | "prevote" | "precommit" | "decided";
export type VoteKind = "prevote" | "precommit";
export type TimeoutStep = "propose" | "prevote" | "precommit";

/** Everything that can happen to a validator at one height; the driver checks signatures and proposers first. */
export type EngineInput =
  | { readonly type: "proposal"; readonly height: number; readonly round: number; readonly validRound: number; readonly valueId: ValueId; readonly valid: boolean }
  | { readonly type: "vote"; readonly kind: VoteKind; readonly height: number; readonly round: number; readonly valueId: ValueId | null; readonly validator: number }
  | { readonly type: "timeout"; readonly step: TimeoutStep; readonly height: number; readonly round: number }
  /** The block this validator built after a needValue output. */
  | { readonly type: "ownValue"; readonly height: number; readonly round: number; readonly valueId: ValueId };

export type EngineOutput =
  | { readonly type: "needValue"; readonly height: number; readonly round: number }
  | { readonly type: "broadcastProposal"; readonly height: number; readonly round: number; readonly validRound: number; readonly valueId: ValueId }
  | { readonly type: "broadcastVote"; readonly kind: VoteKind; readonly height: number; readonly round: number; readonly valueId: ValueId | null }
  | { readonly type: "scheduleTimeout"; readonly step: TimeoutStep; readonly height: number; readonly round: number; readonly durationMs: number }
  | { readonly type: "decide"; readonly height: number; readonly round: number; readonly valueId: ValueId; readonly precommitters: readonly number[] }
  | {
      readonly type: "equivocation";
      readonly kind: VoteKind;
      readonly height: number;
      readonly round: number;
      readonly validator: number;
      readonly first: ValueId | null;
      readonly second: ValueId | null;
    };

export interface TimeoutOptions {
  readonly proposeBaseMs: number;
  readonly proposeDeltaMs: number;
  readonly prevoteBaseMs: number;
  readonly prevoteDeltaMs: number;
  readonly precommitBaseMs: number;
  readonly precommitDeltaMs: number;
}
