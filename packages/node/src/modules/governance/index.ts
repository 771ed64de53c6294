import { type CborValue, KexinError, type Validator, fromHex, isHex, protocolLimits, stakingModuleName, toHex } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { type ModuleDefinition, type StateRead, defineQuery, defineTxType } from "../../execution/interface.ts";
import { organisationApprovalsNeeded, withApproval } from "../identity/approvals.ts";
import { identityModuleName, notAuthorisedAdmin, requireRegistered } from "./permissions.ts";
import { type ServiceFactory, defineService } from "../service.ts";
import { genesisValidators } from "../../genesis.ts";
import { electedValidatorsAt } from "../staking/schedule.ts";
import { stakingElectsValidators } from "../staking/settings.ts";

export const governanceModuleName = "governance";

/** An approved validator change takes effect this many blocks after the approving block. */
export const validatorChangeDelayBlocks = 5;
const openProposalsMax = 64;

export type GovernanceErrorType =
  | { code: "GOVERNANCE_UNKNOWN_PROPOSAL"; id: string }
  | { code: "GOVERNANCE_PROPOSAL_EXISTS"; id: string }
  | { code: "GOVERNANCE_ALREADY_APPROVED"; id: string; org: string }
  | { code: "GOVERNANCE_CLOSED"; id: string }
  | { code: "GOVERNANCE_INVALID_CHANGE"; reason: string }
  | { code: "GOVERNANCE_TOO_MANY_PROPOSALS"; limit: number }
  | { code: "GOVERNANCE_NOT_BFT" }
  | { code: "GOVERNANCE_VALIDATORS_ELECTED" };
export class GovernanceError extends KexinError<GovernanceErrorType> {}

interface StoredValidator {
  readonly publicKey: string;
  readonly power: number;
}

interface Proposal {
  readonly id: string;
  readonly proposer: string;
  readonly description: string;
  readonly changes: readonly StoredValidator[];
  readonly approvals: readonly string[];
  readonly status: "open" | "approved";
  readonly createdAt: number;
  readonly effectiveHeight?: number;
}

const proposalKey = (id: string): string => `proposal/${id}`;
// Heights are zero-padded so that a key-ordered listing is in height order.
const scheduleKey = (height: number): string => `validators/${String(height).padStart(16, "0")}`;
const openCountKey = "open_proposals";

/** Validator sets that took or will take effect, newest last; genesis is not stored here. */
function scheduledSets(state: StateRead): { height: number; validators: StoredValidator[] }[] {
  return state.list("validators/", 10_000).map((entry) => ({ height: Number(entry.key.slice("validators/".length)), validators: entry.value as unknown as StoredValidator[] }));
}

/**
 * Reads the validator set deciding a height from committed governance state: the latest set whose
 * effective height is at or below it, or genesis. Sets are written validatorChangeDelayBlocks ahead,
 * so every node reads the same set for a height before deciding it.
 */
export function validatorsAtHeight(governance: StateRead, genesis: readonly Validator[], height: number): Validator[] {
  let chosen: StoredValidator[] | undefined;
  for (const scheduled of scheduledSets(governance)) {
    if (scheduled.height <= height) chosen = scheduled.validators;
  }
  return chosen ? chosen.map((validator) => ({ publicKey: fromHex(validator.publicKey), power: validator.power })) : [...genesis];
}

export interface GovernanceModuleParameters {
  readonly consensus: "solo" | "bft";
  readonly genesisValidators: readonly Validator[];
  readonly publicKeyBytes: number;
  /** Whether the staking election chooses validators: then proposals are refused. */
  readonly validatorsElected?: boolean;
}

