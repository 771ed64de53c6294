import { bytesEqual, toHex } from "../bytes.ts";
import { encodeCanonical } from "../codec.ts";
import type { CryptoSuite } from "../crypto/suite.ts";
import { merkleRoot } from "../merkle.ts";
import { LotteryError } from "./errors.ts";
import { identifierProblem, isSafeIntegerInRange } from "./identifiers.ts";
import { lotteryLimits } from "./limits.ts";
import { LotteryStream } from "./lottery-stream.ts";
import { requireParticipantIds } from "./participants.ts";

export const lotteryDomain = "kexin/lottery/1";

/** What an organiser registers on chain before the draw block exists (公证摇号登记). */
export interface DrawRegistration {
  readonly drawId: string;
  readonly participantsRoot: Uint8Array;
  readonly participantCount: number;
  readonly winnerCount: number;
  readonly rulesText: string;
  readonly drawHeight: number;
}

/** Everything the winners depend on. */
export interface DrawInput {
  readonly drawId: string;
  readonly blockHash: Uint8Array;
  readonly participantsRoot: Uint8Array;
  readonly participantCount: number;
  readonly winnerCount: number;
}

export type DrawProblemCode = "PARTICIPANTS_INVALID" | "PARTICIPANT_COUNT_MISMATCH" | "PARTICIPANTS_ROOT_MISMATCH";

export interface DrawProblem {
  readonly code: DrawProblemCode;
  readonly message: string;
}

export interface DrawVerification {
  /** True when the presented participant list is exactly the registered one. */
  readonly ok: boolean;
  /** Winning positions in the registered list, first prize first; they follow from the registration alone. */
  readonly winnerIndices: number[];
  /** The winners' ids, first prize first; empty unless the presented list is the registered one. */
  readonly winners: string[];
  readonly problems: DrawProblem[];
}

/** RFC 6962 Merkle root over the canonical CBOR encoding of each id (a text string), in list order. */
export function participantsRoot(suite: CryptoSuite, ids: readonly string[]): Uint8Array {
  requireParticipantIds(ids);
  return merkleRoot(
    suite.hash,
    ids.map((id) => encodeCanonical(id)),
  );
}

/** seed = H(["kexin/lottery/1", drawId, blockHash, participantsRoot, participantCount, winnerCount]). */
export function lotterySeed(suite: CryptoSuite, input: DrawInput): Uint8Array {
  requireDrawInput(input);
  return lotterySeedUnchecked(suite, input);
}

/**
 * The winners' positions in the participant list, first prize first: a partial Fisher–Yates
 * shuffle of 0 … participantCount − 1 driven by the lottery stream, stopped after winnerCount
 * swaps. Only the displaced positions are remembered, so memory grows with winnerCount, not
 * with the number of participants.
 */
export function drawWinners(suite: CryptoSuite, input: DrawInput): number[] {
  requireDrawInput(input);
  const stream = new LotteryStream(suite, lotterySeedUnchecked(suite, input));
  const displaced = new Map<number, number>();
  const winners: number[] = [];
  for (let position = 0; position < input.winnerCount; position++) {
    const chosen = position + stream.nextIndexBelow(input.participantCount - position);
    const winner = displaced.get(chosen) ?? chosen;
    displaced.set(chosen, displaced.get(position) ?? position);
    winners.push(winner);
  }
  return winners;
}

/**
 * Checks a registration as the chain accepts it; with `registeredAtHeight`, also that the draw
 * block lies at least drawHeightMarginMin blocks ahead.
 */
export function validateDrawRegistration(draw: DrawRegistration, registeredAtHeight?: number): void {
  if (draw === null || typeof draw !== "object") throw drawFieldError("", "the draw must be an object");
  requireDrawId(draw.drawId);
  requireHashField("participantsRoot", draw.participantsRoot);
  requireCounts(draw.participantCount, draw.winnerCount);
  if (typeof draw.rulesText !== "string" || draw.rulesText.length > lotteryLimits.rulesTextLengthMax) {
    throw drawFieldError("rulesText", `must be a text of at most ${lotteryLimits.rulesTextLengthMax} characters`);
  }
  if (!isSafeIntegerInRange(draw.drawHeight, 1, Number.MAX_SAFE_INTEGER)) throw drawFieldError("drawHeight", "must be a positive integer");
  if (registeredAtHeight === undefined) return;
  if (!isSafeIntegerInRange(registeredAtHeight, 0, Number.MAX_SAFE_INTEGER)) {
    throw drawFieldError("registeredAtHeight", "must be a non-negative integer");
  }
  const earliest = registeredAtHeight + lotteryLimits.drawHeightMarginMin;
  if (draw.drawHeight < earliest) {
    throw drawFieldError(
      "drawHeight",
      `must be at least ${earliest}, ${lotteryLimits.drawHeightMarginMin} blocks above the registration at height ${registeredAtHeight}, so that nobody knows the draw block's hash yet`,
    );
  }
}

