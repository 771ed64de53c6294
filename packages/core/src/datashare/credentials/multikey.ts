import { bytesToNumberBE, numberToBytesBE } from "@noble/curves/abstract/utils.js";
import { base58 } from "@scure/base";
import { concatBytes } from "../../bytes.ts";
import type { CryptoSuite } from "../../crypto/index.ts";
import { Sm2Point, sm2Curve, sm2Field } from "../../crypto/sm2-curve.ts";
import { datashareError } from "../errors.ts";

/**
 * Multikey public keys (W3C Controlled Identifiers, "Multikey"): the multibase base58btc text
 * `z…` of a multicodec prefix (an unsigned varint) and the key. Ed25519 keys carry `ed25519-pub`
 * (0xed, varint 0xed 0x01) and their 32 bytes; SM2 keys carry `sm2-pub` (0x1206, varint 0x86 0x24)
 * and the 33-byte compressed point, as the multicodec table defines that code.
 */
const ed25519Prefix = new Uint8Array([0xed, 0x01]);
const sm2Prefix = new Uint8Array([0x86, 0x24]);
const base58btcPrefix = "z";
const coordinateBytes = 32;

/** Multibase base58btc (`z…`) of bytes. */
export function multibaseBase58btc(bytes: Uint8Array): string {
  return base58btcPrefix + base58.encode(bytes);
}

/** The bytes of a multibase base58btc text; undefined when it is not one. */
export function fromMultibaseBase58btc(text: string): Uint8Array | undefined {
  if (typeof text !== "string" || !text.startsWith(base58btcPrefix)) return undefined;
  try {
    return base58.decode(text.slice(1));
  } catch {
    return undefined;
  }
}

function compressSm2(publicKey: Uint8Array): Uint8Array {
  const point = Sm2Point.fromHex(publicKey).toAffine();
  return concatBytes(new Uint8Array([point.y % 2n === 0n ? 0x02 : 0x03]), numberToBytesBE(point.x, coordinateBytes));
}

function decompressSm2(compressed: Uint8Array): Uint8Array | undefined {
  const parity = compressed[0];
  if (compressed.length !== 1 + coordinateBytes || (parity !== 0x02 && parity !== 0x03)) return undefined;
  const x = bytesToNumberBE(compressed.subarray(1));
  if (x >= sm2Curve.p) return undefined;
  try {
    const right = sm2Field.add(sm2Field.add(sm2Field.pow(x, 3n), sm2Field.mul(sm2Curve.a, x)), sm2Curve.b);
    const root = sm2Field.sqrt(right);
    const y = root % 2n === BigInt(parity - 0x02) ? root : sm2Field.neg(root);
    const point = Sm2Point.fromAffine({ x, y });
    point.assertValidity();
    return point.toRawBytes(false);
  } catch {
    return undefined;
  }
}

/** The Multikey text of a suite's public key (raw Ed25519, or uncompressed SM2 0x04 ‖ x ‖ y). */
export function publicKeyMultibase(suite: CryptoSuite, publicKey: Uint8Array): string {
  if (publicKey.length !== suite.publicKeyBytes) throw datashareError("DATASHARE_CREDENTIAL_KEY_INVALID", `a ${suite.id} public key is ${suite.publicKeyBytes} bytes, not ${publicKey.length}`);
  if (suite.id === "intl") return multibaseBase58btc(concatBytes(ed25519Prefix, publicKey));
  try {
    return multibaseBase58btc(concatBytes(sm2Prefix, compressSm2(publicKey)));
  } catch {
    throw datashareError("DATASHARE_CREDENTIAL_KEY_INVALID", "not a point of the SM2 curve");
  }
}

/** The suite's raw public key a Multikey text holds; undefined when it holds none of that suite. */
export function publicKeyFromMultibase(suite: CryptoSuite, text: string): Uint8Array | undefined {
  const bytes = fromMultibaseBase58btc(text);
  if (bytes === undefined) return undefined;
  const prefix = suite.id === "intl" ? ed25519Prefix : sm2Prefix;
  if (bytes.length < prefix.length || bytes[0] !== prefix[0] || bytes[1] !== prefix[1]) return undefined;
  const key = bytes.subarray(prefix.length);
  if (suite.id === "intl") return key.length === suite.publicKeyBytes ? key.slice() : undefined;
  return decompressSm2(key);
}

/** The `did:key` verification method of a key: `did:key:<multikey>#<multikey>`, as the did:key method names it. */
export function didKeyVerificationMethod(suite: CryptoSuite, publicKey: Uint8Array): string {
  const multikey = publicKeyMultibase(suite, publicKey);
  return `did:key:${multikey}#${multikey}`;
}
