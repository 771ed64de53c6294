import { type CredentialDocument, type CryptoSuite, type MemberAnswer, type TrustedCredentialIssuer, addressOf, credentialIssuerRole, publicKeyMultibase, publicKeyOfVerificationMethod } from "@kexin/core";
import { ApiError, identity } from "@kexin/sdk";
import { client } from "../../api.ts";

/** The account that signed a credential's proof, as the chain registers it; undefined when the key is no account. */
export type CredentialSigner = { readonly address: string; readonly member: MemberAnswer | undefined };

export interface IssuerFromChain {
  /** The trusted-issuer list verification takes: the credential's issuer with the signing key, when the chain says that key issues for its organisation. */
  readonly trustedIssuers: readonly TrustedCredentialIssuer[];
  readonly signer: CredentialSigner | undefined;
}

function issuerIdOf(credential: CredentialDocument): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === "string") return issuer;
  if (typeof issuer === "object" && issuer !== null && !Array.isArray(issuer) && typeof (issuer as { id?: unknown }).id === "string") return (issuer as { id: string }).id;
  return undefined;
}

function verificationMethodOf(credential: CredentialDocument): string | undefined {
  const proof = credential.proof;
  if (typeof proof !== "object" || proof === null || Array.isArray(proof)) return undefined;
  const method = (proof as { verificationMethod?: unknown }).verificationMethod;
  return typeof method === "string" ? method : undefined;
}

/**
 * Whom to trust for this credential, from the chain rather than from a file: the key named by its
 * proof is trusted for the issuer it names only when that key is an active account of an
 * organisation allowed to issue (an admin, or a member with the credential_issuer role). The
 * signature itself is checked by the verification that takes this list, which then also requires
 * the credential's revocation entry to be in that organisation's status list.
 */
export async function issuerFromChain(suite: CryptoSuite, credential: CredentialDocument, signal?: AbortSignal): Promise<IssuerFromChain> {
  const method = verificationMethodOf(credential);
  const publicKey = method === undefined ? undefined : publicKeyOfVerificationMethod(suite, method);
  if (publicKey === undefined) return { trustedIssuers: [], signer: undefined };
  const address = addressOf(suite, publicKey);
  let member: MemberAnswer | undefined;
  try {
    member = await identity.getMember(client, { address, ...(signal !== undefined ? { signal } : {}) });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  const issuerId = issuerIdOf(credential);
  const issues = member !== undefined && member.active && (member.kind === "admin" || member.roles.includes(credentialIssuerRole));
  const trustedIssuers = issues && issuerId !== undefined ? [{ id: issuerId, organisation: (member as MemberAnswer).org, publicKeys: [publicKeyMultibase(suite, publicKey)] }] : [];
  return { trustedIssuers, signer: { address, member } };
}
