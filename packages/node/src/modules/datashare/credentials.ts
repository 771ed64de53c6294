import {
  type CborValue,
  type CredentialRecord,
  type CredentialVerificationRecord,
  type CredentialVerificationResult,
  credentialIssuerRole,
  datashareError,
  issueCredentialPayloadSchema,
  verifyCredentialPayloadSchema,
} from "@kexin/core";
import { type ReadContext, type StateRead, type TxContext, defineTxType } from "../../execution/interface.ts";
import { identityModuleName, readAccount, requireRegistered } from "../identity/index.ts";
import { requireDataset } from "./catalogue.ts";
import { credentialKeys } from "./credentialKeys.ts";
import { appendToAccessLists, appendToList, datashareLists } from "./lists.ts";

export function readCredential(state: StateRead, id: string): CredentialRecord | undefined {
  return state.get(credentialKeys.credential(id)) as CredentialRecord | undefined;
}

export function requireCredential(state: StateRead, id: string): CredentialRecord {
  const credential = readCredential(state, id);
  if (credential === undefined) throw datashareError("DATASHARE_CREDENTIAL_NOT_FOUND", `no credential "${id}" was issued on this chain`, { credential: id });
  return credential;
}

/** The organisation the signer issues credentials for: as its admin, or as a member with the credential_issuer role. */
export function requireIssuer(context: ReadContext): string {
  const account = readAccount(context.readModule(identityModuleName), context.caller.address);
  if (account === undefined || !account.active || (account.kind !== "admin" && !account.roles.includes(credentialIssuerRole))) {
    throw datashareError("DATASHARE_NOT_ISSUER", `only an organisation's admin or a member with the "${credentialIssuerRole}" role may issue or revoke credentials; ${context.caller.address} is neither`, { address: context.caller.address });
  }
  return account.org;
}

/** A credential may name only a dataset of its own issuer: its verifications join that dataset's access list. */
function requireIssuersDataset(state: StateRead, id: string, issuer: string): void {
  const dataset = requireDataset(state, id);
  if (dataset.owner !== issuer) {
    throw datashareError("DATASHARE_NOT_OWNER", `dataset "${id}" belongs to "${dataset.owner}"; a credential of "${issuer}" cannot name it`, { dataset: id, owner: dataset.owner });
  }
}

export const issueCredential = defineTxType({
  description: "An issuer of a department records a verifiable credential it issued: its id, hash and index in the department's status list, never its body.",
  schema: issueCredentialPayloadSchema,
  costUnits: 10,
  authorise: (context) => {
    requireIssuer(context);
  },
  execute: (context, payload) => {
    const issuer = requireIssuer(context);
    if (readCredential(context.state, payload.id) !== undefined) throw datashareError("DATASHARE_CREDENTIAL_EXISTS", `credential "${payload.id}" is already issued`, { credential: payload.id });
    const holder = context.state.get(credentialKeys.statusIndex(issuer, payload.statusIndex)) as string | undefined;
    if (holder !== undefined) {
      throw datashareError("DATASHARE_STATUS_INDEX_TAKEN", `index ${payload.statusIndex} of "${issuer}"'s status list belongs to credential "${holder}"; draw another`, { issuer, index: payload.statusIndex });
    }
    if (payload.dataset !== undefined) requireIssuersDataset(context.state, payload.dataset, issuer);
    const record: CredentialRecord = { ...payload, issuer, issuedBy: context.caller.address, issuedAt: context.block.height, tx: context.tx.hash, status: "active" };
    context.state.set(credentialKeys.credential(payload.id), record as unknown as CborValue);
    context.state.set(credentialKeys.statusIndex(issuer, payload.statusIndex), payload.id);
    context.emit("credential_issued", { credential: payload.id, issuer, statusIndex: payload.statusIndex });
  },
});

/** A credential of the signer's own organisation, which only its issuers may revoke, suspend or reinstate. */
export function requireOwnCredential(context: ReadContext, id: string, action: "revoke" | "suspend" | "reinstate"): CredentialRecord {
  const organisation = requireIssuer(context);
  const credential = requireCredential(context.state, id);
  if (credential.issuer !== organisation) {
    throw datashareError("DATASHARE_NOT_ISSUER", `credential "${id}" was issued by "${credential.issuer}"; an issuer of "${organisation}" cannot ${action} it`, { credential: id, issuer: credential.issuer });
  }
  return credential;
}

/** What the chain can say of a presented credential: whether it is the one issued, and whether it still stands. */
function verdictOn(credential: CredentialRecord, hash: string): CredentialVerificationResult {
  if (hash !== credential.hash) return "hash_mismatch";
  if (credential.status === "revoked") return "revoked";
  return credential.status === "suspended" ? "suspended" : "valid";
}

/**
 * Lists a verification among the audited accesses: by the verifying account and department, of
 * the dataset the credential names, and to the subject it names, under the issuer that made the
 * reference; a holder's presentation is a use of the issuer's data like an access.
 */
function recordVerificationInLists(context: TxContext, record: CredentialVerificationRecord, credential: CredentialRecord): void {
  appendToAccessLists(context, [record.tx, context.block.time, "credential_verification"], [
    ...(credential.dataset !== undefined ? [datashareLists.datasetAccesses(credential.dataset)] : []),
    datashareLists.organisationAccesses(record.organisation),
    datashareLists.requesterAccesses(record.verifier),
    ...(credential.subject !== undefined ? [datashareLists.subjectAccesses(credential.issuer, credential.subject)] : []),
  ]);
}

export const verifyCredential = defineTxType({
  description: "A department records that it verified a credential a holder presented, for a purpose: audited like an access, with the chain's verdict on its hash and status.",
  schema: verifyCredentialPayloadSchema,
  costUnits: 10,
  authorise: (context) => {
    requireRegistered(context);
  },
  execute: (context, payload) => {
    const verifier = requireRegistered(context);
    const credential = requireCredential(context.state, payload.id);
    const tx = context.tx.hash;
    const height = context.block.height;
    const record: CredentialVerificationRecord = {
      tx,
      verifier: context.caller.address,
      organisation: verifier.org,
      credential: payload.id,
      issuer: credential.issuer,
      purpose: payload.purpose,
      height,
      result: verdictOn(credential, payload.hash),
    };
    context.state.set(credentialKeys.verification(tx), record as unknown as CborValue);
    for (const list of [datashareLists.credentialVerifications(payload.id), datashareLists.organisationVerifications(verifier.org), datashareLists.issuerVerifications(credential.issuer)]) appendToList(context, list, tx);
    recordVerificationInLists(context, record, credential);
    context.emit("credential_verified", { credential: payload.id, issuer: credential.issuer, verifier: context.caller.address, organisation: verifier.org, purpose: payload.purpose, result: record.result });
  },
});
