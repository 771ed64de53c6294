import { type CryptoSuite, KexinError, VoteType, bytesEqual, fromHex, voteSigningBytes } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { type ModuleDefinition, type ReadContext, defineQuery, defineTxType } from "../../execution/interface.ts";
import { requireRegistered } from "../identity/index.ts";
import { type ServiceFactory, defineService } from "../service.ts";
import { MisbehaviourReporter } from "./reporter.ts";

export const misbehaviourModuleName = "misbehaviour";

export type MisbehaviourErrorType =
  | { code: "MISBEHAVIOUR_INVALID_REPORT"; reason: string }
  | { code: "MISBEHAVIOUR_ALREADY_RECORDED"; key: string };
export class MisbehaviourError extends KexinError<MisbehaviourErrorType> {}

/** Reports of votes older than this many blocks are refused: validators may have left the set since. */
export const reportAgeBlocksMax = 100_000;

const hex = (bytesMax: number) => Type.String({ pattern: `^([0-9a-f]{2}){0,${bytesMax}}$` });
const signedVote = Type.Object({ blockHash: hex(64), signature: hex(128) }, { additionalProperties: false, description: "blockHash empty for a nil vote" });

export const duplicateVotePayload = Type.Object(
  {
    validator: hex(128),
    height: Type.Integer({ minimum: 1 }),
    round: Type.Integer({ minimum: 0 }),
    kind: Type.Union([Type.Literal("prevote"), Type.Literal("precommit")]),
    first: signedVote,
    second: signedVote,
  },
  { additionalProperties: false },
);

export interface MisbehaviourModuleParameters {
  readonly suite: CryptoSuite;
  readonly chainId: string;
  /** Public keys of the validators that decided a height. */
  readonly validatorsAt: (height: number) => readonly Uint8Array[];
}

const recordKey = (validator: string, height: number, round: number, kind: string): string => `duplicate_vote/${validator}/${height}/${round}/${kind}`;

/**
 * Consensus misbehaviour put on chain: two votes a validator signed for the same height, round
 * and step with different blocks. Anyone registered, and any validator, may report it; the
 * signatures are checked at execution, so a record is proof on its own.
 */
export function createMisbehaviourModule(parameters: MisbehaviourModuleParameters): ModuleDefinition {
  const { suite, chainId, validatorsAt } = parameters;
  const isValidatorKey = (context: ReadContext): boolean => validatorsAt(context.block.height).some((key) => bytesEqual(key, context.caller.publicKey));
  const reportDuplicateVote = defineTxType({
    description: "Reports two conflicting votes signed by one validator for the same height, round and step.",
    schema: duplicateVotePayload,
    costUnits: 50,
    authorise: (context) => {
      if (!isValidatorKey(context)) requireRegistered(context);
    },
    execute: (context, payload) => {
      const invalid = (reason: string): never => {
        throw new MisbehaviourError({ code: "MISBEHAVIOUR_INVALID_REPORT", reason }, `duplicate-vote report: ${reason}`);
      };
      if (payload.height > context.block.height) invalid(`height ${payload.height} is in the future`);
      if (payload.height + reportAgeBlocksMax < context.block.height) invalid(`height ${payload.height} is older than ${reportAgeBlocksMax} blocks`);
      const validator = fromHex(payload.validator);
      if (!validatorsAt(payload.height).some((key) => bytesEqual(key, validator))) invalid(`${payload.validator} was not a validator at height ${payload.height}`);
      if (payload.first.blockHash === payload.second.blockHash) invalid("the two votes are for the same block");
      for (const [name, vote] of [["first", payload.first], ["second", payload.second]] as const) {
        const blockHash = vote.blockHash === "" ? null : fromHex(vote.blockHash);
        const bytes = voteSigningBytes({ chainId, height: payload.height, round: payload.round, type: VoteType[payload.kind], blockHash });
        if (!suite.verify(validator, bytes, fromHex(vote.signature))) invalid(`the ${name} vote's signature is not the validator's`);
      }
      const key = recordKey(payload.validator, payload.height, payload.round, payload.kind);
      if (context.state.get(key) !== undefined) throw new MisbehaviourError({ code: "MISBEHAVIOUR_ALREADY_RECORDED", key }, `this equivocation is already on chain (${key})`);
      // Keep the pair in a canonical order so the same equivocation always makes the same record.
      const [first, second] = [payload.first, payload.second].sort((a, b) => (a.blockHash < b.blockHash ? -1 : 1));
      context.state.set(key, { ...payload, first, second, reporter: context.caller.address, recordedAt: context.block.height } as never);
      context.emit("duplicate_vote", { validator: payload.validator, height: payload.height, round: payload.round, kind: payload.kind });
    },
  });
  return {
    name: misbehaviourModuleName,
    description: "Validators caught signing conflicting votes.",
    txTypes: { report_duplicate_vote: reportDuplicateVote },
    queries: {
      duplicate_votes: defineQuery({
        description: "Recorded duplicate votes, optionally of one validator.",
        parameters: Type.Object({ validator: Type.Optional(hex(128)), limit: Type.Optional(integerParameter({ maximum: 9_999 }, "records to list (default 100; at most 1,000 are served)")) }, { additionalProperties: false }),
        run: (state, query) => {
          const limit = Math.min(Number(query.limit ?? 100), 1_000);
          return state.list(query.validator ? `duplicate_vote/${query.validator}/` : "duplicate_vote/", limit).map((entry) => entry.value);
        },
      }),
    },
  };
}

/**
 * Misbehaviour as the node runs it: a validating node turns each equivocation consensus saw into a
 * report_duplicate_vote transaction signed with its validator key.
 */
export const createMisbehaviourService: ServiceFactory = ({ suite, genesis, validatorsAt }) =>
  defineService<MisbehaviourReporter | undefined>({
    module: createMisbehaviourModule({ suite, chainId: genesis.chainId, validatorsAt }),
    open: async ({ validatorPrivateKey, mempool, submit, logger }) =>
      validatorPrivateKey ? new MisbehaviourReporter({ suite, chainId: genesis.chainId, privateKey: validatorPrivateKey, mempool, submit, logger: logger.child({ module: misbehaviourModuleName }) }) : undefined,
    onEquivocation: (reporter, equivocation) => reporter?.report(equivocation),
  });
