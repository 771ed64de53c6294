import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type EngineInput,
  type EngineOutput,
  type TimeoutOptions,
  type TimeoutStep,
  type ValueId,
  type VoteKind,
  TendermintEngine,
  ValidatorSet,
  defaultTimeouts,
  proposerSchedule,
  roundsAheadMax,
} from "../../src/consensus/index.ts";
import { RoundVotes, valuesPerValidatorMax } from "../../src/consensus/bft/roundVotes.ts";

/*
 * The engine is driven by hand at height 1. With four validators of power 1 the proposer of round r
 * is validator (1 + r) mod 4: round 0 → 1, round 1 → 2, round 2 → 3, round 3 → 0. Most tests run
 * as validator 0, which therefore proposes in rounds 3, 7, 11 and so on.
 */
const height = 1;
const A: ValueId = "aa".repeat(32);
const B: ValueId = "bb".repeat(32);
const C: ValueId = "cc".repeat(32);

function validatorSetOf(powers: readonly number[]): ValidatorSet {
  return new ValidatorSet(powers.map((power, index) => ({ publicKey: Uint8Array.of(index + 1), power })));
}

function engineFor(selfIndex: number, options: { powers?: readonly number[]; timeouts?: TimeoutOptions; height?: number } = {}): TendermintEngine {
  return new TendermintEngine({
    height: options.height ?? height,
    validators: validatorSetOf(options.powers ?? [1, 1, 1, 1]),
    selfIndex,
    timeouts: options.timeouts ?? defaultTimeouts,
  });
}

const proposal = (round: number, valueId: ValueId, validRound = -1, valid = true): EngineInput => ({ type: "proposal", height, round, validRound, valueId, valid });
const vote = (kind: VoteKind, round: number, validator: number, valueId: ValueId | null): EngineInput => ({ type: "vote", kind, height, round, valueId, validator });
const prevote = (round: number, validator: number, valueId: ValueId | null): EngineInput => vote("prevote", round, validator, valueId);
const precommit = (round: number, validator: number, valueId: ValueId | null): EngineInput => vote("precommit", round, validator, valueId);
const timeout = (step: TimeoutStep, round: number): EngineInput => ({ type: "timeout", step, height, round });
const ownValue = (round: number, valueId: ValueId): EngineInput => ({ type: "ownValue", height, round, valueId });

const sendVote = (kind: VoteKind, round: number, valueId: ValueId | null): EngineOutput => ({ type: "broadcastVote", kind, height, round, valueId });
const sendPrevote = (round: number, valueId: ValueId | null): EngineOutput => sendVote("prevote", round, valueId);
const sendPrecommit = (round: number, valueId: ValueId | null): EngineOutput => sendVote("precommit", round, valueId);
const scheduled = (step: TimeoutStep, round: number, durationMs: number): EngineOutput => ({ type: "scheduleTimeout", step, height, round, durationMs });
/** Timeout durations with the default options: base + round × delta. */
const proposeMs = (round: number): number => defaultTimeouts.proposeBaseMs + round * defaultTimeouts.proposeDeltaMs;
const prevoteMs = (round: number): number => defaultTimeouts.prevoteBaseMs + round * defaultTimeouts.prevoteDeltaMs;
const precommitMs = (round: number): number => defaultTimeouts.precommitBaseMs + round * defaultTimeouts.precommitDeltaMs;
const decide = (round: number, valueId: ValueId, precommitters: number[]): EngineOutput => ({ type: "decide", height, round, valueId, precommitters });

/** Feeds inputs in order and returns every output, in order. */
function feed(engine: TendermintEngine, ...inputs: EngineInput[]): EngineOutput[] {
  return inputs.flatMap((input) => engine.handle(input));
}

/** Validator 0 prevotes the round-0 proposal A and sees validators 1 and 2 prevote it too: it locks on A in round 0. */
function lockedOnAInRoundZero(): TendermintEngine {
  const engine = engineFor(0);
  engine.start();
  assert.deepEqual(feed(engine, proposal(0, A), prevote(0, 1, A)), [sendPrevote(0, A)], "the proposal is prevoted and one more prevote is not a polka");
  assert.deepEqual(feed(engine, prevote(0, 2, A)), [scheduled("prevote", 0, prevoteMs(0)), sendPrecommit(0, A)], "the third prevote for A is a polka");
  assert.deepEqual(engine.lock, { value: A, round: 0 }, "locked on A in round 0");
  return engine;
}

describe("StartRound (line 11)", () => {
  test("default: the proposer asks for a value, then proposes it with validRound -1 and prevotes it", () => {
    const engine = engineFor(1);
    assert.deepEqual(engine.start(), [{ type: "needValue", height, round: 0 }], "validator 1 proposes round 0 and has no valid value");
    assert.equal(engine.awaitingValue, true, "the engine waits for its own block");
    assert.deepEqual(
      engine.handle(ownValue(0, A)),
      [{ type: "broadcastProposal", height, round: 0, validRound: -1, valueId: A }, sendPrevote(0, A)],
      "the block is proposed, then prevoted through line 22 like anyone else's",
    );
    assert.equal(engine.awaitingValue, false, "no longer waiting");
    assert.equal(engine.step, "prevote", "the proposer is in the prevote step");
  });

  test("default: a validator that does not propose schedules the propose timeout with the base duration", () => {
    const engine = engineFor(0);
    assert.deepEqual(engine.start(), [scheduled("propose", 0, defaultTimeouts.proposeBaseMs)], "round 0 propose timeout is proposeBaseMs");
    assert.equal(engine.round, 0, "round 0");
    assert.equal(engine.step, "propose", "propose step");
    assert.equal(engine.awaitingValue, false, "only the proposer waits for a value");
  });

  test("behavior: an own value for another round, or when none was asked for, is ignored", () => {
    const proposer = engineFor(1);
    proposer.start();
    assert.deepEqual(proposer.handle(ownValue(1, A)), [], "a value for round 1 while round 0 waits is ignored");
    assert.equal(proposer.awaitingValue, true, "still waiting for the round-0 value");
    const follower = engineFor(0);
    follower.start();
    assert.deepEqual(follower.handle(ownValue(0, A)), [], "a validator that did not ask for a value proposes nothing");
  });

  test("behavior: lines 14–19 — a proposer holding a valid value re-proposes it with its valid round, and prevotes it through line 28", () => {
    const engine = lockedOnAInRoundZero();
    assert.deepEqual(feed(engine, timeout("precommit", 0), timeout("precommit", 1)), [scheduled("propose", 1, proposeMs(1)), scheduled("propose", 2, proposeMs(2))], "rounds 1 and 2 belong to others");
    assert.deepEqual(
      engine.handle(timeout("precommit", 2)),
      [{ type: "broadcastProposal", height, round: 3, validRound: 0, valueId: A }, sendPrevote(3, A)],
      "round 3 is validator 0's: it proposes A from round 0 without asking for a new value",
    );
  });
});

