export {
  BlockPipeline,
  blockTxKinds,
  type BlockParts,
  type BlockPipelineDependencies,
  type BlockValidators,
  type ExecutedBlock,
  type PipelineExecutor,
  type PipelineMempool,
  type PipelineStore,
} from "./blockPipeline.ts";
export { BlockValidationError, type BlockValidationErrorType, blockRefusalReason } from "./errors.ts";
export { type BlockLimits, blockLimitsAt, blockLimitsBound, blockParameterOwner } from "./blockParameters.ts";
