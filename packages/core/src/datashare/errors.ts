import { KexinError } from "../errors.ts";

/** Every refusal of the datashare service: of its transactions (in a failed receipt), its key routes and the SDK. */
export const datashareErrorCodes = [
  "DATASHARE_GENESIS_INVALID",
  "DATASHARE_NOT_ADMIN",
  "DATASHARE_NOT_OWNER",
  "DATASHARE_DATASET_EXISTS",
  "DATASHARE_DATASET_NOT_FOUND",
  "DATASHARE_SCHEMA_INVALID",
  "DATASHARE_ENCRYPTION_KEY_INVALID",
  "DATASHARE_KEY_FILE_INVALID",
  "DATASHARE_RECORD_EXISTS",
  "DATASHARE_RECORD_NOT_FOUND",
  "DATASHARE_RECORD_INVALID",
  "DATASHARE_SUBJECT_NOT_FOUND",
  "DATASHARE_SUBJECT_RECORDS_TOO_MANY",
  "DATASHARE_SUBJECT_KEY_INVALID",
  "DATASHARE_AUDIT_NOT_ALLOWED",
  "DATASHARE_FIELD_UNKNOWN",
  "DATASHARE_GRANTEE_UNKNOWN",
  "DATASHARE_EXPIRY_PASSED",
  "DATASHARE_GRANT_NOT_FOUND",
  "DATASHARE_NO_GRANT",
  "DATASHARE_GRANT_REVOKED",
  "DATASHARE_GRANT_EXPIRED",
  "DATASHARE_QUOTA_EXHAUSTED",
  "DATASHARE_NO_CREDITS",
  "DATASHARE_CIPHERTEXT_MISMATCH",
  "DATASHARE_WRAPPED_KEY_INVALID",
  "DATASHARE_REQUEST_UNAUTHORISED",
  "DATASHARE_CHALLENGE_UNKNOWN",
  "DATASHARE_ACCESS_NOT_FOUND",
  "DATASHARE_ACCESS_NOT_YOURS",
  "DATASHARE_RECORD_NOT_IN_ACCESS",
  "DATASHARE_NO_ENCRYPTION_KEY",
  "DATASHARE_KEY_MISMATCH",
  "DATASHARE_KEY_NOT_HELD",
  "DATASHARE_QUERY_INVALID",
  "DATASHARE_NOT_ISSUER",
  "DATASHARE_CREDENTIAL_INVALID",
  "DATASHARE_CREDENTIAL_KEY_INVALID",
  "DATASHARE_CREDENTIAL_EXISTS",
  "DATASHARE_CREDENTIAL_NOT_FOUND",
  "DATASHARE_CREDENTIAL_REVOKED",
  "DATASHARE_CREDENTIAL_NOT_YET_VALID",
  "DATASHARE_CREDENTIAL_EXPIRED",
  "DATASHARE_CREDENTIAL_HASH_MISMATCH",
  "DATASHARE_PROOF_INVALID",
  "DATASHARE_ISSUER_UNTRUSTED",
  "DATASHARE_STATUS_INDEX_TAKEN",
  "DATASHARE_STATUS_INVALID",
] as const;
export type DatashareErrorCode = (typeof datashareErrorCodes)[number];

/** A datashare refusal: its code and, when they help, the values it concerns (balance and price, dataset, record…). */
export interface DatashareErrorType {
  readonly code: DatashareErrorCode;
  readonly [detail: string]: string | number | boolean | undefined;
}
export class DatashareError extends KexinError<DatashareErrorType> {}

export function datashareError(code: DatashareErrorCode, message: string, details: Record<string, string | number | boolean> = {}): DatashareError {
  return new DatashareError({ ...details, code }, message);
}
