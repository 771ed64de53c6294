import { mod } from "@noble/curves/abstract/modular.js";
import { bytesToNumberBE, numberToBytesBE } from "@noble/curves/abstract/utils.js";
import { concatBytes, utf8 } from "../bytes.ts";
import { CryptoError } from "../errors.ts";
import type { HashFunction, SignatureScheme } from "./backend.ts";
import { BoundedCache } from "./bounded-cache.ts";
import type { Sm2VerifyCacheOptions } from "./limits.ts";
import { Sm2Point, sm2Curve, sm2Field, sm2Generator, sm2ScalarField, withWindowTable } from "./sm2-curve.ts";

/**
 * SM2 digital signatures (GM/T 0003.2-2012, GB/T 32918.2-2016) on the recommended curve, built on
 * @noble/curves point and field arithmetic. A signature is r ‖ s, 32 bytes each; a public key is
 * 0x04 ‖ x ‖ y. The signed digest is e = SM3(Z ‖ M) with Z computed from the GM/T 0009 default
 * user ID, as Chinese CAs, USB keys, FISCO BCOS and sm-crypto-v2 (with `hash: true`) do.
 */

export const sm2DefaultUserId: Uint8Array = utf8("1234567812345678");

const scalarBytes = 32;
const publicKeyBytes = 65;
const signatureBytes = 64;
const uncompressedPrefix = 0x04;

const curveFieldsOfZ = concatBytes(
  numberToBytesBE(sm2Curve.a, scalarBytes),
  numberToBytesBE(sm2Curve.b, scalarBytes),
  numberToBytesBE(sm2Curve.gx, scalarBytes),
  numberToBytesBE(sm2Curve.gy, scalarBytes),
);

/** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A), GM/T 0003.2 §5.5; ENTL is the ID's length in bits, two bytes. */
export function sm2ZValue(sm3: HashFunction, publicKey: Uint8Array, userId: Uint8Array = sm2DefaultUserId): Uint8Array {
  const userIdLengthBits = userId.length * 8;
  if (userIdLengthBits > 0xffff) throw new RangeError("an SM2 user ID is at most 8191 bytes");
  const userIdLengthField = new Uint8Array([userIdLengthBits >> 8, userIdLengthBits & 0xff]);
  return sm3(concatBytes(userIdLengthField, userId, curveFieldsOfZ, publicKey.subarray(1)));
}

function badKey(reason: string): CryptoError {
  return new CryptoError({ code: "CRYPTO_BAD_KEY", reason }, `invalid SM2 private key: ${reason}`);
}

/** The private scalar d; GM/T 0003.1 §6.1 requires 1 ≤ d ≤ n − 2 because signing divides by 1 + d. */
export function sm2PrivateScalar(privateKey: Uint8Array): bigint {
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== scalarBytes) throw badKey("must be 32 bytes");
  const scalar = bytesToNumberBE(privateKey);
  if (scalar < 1n || scalar > sm2Curve.n - 2n) throw badKey("must be from 1 to n − 2");
  return scalar;
}

export function sm2PublicKeyOfScalar(privateScalar: bigint): Uint8Array {
  return sm2Generator().multiply(privateScalar).toRawBytes(false);
}

export interface Sm2Signature {
  readonly r: bigint;
  readonly s: bigint;
}

/**
 * GM/T 0003.2 §6.1 steps A4–A6 for digest e and nonce k; undefined when the standard says to draw
 * another k. Exported so tests can replay the standard's worked example with its fixed k.
 */
export function sm2SignDigest(privateScalar: bigint, digest: bigint, nonce: bigint): Sm2Signature | undefined {
  const { n } = sm2Curve;
  const x1 = sm2Generator().multiply(nonce).toAffine().x;
  const r = mod(digest + x1, n);
  if (r === 0n || r + nonce === n) return undefined;
  // Fermat's inversion walks the public exponent n − 2, so its steps do not depend on the private key as Euclid's would.
  const inverse = sm2ScalarField.pow(1n + privateScalar, n - 2n);
  const s = mod(inverse * (nonce - r * privateScalar), n);
  if (s === 0n) return undefined;
  return { r, s };
}

