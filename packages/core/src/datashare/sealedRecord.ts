import { concatBytes, fromUtf8, utf8 } from "../bytes.ts";
import { decodeCanonical, encodeCanonical } from "../codec.ts";
import type { CryptoSuite } from "../crypto/suite.ts";
import { sealNonceBytes, sealTagBytes } from "../crypto/suite-factory.ts";
import { type SealedCipher, sealedCipherOf } from "../sealed.ts";
import { datashareError } from "./errors.ts";
import { datashareFieldKeys } from "./fieldKeys.ts";

/**
 * A shared record's ciphertext (kexin-sealed-record/1): each top-level field of the record sealed
 * on its own, so that a grant of some fields can release those fields' keys and no more. It is the
 * canonical CBOR map `{ format: "kexin-sealed-record/1", cipher, fields: [[name, nonce, ciphertext], …] }`
 * with `cipher` "aes-256-gcm" (intl) or "sm4-gcm" (gm), one entry per field present in the record
 * in increasing order of name, each with its own 12 random nonce bytes and the field's JSON text
 * encrypted under the field's key (datashareFieldKeys) followed by the 16-byte tag. The associated
 * data of a field is the canonical CBOR of `["kexin-sealed-record/1", cipher, record id, field name]`,
 * so a field's ciphertext opens only as that field of that record.
 *
 * The field names, and which fields a record has, are readable without any key: they are the
 * dataset's public schema's property names. The chain records the suite hash of the whole
 * structure's bytes, so a reader checks what it downloaded before opening any field.
 */
export const sealedRecordFormat = "kexin-sealed-record/1";

export interface SealedRecordField {
  readonly name: string;
  readonly nonce: Uint8Array;
  /** The field's encrypted JSON text followed by the 16-byte tag. */
  readonly ciphertext: Uint8Array;
}

export interface SealedRecord {
  readonly format: typeof sealedRecordFormat;
  readonly cipher: SealedCipher;
  /** In increasing order of name, each name once. */
  readonly fields: readonly SealedRecordField[];
}

/** The keys a reader holds for one record: the record's data key (every field), or some fields' keys. */
export type RecordKeys = { readonly dataKey: Uint8Array } | { readonly fieldKeys: ReadonlyMap<string, Uint8Array> };

export interface OpenedRecord {
  /** The record with the fields the keys open, and only those. */
  readonly value: Record<string, unknown>;
  /** The fields present in `value`, in increasing order. */
  readonly fields: readonly string[];
  /** The record's other fields, present in the ciphertext but not opened for want of their keys. */
  readonly withheldFields: readonly string[];
}

function fieldAssociatedData(cipher: SealedCipher, record: string, field: string): Uint8Array {
  return encodeCanonical([sealedRecordFormat, cipher, record, field]);
}

