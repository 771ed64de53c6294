import { Type } from "@sinclair/typebox";
import { fromHex, toHex } from "../bytes.ts";
import { encodeCanonical } from "../codec.ts";
import { contractMethodNameSchema, contractNameSchema } from "../contracts/records.ts";
import type { CryptoSuite } from "../crypto/suite.ts";
import type { CborValue } from "../codec.ts";
import type { WireStatic } from "../wireCheck.ts";
import { datashareError } from "./errors.ts";
import { computeRecordsMax } from "./limits.ts";
import { datasetIdSchema, purposeSchema, recordIdSchema } from "./records.ts";

/**
 * Compute-to-data: a requester names an approved model contract and records of one dataset; the
 * node of the dataset's owner runs the model over the decrypted records and posts only the
 * result, signed with a node key of the owner, over what it ran and read.
 */

const hash = Type.String({ pattern: "^[0-9a-f]{64}$", description: "64 hex digits" });
const hex = Type.String({ pattern: "^([0-9a-f]{2}){1,256}$" });

/** The payload of `datashare.compute`: the model (a read-only method of an active contract), the records of one dataset, the purpose. */
export const computePayloadSchema = Type.Object(
  {
    contract: contractNameSchema,
    method: contractMethodNameSchema,
    dataset: datasetIdSchema,
    records: Type.Array(recordIdSchema, { minItems: 1, maxItems: computeRecordsMax, uniqueItems: true }),
    purpose: purposeSchema,
  },
  { additionalProperties: false },
);
export type ComputePayload = WireStatic<typeof computePayloadSchema>;

/** What the owner's node reports: the model's value, or why no value is posted (the model's failure or the privacy floor). */
export const computeOutcomeSchema = Type.Union([
  Type.Object({ status: Type.Literal("ok"), value: Type.Unknown() }, { additionalProperties: false }),
  Type.Object({ status: Type.Literal("refused"), code: Type.String({ pattern: "^[A-Z][A-Z0-9_]{2,63}$" }), message: Type.String({ maxLength: 512 }) }, { additionalProperties: false }),
]);
export type ComputeOutcome = { readonly status: "ok"; readonly value: CborValue } | { readonly status: "refused"; readonly code: string; readonly message: string };

/** The payload of `datashare.compute_result`, signed by a node key of the dataset's owner. */
export const computeResultPayloadSchema = Type.Object({ request: hash, outcome: computeOutcomeSchema, signature: hex }, { additionalProperties: false });
export type ComputeResultPayload = { readonly request: string; readonly outcome: ComputeOutcome; readonly signature: string };

/** A record a compute read: its id and the hash of the ciphertext the node decrypted. */
export type ComputedRecord = { readonly id: string; readonly hash: string };

/** A committed compute request, with its result once posted. */
export interface ComputeRecord {
  readonly tx: string;
  readonly requester: string;
  readonly organisation: string;
  readonly dataset: string;
  readonly owner: string;
  readonly contract: string;
  readonly method: string;
  /** The model's code hash at the request's height: the code the owner's node must run. */
  readonly codeHash: string;
  readonly records: readonly ComputedRecord[];
  readonly purpose: string;
  readonly height: number;
  readonly price: number;
  /** The dataset's privacy floor at the request's height (absent: none). */
  readonly groupSizeMin?: number;
  readonly result?: ComputeResult;
}

/** A compute request as the `compute` query answers it (its outcome's value is the model's, checked by verifyComputeResult). */
export const computeRecordSchema = Type.Object({
  tx: hash,
  requester: Type.String(),
  organisation: Type.String(),
  dataset: Type.String(),
  owner: Type.String(),
  contract: Type.String(),
  method: Type.String(),
  codeHash: hash,
  records: Type.Array(Type.Object({ id: Type.String(), hash })),
  purpose: Type.String(),
  height: Type.Integer(),
  price: Type.Integer(),
  groupSizeMin: Type.Optional(Type.Integer()),
  result: Type.Optional(Type.Object({ outcome: computeOutcomeSchema, publicKey: Type.String(), signature: Type.String(), height: Type.Integer(), tx: hash })),
});

/** A posted result: what the owner's node signed, and with which node key. */
export interface ComputeResult {
  readonly outcome: ComputeOutcome;
  /** The owner's node key, hex. */
  readonly publicKey: string;
  readonly signature: string;
  readonly height: number;
  readonly tx: string;
}

