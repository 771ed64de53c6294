export { type ApproveProposalCall, type ApproveProposalParameters, type ApproveProposalPayload, approveProposal } from "./approveProposal.ts";
export { type CallContractErrorType, type CallContractParameters, type CallContractReturnType, callContract, contractCallValue } from "./callContract.ts";
export { type ContractCallCall, type ContractCallParameters, type ContractCallPayload, contractCall } from "./contractCall.ts";
export {
  type ContractCallOptions,
  type ContractClientErrorType,
  type ContractClientParameters,
  type ContractClientReturnType,
  type ContractQueryOptions,
  type TypedCallReturnType,
  type TypedQueryReturnType,
  contractClient,
} from "./contractClient.ts";
export type { ContractJsonValue, ContractMethodArgs, ContractMethodName, ContractMethodResult, ContractModule } from "./contractMethodTypes.ts";
export { contractCodeBytes, contractCodeHash, contractCodeHashHex } from "./contractCodeHash.ts";
export { type ContractEventView, contractEvents } from "./contractEvents.ts";
export { type GetCallsErrorType, type GetCallsParameters, type GetCallsReturnType, getCalls } from "./getCalls.ts";
export { type GetCodeErrorType, type GetCodeParameters, type GetCodeReturnType, getCode } from "./getCode.ts";
export {
  type ContractEventRecord,
  type GetContractEventsErrorType,
  type GetContractEventsParameters,
  type GetContractEventsReturnType,
  contractEventBlocksMax,
  getContractEvents,
} from "./getContractEvents.ts";
export { type GetEventsErrorType, type GetEventsParameters, type GetEventsReturnType, getEvents } from "./getEvents.ts";
export { type GetContractErrorType, type GetContractParameters, type GetContractReturnType, getContract } from "./getContract.ts";
export { type GetParametersErrorType, type GetParametersParameters, type GetParametersReturnType, getParameters } from "./getParameters.ts";
export { type GetProposalErrorType, type GetProposalParameters, type GetProposalReturnType, getProposal } from "./getProposal.ts";
export { type GetProposalsErrorType, type GetProposalsParameters, type GetProposalsReturnType, getProposals } from "./getProposals.ts";
export { type ListContractsErrorType, type ListContractsParameters, type ListContractsReturnType, listContracts } from "./listContracts.ts";
export type { DeployAction, FreezeAction, ProposalAction, ProposeCall, ProposePayload, UnfreezeAction, UpgradeAction } from "./proposal.ts";
export { type ProposeDeployCall, type ProposeDeployParameters, proposeDeploy } from "./proposeDeploy.ts";
export { type ProposeFreezeCall, type ProposeFreezeParameters, proposeFreeze } from "./proposeFreeze.ts";
export { type ProposeUnfreezeCall, type ProposeUnfreezeParameters, proposeUnfreeze } from "./proposeUnfreeze.ts";
export { type ProposeUpgradeCall, type ProposeUpgradeParameters, proposeUpgrade } from "./proposeUpgrade.ts";
export { type QueryContractErrorType, type QueryContractParameters, type QueryContractReturnType, queryContract } from "./queryContract.ts";
export {
  type ContractCallView,
  type ContractCallsView,
  type ContractCodeView,
  type ContractDetailView,
  type ContractEventEntryView,
  type ContractEventsView,
  type ContractParametersView,
  type ContractPolicy,
  type ContractProposalKind,
  type ContractProposalView,
  type ContractQueryView,
  type ContractStatus,
  type ContractView,
  contractEventType,
  contractLimits,
  contractResultEventType,
  contractsModule,
} from "./types.ts";
export { contractNamePattern, valueProblem } from "./validation.ts";
export type * from "./authoring.ts";
export { actions } from "./actions.ts";
