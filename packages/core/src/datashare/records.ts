import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";
import { grantFieldsMax, recordSchemaBytesMax } from "./limits.ts";

/** The datashare service's name: its module, namespace and section of the registry. */
export const datashareModuleName = "datashare";

const address = Type.String({ pattern: "^[0-9a-f]{40}$", description: "40 hex digits" });
const organisation = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$", description: "an organisation's id" });
const hash = Type.String({ pattern: "^[0-9a-f]{64}$", description: "64 hex digits" });
const height = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
const credits = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

export const datasetIdSchema = Type.String({ pattern: "^[a-z][a-z0-9_.-]{2,63}$", description: "a dataset's id" });
export const recordIdSchema = Type.String({ pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$", description: "a record's id, unique on the chain" });
/** A keyed, non-reversible reference to the person a record is about (datashareSubjectReference). */
export const subjectReferenceSchema = hash;
export const fieldNameSchema = Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_]{0,63}$" });
export const purposeSchema = Type.String({ minLength: 1, maxLength: 256, description: "what the data is used for, as the audit trail shows it" });

/** Sensitivity of a dataset, after the Data Security Law's general / important / core data and public data. */
export const datasetClassifications = ["public", "general", "important", "core"] as const;
export type DatasetClassification = (typeof datasetClassifications)[number];
const classification = Type.Union(datasetClassifications.map((value) => Type.Literal(value)));


export const datasetTitleSchema = Type.Object({ zh: Type.String({ minLength: 1, maxLength: 200 }), en: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

/** The payload of `datashare.register_dataset`; the owner is the sender's organisation. */
export const registerDatasetPayloadSchema = Type.Object(
  {
    id: datasetIdSchema,
    title: datasetTitleSchema,
    /** The JSON Schema every record's plaintext must satisfy, as JSON text (so that numbers of any kind survive canonical CBOR). */
    recordSchema: Type.String({ minLength: 2, maxLength: recordSchemaBytesMax }),
    classification,
    price: credits,
    /** The privacy floor of computes over the dataset: a grouped result is refused when a group has fewer subjects (absent: no floor). */
    groupSizeMin: Type.Optional(Type.Integer({ minimum: 2, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);
export type RegisterDatasetPayload = WireStatic<typeof registerDatasetPayloadSchema>;

/** Encryption keys a member registers: X25519 (HPKE, RFC 9180) on intl, SM2 public-key encryption on gm. */
export type EncryptionKeyAlgorithm = "x25519" | "sm2";

/** The payload of `datashare.register_encryption_key`: replaces the sender's earlier key. */
export const registerEncryptionKeyPayloadSchema = Type.Object({ publicKey: Type.String({ pattern: "^[0-9a-f]{64}$|^04[0-9a-f]{128}$", description: "X25519 (32 bytes, intl) or uncompressed SM2 (65 bytes, gm), hex" }) }, { additionalProperties: false });
export type RegisterEncryptionKeyPayload = WireStatic<typeof registerEncryptionKeyPayloadSchema>;

/** The payload of `datashare.publish_record`: the ciphertext itself is in the owner's node blob store. */
export const publishRecordPayloadSchema = Type.Object(
  { id: recordIdSchema, dataset: datasetIdSchema, hash, size: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), subject: subjectReferenceSchema },
  { additionalProperties: false },
);
export type PublishRecordPayload = WireStatic<typeof publishRecordPayloadSchema>;

export const granteeSchema = Type.Union([
  Type.Object({ kind: Type.Literal("organisation"), id: organisation }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal("member"), id: address }, { additionalProperties: false }),
]);
export type Grantee = WireStatic<typeof granteeSchema>;

/** The payload of `datashare.grant`: a new grant to the same grantee replaces the old one and its count. */
export const grantPayloadSchema = Type.Object(
  {
    dataset: datasetIdSchema,
    grantee: granteeSchema,
    /** The fields granted, kept in increasing order; absent for the whole record. */
    fields: Type.Optional(Type.Array(fieldNameSchema, { minItems: 1, maxItems: grantFieldsMax, uniqueItems: true })),
    purpose: purposeSchema,
    /** The last height at which the grant allows an access. */
    expiresAt: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    accessesMax: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
  },
  { additionalProperties: false },
);
export type GrantPayload = WireStatic<typeof grantPayloadSchema>;

export const revokePayloadSchema = Type.Object({ dataset: datasetIdSchema, grantee: granteeSchema }, { additionalProperties: false });
export type RevokePayload = WireStatic<typeof revokePayloadSchema>;

/** The payload of `datashare.access`: one record by its id, or a subject's records of a dataset by reference. */
export const accessPayloadSchema = Type.Union([
  Type.Object({ record: recordIdSchema, purpose: purposeSchema }, { additionalProperties: false }),
  Type.Object({ dataset: datasetIdSchema, subject: subjectReferenceSchema, purpose: purposeSchema }, { additionalProperties: false }),
]);
export type AccessPayload = WireStatic<typeof accessPayloadSchema>;

/** `sections.datashare` of genesis.json: each organisation's opening credit balance (absent: 0). */
export const datashareGenesisSectionSchema = Type.Object({ credits: Type.Optional(Type.Record(organisation, credits)) }, { additionalProperties: false });
export type DatashareGenesisSection = WireStatic<typeof datashareGenesisSectionSchema>;

export const datasetRecordSchema = Type.Object({
  id: datasetIdSchema,
  title: datasetTitleSchema,
  recordSchema: Type.String(),
  classification,
  price: credits,
  groupSizeMin: Type.Optional(Type.Integer()),
  owner: organisation,
  registeredBy: address,
  registeredAt: height,
});
export type DatasetRecord = WireStatic<typeof datasetRecordSchema>;

export const encryptionKeyRecordSchema = Type.Object({ address, algorithm: Type.Union([Type.Literal("x25519"), Type.Literal("sm2")]), publicKey: Type.String(), registeredAt: height });
export type EncryptionKeyRecord = WireStatic<typeof encryptionKeyRecordSchema>;

export const sharedRecordSchema = Type.Object({ id: recordIdSchema, dataset: datasetIdSchema, hash, size: Type.Integer(), subject: subjectReferenceSchema, publisher: address, publishedAt: height, tx: hash });
export type SharedRecord = WireStatic<typeof sharedRecordSchema>;

export const grantRecordSchema = Type.Object({
  dataset: datasetIdSchema,
  grantee: granteeSchema,
  fields: Type.Optional(Type.Array(Type.String())),
  purpose: Type.String(),
  expiresAt: height,
  accessesMax: Type.Integer(),
  accesses: Type.Integer(),
  grantedBy: address,
  grantedAt: height,
  /** The first height at which the grant no longer allows anything; absent while it stands. */
  revokedFrom: Type.Optional(height),
});
export type GrantRecord = WireStatic<typeof grantRecordSchema>;

export const accessRecordSchema = Type.Object({
  tx: hash,
  requester: address,
  organisation,
  dataset: datasetIdSchema,
  owner: organisation,
  records: Type.Array(recordIdSchema),
  purpose: Type.String(),
  height,
  price: credits,
  /** Absent for an access of the owner's own data. */
  grantee: Type.Optional(granteeSchema),
  /** Under a grant of named fields: those fields, the only ones whose keys are released for this access. */
  fields: Type.Optional(Type.Array(fieldNameSchema)),
});
export type AccessRecord = WireStatic<typeof accessRecordSchema>;

/** The fields of every paged list: `total` entries, this page from `start`, the following page's start or null after the last. */
export const datasharePageFields = { total: Type.Integer(), start: Type.Integer(), next: Type.Union([Type.Integer(), Type.Null()]) };
export const datasetsAnswerSchema = Type.Object({ ...datasharePageFields, datasets: Type.Array(datasetRecordSchema) });
export type DatasetsAnswer = WireStatic<typeof datasetsAnswerSchema>;
export const recordsAnswerSchema = Type.Object({ ...datasharePageFields, records: Type.Array(sharedRecordSchema) });
export type RecordsAnswer = WireStatic<typeof recordsAnswerSchema>;
export const grantsAnswerSchema = Type.Object({ ...datasharePageFields, grants: Type.Array(grantRecordSchema) });
export type GrantsAnswer = WireStatic<typeof grantsAnswerSchema>;
export const creditsAnswerSchema = Type.Object({ organisation, balance: credits });
export type CreditsAnswer = WireStatic<typeof creditsAnswerSchema>;