function applyChanges(current: readonly Validator[], changes: readonly StoredValidator[], publicKeyBytes: number): StoredValidator[] {
  const invalid = (reason: string): never => {
    throw new GovernanceError({ code: "GOVERNANCE_INVALID_CHANGE", reason }, `validator change: ${reason}`);
  };
  const next = new Map(current.map((validator) => [toHex(validator.publicKey), validator.power]));
  const seen = new Set<string>();
  for (const change of changes) {
    if (!isHex(change.publicKey, publicKeyBytes)) invalid(`${change.publicKey} is not a ${publicKeyBytes}-byte public key in hex`);
    if (seen.has(change.publicKey)) invalid(`${change.publicKey} is changed twice`);
    seen.add(change.publicKey);
    if (change.power === 0) {
      if (!next.has(change.publicKey)) invalid(`${change.publicKey} is not a validator, so it cannot be removed`);
      next.delete(change.publicKey);
    } else next.set(change.publicKey, change.power);
  }
  if (next.size === 0) invalid("the change would leave no validator");
  if (next.size > protocolLimits.validatorsMax) invalid(`the change would make ${next.size} validators; at most ${protocolLimits.validatorsMax} are allowed`);
  // Kept in key order, so the set and its hash do not depend on the order of the changes.
  return [...next.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([publicKey, power]) => ({ publicKey, power }));
}

/**
 * Consortium governance of the validator set: an organisation admin proposes adding, re-weighting
 * or removing validators; admins of more than two thirds of the organisations approve; the new set
 * takes effect a fixed number of blocks later. Receipts of earlier blocks keep their own set.
 */
