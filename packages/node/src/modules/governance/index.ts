import { type CborValue, type Validator, fromHex, isHex, protocolLimits, toHex } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { type ModuleDefinition, type StateRead, type StateWrite, defineQuery, defineTxType } from "../../execution/interface.ts";
import { type ChainParameterCatalog, parameterAt, parameterSchedule, parameterScheduleKey } from "../../execution/chainParameters.ts";
import { organisationApprovalsNeeded, organisationCount, withApproval } from "../identity/approvals.ts";
import { GovernanceError, governanceHttpStatusByCode } from "./errors.ts";
import { governanceGenesisSectionSchema, writeGovernanceGenesis } from "./genesis.ts";
import { checkEffectiveHeight, checkNoConflict, checkParameterChanges, governanceParameters, validatorChangeDelayName } from "./parameterChanges.ts";
import { identityModuleName, notAuthorisedAdmin, requireRegistered } from "./permissions.ts";
import { type ServiceFactory, type ValidatorsAtHeight, defineService } from "../service.ts";
import { genesisValidators } from "../../genesis.ts";
import { validatorScheduleQuery } from "./validatorSchedule.ts";

export const governanceModuleName = "governance";
export { GovernanceError, type GovernanceErrorType } from "./errors.ts";
export { governanceParameters, reviewWindowName, validatorChangeDelayName } from "./parameterChanges.ts";

const openProposalsMax = 64;
const proposalsListedMax = 10_000;

interface StoredValidator {
  readonly publicKey: string;
  readonly power: number;
}

/** A validator change; records written before parameter proposals existed carry no kind. */
interface Proposal {
  readonly kind?: "validators";
  readonly id: string;
  readonly proposer: string;
  readonly description: string;
  readonly changes: readonly StoredValidator[];
  readonly approvals: readonly string[];
  readonly status: "open" | "approved";
  readonly createdAt: number;
  readonly effectiveHeight?: number;
}

/** A change of chain parameters, applied at its effective height unless vetoed in its review window. */
interface ParameterProposal {
  readonly kind: "parameters";
  readonly id: string;
  readonly proposer: string;
  readonly description: string;
  readonly changes: Readonly<Record<string, number>>;
  readonly effectiveHeight: number;
  readonly approvals: readonly string[];
  readonly vetoes: readonly string[];
  readonly status: "open" | "approved" | "vetoed";
  readonly createdAt: number;
  readonly approvedAt?: number;
}

type AnyProposal = Proposal | ParameterProposal;

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
  /** Every parameter of the chain, asked for once the chain's services are built. */
  readonly parameterCatalog: () => ChainParameterCatalog;
  /** The schedule of the service that chooses validators instead of governance, if one does: then proposals are refused. */
  readonly electedValidatorsAt?: () => ValidatorsAtHeight | undefined;
}