interface SigningKey {
  readonly fingerprint: Uint8Array;
  readonly z: Uint8Array;
}

function fingerprintsEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < a.length; index++) difference |= (a[index] as number) ^ (b[index] as number);
  return difference === 0;
}

function randomNonce(randomBytes: (length: number) => Uint8Array): bigint {
  // Rejection sampling keeps k uniform in [1, n − 1]; n is within 2^-32 of 2^256, so a retry is rare.
  for (;;) {
    const candidate = bytesToNumberBE(randomBytes(scalarBytes));
    if (candidate >= 1n && candidate < sm2Curve.n) return candidate;
  }
}

/**
 * Checks x1 of R = s·G + t·P against r without converting R to affine coordinates: an inversion
 * costs about a fifth of a verification. R is (X : Y : Z) with x1 = X / Z, and (e + x1) mod n = r
 * holds exactly when x1 is c = (r − e) mod n or c + n (the latter only when it is below p).
 */
function xMatches(point: Sm2Point, digest: bigint, r: bigint): boolean {
  const candidate = mod(r - digest, sm2Curve.n);
  if (sm2Field.eql(point.px, sm2Field.mul(candidate, point.pz))) return true;
  const wrapped = candidate + sm2Curve.n;
  return wrapped < sm2Curve.p && sm2Field.eql(point.px, sm2Field.mul(wrapped, point.pz));
}

interface VerificationKey {
  readonly point: Sm2Point;
  readonly z: Uint8Array;
  /** Signatures this key verified recently: halved each epoch, so keys that fall idle cool down. */
  verified: number;
  epoch: number;
}

interface TabledKey {
  readonly point: Sm2Point;
  readonly owner: VerificationKey;
}

function cacheKeyOf(publicKey: Uint8Array): string {
  return String.fromCharCode(...publicKey);
}

/**
 * SM2 over a given SM3 implementation. Verification keeps parsed keys and their Z values in a
 * bounded cache and gives busy keys a window table, so that s·G and t·P both cost only additions:
 * together about five times faster than a plain double-and-add (see test/crypto/measure.ts).
 */
