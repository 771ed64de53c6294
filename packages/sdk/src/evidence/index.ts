export { type AnchorCall, type AnchorParameters, type AnchorPayload, anchor, defaultMediaType } from "./anchor.ts";
export { type AppendChunksCall, type AppendChunksParameters, type AppendChunksPayload, type ChunkPayload, appendChunks } from "./appendChunks.ts";
export { type ChunkBatchesParameters, type ChunkBatchesReturnType, chunkBatches } from "./chunkBatches.ts";
export { type CloseSessionCall, type CloseSessionParameters, type CloseSessionPayload, closeSession } from "./closeSession.ts";
export { type EvidenceProofFromTransactionErrorType, evidenceProofFromTransaction } from "./evidenceProofFromTransaction.ts";
export { type GetAnchorsParameters, type GetAnchorsReturnType, getAnchors } from "./getAnchors.ts";
export { type GetAnchorsBySubmitterParameters, type GetAnchorsBySubmitterReturnType, getAnchorsBySubmitter } from "./getAnchorsBySubmitter.ts";
export { type GetAnchorsByTimeParameters, type GetAnchorsByTimeReturnType, getAnchorsByTime } from "./getAnchorsByTime.ts";
export { type CaseEntryView, type GetCaseParameters, type GetCaseReturnType, getCase } from "./getCase.ts";
export { type GetChunksParameters, type GetChunksReturnType, getChunks } from "./getChunks.ts";
export { type GetDrawParameters, type GetDrawReturnType, getDraw } from "./getDraw.ts";
export { type GetDrawWinnersParameters, type GetDrawWinnersReturnType, getDrawWinners } from "./getDrawWinners.ts";
export { type GetEvidenceProofErrorType, type GetEvidenceProofParameters, type GetEvidenceProofReturnType, getEvidenceProof } from "./getEvidenceProof.ts";
export { type GetRecordingErrorType, type GetRecordingParameters, type GetRecordingReturnType, getRecording } from "./getRecording.ts";
export { type GetSealedErrorType, type GetSealedParameters, type GetSealedReturnType, getSealed } from "./getSealed.ts";
export { type GetSessionParameters, type GetSessionReturnType, getSession } from "./getSession.ts";
export { type HasSealedErrorType, type HasSealedParameters, type HasSealedReturnType, hasSealed } from "./hasSealed.ts";
export { hashContent } from "./hashContent.ts";
export { type OpenSealedEvidenceErrorType, type OpenSealedEvidenceParameters, type OpenSealedEvidenceReturnType, openSealedEvidence } from "./openSealedEvidence.ts";
export { type OpenSessionCall, type OpenSessionParameters, type OpenSessionPayload, openSession } from "./openSession.ts";
export { type RegisterDrawCall, type RegisterDrawParameters, type RegisterDrawPayload, registerDraw } from "./registerDraw.ts";
export {
  type AnchorView,
  type ChunkView,
  type DrawView,
  type DrawWinnersView,
  type EvidenceProof,
  type EvidenceProofAnchor,
  type PageView,
  type SessionView,
  type SubmitterView,
  evidenceLimits,
  evidenceProofFormat,
} from "./types.ts";
export {
  type EvidenceProofCheck,
  type EvidenceProofCheckOutcome,
  type VerifyEvidenceProofParameters,
  type VerifyEvidenceProofReturnType,
  verifyEvidenceProof,
} from "./verifyEvidenceProof.ts";
export {
  type LotteryDrawCheck,
  type LotteryDrawCheckOutcome,
  type VerifyLotteryDrawParameters,
  type VerifyLotteryDrawReturnType,
  verifyLotteryDraw,
} from "./verifyLotteryDraw.ts";
export { type VerifyRecordingParameters, type VerifyRecordingReturnType, verifyRecording } from "./verifyRecording.ts";
export { type SealEvidenceParameters, type SealEvidenceReturnType, sealEvidence } from "./sealEvidence.ts";
export { type UploadSealedErrorType, type UploadSealedParameters, type UploadSealedReturnType, uploadSealed } from "./uploadSealed.ts";
export { SealedError, type SealedCipher, type SealedErrorType, decodeSealKey, encodeSealKey, sealedFormat, sealedMediaType } from "@kexin/core";
export { actions } from "./actions.ts";
