import { type CredentialDocument, createCredentialProof, credentialHash, credentialStatusEntries, credentialStatusListBits, datashareError, didKeyVerificationMethod, statusIndexAnswerSchema } from "@kexin/core";
import { getStatus } from "../actions/getStatus.ts";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { getMember } from "../identity/getMember.ts";
import { type Wallet, privateKeyOf } from "../wallet/wallet.ts";
import { type IssueCredentialCall, recordIssuedCredential } from "./credentialCalls.ts";

export type IssueCredentialParameters = {
  /** An admin of the issuing organisation, or a member with the credential_issuer role; its key signs the proof. */
  readonly wallet: Wallet;
  /** The unsecured credential: it names its `id` (a URI) and `issuer`; its revocation and suspension entries are added here. */
  readonly credential: CredentialDocument;
  /** The reference (made with the issuer's subject key) of the person the credential is about: its verifications then show in that person's audit list. */
  readonly subject?: string;
  /** A dataset of the issuer the credential certifies a record of: its verifications then show in that dataset's access list. */
  readonly dataset?: string;
  /** The proof's `created` time, an XML Schema dateTime; omitted when absent. */
  readonly created?: string;
  readonly signal?: AbortSignal;
};
export type IssueCredentialReturnType = {
  /** The secured credential to hand to its holder. */
  readonly credential: CredentialDocument;
  /** The issue_credential transaction to send once this returns. */
  readonly call: IssueCredentialCall;
  readonly hash: string;
  readonly statusIndex: number;
};
/** DatashareError DATASHARE_CREDENTIAL_INVALID or DATASHARE_STATUS_INDEX_TAKEN before anything is sent; ApiError; SdkError. */
export type IssueCredentialErrorType = ApiError | SdkError;

/** Draws at most this many random indices before giving up: each is free unless the list is nearly full. */
const indexDrawsMax = 16;

async function freeStatusIndex(client: Client, wallet: Wallet, organisation: string, signal: AbortSignal | undefined): Promise<number> {
  for (let draw = 0; draw < indexDrawsMax; draw++) {
    const random = wallet.suite.randomBytes(4);
    // A random index, as the Bitstring Status List recommends, so that the index says nothing of when or to whom a credential was issued.
    const index = (((random[0] as number) << 24) | ((random[1] as number) << 16) | ((random[2] as number) << 8) | (random[3] as number)) >>> 0;
    const candidate = index % credentialStatusListBits;
    const answer = await queryAnswer(client, statusIndexAnswerSchema, { module: "datashare", query: "credential_status_index", parameters: { issuer: organisation, index: candidate }, signal });
    if (answer.credential === undefined) return candidate;
  }
  throw datashareError("DATASHARE_STATUS_INDEX_TAKEN", `${indexDrawsMax} random indices of "${organisation}"'s status list were all taken: the list is nearly full`, { issuer: organisation });
}

/**
 * Issues a credential: adds a revocation and a suspension entry at a free random index of the
 * issuer organisation's status lists, signs a Data Integrity proof (eddsa-jcs-2022 on intl, sm2-jcs-2024
 * on gm) with the wallet's key under its did:key, and returns the issue_credential call that
 * records the credential's id, hash and index on chain — never its body.
 */
export async function issueCredential(client: Client, parameters: IssueCredentialParameters): Promise<IssueCredentialReturnType> {
  const { wallet, signal } = parameters;
  const id = parameters.credential.id;
  if (typeof id !== "string") throw datashareError("DATASHARE_CREDENTIAL_INVALID", "the credential needs an id (a URI): the chain records it by id");
  if (parameters.credential.credentialStatus !== undefined) throw datashareError("DATASHARE_CREDENTIAL_INVALID", "the credential already names a credentialStatus; issueCredential adds its own");
  const chainId = (await getStatus(client, { signal })).chainId;
  const organisation = (await getMember(client, { address: wallet.address, signal })).org;
  const statusIndex = await freeStatusIndex(client, wallet, organisation, signal);
  const unsecured = { ...parameters.credential, credentialStatus: credentialStatusEntries(chainId, organisation, statusIndex) };
  // The wallet's signing key is its account key, so the chain's record of the issuer's accounts doubles as its published keys.
  const credential = createCredentialProof(wallet.suite, unsecured, privateKeyOf(wallet), {
    verificationMethod: didKeyVerificationMethod(wallet.suite, wallet.publicKey),
    ...(parameters.created !== undefined ? { created: parameters.created } : {}),
  });
  const hash = credentialHash(wallet.suite, credential);
  const named = { ...(parameters.subject !== undefined ? { subject: parameters.subject.toLowerCase() } : {}), ...(parameters.dataset !== undefined ? { dataset: parameters.dataset } : {}) };
  return { credential, call: recordIssuedCredential({ id, hash, statusIndex, ...named }), hash, statusIndex };
}
