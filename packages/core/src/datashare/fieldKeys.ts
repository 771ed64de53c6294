import { concatBytes } from "../bytes.ts";
import { encodeCanonical } from "../codec.ts";
import type { CryptoSuite } from "../crypto/suite.ts";
import { datashareError } from "./errors.ts";

/** HashLen of both suites' hashes (SHA-256, SM3): the length of HKDF's default salt and of one expand block. */
const hashBytes = 32;
const emptySalt = new Uint8Array(hashBytes);
const firstBlock = new Uint8Array([1]);

/**
 * The keys of a record's fields, derived from its data key: HKDF (RFC 5869) with HMAC-SHA-256 on
 * intl and HMAC-SM3 on gm, an empty salt (the data key is already uniformly random) and `info` =
 * the canonical CBOR of `["kexin-datashare-field/1", field]`, as long as the suite's AEAD key (32
 * bytes on intl, 16 on gm). Whoever holds the data key derives every field's key; a field key
 * opens that field only, and nothing leads back from it to the data key or to another field's key.
 *
 * HKDF's extract step depends on the data key alone, so it runs once per record here and each
 * field costs one HMAC (the expand step's single block, since a key is at most HashLen long):
 * opening a whole record read field by field is what a reader repeats most.
 */
export function datashareFieldKeys(suite: CryptoSuite, dataKey: Uint8Array): (field: string) => Uint8Array {
  if (!(dataKey instanceof Uint8Array) || dataKey.length !== suite.sealKeyBytes) {
    throw datashareError("DATASHARE_WRAPPED_KEY_INVALID", `a ${suite.id} data key is ${suite.sealKeyBytes} bytes`);
  }
  const pseudorandomKey = suite.hmac(emptySalt, dataKey);
  return (field) => suite.hmac(pseudorandomKey, concatBytes(encodeCanonical(["kexin-datashare-field/1", field]), firstBlock)).slice(0, suite.sealKeyBytes);
}

/** The key of one field of a sealed record (see datashareFieldKeys). */
export function datashareFieldKey(suite: CryptoSuite, dataKey: Uint8Array, field: string): Uint8Array {
  return datashareFieldKeys(suite, dataKey)(field);
}

/**
 * What the owner's node releases of a record for an access: the data key itself when the access
 * covers whole records, else the keys of the fields it covers, in the order named.
 */
export function releasedRecordKeys(suite: CryptoSuite, dataKey: Uint8Array, fields: readonly string[] | undefined): Uint8Array[] {
  if (fields === undefined) return [dataKey];
  const keyOf = datashareFieldKeys(suite, dataKey);
  return fields.map(keyOf);
}
