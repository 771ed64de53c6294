import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../../wireCheck.ts";
import { datasetIdSchema, datasharePageFields, purposeSchema, subjectReferenceSchema } from "../records.ts";
import { credentialStatusListBits } from "./limits.ts";

const address = Type.String({ pattern: "^[0-9a-f]{40}$", description: "40 hex digits" });
const organisation = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$", description: "an organisation's id" });
const hash = Type.String({ pattern: "^[0-9a-f]{64}$", description: "64 hex digits" });
const height = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/** The account role that lets a member issue and revoke its organisation's credentials (admins may too). */
export const credentialIssuerRole = "credential_issuer";

/** A credential's id: a URI (`urn:uuid:…`, `https://…`) of printable ASCII. */
export const credentialIdSchema = Type.String({ pattern: "^[A-Za-z][A-Za-z0-9+.-]*:[!-~]{1,240}$", description: "the credential's id, a URI, unique on the chain" });
export const statusListIndexSchema = Type.Integer({ minimum: 0, maximum: credentialStatusListBits - 1, description: "the credential's index in its issuer's status list" });

/**
 * `datashare.issue_credential`: what the chain keeps of a credential — never its body, which may
 * hold personal data. `subject` is the reference (made with the issuer's subject key) of the person
 * the credential is about, so that its verifications join that person's audit list; `dataset` a
 * dataset of the issuer the credential certifies a record of, so that they join its access list.
 */
export const issueCredentialPayloadSchema = Type.Object(
  { id: credentialIdSchema, hash, statusIndex: statusListIndexSchema, subject: Type.Optional(subjectReferenceSchema), dataset: Type.Optional(datasetIdSchema) },
  { additionalProperties: false },
);
export type IssueCredentialPayload = WireStatic<typeof issueCredentialPayloadSchema>;

/** `datashare.revoke_credential`: sets the credential's bit in its issuer's status list, for good. */
export const revokeCredentialPayloadSchema = Type.Object({ id: credentialIdSchema, reason: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })) }, { additionalProperties: false });
export type RevokeCredentialPayload = WireStatic<typeof revokeCredentialPayloadSchema>;

/** `datashare.verify_credential`: a department records that it checked a presented credential, and the chain's verdict. */
export const verifyCredentialPayloadSchema = Type.Object({ id: credentialIdSchema, hash, purpose: purposeSchema }, { additionalProperties: false });
export type VerifyCredentialPayload = WireStatic<typeof verifyCredentialPayloadSchema>;

/** `datashare.suspend_credential`: sets the credential's bit in its issuer's suspension list until it is reinstated. */
export const suspendCredentialPayloadSchema = Type.Object({ id: credentialIdSchema, reason: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })) }, { additionalProperties: false });
export type SuspendCredentialPayload = WireStatic<typeof suspendCredentialPayloadSchema>;

/** `datashare.reinstate_credential`: clears a suspended credential's bit in its issuer's suspension list. */
export const reinstateCredentialPayloadSchema = Type.Object({ id: credentialIdSchema }, { additionalProperties: false });
export type ReinstateCredentialPayload = WireStatic<typeof reinstateCredentialPayloadSchema>;

export const credentialStatuses = ["active", "suspended", "revoked"] as const;
export type CredentialStatus = (typeof credentialStatuses)[number];

export const credentialRecordSchema = Type.Object({
  id: credentialIdSchema,
  hash,
  /** The issuing organisation, whose status list holds the credential. */
  issuer: organisation,
  issuedBy: address,
  issuedAt: height,
  tx: hash,
  statusIndex: Type.Integer(),
  subject: Type.Optional(subjectReferenceSchema),
  dataset: Type.Optional(datasetIdSchema),
  status: Type.Union(credentialStatuses.map((status) => Type.Literal(status))),
  revokedAt: Type.Optional(height),
  revokedBy: Type.Optional(address),
  reason: Type.Optional(Type.String()),
  /** While suspended (kept when a suspended credential is revoked): since when, by whom, why. */
  suspendedAt: Type.Optional(height),
  suspendedBy: Type.Optional(address),
  suspensionReason: Type.Optional(Type.String()),
});
export type CredentialRecord = WireStatic<typeof credentialRecordSchema>;

/** The chain's verdict on a presented credential: the hash and status it can check; the proof is checked off chain. */
export const credentialVerificationResults = ["valid", "suspended", "revoked", "hash_mismatch"] as const;
export type CredentialVerificationResult = (typeof credentialVerificationResults)[number];

export const credentialVerificationRecordSchema = Type.Object({
  tx: hash,
  verifier: address,
  organisation,
  credential: credentialIdSchema,
  issuer: organisation,
  purpose: Type.String(),
  height,
  result: Type.Union(credentialVerificationResults.map((result) => Type.Literal(result))),
});
export type CredentialVerificationRecord = WireStatic<typeof credentialVerificationRecordSchema>;

/** A page of recorded verifications: `total` of the list, this page from `start`, the following page's start or null after the last. */
export const credentialVerificationsAnswerSchema = Type.Object({ ...datasharePageFields, verifications: Type.Array(credentialVerificationRecordSchema) });
export type CredentialVerificationsAnswer = WireStatic<typeof credentialVerificationsAnswerSchema>;

/** An issuer's status list of one purpose as the chain holds it, in the Bitstring Status List's encoding. */
export const credentialStatusListAnswerSchema = Type.Object({
  issuer: organisation,
  statusPurpose: Type.Union([Type.Literal("revocation"), Type.Literal("suspension")]),
  /** Multibase base64url of the GZIP-compressed bitstring. */
  encodedList: Type.String(),
  /** The last committed height the list reflects. */
  height,
});
export type CredentialStatusListAnswer = WireStatic<typeof credentialStatusListAnswerSchema>;

export const statusIndexAnswerSchema = Type.Object({ issuer: organisation, index: Type.Integer(), credential: Type.Optional(credentialIdSchema) });
export type StatusIndexAnswer = WireStatic<typeof statusIndexAnswerSchema>;
