export { ExecutionError, type ExecutionErrorType, ExecutionFault } from "./errors.ts";
export { Executor, type AdmittedTx, type BlockExecution, baseCostUnits } from "./executor.ts";
export type { BlockInfo, Caller, DeferredList, DerivedIndexWrite, FailureContext, GenesisContext, ModuleDefinition, QueryDefinition, ReadContext, StateRead, StateWrite, TxContext, TxFailure, TxKind, TxTypeDefinition } from "./interface.ts";
export { defineQuery, defineTxType } from "./interface.ts";
export { ModuleRegistry, type ResolvedQuery, type ResolvedTxType } from "./registry.ts";
export { type RawState, WriteBuffer } from "./state.ts";
export { type IntegerBounds, IntegerParameterError, integerBoundsKey, type IntegerParameterErrorType, integerParameter, integerParameterRule, parseIntegerParameter, parseIntegerParameters } from "./integerParameter.ts";
export {
  type ChainParameterDefinition,
  type ChainParameterDefinitions,
  type ChainParameterOwner,
  type ChainParameterReader,
  ChainParameterCatalog,
  chainParameterReader,
  isWithin,
  parameterAt,
  parameterSchedule,
  parameterScheduleKey,
  parameterScheduleModule,
  scheduledValueAt,
} from "./chainParameters.ts";
