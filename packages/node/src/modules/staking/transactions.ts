import { type StakingSettings, isHex, stakingCandidatePayloadSchema, stakingDelegatePayloadSchema, stakingUnbondPayloadSchema, stakingWithdrawPayloadSchema } from "@kexin/core";
import { type ReadContext, type TxTypeDefinition, defineTxType } from "../../execution/interface.ts";
import { identityModuleName, readNodeOrganisation, requireRegistered } from "../identity/index.ts";
import { StakingError } from "./errors.ts";
import { stakingKeys, stakingLimits } from "./keys.ts";
import { epochOf, readStakingSettings } from "./settings.ts";
import { balanceOf, delegationOf, listDelegations, listUnbondings, readCandidate, requireCandidate, setBalance, spendBalance, writeCandidate } from "./state.ts";

function requireEnabled(context: ReadContext): StakingSettings {
  const settings = readStakingSettings(context.state);
  if (!settings) throw new StakingError({ code: "STAKING_DISABLED" }, "this chain does not elect validators by stake: its genesis has no enabled sections.staking");
  return settings;
}

/** Staking transactions: a registered account with stake from genesis, on a chain that elects by stake. */
function authoriseStaker(context: ReadContext): void {
  requireEnabled(context);
  requireRegistered(context);
}

export function stakingTxTypes(publicKeyBytes: number): Record<string, TxTypeDefinition> {
  const registerCandidate = defineTxType({
    description: "A member whose organisation registered a node key offers that node as a validator candidate, bonding at least the minimum self-stake.",
    schema: stakingCandidatePayloadSchema,
    costUnits: 20,
    authorise: authoriseStaker,
    execute: (context, payload) => {
      const settings = requireEnabled(context);
      const account = requireRegistered(context);
      if (!isHex(payload.publicKey, publicKeyBytes)) throw new StakingError({ code: "STAKING_BAD_PUBLIC_KEY", publicKey: payload.publicKey }, `${payload.publicKey} is not a ${publicKeyBytes}-byte public key in hex`);
      if (readNodeOrganisation(context.readModule(identityModuleName), payload.publicKey) !== account.org) {
        throw new StakingError({ code: "STAKING_NOT_NODE_OWNER", publicKey: payload.publicKey }, `node key ${payload.publicKey} is not registered by organisation "${account.org}"`);
      }
      if (readCandidate(context.state, payload.publicKey)) throw new StakingError({ code: "STAKING_CANDIDATE_EXISTS", publicKey: payload.publicKey }, `${payload.publicKey} is already a candidate`);
      const count = (context.state.get(stakingKeys.candidateCount) as number | undefined) ?? 0;
      if (count >= stakingLimits.candidatesMax) throw new StakingError({ code: "STAKING_TOO_MANY_CANDIDATES", limit: stakingLimits.candidatesMax }, `at most ${stakingLimits.candidatesMax} candidates may stand`);
      if (payload.selfStake < settings.selfStakeMin) {
        throw new StakingError({ code: "STAKING_SELF_STAKE_TOO_LOW", selfStake: payload.selfStake, minimum: settings.selfStakeMin }, `a candidate bonds at least ${settings.selfStakeMin}; ${payload.selfStake} was offered`);
      }
      spendBalance(context.state, context.caller.address, payload.selfStake);
      writeCandidate(context.state, { publicKey: payload.publicKey, owner: context.caller.address, selfStake: payload.selfStake, delegated: 0 });
      context.state.set(stakingKeys.candidateCount, count + 1);
      context.emit("candidate_registered", { publicKey: payload.publicKey, owner: context.caller.address, selfStake: payload.selfStake });
    },
  });

  const delegate = defineTxType({
    description: "Bonds stake the sender holds to a candidate; the candidate's owner adds to its self-stake.",
    schema: stakingDelegatePayloadSchema,
    costUnits: 10,
    authorise: authoriseStaker,
    execute: (context, payload) => {
      const candidate = requireCandidate(context.state, payload.candidate);
      const sender = context.caller.address;
      spendBalance(context.state, sender, payload.amount);
      if (candidate.owner === sender) {
        writeCandidate(context.state, { ...candidate, selfStake: candidate.selfStake + payload.amount });
      } else {
        const bonded = delegationOf(context.state, sender, payload.candidate);
        if (bonded === 0 && listDelegations(context.state, sender).length >= stakingLimits.delegationsPerAccountMax) {
          throw new StakingError({ code: "STAKING_TOO_MANY_DELEGATIONS", limit: stakingLimits.delegationsPerAccountMax }, `an account may delegate to at most ${stakingLimits.delegationsPerAccountMax} candidates`);
        }
        context.state.set(stakingKeys.delegation(sender, payload.candidate), bonded + payload.amount);
        writeCandidate(context.state, { ...candidate, delegated: candidate.delegated + payload.amount });
      }
      context.emit("delegated", { candidate: payload.candidate, from: sender, amount: payload.amount });
    },
  });

  const unbond = defineTxType({
    description: "Starts returning bonded stake: it stops counting at once and can be withdrawn after the unbonding epochs.",
    schema: stakingUnbondPayloadSchema,
    costUnits: 10,
    authorise: authoriseStaker,
    execute: (context, payload) => {
      const settings = requireEnabled(context);
      const candidate = requireCandidate(context.state, payload.candidate);
      const sender = context.caller.address;
      const own = candidate.owner === sender;
      const bonded = own ? candidate.selfStake : delegationOf(context.state, sender, payload.candidate);
      if (payload.amount > bonded) throw new StakingError({ code: "STAKING_INSUFFICIENT_BOND", bonded, amount: payload.amount }, `${sender} has ${bonded} bonded to ${payload.candidate}; ${payload.amount} was asked`);
      if (listUnbondings(context.state, sender).length >= stakingLimits.unbondingsPerAccountMax) {
        throw new StakingError({ code: "STAKING_TOO_MANY_UNBONDINGS", limit: stakingLimits.unbondingsPerAccountMax }, `an account may have at most ${stakingLimits.unbondingsPerAccountMax} unbondings; withdraw those that are due first`);
      }
      if (own) writeCandidate(context.state, { ...candidate, selfStake: candidate.selfStake - payload.amount });
      else {
        const remaining = bonded - payload.amount;
        if (remaining === 0) context.state.delete(stakingKeys.delegation(sender, payload.candidate));
        else context.state.set(stakingKeys.delegation(sender, payload.candidate), remaining);
        writeCandidate(context.state, { ...candidate, delegated: candidate.delegated - payload.amount });
      }
      const id = (context.state.get(stakingKeys.unbondingNext(sender)) as number | undefined) ?? 0;
      const releaseEpoch = epochOf(context.block.height, settings.epochBlocks) + settings.unbondingEpochs + 1;
      context.state.set(stakingKeys.unbondingNext(sender), id + 1);
      context.state.set(stakingKeys.unbonding(sender, id), { id, candidate: payload.candidate, amount: payload.amount, releaseEpoch });
      context.emit("unbonding", { candidate: payload.candidate, from: sender, amount: payload.amount, releaseEpoch });
    },
  });

  const withdraw = defineTxType({
    description: "Returns every unbonding whose release epoch has come to the sender's balance.",
    schema: stakingWithdrawPayloadSchema,
    costUnits: 10,
    authorise: authoriseStaker,
    execute: (context) => {
      const settings = requireEnabled(context);
      const sender = context.caller.address;
      const epoch = epochOf(context.block.height, settings.epochBlocks);
      const unbondings = listUnbondings(context.state, sender);
      if (unbondings.length === 0) throw new StakingError({ code: "STAKING_NOTHING_TO_WITHDRAW" }, `${sender} has nothing unbonding`);
      const due = unbondings.filter((unbonding) => unbonding.releaseEpoch <= epoch);
      if (due.length === 0) {
        const releaseEpoch = Math.min(...unbondings.map((unbonding) => unbonding.releaseEpoch));
        throw new StakingError({ code: "STAKING_UNBONDING_NOT_DUE", releaseEpoch, epoch }, `the earliest unbonding is released in epoch ${releaseEpoch}; this is epoch ${epoch}`);
      }
      const amount = due.reduce((sum, unbonding) => sum + unbonding.amount, 0);
      for (const unbonding of due) context.state.delete(stakingKeys.unbonding(sender, unbonding.id));
      setBalance(context.state, sender, balanceOf(context.state, sender) + amount);
      context.emit("withdrawn", { to: sender, amount, unbondings: due.length });
    },
  });

  return { register_candidate: registerCandidate, delegate, unbond, withdraw };
}
