import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { hkdf as hkdfSm3 } from "sm-crypto-v2";
import { encodeCanonical } from "../codec.ts";
import type { CryptoSuite } from "../crypto/suite.ts";
import { datashareError } from "./errors.ts";

/**
 * The key of one field of a sealed record: HKDF (RFC 5869) of the record's data key, with
 * HMAC-SHA-256 on intl and HMAC-SM3 on gm, an empty salt (the data key is already uniformly
 * random) and `info` = the canonical CBOR of `["kexin-datashare-field/1", field]`, as long as the
 * suite's AEAD key (32 bytes on intl, 16 on gm). Whoever holds the data key derives every field's
 * key; a field key opens that field only, and nothing leads back from it to the data key or to
 * another field's key.
 */
export function datashareFieldKey(suite: CryptoSuite, dataKey: Uint8Array, field: string): Uint8Array {
  if (!(dataKey instanceof Uint8Array) || dataKey.length !== suite.sealKeyBytes) {
    throw datashareError("DATASHARE_WRAPPED_KEY_INVALID", `a ${suite.id} data key is ${suite.sealKeyBytes} bytes`);
  }
  const info = encodeCanonical(["kexin-datashare-field/1", field]);
  if (suite.id === "gm") return new Uint8Array(hkdfSm3(dataKey, undefined, info, suite.sealKeyBytes));
  return hkdf(sha256, dataKey, undefined, info, suite.sealKeyBytes);
}

/**
 * What the owner's node releases of a record for an access: the data key itself when the access
 * covers whole records, else the keys of the fields it covers, in the order named.
 */
export function releasedRecordKeys(suite: CryptoSuite, dataKey: Uint8Array, fields: readonly string[] | undefined): Uint8Array[] {
  return fields === undefined ? [dataKey] : fields.map((field) => datashareFieldKey(suite, dataKey, field));
}