/**
 * Re-derives a registered draw from the hash of the block at drawHeight (taken from a verified
 * header) and the participant list presented for it. A list that differs from the registered one
 * in any way (an id changed, added, removed or moved) does not reproduce the registered root.
 */
export function verifyDraw(suite: CryptoSuite, draw: DrawRegistration, blockHash: Uint8Array, participantIds: readonly string[]): DrawVerification {
  validateDrawRegistration(draw);
  requireHashField("blockHash", blockHash);
  const winnerIndices = drawWinners(suite, { ...pickDrawInput(draw), blockHash });
  const problems: DrawProblem[] = [];
  let root: Uint8Array | undefined;
  try {
    root = participantsRoot(suite, participantIds);
  } catch (error) {
    if (!(error instanceof LotteryError)) throw error;
    problems.push({ code: "PARTICIPANTS_INVALID", message: `the presented participant list is not valid: ${error.message}` });
  }
  const count = Array.isArray(participantIds) ? participantIds.length : 0;
  if (count !== draw.participantCount) {
    problems.push({
      code: "PARTICIPANT_COUNT_MISMATCH",
      message: `the presented list has ${count} participants; the draw registered ${draw.participantCount}`,
    });
  }
  if (root !== undefined && !bytesEqual(root, draw.participantsRoot)) {
    problems.push({
      code: "PARTICIPANTS_ROOT_MISMATCH",
      message: `the presented list's root ${toHex(root)} is not the registered root ${toHex(draw.participantsRoot)}: the list was changed, reordered, or is not this draw's`,
    });
  }
  const ok = problems.length === 0;
  return { ok, winnerIndices, winners: ok ? winnerIndices.map((index) => participantIds[index] as string) : [], problems };
}

function pickDrawInput(draw: DrawRegistration): Omit<DrawInput, "blockHash"> {
  return { drawId: draw.drawId, participantsRoot: draw.participantsRoot, participantCount: draw.participantCount, winnerCount: draw.winnerCount };
}

function lotterySeedUnchecked(suite: CryptoSuite, input: DrawInput): Uint8Array {
  return suite.hash(
    encodeCanonical([lotteryDomain, input.drawId, input.blockHash, input.participantsRoot, input.participantCount, input.winnerCount]),
  );
}

function requireDrawInput(input: DrawInput): void {
  if (input === null || typeof input !== "object") throw drawFieldError("", "the draw input must be an object");
  requireDrawId(input.drawId);
  requireHashField("blockHash", input.blockHash);
  requireHashField("participantsRoot", input.participantsRoot);
  requireCounts(input.participantCount, input.winnerCount);
}

function requireDrawId(drawId: unknown): void {
  const problem = identifierProblem(drawId, lotteryLimits.drawIdLengthMax);
  if (problem !== undefined) throw drawFieldError("drawId", problem);
}

function requireHashField(field: string, hash: unknown): void {
  if (!(hash instanceof Uint8Array) || hash.length !== lotteryLimits.hashBytes) throw drawFieldError(field, `must be ${lotteryLimits.hashBytes} bytes`);
}

function requireCounts(participantCount: unknown, winnerCount: unknown): void {
  if (!isSafeIntegerInRange(participantCount, 1, lotteryLimits.participantsMax)) {
    throw drawFieldError("participantCount", `must be an integer from 1 to ${lotteryLimits.participantsMax}`);
  }
  if (!isSafeIntegerInRange(winnerCount, 1, participantCount)) {
    throw drawFieldError("winnerCount", `must be an integer from 1 to the participant count (${participantCount})`);
  }
}

function drawFieldError(field: string, reason: string): LotteryError {
  return new LotteryError({ code: "LOTTERY_DRAW_FIELD", field, reason }, field === "" ? reason : `${field} ${reason}`);
}