describe("prevote step (lines 22 and 28)", () => {
  test("default: line 22 — an unlocked validator prevotes a fresh valid proposal", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(engine.handle(proposal(0, A)), [sendPrevote(0, A)], "prevote for A");
    assert.equal(engine.step, "prevote", "step is prevote");
  });

  test("error: line 22 — an invalid proposal gets a prevote for nil", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(engine.handle(proposal(0, A, -1, false)), [sendPrevote(0, null)], "prevote nil");
    assert.equal(engine.step, "prevote", "step is prevote");
  });

  test("behavior: line 22 — a validator locked on another value prevotes nil, and its own locked value when proposed again", () => {
    const engine = lockedOnAInRoundZero();
    assert.deepEqual(engine.handle(timeout("precommit", 0)), [scheduled("propose", 1, proposeMs(1))], "round 1");
    assert.deepEqual(engine.handle(proposal(1, B)), [sendPrevote(1, null)], "B is fresh and A is locked: nil");
    assert.deepEqual(engine.lock, { value: A, round: 0 }, "the lock is kept");
    assert.deepEqual(engine.handle(timeout("precommit", 1)), [scheduled("propose", 2, proposeMs(2))], "round 2");
    assert.deepEqual(engine.handle(proposal(2, A)), [sendPrevote(2, A)], "the locked value itself may be prevoted");
  });

  test("behavior: line 28 — a re-proposal backed by a polka in vr unlocks a validator locked in an earlier round", () => {
    const engine = lockedOnAInRoundZero();
    assert.deepEqual(engine.handle(timeout("precommit", 0)), [scheduled("propose", 1, proposeMs(1))], "round 1");
    // Round 1: everyone else prevotes B, but this validator never receives B's proposal, so it cannot lock on it.
    assert.deepEqual(feed(engine, prevote(1, 1, B), prevote(1, 2, B), prevote(1, 3, B)), [], "a polka without a proposal changes nothing in the propose step");
    assert.deepEqual(engine.handle(timeout("propose", 1)), [sendPrevote(1, null), scheduled("prevote", 1, prevoteMs(1))], "propose timeout, then 2f+1 prevotes");
    assert.deepEqual(feed(engine, timeout("prevote", 1)), [sendPrecommit(1, null)], "prevote timeout: precommit nil");
    assert.deepEqual(engine.handle(timeout("precommit", 1)), [scheduled("propose", 2, proposeMs(2))], "round 2");
    assert.deepEqual(engine.handle(proposal(2, B, 1)), [sendPrevote(2, B)], "locked in round 0 ≤ vr 1: prevote B");
    assert.deepEqual(engine.lock, { value: A, round: 0 }, "prevoting does not move the lock");
  });

  test("behavior: line 28 — a validator locked in a later round than vr prevotes nil", () => {
    const engine = engineFor(0);
    engine.start();
    // Round 0: a polka for B whose proposal never arrives; this validator prevotes and precommits nil.
    assert.deepEqual(feed(engine, prevote(0, 1, B), prevote(0, 2, B), prevote(0, 3, B)), [], "nothing in the propose step");
    assert.deepEqual(engine.handle(timeout("propose", 0)), [sendPrevote(0, null), scheduled("prevote", 0, prevoteMs(0))], "prevote nil");
    assert.deepEqual(engine.handle(timeout("prevote", 0)), [sendPrecommit(0, null)], "precommit nil");
    assert.deepEqual(engine.handle(timeout("precommit", 0)), [scheduled("propose", 1, proposeMs(1))], "round 1");
    // Round 1: lock on A.
    assert.deepEqual(feed(engine, proposal(1, A), prevote(1, 1, A)), [sendPrevote(1, A)], "prevote A");
    assert.deepEqual(feed(engine, prevote(1, 2, A)), [scheduled("prevote", 1, prevoteMs(1)), sendPrecommit(1, A)], "polka for A");
    assert.deepEqual(engine.lock, { value: A, round: 1 }, "locked on A in round 1");
    assert.deepEqual(engine.handle(timeout("precommit", 1)), [scheduled("propose", 2, proposeMs(2))], "round 2");
    assert.deepEqual(engine.handle(proposal(2, B, 0)), [sendPrevote(2, null)], "the polka for B is from round 0, older than the lock: nil");
    assert.deepEqual(engine.lock, { value: A, round: 1 }, "the lock is kept");
  });

  test("behavior: line 28 — a re-proposal waits in the propose step until the polka of vr is complete", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(engine.handle(timeout("precommit", 0)), [scheduled("propose", 1, proposeMs(1))], "round 1");
    assert.deepEqual(engine.handle(proposal(1, B, 0)), [], "no prevotes for B in round 0 yet");
    assert.deepEqual(feed(engine, prevote(0, 1, B), prevote(0, 2, B)), [], "two of three");
    assert.equal(engine.step, "propose", "still proposing");
    assert.deepEqual(engine.handle(prevote(0, 3, B)), [sendPrevote(1, B)], "the third completes the polka");
  });

  test("behavior: a proposal whose validRound is not below its round is never prevoted; the propose timeout gives nil", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(engine.handle(proposal(0, A, 0)), [], "vr = round is not a re-proposal");
    assert.deepEqual(engine.handle(timeout("propose", 0)), [sendPrevote(0, null)], "propose timeout: nil");
  });
});

