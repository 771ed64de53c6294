import { Type } from "@sinclair/typebox";
import { encodeCanonical } from "../codec.ts";
import type { WireStatic } from "../wireCheck.ts";
import { keyReleaseChallengeAnswerSchema, keyReleaseChallengeBytes } from "./keyRelease.ts";
import { keyReleaseBatchItemsMax } from "./limits.ts";
import { datashareModuleName, fieldNameSchema, recordIdSchema } from "./records.ts";

/**
 * A request for the data keys of many committed accesses at once is a signed, never-submitted
 * transaction body of this type, payload `{ items: [{ access, record }…], encryptionKey, challenge }`.
 * One signature and one challenge cover every item; each item is checked as a single release would
 * be, and the node answers per item: the keys it releases travel together in one wrapped message
 * (one encapsulation), the items it refuses carry their error.
 */
export const datashareKeyBatchReleaseAuthorisation = { module: datashareModuleName, type: "release_keys" } as const;

const hashHex = Type.String({ pattern: "^[0-9a-f]{64}$" });
const releaseItemSchema = Type.Object({ access: hashHex, record: recordIdSchema }, { additionalProperties: false });
export type KeyReleaseItem = WireStatic<typeof releaseItemSchema>;

/** The payload of a signed batch key-release request. */
export const keyBatchReleasePayloadSchema = Type.Object(
  {
    items: Type.Array(releaseItemSchema, { minItems: 1, maxItems: keyReleaseBatchItemsMax }),
    encryptionKey: Type.String({ pattern: "^[0-9a-f]{64}$|^04[0-9a-f]{128}$" }),
    challenge: Type.String({ pattern: `^[0-9a-f]{${2 * keyReleaseChallengeBytes}}$` }),
  },
  { additionalProperties: false },
);
export type KeyBatchReleasePayload = WireStatic<typeof keyBatchReleasePayloadSchema>;

/** A released item as the batch context names it: under a field grant, with the fields whose keys it releases. */
export type KeyReleasedKeys = KeyReleaseItem & { readonly fields?: readonly string[] | undefined };

/**
 * What the keys of a batch are wrapped for: the released items in the answer's order, each as
 * [access, record], or [access, record, fields] under a field grant. The wrapped message holds
 * their keys joined in that order (an item's data key, or its fields' keys in the order named),
 * so a key opens only as the one released for its access, record and field.
 */
export function keyReleaseBatchContext(chainId: string, released: readonly KeyReleasedKeys[]): Uint8Array {
  return encodeCanonical(["kexin-datashare-release-batch/1", chainId, released.map((item) => (item.fields === undefined ? [item.access, item.record] : [item.access, item.record, item.fields]))]);
}

/** How many keys the wrapped message of a batch holds for these released items. */
export function releasedKeyCount(released: readonly KeyReleasedKeys[]): number {
  return released.reduce((count, item) => count + (item.fields?.length ?? 1), 0);
}

const releasedItemSchema = Type.Object({ access: hashHex, record: recordIdSchema, hash: hashHex, size: Type.Integer(), fields: Type.Optional(Type.Array(fieldNameSchema)) });
const refusedItemSchema = Type.Object({
  access: hashHex,
  record: recordIdSchema,
  error: Type.Object({ code: Type.String(), status: Type.Integer(), message: Type.String(), details: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }),
});
export type KeyReleasedItem = WireStatic<typeof releasedItemSchema>;
export type KeyRefusedItem = WireStatic<typeof refusedItemSchema>;

/**
 * The batch route's answer: one entry per requested item, in the request's order, each either
 * released (`hash` and `size` of the record's ciphertext, and under a field grant the `fields`
 * whose keys are released instead of the data key) or refused (`error` as a single release
 * would have answered it, with its HTTP status); `wrappedKeys` is the released items' data keys
 * wrapped to the requester's registered encryption key, absent when nothing was released.
 * `nextChallenge` is a fresh challenge of the node for a later request, as POST
 * /v1/datashare/keys/challenge would give: a reader that goes on reading spares that round trip.
 */
export const keyBatchReleaseAnswerSchema = Type.Object({
  items: Type.Array(Type.Union([releasedItemSchema, refusedItemSchema])),
  wrappedKeys: Type.Optional(Type.String()),
  nextChallenge: Type.Optional(keyReleaseChallengeAnswerSchema),
});
export type KeyBatchReleaseAnswer = WireStatic<typeof keyBatchReleaseAnswerSchema>;
