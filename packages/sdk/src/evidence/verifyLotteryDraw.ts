import {
  type ValidatorEntry,
  validatorsAnswerSchema,
  type BlockHeader,
  type DrawProblem,
  VoteType,
  bytesEqual,
  fromHex,
  headerHash,
  toHex,
  validatorsHash,
  verifyDraw,
  voteSigningBytes,
} from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { getBlock } from "../actions/getBlock.ts";
import { getStatus } from "../actions/getStatus.ts";
import { queryAnswer } from "../actions/query.ts";
import { invalidParameter } from "../errors.ts";
import type { BlockView } from "../types.ts";
import { resolveSuite } from "../wallet/wallet.ts";
import { getDraw } from "./getDraw.ts";
import { getDrawWinners } from "./getDrawWinners.ts";
import type { DrawView } from "./types.ts";

export type LotteryDrawCheck = "draw-block" | "block-commit" | "participants" | "node-agrees";

export interface LotteryDrawCheckOutcome {
  readonly check: LotteryDrawCheck;
  readonly ok: boolean;
  readonly detail: string;
}

export type VerifyLotteryDrawParameters = {
  readonly drawId: string;
  /** The published participant list, in order (core's parseParticipantsCsv reads it from a CSV file). */
  readonly participantIds: readonly string[];
  /** Require the draw block to be signed by this validator set (validatorsHash from a status you trust). */
  readonly trust?: { readonly validatorsHash?: string };
  readonly signal?: AbortSignal;
};

export type VerifyLotteryDrawReturnType = {
  readonly ok: boolean;
  /** waiting: the draw block is not committed yet, and nothing was checked. */
  readonly status: "waiting" | "drawn";
  readonly draw: DrawView;
  readonly blockHash?: string;
  readonly checks: readonly LotteryDrawCheckOutcome[];
  /** Winning positions in the registered list, first prize first, recomputed here. */
  readonly winnerIndices: readonly number[];
  /** The winners' ids; empty unless the presented list is the registered one. */
  readonly winners: readonly string[];
  readonly problems: readonly DrawProblem[];
  readonly error?: string;
};


function headerOf(view: BlockView): BlockHeader {
  const { header } = view;
  return {
    chainId: header.chainId,
    height: header.height,
    time: header.time,
    prevHash: fromHex(header.prevHash),
    txCount: header.txCount,
    txRoot: fromHex(header.txRoot),
    resultsRoot: fromHex(header.resultsRoot),
    appHash: fromHex(header.appHash),
    validatorsHash: fromHex(header.validatorsHash),
    proposer: fromHex(header.proposer),
  };
}

/**
 * Re-derives a notarised draw's winners on this machine from public data: the registration and
 * the block at the draw height, fetched from the node, and the published participant list. The
 * block hash is recomputed from its header, the header's commit is checked against the validator
 * set, and the winners come from core's verifyDraw; the node's own answer is only compared.
 */