describe("precommit step (lines 34, 36 and 44)", () => {
  test("behavior: line 34 — 2f+1 prevotes of any kind schedule the prevote timeout exactly once", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(feed(engine, proposal(0, A), prevote(0, 1, null)), [sendPrevote(0, A)], "two prevotes");
    assert.deepEqual(engine.handle(prevote(0, 2, B)), [scheduled("prevote", 0, defaultTimeouts.prevoteBaseMs)], "three prevotes for A, nil and B");
    assert.deepEqual(engine.handle(prevote(0, 3, null)), [], "a fourth does not schedule it again");
    assert.equal(engine.step, "prevote", "still prevote: no value and not nil has 2f+1");
    assert.deepEqual(engine.handle(timeout("prevote", 0)), [sendPrecommit(0, null)], "line 61: precommit nil");
    assert.deepEqual(engine.handle(timeout("prevote", 0)), [], "a second prevote timeout does nothing");
  });

  test("behavior: line 36 — a polka for the proposal while in prevote locks it, makes it valid and precommits it", () => {
    const engine = lockedOnAInRoundZero();
    assert.deepEqual(engine.valid, { value: A, round: 0 }, "valid value and round");
    assert.equal(engine.step, "precommit", "step is precommit");
    assert.deepEqual(engine.handle(prevote(0, 3, A)), [], "the fourth prevote changes nothing");
  });

  test("behavior: line 36 — a polka seen after precommitting nil only updates the valid value", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(feed(engine, proposal(0, A), prevote(0, 1, A)), [sendPrevote(0, A)], "two prevotes for A");
    assert.deepEqual(engine.handle(prevote(0, 2, null)), [scheduled("prevote", 0, prevoteMs(0))], "2f+1 prevotes, no polka");
    assert.deepEqual(engine.handle(timeout("prevote", 0)), [sendPrecommit(0, null)], "precommit nil");
    assert.deepEqual(engine.handle(prevote(0, 3, A)), [], "the polka arrives: no second precommit");
    assert.deepEqual(engine.valid, { value: A, round: 0 }, "A is the valid value");
    assert.deepEqual(engine.lock, { value: null, round: -1 }, "but not locked");
  });

  test("behavior: line 36 — a polka needs the proposal; a late proposal completes it", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(feed(engine, prevote(0, 1, A), prevote(0, 2, A), prevote(0, 3, A)), [], "a polka without a proposal");
    assert.deepEqual(engine.handle(timeout("propose", 0)), [sendPrevote(0, null), scheduled("prevote", 0, prevoteMs(0))], "nil, then 2f+1 prevotes");
    assert.deepEqual(engine.lock, { value: null, round: -1 }, "no lock without the proposal");
    assert.deepEqual(engine.handle(proposal(0, A)), [sendPrecommit(0, A)], "the proposal arrives: lock and precommit A");
    assert.deepEqual(engine.lock, { value: A, round: 0 }, "locked");
  });

  test("error: line 36 — a polka for an invalid proposal neither locks nor precommits it", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(feed(engine, proposal(0, A, -1, false), prevote(0, 1, A), prevote(0, 2, A)), [sendPrevote(0, null), scheduled("prevote", 0, prevoteMs(0))], "nil from us");
    assert.deepEqual(engine.handle(prevote(0, 3, A)), [], "three others prevote A");
    assert.deepEqual(engine.lock, { value: null, round: -1 }, "no lock");
    assert.deepEqual(engine.valid, { value: null, round: -1 }, "no valid value");
  });

  test("behavior: line 44 — a polka for nil gives a precommit for nil", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(feed(engine, proposal(0, A), prevote(0, 1, null)), [sendPrevote(0, A)], "prevote A");
    assert.deepEqual(engine.handle(prevote(0, 2, null)), [scheduled("prevote", 0, prevoteMs(0))], "2f+1 prevotes");
    assert.deepEqual(engine.handle(prevote(0, 3, null)), [sendPrecommit(0, null)], "2f+1 for nil");
    assert.deepEqual(engine.lock, { value: null, round: -1 }, "a nil polka does not lock");
    assert.equal(engine.step, "precommit", "step is precommit");
  });
});

