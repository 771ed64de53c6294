import type { CryptoSuite } from "../../crypto/index.ts";
import { type CredentialDocument, type CredentialFailure, credentialFailure, credentialHash, verifyCredentialProof } from "./proof.ts";
import { publicKeyMultibase } from "./multikey.ts";
import type { CredentialRecord, CredentialStatusListAnswer } from "./schemas.ts";
import { type CredentialStatusPurpose, credentialStatusListId, credentialStatusReferenceOf, decodeEncodedList, statusBit } from "./status.ts";

/** An issuer the verifier trusts: the `issuer` its credentials name, its organisation on the chain and the Multikeys it signs with. */
export interface TrustedCredentialIssuer {
  readonly id: string;
  readonly organisation: string;
  readonly publicKeys: readonly string[];
}

/**
 * Where the credential's status comes from: the chain's record of it (the `credential` query),
 * which also pins its hash; or status-list snapshots (the `credential_status_list` query, kept for
 * offline use), which say only whether its bits are set: the revocation list, and the suspension
 * list, needed for a credential that carries a suspension entry.
 */
export type CredentialStatusEvidence =
  | { readonly record: CredentialRecord }
  | { readonly statusList: CredentialStatusListAnswer; readonly suspensionList?: CredentialStatusListAnswer };

export interface VerifyCredentialOfflineParameters {
  readonly credential: CredentialDocument;
  readonly chainId: string;
  readonly trustedIssuers: readonly TrustedCredentialIssuer[];
  readonly status: CredentialStatusEvidence;
  /** When to judge validFrom and validUntil; omitted, they are not checked. */
  readonly at?: Date;
}

export type CredentialVerification =
  | { readonly verified: true; readonly issuer: TrustedCredentialIssuer; readonly statusIndex: number; readonly status: "active" }
  | (CredentialFailure & { readonly status?: "revoked" | "suspended"; readonly revokedAt?: number; readonly suspendedAt?: number });

function issuerIdOf(credential: CredentialDocument): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === "string") return issuer;
  if (typeof issuer === "object" && issuer !== null && !Array.isArray(issuer)) {
    const id = (issuer as { readonly id?: unknown }).id;
    return typeof id === "string" ? id : undefined;
  }
  return undefined;
}

function validityFailure(credential: CredentialDocument, at: Date): CredentialFailure | undefined {
  const { validFrom, validUntil } = credential;
  if (typeof validFrom === "string" && !(Date.parse(validFrom) <= at.getTime())) return credentialFailure("validity", "DATASHARE_CREDENTIAL_NOT_YET_VALID", `the credential is valid from ${validFrom}`);
  if (typeof validUntil === "string" && !(at.getTime() <= Date.parse(validUntil))) return credentialFailure("validity", "DATASHARE_CREDENTIAL_EXPIRED", `the credential was valid until ${validUntil}`);
  return undefined;
}

async function bitInSnapshot(statusList: CredentialStatusListAnswer, purpose: CredentialStatusPurpose, organisation: string, index: number): Promise<boolean | CredentialFailure> {
  if (statusList.issuer !== organisation) return credentialFailure("status", "DATASHARE_STATUS_INVALID", `the status list given is "${statusList.issuer}"'s, not "${organisation}"'s`);
  if (statusList.statusPurpose !== purpose) return credentialFailure("status", "DATASHARE_STATUS_INVALID", `the status list given is a ${statusList.statusPurpose} list, not a ${purpose} list`);
  try {
    return statusBit(await decodeEncodedList(statusList.encodedList), index);
  } catch (error) {
    return credentialFailure("status", "DATASHARE_STATUS_INVALID", (error as Error).message);
  }
}

function recordFailure(record: CredentialRecord, credential: CredentialDocument, suite: CryptoSuite, organisation: string, index: number): CredentialFailure | undefined {
  if (record.id !== credential.id || record.issuer !== organisation || record.statusIndex !== index) {
    return credentialFailure("record", "DATASHARE_STATUS_INVALID", `the chain records credential "${record.id}" of "${record.issuer}" at index ${record.statusIndex}, not this one`);
  }
  if (record.hash !== credentialHash(suite, credential)) return credentialFailure("record", "DATASHARE_CREDENTIAL_HASH_MISMATCH", "the credential is not the one whose hash the issuer recorded on chain");
  return undefined;
}