export function createGovernanceModule(parameters: GovernanceModuleParameters): ModuleDefinition {
  const { consensus, genesisValidators, publicKeyBytes, validatorsElected = false } = parameters;
  const change = Type.Object({ publicKey: Type.String({ pattern: "^[0-9a-f]{2,256}$" }), power: Type.Integer({ minimum: 0, maximum: protocolLimits.votingPowerMax }) }, { additionalProperties: false });
  const proposalId = Type.String({ pattern: "^[a-z0-9][a-z0-9_-]{0,63}$" });
  const requireAdmin = (context: Parameters<typeof requireRegistered>[0]): string => {
    const account = requireRegistered(context);
    if (account.kind !== "admin") throw notAuthorisedAdmin(context.caller.address);
    return account.org;
  };
  const requireBft = (): void => {
    if (consensus !== "bft") throw new GovernanceError({ code: "GOVERNANCE_NOT_BFT" }, "this chain runs solo consensus with one validator; its validator set cannot change");
    if (validatorsElected) throw new GovernanceError({ code: "GOVERNANCE_VALIDATORS_ELECTED" }, "this chain elects its validators by stake every epoch; stake or delegate (kexin stake …) instead of proposing a change");
  };

  const approveWith = (state: StateRead & { set(key: string, value: CborValue): void }, identity: StateRead, proposal: Proposal, org: string, height: number, emit: (type: string, attributes: Record<string, CborValue>) => void): void => {
    const approvals = withApproval(proposal.approvals, org);
    const needed = organisationApprovalsNeeded(identity);
    if (approvals.length < needed) {
      state.set(proposalKey(proposal.id), { ...proposal, approvals } as unknown as CborValue);
      emit("approved_by", { id: proposal.id, org, approvals: approvals.length, needed });
      return;
    }
    const effectiveHeight = height + validatorChangeDelayBlocks;
    const current = validatorsAtHeight(state, genesisValidators, effectiveHeight);
    const next = applyChanges(current, proposal.changes, publicKeyBytes);
    state.set(scheduleKey(effectiveHeight), next as unknown as CborValue);
    state.set(proposalKey(proposal.id), { ...proposal, approvals, status: "approved", effectiveHeight } as unknown as CborValue);
    state.set(openCountKey, Math.max(0, ((state.get(openCountKey) as number | undefined) ?? 1) - 1));
    emit("validators_scheduled", { id: proposal.id, effectiveHeight, validators: next.length });
  };

  const propose = defineTxType({
    description: "An organisation admin proposes a validator change (power 0 removes); the proposer's organisation approves it at once.",
    schema: Type.Object(
      { id: proposalId, description: Type.String({ maxLength: 1_000 }), changes: Type.Array(change, { minItems: 1, maxItems: protocolLimits.validatorsMax }) },
      { additionalProperties: false },
    ),
    costUnits: 20,
    authorise: (context) => {
      requireBft();
      requireAdmin(context);
    },
    execute: (context, payload) => {
      const org = requireAdmin(context);
      if (context.state.get(proposalKey(payload.id)) !== undefined) throw new GovernanceError({ code: "GOVERNANCE_PROPOSAL_EXISTS", id: payload.id }, `proposal "${payload.id}" already exists`);
      const open = (context.state.get(openCountKey) as number | undefined) ?? 0;
      if (open >= openProposalsMax) throw new GovernanceError({ code: "GOVERNANCE_TOO_MANY_PROPOSALS", limit: openProposalsMax }, `at most ${openProposalsMax} proposals may be open`);
      // Checked now, so a proposal that could never apply is refused before anyone approves it.
      applyChanges(validatorsAtHeight(context.state, genesisValidators, context.block.height), payload.changes, publicKeyBytes);
      const proposal: Proposal = { id: payload.id, proposer: org, description: payload.description, changes: payload.changes, approvals: [], status: "open", createdAt: context.block.height };
      context.state.set(openCountKey, open + 1);
      context.emit("proposed", { id: payload.id, org });
      approveWith(context.state, context.readModule(identityModuleName), proposal, org, context.block.height, context.emit);
    },
  });

  const approve = defineTxType({
    description: "An organisation admin approves an open validator change on behalf of its organisation.",
    schema: Type.Object({ id: proposalId }, { additionalProperties: false }),
    costUnits: 10,
    authorise: (context) => {
      requireBft();
      requireAdmin(context);
    },
    execute: (context, payload) => {
      const org = requireAdmin(context);
      const proposal = context.state.get(proposalKey(payload.id)) as unknown as Proposal | undefined;
      if (!proposal) throw new GovernanceError({ code: "GOVERNANCE_UNKNOWN_PROPOSAL", id: payload.id }, `no proposal "${payload.id}"`);
      if (proposal.status !== "open") throw new GovernanceError({ code: "GOVERNANCE_CLOSED", id: payload.id }, `proposal "${payload.id}" is already ${proposal.status}`);
      if (proposal.approvals.includes(org)) throw new GovernanceError({ code: "GOVERNANCE_ALREADY_APPROVED", id: payload.id, org }, `organisation "${org}" already approved "${payload.id}"`);
      approveWith(context.state, context.readModule(identityModuleName), proposal, org, context.block.height, context.emit);
    },
  });

  return {
    name: governanceModuleName,
    description: "Validator set changes approved by more than two thirds of the organisations.",
    txTypes: { propose_validators: propose, approve },
    queries: {
      proposal: defineQuery({
        description: "One proposal with its approvals and status.",
        parameters: Type.Object({ id: proposalId }, { additionalProperties: false }),
        run: (state, query) => state.get(proposalKey(query.id)),
      }),
      validators: defineQuery({
        description: "The validator set deciding a height (default: the newest scheduled), whether governance or the staking election chose it.",
        parameters: Type.Object({ height: Type.Optional(integerParameter({ maximum: Number.MAX_SAFE_INTEGER }, "the height (default: the next)")) }, { additionalProperties: false }),
        run: (state, query, readModule) => {
          const height = query.height === undefined ? Number.MAX_SAFE_INTEGER : Number(query.height);
          const validators = validatorsElected ? electedValidatorsAt(readModule(stakingModuleName), genesisValidators, height) : validatorsAtHeight(state, genesisValidators, height);
          return validators.map((validator) => ({ publicKey: toHex(validator.publicKey), power: validator.power }));
        },
      }),
    },
  };
}

/** Governance as the node runs it: validator changes approved by the organisations. */
export const createGovernanceService: ServiceFactory = ({ genesis, suite }) =>
  defineService({
    module: createGovernanceModule({ consensus: genesis.consensus, genesisValidators: genesisValidators(genesis), publicKeyBytes: suite.publicKeyBytes, validatorsElected: stakingElectsValidators(genesis) }),
  });