describe("commit (lines 47 and 49)", () => {
  test("behavior: line 47 — 2f+1 precommits of any kind schedule the precommit timeout once, in any step", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(feed(engine, precommit(0, 1, A), precommit(0, 2, null)), [], "two precommits");
    assert.deepEqual(engine.handle(precommit(0, 3, B)), [scheduled("precommit", 0, defaultTimeouts.precommitBaseMs)], "three, for A, nil and B");
    assert.equal(engine.step, "propose", "the step does not change");
    assert.deepEqual(feed(engine, precommit(0, 3, B), timeout("propose", 0)), [sendPrevote(0, null)], "nothing schedules it again");
    assert.deepEqual(engine.handle(timeout("precommit", 0)), [scheduled("propose", 1, proposeMs(1))], "line 65: next round");
  });

  test("default: line 49 — 2f+1 precommits and the proposal decide, with the precommitters", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(feed(engine, proposal(0, A), precommit(0, 1, A), precommit(0, 3, A)), [sendPrevote(0, A)], "two precommits");
    assert.deepEqual(engine.handle(precommit(0, 2, A)), [decide(0, A, [1, 2, 3])], "decide A, precommitters in index order");
    assert.equal(engine.decision, A, "decision");
    assert.equal(engine.step, "decided", "step");
    assert.deepEqual(feed(engine, prevote(0, 1, A), precommit(1, 1, B), timeout("precommit", 0), proposal(1, B)), [], "a decided engine ignores everything");
  });

  test("behavior: line 49 — a decision may come from an earlier round than the current one", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(feed(engine, timeout("precommit", 0), timeout("precommit", 1)), [scheduled("propose", 1, proposeMs(1)), scheduled("propose", 2, proposeMs(2))], "round 2");
    assert.deepEqual(feed(engine, proposal(0, A), precommit(0, 1, A), precommit(0, 2, A)), [], "round 0 messages, late");
    assert.deepEqual(engine.handle(precommit(0, 3, A)), [decide(0, A, [1, 2, 3])], "decided in round 0");
    assert.equal(engine.round, 2, "the round does not go back");
  });

  test("behavior: line 49 — no decision without the proposal; it comes with the proposal", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(feed(engine, precommit(0, 1, A), precommit(0, 2, A)), [], "two precommits");
    assert.deepEqual(engine.handle(precommit(0, 3, A)), [scheduled("precommit", 0, precommitMs(0))], "line 47 only");
    assert.equal(engine.decision, null, "undecided without the block");
    assert.deepEqual(engine.handle(proposal(0, A)), [decide(0, A, [1, 2, 3])], "the proposal completes line 49");
  });

  test("error: line 49 — 2f+1 precommits for an invalid proposal do not decide", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(feed(engine, proposal(0, A, -1, false), precommit(0, 1, A), precommit(0, 2, A)), [sendPrevote(0, null)], "nil for the invalid block");
    assert.deepEqual(engine.handle(precommit(0, 3, A)), [scheduled("precommit", 0, precommitMs(0))], "line 47 only");
    assert.equal(engine.decision, null, "no decision");
  });
});

describe("round skip (line 55)", () => {
  test("behavior: f+1 power of messages in a higher round moves the validator there", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(engine.handle(prevote(2, 1, A)), [], "one validator is at most f");
    assert.deepEqual(engine.handle(precommit(2, 1, A)), [], "a second message of the same validator adds no power");
    assert.equal(engine.round, 0, "still round 0");
    assert.deepEqual(engine.handle(proposal(2, B)), [scheduled("propose", 2, proposeMs(2)), sendPrevote(2, B)], "the proposal counts for its proposer, validator 3: jump, then prevote it");
    assert.equal(engine.round, 2, "round 2");
  });

  test("behavior: messages of f validators spread over rounds do not add up; f+1 in one round does", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(feed(engine, prevote(5, 1, A), prevote(6, 2, A), precommit(7, 3, null)), [], "one validator per round");
    assert.equal(engine.round, 0, "still round 0");
    assert.deepEqual(engine.handle(prevote(6, 3, null)), [scheduled("propose", 6, proposeMs(6))], "validators 2 and 3 are in round 6");
    assert.equal(engine.round, 6, "round 6, not 7");
  });

  test("behavior: skipping into a round this validator proposes asks for a value", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(feed(engine, prevote(3, 1, null), precommit(3, 2, null)), [{ type: "needValue", height, round: 3 }], "round 3 is validator 0's");
    assert.equal(engine.awaitingValue, true, "waiting for the block");
    assert.deepEqual(engine.handle(ownValue(3, C)), [{ type: "broadcastProposal", height, round: 3, validRound: -1, valueId: C }, sendPrevote(3, C)], "proposes and prevotes it");
  });
});

describe("timeouts (lines 57, 61, 65)", () => {
  test("behavior: the propose timeout in the propose step prevotes nil, once", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(engine.handle(timeout("propose", 0)), [sendPrevote(0, null)], "prevote nil");
    assert.equal(engine.step, "prevote", "step is prevote");
    assert.deepEqual(engine.handle(timeout("propose", 0)), [], "not in the propose step any more");
    assert.deepEqual(engine.handle(proposal(0, A)), [], "a proposal after the timeout is not prevoted");
  });

  test("behavior: timeouts of earlier rounds and of other steps are ignored", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(engine.handle(timeout("precommit", 0)), [scheduled("propose", 1, proposeMs(1))], "round 1");
    assert.deepEqual(feed(engine, timeout("propose", 0), timeout("prevote", 0), timeout("precommit", 0)), [], "stale round-0 timeouts");
    assert.deepEqual(engine.handle(timeout("prevote", 1)), [], "a prevote timeout in the propose step");
    assert.deepEqual(engine.handle(timeout("propose", 2)), [], "a timeout of a future round");
    assert.equal(engine.round, 1, "round 1");
    assert.equal(engine.step, "propose", "propose step");
  });

  test("behavior: timeouts grow linearly with the round: base + round × delta", () => {
    const timeouts: TimeoutOptions = { proposeBaseMs: 3_000, proposeDeltaMs: 700, prevoteBaseMs: 400, prevoteDeltaMs: 30, precommitBaseMs: 600, precommitDeltaMs: 20 };
    const engine = engineFor(0, { timeouts });
    const first = engine.start();
    for (let round = 0; round < 8; round += 1) {
      const opening = round === 0 ? first : engine.handle(timeout("precommit", round - 1));
      const expected: EngineOutput = round % 4 === 3 ? { type: "needValue", height, round } : scheduled("propose", round, 3_000 + 700 * round);
      assert.deepEqual(opening, [expected], `round ${round} opens with its propose timeout or a value request`);
      assert.deepEqual(feed(engine, timeout("propose", round), prevote(round, 1, null)), [sendPrevote(round, null)], `round ${round}: prevote nil`);
      assert.deepEqual(engine.handle(prevote(round, 2, B)), [scheduled("prevote", round, 400 + 30 * round)], `round ${round}: prevote timeout`);
      assert.deepEqual(feed(engine, timeout("prevote", round), precommit(round, 1, null)), [sendPrecommit(round, null)], `round ${round}: precommit nil`);
      assert.deepEqual(engine.handle(precommit(round, 2, null)), [scheduled("precommit", round, 600 + 20 * round)], `round ${round}: precommit timeout`);
    }
  });
});

