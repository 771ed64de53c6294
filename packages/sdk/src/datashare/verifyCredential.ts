import { type CredentialDocument, type CredentialStatusListAnswer, type CredentialVerification, type TrustedCredentialIssuer, credentialFailure, getSuite, verifyCredentialOffline } from "@kexin/core";
import { getStatus } from "../actions/getStatus.ts";
import type { Client } from "../clients/createClient.ts";
import { ApiError, type SdkError } from "../errors.ts";
import { getCredential } from "./getCredential.ts";

export type VerifyCredentialParameters = {
  readonly credential: CredentialDocument;
  /** The issuers the caller trusts, with the Multikeys each signs with: nothing the credential or the node says replaces this list. */
  readonly trustedIssuers: readonly TrustedCredentialIssuer[];
  /** A revocation-list snapshot (getCredentialStatusList) to judge revocation by, instead of asking the node for the credential's record. */
  readonly statusList?: CredentialStatusListAnswer;
  /** With statusList: the issuer's suspension-list snapshot, needed for a credential that carries a suspension entry. */
  readonly suspensionList?: CredentialStatusListAnswer;
  /** When to judge validFrom and validUntil (default: now). */
  readonly at?: Date;
  readonly signal?: AbortSignal;
};
export type VerifyCredentialReturnType = CredentialVerification;
/** ApiError other than DATASHARE_CREDENTIAL_NOT_FOUND (which is a failed `record` check); SdkError. */
export type VerifyCredentialErrorType = ApiError | SdkError;

/**
 * Verifies a credential: its proof against the trusted issuers' keys, its validity period, and
 * its status (revoked, suspended) from the node's record of it (which also pins its hash) or from
 * status-list snapshots. Never throws for a credential that fails: the answer names the check and its code.
 */
export async function verifyCredential(client: Client, parameters: VerifyCredentialParameters): Promise<VerifyCredentialReturnType> {
  const { signal } = parameters;
  const status = await getStatus(client, { signal });
  const suite = getSuite(status.suite);
  const common = { credential: parameters.credential, chainId: status.chainId, trustedIssuers: parameters.trustedIssuers, at: parameters.at ?? new Date() };
  if (parameters.statusList !== undefined) {
    return verifyCredentialOffline(suite, { ...common, status: { statusList: parameters.statusList, ...(parameters.suspensionList !== undefined ? { suspensionList: parameters.suspensionList } : {}) } });
  }
  const id = parameters.credential.id;
  if (typeof id !== "string") return credentialFailure("format", "DATASHARE_CREDENTIAL_INVALID", "the credential has no id");
  try {
    const record = await getCredential(client, { id, signal });
    return await verifyCredentialOffline(suite, { ...common, status: { record } });
  } catch (error) {
    if (error instanceof ApiError && error.code === "DATASHARE_CREDENTIAL_NOT_FOUND") return credentialFailure("record", "DATASHARE_CREDENTIAL_NOT_FOUND", `credential "${id}" was never issued on chain ${status.chainId}`);
    throw error;
  }
}