function malformed(reason: string) {
  return datashareError("DATASHARE_SEALED_RECORD_INVALID", `not a ${sealedRecordFormat} ciphertext: ${reason}`, { reason });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/**
 * Seals a record (a JSON object, already checked against its dataset's schema) field by field
 * under `dataKey` (default: a fresh random key of the suite's size) for the record id `record`,
 * and returns the structure's canonical bytes and the data key. Throws DATASHARE_RECORD_INVALID
 * when the record is not an object of JSON values.
 */
export function sealRecordFields(suite: CryptoSuite, record: string, value: unknown, dataKey: Uint8Array = suite.randomBytes(suite.sealKeyBytes)): { readonly envelope: Uint8Array; readonly dataKey: Uint8Array } {
  if (!isPlainObject(value)) throw datashareError("DATASHARE_RECORD_INVALID", "a record is a JSON object, its fields sealed one by one");
  const cipher = sealedCipherOf(suite.id);
  const names = Object.keys(value).sort();
  const keyOf = datashareFieldKeys(suite, dataKey);
  const fields = names.map((name): [string, Uint8Array, Uint8Array] => {
    const text = JSON.stringify(value[name]) as string | undefined;
    if (text === undefined) throw datashareError("DATASHARE_RECORD_INVALID", `field "${name}" of the record has no JSON value`, { field: name });
    const sealed = suite.seal(keyOf(name), utf8(text), fieldAssociatedData(cipher, record, name));
    return [name, sealed.subarray(0, sealNonceBytes), sealed.subarray(sealNonceBytes)];
  });
  return { envelope: encodeCanonical({ format: sealedRecordFormat, cipher, fields }), dataKey };
}

/** Parses a sealed record's bytes, which must be the canonical encoding of the map described above; DATASHARE_SEALED_RECORD_INVALID otherwise. */
export function decodeSealedRecord(bytes: Uint8Array, sizeBytesMax = Number.MAX_SAFE_INTEGER): SealedRecord {
  if (!(bytes instanceof Uint8Array)) throw malformed("a sealed record must be bytes (a Uint8Array)");
  let value: unknown;
  try {
    value = decodeCanonical(bytes, sizeBytesMax);
  } catch (error) {
    throw malformed(error instanceof Error ? error.message : String(error));
  }
  if (!isPlainObject(value)) throw malformed("it is not a CBOR map");
  const keys = Object.keys(value).sort();
  if (keys.join(",") !== "cipher,fields,format") throw malformed(`its keys are ${keys.join(", ") || "none"}; expected cipher, fields and format`);
  if (value.format !== sealedRecordFormat) throw malformed(`its format is ${JSON.stringify(value.format)}`);
  if (value.cipher !== "aes-256-gcm" && value.cipher !== "sm4-gcm") throw malformed(`its cipher ${JSON.stringify(value.cipher)} is not "aes-256-gcm" or "sm4-gcm"`);
  if (!Array.isArray(value.fields)) throw malformed("its fields are not an array");
  const fields: SealedRecordField[] = [];
  for (const entry of value.fields as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 3) throw malformed("a field is not [name, nonce, ciphertext]");
    const [name, nonce, ciphertext] = entry as [unknown, unknown, unknown];
    if (typeof name !== "string") throw malformed("a field's name is not text");
    const previous = fields.at(-1);
    if (previous !== undefined && !(previous.name < name)) throw malformed(`field "${name}" is out of order or repeated`);
    if (!(nonce instanceof Uint8Array) || nonce.length !== sealNonceBytes) throw malformed(`field "${name}" has no ${sealNonceBytes}-byte nonce`);
    if (!(ciphertext instanceof Uint8Array) || ciphertext.length < sealTagBytes) throw malformed(`field "${name}" has no ${sealTagBytes}-byte tag`);
    fields.push({ name, nonce, ciphertext });
  }
  return { format: sealedRecordFormat, cipher: value.cipher, fields };
}

function fieldValueOf(plaintext: Uint8Array, field: string): unknown {
  try {
    return JSON.parse(fromUtf8(plaintext)) as unknown;
  } catch {
    throw malformed(`field "${field}" opens to something other than JSON text`);
  }
}

/**
 * Opens the fields of the sealed record `record` that `keys` open: all of them with the data key,
 * else those whose keys are given; the others are reported withheld. Throws
 * DATASHARE_SEALED_RECORD_INVALID for a malformed structure or another suite's cipher, and
 * DATASHARE_FIELD_OPEN_FAILED when a field does not open with its key (another record's or
 * another field's ciphertext, or a changed byte).
 */
export function openRecordFields(suite: CryptoSuite, record: string, bytes: Uint8Array, keys: RecordKeys): OpenedRecord {
  const sealed = decodeSealedRecord(bytes);
  const cipher = sealedCipherOf(suite.id);
  if (sealed.cipher !== cipher) throw malformed(`it is sealed with ${sealed.cipher}, not this chain's ${cipher}`);
  const entries: [string, unknown][] = [];
  const fields: string[] = [];
  const withheldFields: string[] = [];
  const derived = "dataKey" in keys ? datashareFieldKeys(suite, keys.dataKey) : undefined;
  for (const field of sealed.fields) {
    const key = derived !== undefined ? derived(field.name) : (keys as { readonly fieldKeys: ReadonlyMap<string, Uint8Array> }).fieldKeys.get(field.name);
    if (key === undefined) {
      withheldFields.push(field.name);
      continue;
    }
    let plaintext: Uint8Array;
    try {
      plaintext = suite.open(key, concatBytes(field.nonce, field.ciphertext), fieldAssociatedData(cipher, record, field.name));
    } catch {
      throw datashareError("DATASHARE_FIELD_OPEN_FAILED", `field "${field.name}" of record "${record}" does not open with its key: it was sealed for another record or field, or changed`, { record, field: field.name });
    }
    entries.push([field.name, fieldValueOf(plaintext, field.name)]);
    fields.push(field.name);
  }
  // fromEntries defines own properties, so a field named __proto__ stays a field.
  return { value: Object.fromEntries(entries), fields, withheldFields };
}