describe("equivocation and vote counting", () => {
  test("behavior: a conflicting vote is reported once per validator, round and kind, and still counted", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(feed(engine, proposal(0, B), prevote(0, 1, A)), [sendPrevote(0, B)], "validator 1 prevotes A first");
    assert.deepEqual(
      engine.handle(prevote(0, 1, B)),
      [{ type: "equivocation", kind: "prevote", height, round: 0, validator: 1, first: A, second: B }],
      "then B: reported",
    );
    assert.deepEqual(feed(engine, prevote(0, 1, null), prevote(0, 1, A)), [], "a third value and a repeat are not reported again");
    // Validator 1 is counted once in the total: three of its votes and ours are two validators, short of 2f+1.
    assert.equal(engine.step, "prevote", "no polka yet");
    assert.deepEqual(engine.handle(prevote(0, 2, B)), [scheduled("prevote", 0, prevoteMs(0)), sendPrecommit(0, B)], "B: us, 1 and 2 — validator 1's second vote counts");
    assert.deepEqual(feed(engine, precommit(0, 1, A)), [], "validator 1 precommits A");
    assert.deepEqual(
      engine.handle(precommit(0, 1, B)),
      [{ type: "equivocation", kind: "precommit", height, round: 0, validator: 1, first: A, second: B }],
      "a precommit conflict is its own report",
    );
    assert.deepEqual(engine.handle(precommit(0, 2, B)), [decide(0, B, [0, 1, 2])], "validator 1's second precommit completes the decision");
  });

  test("behavior: a conflict in another round is reported again", () => {
    const engine = engineFor(0);
    engine.start();
    assert.equal(feed(engine, prevote(0, 1, A), prevote(0, 1, B)).length, 1, "round 0 report");
    assert.deepEqual(
      feed(engine, prevote(1, 1, A), prevote(1, 1, B)),
      [{ type: "equivocation", kind: "prevote", height, round: 1, validator: 1, first: A, second: B }],
      "round 1 report",
    );
  });

  test(`behavior: a validator's votes beyond ${valuesPerValidatorMax} distinct values are not counted`, () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(engine.handle(proposal(0, B)), [sendPrevote(0, B)], "prevote B");
    const garbage = Array.from({ length: valuesPerValidatorMax }, (_, index) => `0${index}`.repeat(32));
    const reports = feed(engine, ...garbage.map((valueId) => prevote(0, 1, valueId)));
    assert.equal(reports.length, 1, "one report for the first conflict");
    assert.deepEqual(engine.handle(prevote(0, 1, B)), [], "the fifth distinct value is dropped");
    assert.deepEqual(engine.handle(prevote(0, 2, B)), [scheduled("prevote", 0, prevoteMs(0))], "B holds us and validator 2 only");
    assert.deepEqual(engine.handle(prevote(0, 3, B)), [sendPrecommit(0, B)], "validator 3 completes the polka");
  });

  test("error: votes from unknown validators and messages in rounds that cannot exist are ignored", () => {
    const engine = engineFor(0);
    engine.start();
    assert.deepEqual(engine.handle(proposal(0, A)), [sendPrevote(0, A)], "prevote A");
    assert.deepEqual(feed(engine, prevote(0, 4, A), prevote(0, -1, A), prevote(0, 1.5, A), prevote(0, Number.NaN, A)), [], "no such validators");
    assert.deepEqual(feed(engine, prevote(-1, 1, A), prevote(-1, 2, A), prevote(2.5, 1, A), prevote(2.5, 2, A), proposal(Number.POSITIVE_INFINITY, B)), [], "no such rounds");
    assert.equal(engine.round, 0, "round 0");
    assert.deepEqual(feed(engine, prevote(0, 1, A), prevote(0, 2, A)), [scheduled("prevote", 0, prevoteMs(0)), sendPrecommit(0, A)], "the real votes still count");
  });
});

describe("scope of one engine", () => {
  test("behavior: inputs for another height are ignored", () => {
    const engine = engineFor(0);
    engine.start();
    const otherHeight = height + 1;
    const inputs: EngineInput[] = [
      { type: "proposal", height: otherHeight, round: 0, validRound: -1, valueId: A, valid: true },
      { type: "vote", kind: "prevote", height: otherHeight, round: 2, valueId: A, validator: 1 },
      { type: "vote", kind: "precommit", height: otherHeight, round: 2, valueId: A, validator: 2 },
      { type: "timeout", step: "propose", height: otherHeight, round: 0 },
      { type: "timeout", step: "precommit", height: otherHeight, round: 0 },
      { type: "ownValue", height: otherHeight, round: 0, valueId: A },
    ];
    assert.deepEqual(feed(engine, ...inputs), [], "nothing from height 2");
    assert.equal(engine.round, 0, "round 0");
    assert.equal(engine.step, "propose", "propose step");
    assert.deepEqual(engine.handle(proposal(0, A)), [sendPrevote(0, A)], "height 1 still works");
  });

  test(`behavior: rounds more than roundsAheadMax (${roundsAheadMax}) ahead are ignored`, () => {
    const engine = engineFor(0);
    engine.start();
    const tooFar = roundsAheadMax + 1;
    assert.deepEqual(feed(engine, prevote(tooFar, 1, A), precommit(tooFar, 2, A), proposal(tooFar, B)), [], "dropped");
    assert.equal(engine.round, 0, "no skip to a round too far ahead");
    const farthest = roundsAheadMax;
    assert.deepEqual(
      feed(engine, prevote(farthest, 1, A), prevote(farthest, 2, A)),
      [scheduled("propose", farthest, defaultTimeouts.proposeBaseMs + farthest * defaultTimeouts.proposeDeltaMs)],
      "exactly roundsAheadMax ahead is accepted",
    );
    assert.equal(engine.round, farthest, "skipped");
    assert.equal(engine.step, "propose", "the dropped messages of the next round were not kept");
  });

  test("behavior: a node that follows without voting moves through steps but sends no votes", () => {
    const engine = engineFor(-1);
    assert.deepEqual(engine.start(), [scheduled("propose", 0, proposeMs(0))], "it never proposes");
    assert.deepEqual(engine.handle(proposal(0, A)), [], "no prevote");
    assert.equal(engine.step, "prevote", "but the step advances");
    assert.deepEqual(feed(engine, precommit(0, 0, A), precommit(0, 1, A), precommit(0, 2, A)), [decide(0, A, [0, 1, 2])], "and it decides from others' precommits");
  });
});

