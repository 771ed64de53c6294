import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";
import { credentialIdSchema, credentialVerificationResults } from "./credentials/schemas.ts";
import { accessRecordSchema, datasetIdSchema, datasharePageFields, recordIdSchema } from "./records.ts";

/*
 * The entries of the audit lists (of a dataset, by an organisation, by a requesting account, to a
 * subject's records). Three kinds of request are audited there: an `access` that reads records,
 * a `compute` whose model the owner's node runs over records, and a `verify_credential` by which a
 * department checked a credential a holder presented to it. Each
 * name who asked (`requester`, `organisation`), whose data it was (`owner`), why (`purpose`), when
 * (`height`, `time`) and in which transaction (`tx`); a verification reads no record and costs
 * nothing, so its `records` is empty and its `price` 0.
 */

const address = Type.String({ pattern: "^[0-9a-f]{40}$", description: "40 hex digits" });
const organisation = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$", description: "an organisation's id" });
const hash = Type.String({ pattern: "^[0-9a-f]{64}$", description: "64 hex digits" });
const height = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
/** The block's time, milliseconds since the epoch. */
const time = Type.Integer({ minimum: 0 });

/** An audited access as the lists show it: the access record and its block's time. */
export const recordAccessEntrySchema = Type.Object({ kind: Type.Literal("access"), ...accessRecordSchema.properties, time });
export type RecordAccessEntry = WireStatic<typeof recordAccessEntrySchema>;

/** A recorded credential verification as the lists show it: the verifying account and department, the issuer as owner, the chain's verdict. */
export const credentialVerificationEntrySchema = Type.Object({
  kind: Type.Literal("credential_verification"),
  tx: hash,
  /** The verifying account. */
  requester: address,
  /** The verifying department. */
  organisation,
  /** The issuing department. */
  owner: organisation,
  /** The issuer's dataset the credential certifies a record of, when it was issued naming one. */
  dataset: Type.Optional(datasetIdSchema),
  records: Type.Array(recordIdSchema, { maxItems: 0 }),
  purpose: Type.String(),
  height,
  price: Type.Literal(0),
  time,
  credential: credentialIdSchema,
  /** The chain's verdict on the presented credential's hash and status. */
  result: Type.Union(credentialVerificationResults.map((result) => Type.Literal(result))),
});
export type CredentialVerificationEntry = WireStatic<typeof credentialVerificationEntrySchema>;

/** A compute-to-data request as the lists show it: the records its model reads where they are, the model, and whether the owner's node has answered. */
export const computeEntrySchema = Type.Object({
  kind: Type.Literal("compute"),
  tx: hash,
  requester: address,
  organisation,
  dataset: datasetIdSchema,
  owner: organisation,
  records: Type.Array(recordIdSchema),
  purpose: Type.String(),
  height,
  price: Type.Integer({ minimum: 0 }),
  time,
  contract: Type.String(),
  method: Type.String(),
  codeHash: hash,
  /** "pending" until the owner's node posts the result; then the result's status. */
  status: Type.Union([Type.Literal("pending"), Type.Literal("ok"), Type.Literal("refused")]),
});
export type ComputeEntry = WireStatic<typeof computeEntrySchema>;

export const accessEntrySchema = Type.Union([recordAccessEntrySchema, credentialVerificationEntrySchema, computeEntrySchema]);
export type AccessEntry = WireStatic<typeof accessEntrySchema>;
export const accessesAnswerSchema = Type.Object({ ...datasharePageFields, accesses: Type.Array(accessEntrySchema) });
export type AccessesAnswer = WireStatic<typeof accessesAnswerSchema>;
