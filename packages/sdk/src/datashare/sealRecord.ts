import { type AnySchema, Ajv, type ValidateFunction } from "ajv";
import { type CryptoSuite, type SuiteId, datashareError, sealRecordFields, toHex } from "@kexin/core";
import { resolveSuite } from "../wallet/wallet.ts";

export type SealRecordParameters = {
  /** The record's id, unique on the chain: each field's ciphertext is bound to it. */
  readonly id: string;
  /** The dataset's record schema (JSON Schema text, as registered). */
  readonly recordSchema: string;
  /** The record: a JSON object the schema accepts. */
  readonly record: unknown;
};
export type SealRecordReturnType = {
  /** The sealed record (kexin-sealed-record/1, each field sealed on its own): what is uploaded to the owner's node. */
  readonly envelope: Uint8Array;
  readonly hash: string;
  readonly size: number;
  /** The record's own fresh data key; deposited with the owner's node, never put on chain. */
  readonly dataKey: Uint8Array;
};

// Ajv's typed overloads of compile are too deep for the compiler over an arbitrary schema; a record schema is data from the chain.
type SchemaCompiler = { compile(schema: AnySchema): ValidateFunction };

/**
 * Checks the whole record against its dataset's schema, then seals it field by field under the
 * chain suite's AEAD (AES-256-GCM on intl, SM4-GCM on gm), each field under a key derived from
 * the record's fresh data key (sealRecordFields), so that a grant of some fields releases only
 * theirs. Throws DATASHARE_RECORD_INVALID naming the first mismatch; nothing is sealed then.
 * Browser-safe.
 */
export function sealRecord(suite: CryptoSuite | SuiteId, parameters: SealRecordParameters): SealRecordReturnType {
  const resolved = resolveSuite(suite);
  const ajv = new Ajv({ strict: true, allErrors: false, coerceTypes: false, useDefaults: false, removeAdditional: false, validateFormats: false, logger: false });
  let validate: ValidateFunction;
  try {
    validate = (ajv as unknown as SchemaCompiler).compile(JSON.parse(parameters.recordSchema) as AnySchema);
  } catch (error) {
    throw datashareError("DATASHARE_SCHEMA_INVALID", `the dataset's record schema does not compile: ${error instanceof Error ? error.message.slice(0, 200) : "not a schema"}`);
  }
  if (!validate(parameters.record)) {
    const first = validate.errors?.[0];
    const where = first === undefined || first.instancePath === "" ? "the record" : `record${first.instancePath}`;
    throw datashareError("DATASHARE_RECORD_INVALID", `${where} ${first?.message ?? "does not match the dataset's schema"}`, { path: first?.instancePath ?? "" });
  }
  const { envelope, dataKey } = sealRecordFields(resolved, parameters.id, parameters.record);
  return { envelope, hash: toHex(resolved.hash(envelope)), size: envelope.length, dataKey };
}