describe("unequal voting power", () => {
  test("behavior: thresholds count power, not validators", () => {
    // Powers 3, 1, 1, 1: total 6, 2f+1 = 5, f+1 = 3. Validator 1 proposes round 0 at height 1 (schedule 0 1 0 2 0 3).
    const engine = engineFor(2, { powers: [3, 1, 1, 1] });
    assert.deepEqual(engine.start(), [scheduled("propose", 0, proposeMs(0))], "validator 2 waits for validator 1");
    assert.deepEqual(feed(engine, proposal(0, A), prevote(0, 1, A), prevote(0, 3, A)), [sendPrevote(0, A)], "three of four validators hold only 3 of 6");
    assert.deepEqual(engine.handle(prevote(0, 0, A)), [scheduled("prevote", 0, prevoteMs(0)), sendPrecommit(0, A)], "validator 0 brings 6 of 6");
    assert.deepEqual(feed(engine, precommit(0, 1, A), precommit(0, 3, A)), [], "power 3 of precommits, with ours");
    assert.deepEqual(engine.handle(precommit(0, 0, A)), [decide(0, A, [0, 1, 2, 3])], "power 6");
  });

  test("behavior: one validator holding more than a third of the power moves others to its round", () => {
    const heavy = engineFor(1, { powers: [3, 1, 1, 1] });
    heavy.start();
    assert.deepEqual(feed(heavy, prevote(4, 2, null), precommit(4, 3, null)), [], "power 2 is not above a third of 6");
    assert.equal(heavy.round, 0, "round 0");
    assert.notDeepEqual(heavy.handle(prevote(5, 0, null)), [], "validator 0 alone has power 3");
    assert.equal(heavy.round, 5, "round 5");
  });
});

/** A tiny linear congruential generator, so the random-looking inputs are the same on every run. */
function linearCongruential(seed: number): (bound: number) => number {
  let state = seed >>> 0;
  return (bound) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return Math.floor((state / 4_294_967_296) * bound);
  };
}

interface RandomRun {
  readonly outputs: EngineOutput[];
  readonly heightsDecided: number;
}

/**
 * Feeds a long seeded stream of proposals, votes (including conflicting ones), timeouts and own
 * values to validator 0, height after height, and checks on the way what must hold whatever the
 * inputs: rounds never go back, one vote per step, one decision per height, decisions only with a
 * valid proposal and 2f+1 distinct precommitters.
 */
function randomRun(seed: number, inputsCount: number): RandomRun {
  const random = linearCongruential(seed);
  const values: (ValueId | null)[] = [A, A, A, B, C, null];
  const outputs: EngineOutput[] = [];
  let currentHeight = 1;
  let engine = engineFor(0, { height: currentHeight });
  let heightsDecided = 0;
  let proposalsSeen = new Set<string>();
  let ownVotes = new Map<string, ValueId | null>();
  let lastRound = 0;
  outputs.push(...engine.start());
  for (let index = 0; index < inputsCount; index += 1) {
    const round = random(4) !== 0 ? engine.round : Math.max(0, engine.round - 1 + random(3));
    const valueId = values[random(values.length)] as ValueId | null;
    const choice = random(20);
    let input: EngineInput;
    if (choice < 3) {
      const proposed = valueId ?? A;
      input = { type: "proposal", height: currentHeight, round, validRound: random(3) === 0 ? random(round + 1) - 1 : -1, valueId: proposed, valid: random(6) !== 0 };
      if (input.valid) proposalsSeen.add(`${round}/${proposed}`);
    } else if (choice < 17) {
      input = { type: "vote", kind: random(2) === 0 ? "prevote" : "precommit", height: currentHeight, round, valueId, validator: 1 + random(3) };
    } else if (choice < 19) {
      input = { type: "timeout", step: (["propose", "prevote", "precommit"] as const)[random(3)] as TimeoutStep, height: currentHeight, round: engine.round };
    } else {
      input = { type: "ownValue", height: currentHeight, round: engine.round, valueId: valueId ?? B };
      proposalsSeen.add(`${engine.round}/${valueId ?? B}`);
    }
    const produced = engine.handle(input);
    outputs.push(...produced);
    assert.ok(engine.round >= lastRound, `seed ${seed}, input ${index}: round went back from ${lastRound} to ${engine.round}`);
    lastRound = engine.round;
    for (const output of produced) {
      // A proposer re-proposes its valid value on its own, without an ownValue input.
      if (output.type === "broadcastProposal") proposalsSeen.add(`${output.round}/${output.valueId}`);
      if (output.type === "broadcastVote") {
        const key = `${output.kind}/${output.round}`;
        assert.ok(!ownVotes.has(key), `seed ${seed}, input ${index}: voted twice in ${key} at height ${currentHeight}`);
        ownVotes.set(key, output.valueId);
      }
      if (output.type === "decide") {
        assert.ok(proposalsSeen.has(`${output.round}/${output.valueId}`), `seed ${seed}, input ${index}: decided a value never validly proposed in round ${output.round}`);
        assert.ok(new Set(output.precommitters).size >= 3, `seed ${seed}, input ${index}: decided with ${output.precommitters.length} precommitters`);
      }
    }
    if (produced.filter((output) => output.type === "decide").length > 1) assert.fail(`seed ${seed}, input ${index}: two decisions at height ${currentHeight}`);
    if (engine.decision !== null) {
      heightsDecided += 1;
      currentHeight += 1;
      engine = engineFor(0, { height: currentHeight });
      proposalsSeen = new Set();
      ownVotes = new Map();
      lastRound = 0;
      outputs.push(...engine.start());
    }
  }
  return { outputs, heightsDecided };
}