/** Vetoes that cancel an approved parameter change: more than one third of the organisations. */
function organisationVetoesNeeded(identity: StateRead): number {
  return Math.floor(organisationCount(identity) / 3) + 1;
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
 * Consortium governance: an organisation admin proposes a validator change (adding, re-weighting
 * or removing validators) or a change of chain parameters; admins of more than two thirds of the
 * organisations approve. A validator change takes effect validatorChangeDelayBlocks later; a
 * parameter change at the height it names, unless admins of more than a third of the
 * organisations veto it first. Receipts of earlier blocks keep their own set.
 */
export function createGovernanceModule(parameters: GovernanceModuleParameters): ModuleDefinition {
  const { consensus, genesisValidators, publicKeyBytes, parameterCatalog, electedValidatorsAt } = parameters;
  const change = Type.Object({ publicKey: Type.String({ pattern: "^[0-9a-f]{2,256}$" }), power: Type.Integer({ minimum: 0, maximum: protocolLimits.votingPowerMax }) }, { additionalProperties: false });
  const proposalId = Type.String({ pattern: "^[a-z0-9][a-z0-9_-]{0,63}$" });
  const parameterChanges = Type.Record(Type.String({ pattern: "^[a-z][A-Za-z0-9]*\\.[a-z][A-Za-z0-9]*$", maxLength: 128 }), Type.Integer(), { minProperties: 1, maxProperties: 32 });
  const requireAdmin = (context: Parameters<typeof requireRegistered>[0]): string => {
    const account = requireRegistered(context);
    if (account.kind !== "admin") throw notAuthorisedAdmin(context.caller.address);
    return account.org;
  };
  const requireBft = (): void => {
    if (consensus !== "bft") throw new GovernanceError({ code: "GOVERNANCE_NOT_BFT" }, "this chain runs solo consensus with one validator; its validator set cannot change");
    if (electedValidatorsAt?.() !== undefined) throw new GovernanceError({ code: "GOVERNANCE_VALIDATORS_ELECTED" }, "this chain elects its validators by stake every epoch; stake or delegate (kexin stake …) instead of proposing a change");
  };
  const readProposal = (state: StateRead, id: string): AnyProposal => {
    const proposal = state.get(proposalKey(id)) as unknown as AnyProposal | undefined;
    if (!proposal) throw new GovernanceError({ code: "GOVERNANCE_UNKNOWN_PROPOSAL", id }, `no proposal "${id}"`);
    return proposal;
  };
  const closeOne = (state: StateWrite): void => {
    state.set(openCountKey, Math.max(0, ((state.get(openCountKey) as number | undefined) ?? 1) - 1));
  };
  const openOne = (state: StateWrite, id: string): void => {
    if (state.get(proposalKey(id)) !== undefined) throw new GovernanceError({ code: "GOVERNANCE_PROPOSAL_EXISTS", id }, `proposal "${id}" already exists`);
    const open = (state.get(openCountKey) as number | undefined) ?? 0;
    if (open >= openProposalsMax) throw new GovernanceError({ code: "GOVERNANCE_TOO_MANY_PROPOSALS", limit: openProposalsMax }, `at most ${openProposalsMax} proposals may be open`);
    state.set(openCountKey, open + 1);
  };
  type Emit = (type: string, attributes: Record<string, CborValue>) => void;

  const approveValidators = (state: StateWrite, identity: StateRead, proposal: Proposal, org: string, height: number, emit: Emit): void => {
    const approvals = withApproval(proposal.approvals, org);
    const needed = organisationApprovalsNeeded(identity);
    if (approvals.length < needed) {
      state.set(proposalKey(proposal.id), { ...proposal, approvals } as unknown as CborValue);
      emit("approved_by", { id: proposal.id, org, approvals: approvals.length, needed });
      return;
    }
    const effectiveHeight = height + parameterAt(state, parameterCatalog(), validatorChangeDelayName, height);
    const current = validatorsAtHeight(state, genesisValidators, effectiveHeight);
    const next = applyChanges(current, proposal.changes, publicKeyBytes);
    state.set(scheduleKey(effectiveHeight), next as unknown as CborValue);
    state.set(proposalKey(proposal.id), { ...proposal, approvals, status: "approved", effectiveHeight } as unknown as CborValue);
    closeOne(state);
    emit("validators_scheduled", { id: proposal.id, effectiveHeight, validators: next.length });
  };

  const approveParameters = (state: StateWrite, identity: StateRead, proposal: ParameterProposal, org: string, height: number, emit: Emit): void => {
    const approvals = withApproval(proposal.approvals, org);
    const needed = organisationApprovalsNeeded(identity);
    if (approvals.length < needed) {
      state.set(proposalKey(proposal.id), { ...proposal, approvals } as unknown as CborValue);
      emit("approved_by", { id: proposal.id, org, approvals: approvals.length, needed });
      return;
    }
    // The review window runs from the final approval, so it is checked again here.
    checkEffectiveHeight(state, parameterCatalog(), height, proposal.effectiveHeight);
    checkNoConflict(state, proposal.changes, proposal.effectiveHeight);
    for (const name of Object.keys(proposal.changes).sort()) state.set(parameterScheduleKey(name, proposal.effectiveHeight), proposal.changes[name] as number);
    state.set(proposalKey(proposal.id), { ...proposal, approvals, status: "approved", approvedAt: height } as unknown as CborValue);
    closeOne(state);
    emit("parameters_scheduled", { id: proposal.id, effectiveHeight: proposal.effectiveHeight, parameters: Object.keys(proposal.changes).length });
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
      // Checked first, so a proposal that could never apply is refused before anyone approves it.
      applyChanges(validatorsAtHeight(context.state, genesisValidators, context.block.height), payload.changes, publicKeyBytes);
      openOne(context.state, payload.id);
      const proposal: Proposal = { id: payload.id, proposer: org, description: payload.description, changes: payload.changes, approvals: [], status: "open", createdAt: context.block.height };
      context.emit("proposed", { id: payload.id, org });
      approveValidators(context.state, context.readModule(identityModuleName), proposal, org, context.block.height, context.emit);
    },
  });

  const proposeParameters = defineTxType({
    description: "An organisation admin proposes new values of chain parameters from an effective height on; the proposer's organisation approves it at once.",
    schema: Type.Object(
      { id: proposalId, description: Type.String({ maxLength: 1_000 }), changes: parameterChanges, effectiveHeight: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) },
      { additionalProperties: false },
    ),
    costUnits: 20,
    authorise: (context, payload) => {
      requireAdmin(context);
      checkParameterChanges(parameterCatalog(), payload.changes);
    },
    execute: (context, payload) => {
      const org = requireAdmin(context);
      checkParameterChanges(parameterCatalog(), payload.changes);
      checkEffectiveHeight(context.state, parameterCatalog(), context.block.height, payload.effectiveHeight);
      openOne(context.state, payload.id);
      const proposal: ParameterProposal = {
        kind: "parameters",
        id: payload.id,
        proposer: org,
        description: payload.description,
        changes: payload.changes,
        effectiveHeight: payload.effectiveHeight,
        approvals: [],
        vetoes: [],
        status: "open",
        createdAt: context.block.height,
      };
      context.emit("proposed", { id: payload.id, org });
      approveParameters(context.state, context.readModule(identityModuleName), proposal, org, context.block.height, context.emit);
    },
  });

  const approve = defineTxType({
    description: "An organisation admin approves an open validator or parameter change on behalf of its organisation.",
    schema: Type.Object({ id: proposalId }, { additionalProperties: false }),
    costUnits: 10,
    authorise: (context) => {
      requireAdmin(context);
    },
    execute: (context, payload) => {
      const org = requireAdmin(context);
      const proposal = readProposal(context.state, payload.id);
      if (proposal.status !== "open") throw new GovernanceError({ code: "GOVERNANCE_CLOSED", id: payload.id }, `proposal "${payload.id}" is already ${proposal.status}`);
      if (proposal.approvals.includes(org)) throw new GovernanceError({ code: "GOVERNANCE_ALREADY_APPROVED", id: payload.id, org }, `organisation "${org}" already approved "${payload.id}"`);
      const identity = context.readModule(identityModuleName);
      if (proposal.kind === "parameters") approveParameters(context.state, identity, proposal, org, context.block.height, context.emit);
      else {
        requireBft();
        approveValidators(context.state, identity, proposal, org, context.block.height, context.emit);
      }
    },
  });

  const veto = defineTxType({
    description: "An organisation admin vetoes an approved parameter change before its effective height; vetoes of more than a third of the organisations cancel it.",
    schema: Type.Object({ id: proposalId }, { additionalProperties: false }),
    costUnits: 10,
    authorise: (context) => {
      requireAdmin(context);
    },
    execute: (context, payload) => {
      const org = requireAdmin(context);
      const proposal = readProposal(context.state, payload.id);
      const height = context.block.height;
      if (proposal.kind !== "parameters" || proposal.status !== "approved" || height >= proposal.effectiveHeight) {
        const effectiveHeight = proposal.effectiveHeight ?? 0;
        throw new GovernanceError(
          { code: "GOVERNANCE_VETO_OUTSIDE_WINDOW", id: payload.id, status: proposal.status, effectiveHeight, height },
          `proposal "${payload.id}" can be vetoed only after its approval and before its effective height (${proposal.kind === "parameters" ? `a ${proposal.status} parameter change effective at ${effectiveHeight}` : "it is a validator change"}; this is height ${height})`,
        );
      }
      if (proposal.vetoes.includes(org)) throw new GovernanceError({ code: "GOVERNANCE_ALREADY_VETOED", id: payload.id, org }, `organisation "${org}" already vetoed "${payload.id}"`);
      const vetoes = withApproval(proposal.vetoes, org);
      const needed = organisationVetoesNeeded(context.readModule(identityModuleName));
      if (vetoes.length < needed) {
        context.state.set(proposalKey(proposal.id), { ...proposal, vetoes } as unknown as CborValue);
        context.emit("vetoed_by", { id: proposal.id, org, vetoes: vetoes.length, needed });
        return;
      }
      for (const name of Object.keys(proposal.changes).sort()) context.state.delete(parameterScheduleKey(name, proposal.effectiveHeight));
      context.state.set(proposalKey(proposal.id), { ...proposal, vetoes, status: "vetoed" } as unknown as CborValue);
      context.emit("parameters_vetoed", { id: proposal.id, effectiveHeight: proposal.effectiveHeight });
    },
  });

  const heightParameter = (what: string) => Type.Optional(integerParameter({ maximum: Number.MAX_SAFE_INTEGER }, what));

  return {
    name: governanceModuleName,
    description: "Validator set and chain parameter changes approved by more than two thirds of the organisations.",
    parameters: governanceParameters,
    txTypes: { propose_validators: propose, propose_parameters: proposeParameters, approve, veto },
    queries: {
      proposal: defineQuery({
        description: "One proposal with its approvals, vetoes and status.",
        parameters: Type.Object({ id: proposalId }, { additionalProperties: false }),
        run: (state, query) => {
          const proposal = state.get(proposalKey(query.id));
          return proposal === undefined ? undefined : { kind: "validators", ...(proposal as object) };
        },
      }),
      proposals: defineQuery({
        description: "Proposals of both kinds in id order, a page at a time.",
        parameters: Type.Object(
          {
            offset: Type.Optional(integerParameter({ maximum: proposalsListedMax }, "proposals to skip (default 0)")),
            limit: Type.Optional(integerParameter({ minimum: 1, maximum: 100 }, "proposals to list (default 20)")),
          },
          { additionalProperties: false },
        ),
        run: (state, query) => {
          const offset = Number(query.offset ?? 0);
          const limit = Number(query.limit ?? 20);
          const entries = state.list("proposal/", Math.min(offset + limit, proposalsListedMax));
          return { offset, proposals: entries.slice(offset).map((entry) => ({ kind: "validators", ...(entry.value as object) })) };
        },
      }),
      validators: defineQuery({
        description: "The validator set deciding a height (default: the newest scheduled), whether governance or the staking election chose it.",
        parameters: Type.Object({ height: heightParameter("the height (default: the next)") }, { additionalProperties: false }),
        run: (state, query, readModule) => {
          const height = query.height === undefined ? Number.MAX_SAFE_INTEGER : Number(query.height);
          const elected = electedValidatorsAt?.();
          const validators = elected ? elected(readModule, genesisValidators, height) : validatorsAtHeight(state, genesisValidators, height);
          return validators.map((validator) => ({ publicKey: toHex(validator.publicKey), power: validator.power }));
        },
      }),
      validator_schedule: validatorScheduleQuery(genesisValidators, scheduledSets),
      parameters: defineQuery({
        description: "Every chain parameter with its bounds and the value in force at a height (default: the next height).",
        parameters: Type.Object({ height: heightParameter("the height (default: the next)") }, { additionalProperties: false }),
        run: (state, query, _readModule, blocks) => {
          const catalog = parameterCatalog();
          const height = query.height === undefined ? blocks.height + 1 : Number(query.height);
          return {
            height,
            parameters: catalog.names().map((name) => {
              const { description, minimum, maximum, default: defaultValue } = catalog.definition(name) as NonNullable<ReturnType<ChainParameterCatalog["definition"]>>;
              return { name, value: parameterAt(state, catalog, name, height), minimum, maximum, default: defaultValue, description };
            }),
          };
        },
      }),
      scheduled_parameters: defineQuery({
        description: "Parameter values approved to take effect after a height (default: the newest committed height), by effective height.",
        parameters: Type.Object({ after: heightParameter("the height after which changes are listed (default: the newest committed)") }, { additionalProperties: false }),
        run: (state, query, _readModule, blocks) => {
          const after = query.after === undefined ? blocks.height : Number(query.after);
          return parameterCatalog()
            .names()
            .flatMap((name) => parameterSchedule(state, name).filter((entry) => entry.height > after).map((entry) => ({ name, height: entry.height, value: entry.value })))
            .sort((a, b) => a.height - b.height || (a.name < b.name ? -1 : 1));
        },
      }),
    },
  };
}

/** Governance as the node runs it: validator and parameter changes approved by the organisations. */
export const createGovernanceService: ServiceFactory = ({ genesis, suite, parameterCatalog, validatorSchedule }) =>
  defineService({
    module: createGovernanceModule({
      consensus: genesis.consensus,
      genesisValidators: genesisValidators(genesis),
      publicKeyBytes: suite.publicKeyBytes,
      parameterCatalog,
      electedValidatorsAt: () => {
        const source = validatorSchedule();
        return source && !source.fallback ? source.validatorsAt : undefined;
      },
    }),
    validatorSchedule: { fallback: true, validatorsAt: (readModule, validators, height) => validatorsAtHeight(readModule(governanceModuleName), validators, height) },
    genesis: { sectionSchema: governanceGenesisSectionSchema, write: (context, chainGenesis) => writeGovernanceGenesis(context, chainGenesis, parameterCatalog()) },
    httpStatusByCode: governanceHttpStatusByCode,
  });
