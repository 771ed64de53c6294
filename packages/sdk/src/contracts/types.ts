import type {
  ContractCodeAnswer,
  ContractDetail,
  ContractParametersAnswer,
  ContractPolicy as CorePolicy,
  ContractProposalRecord,
  ContractQueryAnswer,
  ContractRecord,
} from "@kexin/core";

export { type ContractProposalKind, type ContractStatus, contractProposalKinds, contractStatuses } from "@kexin/core";

/** Bounds the builders check before anything is signed; the node's own limits (code size, gas) are chain parameters. */
export const contractLimits = {
  methodNameLengthMax: 64,
  policyMethodsMax: 64,
  valueNestingDepthMax: 32,
} as const;

/**
 * The events the contracts module writes. A contract's own `ctx.emit(type, data)` becomes an event
 * of type `contract` with attributes { contract, type, data }; a successful call also records its
 * answer as an event of type `result` with attributes { contract, method, value }.
 */
export const contractsModule = "contracts";
export const contractEventType = "contract";
export const contractResultEventType = "result";

// The records are defined once, as schemas in @kexin/core; these are their names in the SDK.
export type ContractPolicy = CorePolicy;
export type ContractView = ContractRecord;
export type ContractDetailView = ContractDetail;
export type ContractCodeView = ContractCodeAnswer;
export type ContractProposalView = ContractProposalRecord;
export type ContractQueryView = ContractQueryAnswer;
export type ContractParametersView = ContractParametersAnswer;
