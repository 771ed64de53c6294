import type { ContractCallAnswer, ContractCallRecord, ContractCallsAnswer, ContractCodeAnswer, ContractDetail, ContractEventEntry, ContractEventsAnswer, ContractProposal, ContractSummary, ContractsParameters } from "@kexin/core";

/** Bounds the builders check before anything is signed; the node's own limits (code size, gas) are chain parameters. */
export const contractLimits = {
  policyMethodsMax: 64,
  valueNestingDepthMax: 32,
} as const;

/**
 * The events the contracts module writes. A contract's own `ctx.emit(type, data)` becomes an event
 * of type `contract` with attributes { contract, type, data }; a successful call also records its
 * answer as an event of type `result` with attributes { contract, method, value, gasUsed }.
 */
export const contractsModule = "contracts";
export const contractEventType = "contract";
export const contractResultEventType = "result";

/** Roles allowed to call each state-changing method by transaction; [] admits any registered member; a method left out cannot be called by transactions. */
export type ContractPolicy = { readonly [method: string]: readonly string[] };

// The records are defined once, as schemas in @kexin/core; these are their names in the SDK.
export type ContractView = ContractSummary;
export type ContractStatus = ContractSummary["status"];
export type ContractDetailView = ContractDetail;
export type ContractCodeView = ContractCodeAnswer;
export type ContractProposalView = ContractProposal;
export type ContractProposalKind = ContractProposal["action"]["kind"];
/** A read-only method's answer: its value in JSON form (bytes as hex) and the gas it used. */
export type ContractQueryView = ContractCallAnswer;
export type ContractParametersView = ContractsParameters;
/** One call of a contract, as the `calls` query lists it: successful, or failed with its code. */
export type ContractCallView = ContractCallRecord;
export type ContractCallsView = ContractCallsAnswer;
/** One event of a contract, as the `events` query lists it; `data` in its JSON form. */
export type ContractEventEntryView = ContractEventEntry;
export type ContractEventsView = ContractEventsAnswer;