export async function verifyLotteryDraw(client: Client, parameters: VerifyLotteryDrawParameters): Promise<VerifyLotteryDrawReturnType> {
  const context = "evidence.verifyLotteryDraw";
  if (!Array.isArray(parameters.participantIds)) throw invalidParameter(context, "participantIds", "must be the list of participant ids");
  const { signal } = parameters;
  const [status, draw] = await Promise.all([getStatus(client, { signal }), getDraw(client, { drawId: parameters.drawId, signal })]);
  const suite = resolveSuite(status.suite);
  const empty = { winnerIndices: [], winners: [], problems: [] };
  if (draw.status === "waiting") {
    const error = `draw "${draw.drawId}" is decided by block ${draw.drawHeight}, which is not committed yet (the chain is at ${draw.height})`;
    return { ok: false, status: "waiting", draw, checks: [], ...empty, error };
  }
  const checks: LotteryDrawCheckOutcome[] = [];
  const record = (check: LotteryDrawCheck, ok: boolean, detail: string): void => {
    checks.push({ check, ok, detail });
  };

  const block = await getBlock(client, { height: draw.drawHeight, signal });
  const header = headerOf(block);
  const blockHash = headerHash(suite, header);
  const hashMatches = toHex(blockHash) === block.hash.toLowerCase() && header.height === draw.drawHeight;
  record("draw-block", hashMatches, hashMatches ? `block ${draw.drawHeight} hashes to ${toHex(blockHash)}` : `block ${draw.drawHeight}'s header does not hash to the hash the node gives (${block.hash})`);

  const validators = await queryAnswer(client, validatorsAnswerSchema, { module: "governance", query: "validators", parameters: { height: draw.drawHeight }, signal });
  record("block-commit", ...checkCommit(suite, block, header, blockHash, validators, parameters.trust?.validatorsHash));

  const verification = verifyDraw(suite, { ...draw, participantsRoot: fromHex(draw.participantsRoot) }, blockHash, parameters.participantIds);
  record(
    "participants",
    verification.ok,
    verification.ok ? `the list of ${parameters.participantIds.length} is the registered one (root ${draw.participantsRoot})` : verification.problems.map((problem) => `${problem.code}: ${problem.message}`).join("; "),
  );

  const node = await getDrawWinners(client, { drawId: draw.drawId, signal });
  const agrees = node.status === "drawn" && JSON.stringify(node.winnerIndices) === JSON.stringify(verification.winnerIndices);
  record("node-agrees", agrees, agrees ? "the node reports the same winners" : `the node reports different winners: ${JSON.stringify(node.status === "drawn" ? node.winnerIndices : node.status)}`);

  const failed = checks.find((outcome) => !outcome.ok);
  return {
    ok: failed === undefined,
    status: "drawn",
    draw,
    blockHash: toHex(blockHash),
    checks,
    winnerIndices: verification.winnerIndices,
    winners: verification.winners,
    problems: verification.problems,
    ...(failed ? { error: `check "${failed.check}" failed: ${failed.detail}` } : {}),
  };
}

function checkCommit(
  suite: ReturnType<typeof resolveSuite>,
  block: BlockView,
  header: BlockHeader,
  blockHash: Uint8Array,
  validators: readonly ValidatorEntry[],
  trustedValidatorsHash: string | undefined,
): [boolean, string] {
  const set = validators.map((validator) => ({ publicKey: fromHex(validator.publicKey), power: validator.power }));
  const setHash = validatorsHash(suite, set);
  if (!bytesEqual(setHash, header.validatorsHash)) return [false, "the validator set the node gives for this height is not the one the header names"];
  if (trustedValidatorsHash !== undefined && toHex(setHash) !== trustedValidatorsHash.toLowerCase()) return [false, "the block is signed by a validator set other than the trusted one"];
  const { commit } = block;
  if (commit.height !== header.height || commit.blockHash.toLowerCase() !== toHex(blockHash)) return [false, "the commit is not for this block"];
  const message = voteSigningBytes({ chainId: header.chainId, height: commit.height, round: commit.round, type: VoteType.precommit, blockHash });
  let totalPower = 0;
  for (const validator of set) totalPower += validator.power;
  let signedPower = 0;
  const counted = new Set<string>();
  for (const entry of commit.signatures) {
    const validator = set.find((candidate) => toHex(candidate.publicKey) === entry.validator.toLowerCase());
    if (!validator || counted.has(entry.validator.toLowerCase())) return [false, `the commit has an unknown or repeated signer ${entry.validator}`];
    if (!suite.verify(validator.publicKey, message, fromHex(entry.signature))) return [false, `the signature of validator ${entry.validator} on the block is invalid`];
    counted.add(entry.validator.toLowerCase());
    signedPower += validator.power;
  }
  if (signedPower * 3 <= totalPower * 2) return [false, `validators with ${signedPower} of ${totalPower} voting power signed; more than two thirds is required`];
  return [true, `signed by validators holding ${signedPower} of ${totalPower} voting power`];
}