describe("determinism", () => {
  test("behavior: the same input sequence gives the same output sequence, and the invariants hold", () => {
    for (const seed of [1, 2, 3, 42, 2_024]) {
      const first = randomRun(seed, 5_000);
      const second = randomRun(seed, 5_000);
      assert.deepEqual(second.outputs, first.outputs, `seed ${seed}: both runs give the same outputs`);
      assert.ok(first.outputs.length > 1_000, `seed ${seed}: a long run (${first.outputs.length} outputs)`);
      assert.ok(first.heightsDecided > 20, `seed ${seed}: several heights decided (${first.heightsDecided})`);
      assert.ok(
        first.outputs.some((output) => output.type === "equivocation") && first.outputs.some((output) => output.type === "broadcastVote" && output.kind === "precommit" && output.valueId !== null),
        `seed ${seed}: the run exercises conflicts and locks`,
      );
    }
    assert.notDeepEqual(randomRun(1, 500).outputs, randomRun(2, 500).outputs, "different seeds give different runs");
  });
});

describe("ValidatorSet", () => {
  test("default: quorum (⌊2P/3⌋+1) and honest (⌊P/3⌋+1) thresholds for equal powers", () => {
    const expected: Record<number, { quorumPower: number; honestPower: number }> = {
      1: { quorumPower: 1, honestPower: 1 },
      3: { quorumPower: 3, honestPower: 2 },
      4: { quorumPower: 3, honestPower: 2 },
      7: { quorumPower: 5, honestPower: 3 },
      10: { quorumPower: 7, honestPower: 4 },
    };
    for (const [count, thresholds] of Object.entries(expected)) {
      const validators = validatorSetOf(Array.from({ length: Number(count) }, () => 1));
      assert.equal(validators.totalPower, Number(count), `n = ${count}: total power`);
      assert.deepEqual({ quorumPower: validators.quorumPower, honestPower: validators.honestPower }, thresholds, `n = ${count}: thresholds`);
    }
  });

  test("behavior: thresholds with unequal powers are the smallest power above two thirds and above one third", () => {
    for (const powers of [[3, 1, 1, 1], [5, 3, 2, 1], [10, 10, 10], [1, 2], [100, 1, 1, 1, 1, 1, 1]]) {
      const validators = validatorSetOf(powers);
      const total = powers.reduce((sum, power) => sum + power, 0);
      assert.equal(validators.totalPower, total, `${powers}: total`);
      assert.ok(validators.quorumPower * 3 > total * 2 && (validators.quorumPower - 1) * 3 <= total * 2, `${powers}: quorum ${validators.quorumPower} is the least power above 2/3 of ${total}`);
      assert.ok(validators.honestPower * 3 > total && (validators.honestPower - 1) * 3 <= total, `${powers}: honest ${validators.honestPower} is the least power above 1/3 of ${total}`);
    }
    assert.deepEqual([validatorSetOf([3, 1, 1, 1]).quorumPower, validatorSetOf([3, 1, 1, 1]).honestPower], [5, 3], "powers 3,1,1,1");
    assert.deepEqual([validatorSetOf([5, 3, 2, 1]).quorumPower, validatorSetOf([5, 3, 2, 1]).honestPower], [8, 4], "powers 5,3,2,1");
  });

  test("default: indices, keys and powers", () => {
    const validators = validatorSetOf([5, 3, 2]);
    assert.equal(validators.size, 3, "size");
    assert.equal(validators.indexOf(Uint8Array.of(2)), 1, "index of the second key");
    assert.equal(validators.indexOf(Uint8Array.of(9)), undefined, "unknown key");
    assert.deepEqual(validators.publicKey(2), Uint8Array.of(3), "key of index 2");
    assert.equal(validators.power(0), 5, "power of index 0");
  });

  test("error: an empty set and a key listed twice are refused", () => {
    assert.throws(() => new ValidatorSet([]), /at least one validator/, "empty set");
    assert.throws(
      () => new ValidatorSet([{ publicKey: Uint8Array.of(7), power: 1 }, { publicKey: Uint8Array.of(7), power: 2 }]),
      /listed twice/,
      "duplicate key",
    );
  });

  test("vector: proposer schedules", () => {
    assert.deepEqual(proposerSchedule([1, 1, 1, 1]), [0, 1, 2, 3], "equal powers: index order");
    assert.deepEqual(proposerSchedule([2, 1]), [0, 1, 0], "2:1");
    assert.deepEqual(proposerSchedule([2, 4, 6]), [0, 1, 2, 2, 1, 2], "powers divided by their gcd 2 first");
    assert.deepEqual(proposerSchedule([5, 3, 2, 1]), [0, 1, 0, 2, 0, 1, 0, 3, 2, 1, 0], "turns at (j + (i+1)/(n+1)) / p");
    assert.deepEqual(proposerSchedule([3, 1, 1, 1]), [0, 1, 0, 2, 0, 3], "a tie goes to the validator with fewer turns");
  });

  test("behavior: the schedule rotates through every validator and is proportional to power over a full cycle", () => {
    for (const powers of [[1], [1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1], [5, 3, 2, 1], [2, 4, 6], [7, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]) {
      const validators = validatorSetOf(powers);
      const divisor = powers.reduce((a, b) => {
        while (b !== 0) [a, b] = [b, a % b];
        return a;
      }, 0);
      const cycle = powers.reduce((sum, power) => sum + power / divisor, 0);
      for (const startHeight of [1, 2, 17]) {
        const turns = powers.map(() => 0);
        for (let round = 0; round < cycle; round += 1) turns[validators.proposer(startHeight, round)]! += 1;
        assert.deepEqual(turns, powers.map((power) => power / divisor), `${powers} from height ${startHeight}: turns per cycle of ${cycle}`);
      }
    }
  });

  test("behavior: the schedule of very large powers is scaled down but still gives everyone turns", () => {
    const schedule = proposerSchedule([1_000_000, 999_999, 1]);
    assert.ok(schedule.length <= 100_000 + 3, `length ${schedule.length} is bounded`);
    assert.deepEqual([...new Set(schedule)].sort(), [0, 1, 2], "every validator has a turn");
  });

  test("behavior: with equal powers nobody proposes two rounds in a row, and height and round both advance the schedule", () => {
    for (let count = 2; count <= 10; count += 1) {
      const validators = validatorSetOf(Array.from({ length: count }, () => 1));
      for (let startHeight = 1; startHeight <= count + 1; startHeight += 1) {
        for (let round = 0; round < 3 * count; round += 1) {
          assert.notEqual(validators.proposer(startHeight, round), validators.proposer(startHeight, round + 1), `n = ${count}, height ${startHeight}, rounds ${round} and ${round + 1}`);
        }
        assert.notEqual(validators.proposer(startHeight, 0), validators.proposer(startHeight + 1, 0), `n = ${count}: round 0 of heights ${startHeight} and ${startHeight + 1}`);
      }
    }
    assert.equal(validatorSetOf([1]).proposer(5, 3), 0, "a single validator always proposes");
  });

  test("behavior: a validator with at most half the power gets no two turns in a row in these schedules, across cycles too", () => {
    for (const powers of [[2, 1, 1], [3, 2, 2, 2, 2], [3, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1]]) {
      const validators = validatorSetOf(powers);
      const cycle = proposerSchedule(powers).length;
      for (let round = 0; round < 2 * cycle; round += 1) {
        assert.notEqual(validators.proposer(1, round), validators.proposer(1, round + 1), `${powers}: rounds ${round} and ${round + 1} at height 1`);
      }
    }
  });

  test("behavior: where one cycle ends and the next begins a frequent proposer may go twice (a documented limit)", () => {
    const schedule = proposerSchedule([5, 3, 2, 1]);
    assert.equal(schedule.at(-1), 0, "the cycle of 5,3,2,1 ends with validator 0");
    assert.equal(schedule[0], 0, "and begins with it");
  });
});

describe("RoundVotes", () => {
  test("default: power per value, total power, voters and the value holding a given power", () => {
    const votes = new RoundVotes();
    assert.deepEqual(votes.add(2, A, 3), { status: "added" }, "first vote of 2");
    assert.deepEqual(votes.add(0, A, 1), { status: "added" }, "first vote of 0");
    assert.deepEqual(votes.add(1, null, 2), { status: "added" }, "nil from 1");
    assert.equal(votes.powerFor(A), 4, "A");
    assert.equal(votes.powerFor(null), 2, "nil");
    assert.equal(votes.powerFor(B), 0, "B");
    assert.equal(votes.totalPower, 6, "total");
    assert.deepEqual(votes.votersFor(A), [0, 2], "voters of A in index order");
    assert.equal(votes.valueWithPower(4), A, "A holds 4");
    assert.equal(votes.valueWithPower(5), undefined, "nobody holds 5");
    assert.equal(votes.valueWithPower(2), A, "nil is never returned, even when it holds enough");
  });

  test("behavior: a repeated vote is a duplicate and adds nothing", () => {
    const votes = new RoundVotes();
    votes.add(1, A, 1);
    assert.deepEqual(votes.add(1, A, 1), { status: "duplicate" }, "same value twice");
    assert.equal(votes.powerFor(A), 1, "counted once");
    assert.equal(votes.totalPower, 1, "total counted once");
  });

  test(`behavior: conflicting votes count for each value, the voter counts once in the total, up to ${valuesPerValidatorMax} values`, () => {
    const votes = new RoundVotes();
    votes.add(1, A, 2);
    assert.deepEqual(votes.add(1, B, 2), { status: "conflict", first: A, counted: true }, "second value");
    assert.deepEqual(votes.add(1, null, 2), { status: "conflict", first: A, counted: true }, "third value");
    assert.deepEqual(votes.add(1, B, 2), { status: "duplicate" }, "an earlier conflicting value again");
    assert.deepEqual(votes.add(1, C, 2), { status: "conflict", first: A, counted: true }, "fourth value");
    const fifth = "dd".repeat(32);
    assert.deepEqual(votes.add(1, fifth, 2), { status: "conflict", first: A, counted: false }, "fifth value is over the bound");
    assert.deepEqual([votes.powerFor(A), votes.powerFor(B), votes.powerFor(null), votes.powerFor(C), votes.powerFor(fifth)], [2, 2, 2, 2, 0], "power per value");
    assert.equal(votes.totalPower, 2, "the voter's power counts once in the total");
    assert.deepEqual(votes.votersFor(B), [1], "voter of B");
    assert.deepEqual(votes.votersFor(fifth), [], "the uncounted value has no voter");
  });
});
