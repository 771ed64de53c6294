import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";
import { keyReleaseChallengeBytes } from "./keyRelease.ts";
import { accessEntrySchema } from "./accessEntries.ts";
import { datashareModuleName, subjectReferenceSchema } from "./records.ts";

/*
 * The per-subject audit view. A citizen's subject reference is made by one organisation with its
 * own subject key, so the organisation that made it is the one that binds a citizen's signing key
 * to it (`bind_subject_key`), after checking the citizen's identity at its counter. The citizen
 * then lists every access to that organisation's records of the reference by signing a request
 * with that key, bound to a fresh challenge of the node.
 */

const organisation = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$", description: "an organisation's id" });
const address = Type.String({ pattern: "^[0-9a-f]{40}$", description: "40 hex digits" });
const height = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
/** A signing public key of the chain's suite: Ed25519 (32 bytes, intl) or uncompressed SM2 (65 bytes, gm), hex. */
const signingPublicKey = Type.String({ pattern: "^[0-9a-f]{64}$|^04[0-9a-f]{128}$", description: "a signing public key of the chain's suite, hex" });

/** The role that lets an account read any subject's audit list. */
export const datashareAuditorRole = "auditor";

/** The payload of `datashare.bind_subject_key`: the sender's organisation binds a citizen's signing key to a subject reference it made. */
export const bindSubjectKeyPayloadSchema = Type.Object({ subject: subjectReferenceSchema, publicKey: signingPublicKey }, { additionalProperties: false });
export type BindSubjectKeyPayload = WireStatic<typeof bindSubjectKeyPayloadSchema>;

export const subjectKeyRecordSchema = Type.Object({ organisation, subject: subjectReferenceSchema, publicKey: Type.String(), boundBy: address, boundAt: height });
export type SubjectKeyRecord = WireStatic<typeof subjectKeyRecordSchema>;

/**
 * A request for a subject's audit list is a signed, never-submitted transaction body of this type
 * (as key-release requests are), payload `{ organisation, subject, challenge, start?, limit? }`,
 * signed by the citizen's bound key, an account of the organisation, or an auditor.
 */
export const datashareSubjectAuditAuthorisation = { module: datashareModuleName, type: "audit_subject" } as const;

export const subjectAuditPayloadSchema = Type.Object(
  {
    organisation,
    subject: subjectReferenceSchema,
    challenge: Type.String({ pattern: `^[0-9a-f]{${2 * keyReleaseChallengeBytes}}$` }),
    start: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000 })),
  },
  { additionalProperties: false },
);
export type SubjectAuditPayload = WireStatic<typeof subjectAuditPayloadSchema>;

/** Who a subject's audit list was shown to: the citizen by the bound key, an account of the organisation, or an auditor. */
export type SubjectAuditViewer = "subject" | "organisation" | "auditor";

export const subjectAuditAnswerSchema = Type.Object({
  organisation,
  subject: subjectReferenceSchema,
  viewer: Type.Unsafe<SubjectAuditViewer>(Type.Union([Type.Literal("subject"), Type.Literal("organisation"), Type.Literal("auditor")])),
  total: Type.Integer(),
  start: Type.Integer(),
  next: Type.Union([Type.Integer(), Type.Null()]),
  accesses: Type.Array(accessEntrySchema),
});
export type SubjectAuditAnswer = WireStatic<typeof subjectAuditAnswerSchema>;
