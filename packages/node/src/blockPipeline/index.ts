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