/** The bytes a result's signature covers: the chain, the request, the model's code hash, the records read (id and ciphertext hash, in request order) and the outcome. */
export function computeResultSigningBytes(chainId: string, request: Pick<ComputeRecord, "tx" | "codeHash" | "records">, outcome: ComputeOutcome): Uint8Array {
  return encodeCanonical({
    domain: "kexin-compute-result/1",
    chainId,
    request: request.tx,
    codeHash: request.codeHash,
    records: request.records.map((record) => [record.id, record.hash]),
    outcome: outcome as unknown as CborValue,
  });
}

export function signComputeResult(suite: CryptoSuite, privateKey: Uint8Array, chainId: string, request: Pick<ComputeRecord, "tx" | "codeHash" | "records">, outcome: ComputeOutcome): string {
  return toHex(suite.sign(privateKey, computeResultSigningBytes(chainId, request, outcome)));
}

/**
 * Checks a compute record's result offline: its signature by `publicKey` over the request's code
 * hash, records and outcome, and, when given, that the model ran was `codeHash`. Returns the outcome; throws
 * DATASHARE_COMPUTE_RESULT_INVALID otherwise. Whether the key is a node of the owner is the chain's check, made when the result was posted.
 */
export function verifyComputeResult(suite: CryptoSuite, chainId: string, record: ComputeRecord, expected: { readonly codeHash?: string } = {}): ComputeOutcome {
  const { result } = record;
  if (result === undefined) throw datashareError("DATASHARE_COMPUTE_RESULT_INVALID", `compute ${record.tx} has no result yet`, { request: record.tx });
  if (expected.codeHash !== undefined && expected.codeHash !== record.codeHash) {
    throw datashareError("DATASHARE_COMPUTE_RESULT_INVALID", `compute ${record.tx} ran code ${record.codeHash}, not ${expected.codeHash}`, { request: record.tx });
  }
  let valid = false;
  try {
    valid = suite.verify(fromHex(result.publicKey), computeResultSigningBytes(chainId, record, result.outcome), fromHex(result.signature));
  } catch {
    valid = false;
  }
  if (!valid) throw datashareError("DATASHARE_COMPUTE_RESULT_INVALID", `the result of compute ${record.tx} is not signed by ${result.publicKey} over its code hash, records and outcome`, { request: record.tx });
  return result.outcome;
}

/**
 * A model's grouped output, `{ groups: [[label, subjects], …] }`: each label a string, each count
 * the number of distinct subjects in the group. Undefined for any other shape (a value without groups).
 */
export function groupsOf(value: unknown): readonly (readonly [string, number])[] | undefined {
  if (typeof value !== "object" || value === null || !Object.hasOwn(value, "groups")) return undefined;
  const groups = (value as { groups: unknown }).groups;
  const valid = Array.isArray(groups) && groups.every((group) => Array.isArray(group) && group.length === 2 && typeof group[0] === "string" && Number.isSafeInteger(group[1]) && (group[1] as number) >= 0);
  if (!valid) throw datashareError("DATASHARE_COMPUTE_GROUPS_INVALID", "a grouped result is { groups: [[label, subjects], …] } with string labels and non-negative integer counts");
  return groups as [string, number][];
}

/** Whether every number in `value` is a safe integer: compute arguments and results carry integers and strings, never floats. */
export function integersOnly(value: unknown): boolean {
  if (typeof value === "number") return Number.isSafeInteger(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(integersOnly);
  if (typeof value === "object" && value !== null && !(value instanceof Uint8Array)) return Object.values(value).every(integersOnly);
  return true;
}

/** The privacy floor: DATASHARE_COMPUTE_GROUP_TOO_SMALL when a reported group has fewer than `groupSizeMin` subjects (an empty group reveals no one, and is allowed). */
export function checkGroupSizes(value: unknown, groupSizeMin: number | undefined) {
  const groups = groupsOf(value);
  if (groups === undefined || groupSizeMin === undefined) return undefined;
  const small = groups.find(([, count]) => count > 0 && count < groupSizeMin);
  // The refusal is posted on chain, so it names neither the small group nor its size: either would single it out.
  return small === undefined ? undefined : datashareError("DATASHARE_COMPUTE_GROUP_TOO_SMALL", `a reported group has fewer subjects than the dataset's minimum of ${groupSizeMin}`, { groupSizeMin });
}
