export { type AccessCall, access } from "./access.ts";
export { type BindSubjectKeyCall, bindSubjectKey } from "./bindSubjectKey.ts";
export { type ComputeCall, compute } from "./compute.ts";
export { type GetComputeResultParameters, type GetComputeResultReturnType, getComputeResult } from "./getComputeResult.ts";
export { type VerifyComputeResultErrorType, type VerifyComputeResultParameters, type VerifyComputeResultReturnType, verifyComputeResult } from "./verifyComputeResult.ts";
export { type GetAccessesParameters, getAccesses } from "./getAccesses.ts";
export { type GetCreditsParameters, getCredits } from "./getCredits.ts";
export { type GetDatasetParameters, getDataset } from "./getDataset.ts";
export { type GetDatasetsParameters, getDatasets } from "./getDatasets.ts";
export { type GetEncryptionKeyParameters, getEncryptionKey } from "./getEncryptionKey.ts";
export { type GetGrantsParameters, getGrants } from "./getGrants.ts";
export { type GetRecordParameters, getRecord } from "./getRecord.ts";
export { type GetRecordsParameters, getRecords } from "./getRecords.ts";
export { type GetSubjectAuditErrorType, type GetSubjectAuditParameters, type GetSubjectAuditReturnType, getSubjectAudit } from "./getSubjectAudit.ts";
export { type GrantCall, type RevokeCall, type RevokePayload, grant, revoke } from "./grant.ts";
export { type PublishRecordCall, publishRecord } from "./publishRecord.ts";
export { type ReadRecordErrorType, type ReadRecordParameters, type ReadRecordReturnType, readRecord } from "./readRecord.ts";
export { type ReadRecordsErrorType, type ReadRecordsParameters, type ReadRecordSuccess, type ReadRecordsResult, type ReadRecordsReturnType, readRecords } from "./readRecords.ts";
export { EnvelopeCache } from "../blobs/index.ts";
export { ChallengePool } from "./challengePool.ts";
export { type RegisterDatasetCall, registerDataset } from "./registerDataset.ts";
export { type RegisterEncryptionKeyCall, registerEncryptionKey } from "./registerEncryptionKey.ts";
export { type RequestDataKeyErrorType, type RequestDataKeyParameters, type RequestDataKeyReturnType, requestDataKey } from "./requestDataKey.ts";
export { type RequestDataKeysErrorType, type RequestDataKeysParameters, type RequestDataKeysReturnType, requestDataKeys } from "./requestDataKeys.ts";
export { type SealRecordParameters, type SealRecordReturnType, sealRecord } from "./sealRecord.ts";
export { type ShareRecordErrorType, type ShareRecordParameters, type ShareRecordReturnType, shareRecord } from "./shareRecord.ts";
export {
  type IssueCredentialCall,
  type ReinstateCredentialCall,
  type RevokeCredentialCall,
  type SuspendCredentialCall,
  type VerifyCredentialCall,
  recordCredentialVerification,
  recordIssuedCredential,
  reinstateCredential,
  revokeCredential,
  suspendCredential,
} from "./credentialCalls.ts";
export { type GetCredentialParameters, getCredential } from "./getCredential.ts";
export { type GetCredentialStatusListParameters, getCredentialStatusList } from "./getCredentialStatusList.ts";
export { type GetCredentialVerificationsParameters, getCredentialVerifications } from "./getCredentialVerifications.ts";
export { type IssueCredentialErrorType, type IssueCredentialParameters, type IssueCredentialReturnType, issueCredential } from "./issueCredential.ts";
export { type PresentCredentialErrorType, type PresentCredentialParameters, type PresentCredentialReturnType, presentCredential } from "./presentCredential.ts";
export { type VerifyCredentialErrorType, type VerifyCredentialParameters, type VerifyCredentialReturnType, verifyCredential } from "./verifyCredential.ts";
export { actions } from "./actions.ts";
