import { type CborValue, type CredentialRecord, type CredentialStatusPurpose, datashareError, reinstateCredentialPayloadSchema, revokeCredentialPayloadSchema, suspendCredentialPayloadSchema } from "@kexin/core";
import type { TSchema } from "@sinclair/typebox";
import { type TxContext, type TxTypeDefinition, defineTxType } from "../../execution/interface.ts";
import { credentialKeys } from "./credentialKeys.ts";
import { writeStatusBit } from "./credentialStatusList.ts";
import { requireIssuer, requireOwnCredential } from "./credentials.ts";

type StatusChangePayload = { readonly id: string; readonly reason?: string };

interface StatusChange {
  /** The change's verb, as refusals name it. */
  readonly action: "revoke" | "suspend" | "reinstate";
  readonly description: string;
  readonly schema: TSchema;
  readonly event: string;
  /** The list whose bit the change writes, and whether it sets or clears it. */
  readonly purpose: CredentialStatusPurpose;
  readonly set: boolean;
  /** The credential's record after the change; throws when its present status refuses the change. */
  readonly changed: (credential: CredentialRecord, payload: StatusChangePayload, context: TxContext) => CredentialRecord;
}

/**
 * An issuer's change of one of its credentials' status: revoke, suspend or reinstate. Revocation is
 * final, so a revoked credential refuses every change; each change rewrites the credential's record
 * and one page of one of the issuer's status lists. Revocation's refusals keep the messages they had
 * before suspension existed: a failed receipt's message is in its block's resultsRoot.
 */
function statusChangeTxType(change: StatusChange): TxTypeDefinition {
  return defineTxType({
    description: change.description,
    schema: change.schema,
    costUnits: 5,
    authorise: (context) => {
      requireIssuer(context);
    },
    execute: (context, payload) => {
      const { id } = payload as StatusChangePayload;
      const credential = requireOwnCredential(context, id, change.action);
      if (credential.status === "revoked") {
        throw datashareError("DATASHARE_CREDENTIAL_REVOKED", `credential "${id}" was revoked at height ${credential.revokedAt ?? 0}`, { credential: id, revokedAt: credential.revokedAt ?? 0 });
      }
      context.state.set(credentialKeys.credential(id), change.changed(credential, payload as StatusChangePayload, context) as unknown as CborValue);
      writeStatusBit(context.state, change.purpose, credential.issuer, credential.statusIndex, change.set);
      context.emit(change.event, { credential: id, issuer: credential.issuer, statusIndex: credential.statusIndex });
    },
  });
}

export const revokeCredential = statusChangeTxType({
  action: "revoke",
  description: "An issuer of the issuing department revokes a credential for good: its bit in the department's revocation list is set from this block on.",
  schema: revokeCredentialPayloadSchema,
  event: "credential_revoked",
  purpose: "revocation",
  set: true,
  // A suspended credential may be revoked: its suspension stays on record, and the revocation decides.
  changed: (credential, payload, context) => ({ ...credential, status: "revoked", revokedAt: context.block.height, revokedBy: context.caller.address, ...(payload.reason !== undefined ? { reason: payload.reason } : {}) }),
});

export const suspendCredential = statusChangeTxType({
  action: "suspend",
  description: "An issuer of the issuing department suspends a credential until it reinstates it: its bit in the department's suspension list is set from this block on.",
  schema: suspendCredentialPayloadSchema,
  event: "credential_suspended",
  purpose: "suspension",
  set: true,
  changed: (credential, payload, context) => {
    if (credential.status === "suspended") {
      throw datashareError("DATASHARE_CREDENTIAL_SUSPENDED", `credential "${credential.id}" is suspended already, since height ${credential.suspendedAt ?? 0}`, { credential: credential.id, suspendedAt: credential.suspendedAt ?? 0 });
    }
    return { ...credential, status: "suspended", suspendedAt: context.block.height, suspendedBy: context.caller.address, ...(payload.reason !== undefined ? { suspensionReason: payload.reason } : {}) };
  },
});

export const reinstateCredential = statusChangeTxType({
  action: "reinstate",
  description: "An issuer of the issuing department lifts a credential's suspension: its bit in the department's suspension list is cleared from this block on.",
  schema: reinstateCredentialPayloadSchema,
  event: "credential_reinstated",
  purpose: "suspension",
  set: false,
  changed: (credential) => {
    if (credential.status !== "suspended") throw datashareError("DATASHARE_CREDENTIAL_NOT_SUSPENDED", `credential "${credential.id}" is not suspended`, { credential: credential.id });
    const { suspendedAt: _suspendedAt, suspendedBy: _suspendedBy, suspensionReason: _suspensionReason, ...rest } = credential;
    return { ...rest, status: "active" };
  },
});
