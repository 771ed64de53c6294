import { Type } from "@sinclair/typebox";
import { encodeCanonical } from "../codec.ts";
import type { WireStatic } from "../wireCheck.ts";
import { datasetIdSchema, datashareModuleName, fieldNameSchema, recordIdSchema } from "./records.ts";

/**
 * A request to the owner's node for a record's data key is a signed transaction body of this
 * module and type, never submitted (the module has no such transaction type, so it can never
 * execute), with the payload `{ access, record, encryptionKey, challenge }`: the committed access
 * transaction's hash, the record, the requester's registered encryption key (hex) and a challenge
 * the node issued moments before. The signature binds the request to that transaction and that
 * challenge, and the node accepts each challenge once, so a captured request cannot be replayed.
 */
export const datashareKeyReleaseAuthorisation = { module: datashareModuleName, type: "release_key" } as const;

/**
 * A publisher hands the owner's node a record's data key with a signed, never-submitted body of
 * this type, payload `{ record, dataset, hash, wrappedKey }`: the key wrapped to the node's own
 * encryption key for the deposit context, so it never travels in the clear.
 */
export const datashareKeyDepositAuthorisation = { module: datashareModuleName, type: "deposit_key" } as const;

/**
 * Uploads of ciphertexts to the owner's node blob store are authorised like evidence envelopes:
 * a signed, never-submitted body of this type with the payload `{ hash, size }`.
 */
export const datashareBlobUploadAuthorisation = { module: datashareModuleName, type: "store_blob" } as const;

export const keyReleaseChallengeBytes = 32;

/**
 * What a released key is wrapped for: HPKE's info, or the prefix checked inside an SM2 ciphertext.
 * With `fields` (an access under a grant of those fields) the wrapped message holds those fields'
 * keys joined in that order, and the context names them, so no field key passes for another's.
 */
export function keyReleaseContext(chainId: string, access: string, record: string, fields?: readonly string[]): Uint8Array {
  if (fields === undefined) return encodeCanonical(["kexin-datashare-release/1", chainId, access, record]);
  return encodeCanonical(["kexin-datashare-release-fields/1", chainId, access, record, fields]);
}

/** What a deposited key is wrapped for. */
export function keyDepositContext(chainId: string, record: string, hash: string): Uint8Array {
  return encodeCanonical(["kexin-datashare-deposit/1", chainId, record, hash]);
}

const hashHex = Type.String({ pattern: "^[0-9a-f]{64}$" });

/** The payload of a signed key-release request. */
export const keyReleasePayloadSchema = Type.Object(
  { access: hashHex, record: recordIdSchema, encryptionKey: Type.String({ pattern: "^[0-9a-f]{64}$|^04[0-9a-f]{128}$" }), challenge: Type.String({ pattern: `^[0-9a-f]{${2 * keyReleaseChallengeBytes}}$` }) },
  { additionalProperties: false },
);
export type KeyReleasePayload = WireStatic<typeof keyReleasePayloadSchema>;

/** The payload of a signed key deposit; `wrappedKey` is the hex of a kexin-wrapped-key/1 to the node's key. */
export const keyDepositPayloadSchema = Type.Object(
  { record: recordIdSchema, dataset: datasetIdSchema, hash: hashHex, wrappedKey: Type.String({ pattern: "^([0-9a-f]{2}){1,1024}$" }) },
  { additionalProperties: false },
);
export type KeyDepositPayload = WireStatic<typeof keyDepositPayloadSchema>;

/**
 * The key-release route's answer: the record's data key wrapped to the requester's registered
 * encryption key, and what it opens; under a field grant, `fields` names the fields whose keys are
 * wrapped instead, in order (datashareFieldKey).
 */
export const keyReleaseAnswerSchema = Type.Object({
  access: hashHex,
  record: recordIdSchema,
  hash: hashHex,
  size: Type.Integer(),
  fields: Type.Optional(Type.Array(fieldNameSchema)),
  wrappedKey: Type.String(),
});
export type KeyReleaseAnswer = WireStatic<typeof keyReleaseAnswerSchema>;

/** The node's encryption key, to which publishers wrap the data keys they deposit. */
export const nodeEncryptionKeyAnswerSchema = Type.Object({ algorithm: Type.Union([Type.Literal("x25519"), Type.Literal("sm2")]), publicKey: Type.String() });
export type NodeEncryptionKeyAnswer = WireStatic<typeof nodeEncryptionKeyAnswerSchema>;

export const keyReleaseChallengeAnswerSchema = Type.Object({ challenge: Type.String(), expiresInMs: Type.Integer() });
export type KeyReleaseChallengeAnswer = WireStatic<typeof keyReleaseChallengeAnswerSchema>;