/** The credential's status by the chain's record of it: the record must be this credential's, and neither revoked nor suspended. */
function recordStatusFailure(record: CredentialRecord, credential: CredentialDocument, suite: CryptoSuite, organisation: string, index: number): CredentialVerification | undefined {
  const failure = recordFailure(record, credential, suite, organisation, index);
  if (failure !== undefined) return failure;
  if (record.status === "revoked") {
    return { ...credentialFailure("status", "DATASHARE_CREDENTIAL_REVOKED", `the credential was revoked at height ${record.revokedAt ?? 0}`), status: "revoked", revokedAt: record.revokedAt ?? 0 };
  }
  if (record.status === "suspended") {
    return { ...credentialFailure("status", "DATASHARE_CREDENTIAL_SUSPENDED", `the credential is suspended since height ${record.suspendedAt ?? 0}; its issuer may reinstate it`), status: "suspended", suspendedAt: record.suspendedAt ?? 0 };
  }
  return undefined;
}

/** The credential's status by status-list snapshots: its bit in the revocation list and, when it carries a suspension entry, in the suspension list. */
async function snapshotStatusFailure(
  evidence: { readonly statusList: CredentialStatusListAnswer; readonly suspensionList?: CredentialStatusListAnswer },
  suspendable: boolean,
  organisation: string,
  index: number,
): Promise<CredentialVerification | undefined> {
  const revoked = await bitInSnapshot(evidence.statusList, "revocation", organisation, index);
  if (typeof revoked !== "boolean") return revoked;
  if (revoked) return { ...credentialFailure("status", "DATASHARE_CREDENTIAL_REVOKED", `the credential's bit is set in "${organisation}"'s revocation list at height ${evidence.statusList.height}`), status: "revoked" };
  if (!suspendable) return undefined;
  if (evidence.suspensionList === undefined) return credentialFailure("status", "DATASHARE_STATUS_INVALID", `the credential can be suspended: give "${organisation}"'s suspension list as well as its revocation list`);
  const suspended = await bitInSnapshot(evidence.suspensionList, "suspension", organisation, index);
  if (typeof suspended !== "boolean") return suspended;
  if (suspended) return { ...credentialFailure("status", "DATASHARE_CREDENTIAL_SUSPENDED", `the credential's bit is set in "${organisation}"'s suspension list at height ${evidence.suspensionList.height}`), status: "suspended" };
  return undefined;
}

/**
 * Verifies a credential without trusting anyone but the caller's list of issuers: the proof
 * (eddsa-jcs-2022 or sm2-jcs-2024 for the suite), that its key is one the named issuer signs
 * with, its validity period, and its revocation and suspension status from the evidence given. A
 * failure names the first check that failed and its code; a revoked or suspended credential's
 * also carries `status`.
 */
export async function verifyCredentialOffline(suite: CryptoSuite, parameters: VerifyCredentialOfflineParameters): Promise<CredentialVerification> {
  const { credential } = parameters;
  const proof = verifyCredentialProof(suite, credential);
  if (!proof.verified) return proof;
  const issuerId = issuerIdOf(credential);
  const signer = publicKeyMultibase(suite, proof.publicKey);
  const issuer = parameters.trustedIssuers.find((candidate) => candidate.id === issuerId && candidate.publicKeys.includes(signer));
  if (issuer === undefined) return credentialFailure("issuer", "DATASHARE_ISSUER_UNTRUSTED", `no trusted issuer "${issuerId ?? "(none)"}" signs with ${signer}`);
  if (proof.proofPurpose !== "assertionMethod") return credentialFailure("issuer", "DATASHARE_PROOF_INVALID", `the proof's purpose is ${proof.proofPurpose}, not assertionMethod`);
  const validity = parameters.at === undefined ? undefined : validityFailure(credential, parameters.at);
  if (validity !== undefined) return validity;
  const reference = credentialStatusReferenceOf(credential);
  if (reference === undefined || reference.statusListCredential !== credentialStatusListId(parameters.chainId, issuer.organisation)) {
    return credentialFailure("status", "DATASHARE_STATUS_INVALID", `the credential carries no revocation entry in "${issuer.organisation}"'s status list on chain ${parameters.chainId}`);
  }
  // The chain suspends a credential at the index it recorded, its revocation index: an entry naming another list or index could never show it.
  const suspension = credentialStatusReferenceOf(credential, "suspension");
  if (suspension !== undefined && (suspension.statusListCredential !== credentialStatusListId(parameters.chainId, issuer.organisation, "suspension") || suspension.index !== reference.index)) {
    return credentialFailure("status", "DATASHARE_STATUS_INVALID", `the credential's suspension entry is not index ${reference.index} of "${issuer.organisation}"'s suspension list on chain ${parameters.chainId}`);
  }
  const evidence = parameters.status;
  const failure = "record" in evidence ? recordStatusFailure(evidence.record, credential, suite, issuer.organisation, reference.index) : await snapshotStatusFailure(evidence, suspension !== undefined, issuer.organisation, reference.index);
  if (failure !== undefined) return failure;
  return { verified: true, issuer, statusIndex: reference.index, status: "active" };
}