export function createSm2(sm3: HashFunction, randomBytes: (length: number) => Uint8Array, cacheOptions: Sm2VerifyCacheOptions): SignatureScheme {
  const keys = new BoundedCache<string, VerificationKey>(cacheOptions.keysCachedMax);
  /**
   * Z needs the public key, d·G, which costs about a third of a signature; a wallet signs with the
   * same key array again and again, so Z is kept for as long as the caller's array lives. An SM3
   * fingerprint (not a copy of the key) notices an array rewritten in place.
   */
  const signingKeys = new WeakMap<Uint8Array, SigningKey>();
  const tables = new BoundedCache<string, TabledKey>(cacheOptions.tablesCachedMax);
  const verificationsPerEpoch = cacheOptions.tablesCachedMax * 64;
  let epoch = 0;
  let verificationsThisEpoch = 0;

  function verificationKey(cacheKey: string, publicKey: Uint8Array): VerificationKey | undefined {
    const cached = keys.get(cacheKey);
    if (cached !== undefined) return cached;
    let point: Sm2Point;
    try {
      point = Sm2Point.fromHex(publicKey);
    } catch {
      return undefined;
    }
    const key: VerificationKey = { point, z: sm2ZValue(sm3, publicKey), verified: 0, epoch };
    keys.set(cacheKey, key);
    return key;
  }

  function recentlyVerified(key: VerificationKey): number {
    const epochsPassed = epoch - key.epoch;
    if (epochsPassed > 0) {
      key.verified = Math.floor(key.verified / 2 ** Math.min(epochsPassed, 32));
      key.epoch = epoch;
    }
    return key.verified;
  }

  function recordVerified(key: VerificationKey): void {
    key.verified = recentlyVerified(key) + 1;
    verificationsThisEpoch += 1;
    if (verificationsThisEpoch >= verificationsPerEpoch) {
      epoch += 1;
      verificationsThisEpoch = 0;
    }
  }

  /**
   * The point to multiply by t: the tabled copy when the key has one. A key earns a table after
   * `usesBeforeTable` valid signatures; once the tables are full, only by having verified more
   * recently than the key whose table it would evict. Without that rule, more busy keys than
   * table slots would rebuild tables (tens of milliseconds each) on every turn; with it they
   * settle, and the keys left out take the plain path. Counting only valid signatures keeps
   * forgers from buying tables.
   */
  function multiplicand(cacheKey: string, key: VerificationKey): Sm2Point {
    const tabled = tables.get(cacheKey);
    if (tabled !== undefined) return tabled.point;
    const verified = recentlyVerified(key);
    if (verified < cacheOptions.usesBeforeTable) return key.point;
    if (tables.size >= cacheOptions.tablesCachedMax) {
      const victim = tables.leastRecentlyUsed();
      if (victim !== undefined && recentlyVerified(victim.owner) >= verified) return key.point;
    }
    const point = withWindowTable(Sm2Point.fromAffine(key.point.toAffine()), cacheOptions.publicKeyWindowBits);
    tables.set(cacheKey, { point, owner: key });
    return point;
  }

  function verifyWellFormed(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    const { n } = sm2Curve;
    const r = bytesToNumberBE(signature.subarray(0, scalarBytes));
    const s = bytesToNumberBE(signature.subarray(scalarBytes));
    if (r < 1n || r >= n || s < 1n || s >= n) return false;
    const t = mod(r + s, n);
    if (t === 0n) return false;
    const cacheKey = cacheKeyOf(publicKey);
    const key = verificationKey(cacheKey, publicKey);
    if (key === undefined) return false;
    const digest = bytesToNumberBE(sm3(concatBytes(key.z, message)));
    const point = sm2Generator().multiplyUnsafe(s).add(multiplicand(cacheKey, key).multiplyUnsafe(t));
    if (point.equals(Sm2Point.ZERO) || !xMatches(point, digest, r)) return false;
    recordVerified(key);
    return true;
  }

  return {
    publicKeyOf(privateKey: Uint8Array): Uint8Array {
      return sm2PublicKeyOfScalar(sm2PrivateScalar(privateKey));
    },

    sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array {
      const privateScalar = sm2PrivateScalar(privateKey);
      const fingerprint = sm3(privateKey);
      let signingKey = signingKeys.get(privateKey);
      if (signingKey === undefined || !fingerprintsEqual(signingKey.fingerprint, fingerprint)) {
        signingKey = { fingerprint, z: sm2ZValue(sm3, sm2PublicKeyOfScalar(privateScalar)) };
        signingKeys.set(privateKey, signingKey);
      }
      const z = signingKey.z;
      const digest = bytesToNumberBE(sm3(concatBytes(z, message)));
      for (;;) {
        const signature = sm2SignDigest(privateScalar, digest, randomNonce(randomBytes));
        if (signature !== undefined) {
          return concatBytes(numberToBytesBE(signature.r, scalarBytes), numberToBytesBE(signature.s, scalarBytes));
        }
      }
    },

    verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
      if (!(publicKey instanceof Uint8Array) || !(message instanceof Uint8Array) || !(signature instanceof Uint8Array)) return false;
      if (publicKey.length !== publicKeyBytes || publicKey[0] !== uncompressedPrefix || signature.length !== signatureBytes) return false;
      try {
        return verifyWellFormed(publicKey, message, signature);
      } catch {
        return false;
      }
    },
  };
}

/** A uniformly random valid private key: 32 random bytes, redrawn until 1 ≤ d ≤ n − 2. */
export function generateSm2PrivateKey(randomBytes: (length: number) => Uint8Array): Uint8Array {
  for (;;) {
    const candidate = randomBytes(scalarBytes);
    const scalar = bytesToNumberBE(candidate);
    if (scalar >= 1n && scalar <= sm2Curve.n - 2n) return candidate;
  }
}
