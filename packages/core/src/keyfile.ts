import { cbc } from "@noble/ciphers/aes.js";
import { scrypt } from "@noble/hashes/scrypt.js";
import { bytesEqual, utf8 } from "./bytes.ts";
import {
  DerReader,
  contextTag,
  derBitString,
  derExplicit,
  derInteger,
  derObjectIdentifier,
  derOctetString,
  derReadSequence,
  derSequence,
} from "./crypto/der.ts";
import { type CryptoSuite, type SuiteId, getSuite } from "./crypto/index.ts";
import { decodePem, encodePem } from "./crypto/pem.ts";
import { CryptoError } from "./errors.ts";

/**
 * Encrypted key files: PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 §3) in PEM, encrypted with PBES2
 * (RFC 8018 §6.2) using the scrypt KDF (RFC 7914 §7) and AES-256-CBC, the format of
 * `openssl pkcs8 -topk8 -scrypt -v2 aes-256-cbc`. The inner PrivateKeyInfo is the standard one:
 * Ed25519 per RFC 8410, SM2 as an EC key on the SM2 curve (RFC 5915), as OpenSSL writes them,
 * so Node's crypto.createPrivateKey and the openssl CLI read these files too. The same envelope
 * also holds the X25519 encryption keys of data sharing (RFC 8410), which a signing key file
 * refuses (see datashare/keyFiles.ts).
 */

const pemLabel = "ENCRYPTED PRIVATE KEY";

const oid = {
  pbes2: "1.2.840.113549.1.5.13",
  scrypt: "1.3.6.1.4.1.11591.4.11",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
  ed25519: "1.3.101.112",
  x25519: "1.3.101.110",
  ecPublicKey: "1.2.840.10045.2.1",
  sm2Curve: "1.2.156.10197.1.301",
} as const;

const aes256KeyBytes = 32;
const aesBlockBytes = 16;
const saltBytes = 16;
const privateKeyBytes = 32;

export interface KeyFileOptions {
  /** scrypt CPU/memory cost N, a power of two. */
  scryptN?: number;
  /** scrypt block size r. */
  scryptR?: number;
  /** scrypt parallelisation p; JavaScript runs the p passes one after another. */
  scryptP?: number;
}

/**
 * The cost of new key files. OpenSSL, and so Node's createPrivateKey and the openssl CLI, refuses
 * PKCS#8 scrypt parameters needing more than 32 MiB, which caps N at 2^14 with r = 8; the cost is
 * raised through p instead: four passes over 16 MiB, about a third of a second in JavaScript.
 */
export const defaultKeyFileOptions: Readonly<Required<KeyFileOptions>> = Object.freeze({ scryptN: 2 ** 14, scryptR: 8, scryptP: 4 });

/** What a key file may ask of the reader, so a hostile file cannot exhaust memory or time. */
export const keyFileLimits = {
  pemCharactersMax: 64 * 1024,
  scryptMemoryBytesMax: 256 * 1024 * 1024,
  /** N · r · p; 2^24 is 32 times the default cost, about ten seconds in JavaScript. */
  scryptWorkMax: 2 ** 24,
} as const;

/** The keys these files hold: the two suites' signing keys, and X25519 for data sharing's encryption keys on intl (SM2 serves both on gm). */
export type PrivateKeyAlgorithm = "ed25519" | "sm2" | "x25519";

export interface ImportedKey {
  readonly suite: SuiteId;
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

function badKeyFile(reason: string): CryptoError {
  return new CryptoError({ code: "CRYPTO_BAD_KEY_FILE", reason }, `not a usable key file: ${reason}`);
}

function badPassphrase(): CryptoError {
  return new CryptoError({ code: "CRYPTO_BAD_PASSPHRASE" }, "wrong passphrase for this key file (or its encrypted part is damaged)");
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface ScryptParameters {
  readonly salt: Uint8Array;
  readonly cost: number;
  readonly blockSize: number;
  readonly parallelization: number;
}

/** The reason these parameters are refused, or undefined when they are acceptable. */
function scryptProblem(cost: number, blockSize: number, parallelization: number): string | undefined {
  if (!Number.isSafeInteger(cost) || cost < 2 || (cost & (cost - 1)) !== 0) return "scrypt N must be a power of two, at least 2";
  if (!Number.isSafeInteger(blockSize) || blockSize < 1) return "scrypt r must be a positive integer";
  if (!Number.isSafeInteger(parallelization) || parallelization < 1) return "scrypt p must be a positive integer";
  if (128 * cost * blockSize > keyFileLimits.scryptMemoryBytesMax) return `scrypt N · r needs more than ${keyFileLimits.scryptMemoryBytesMax / 2 ** 20} MiB`;
  if (cost * blockSize * parallelization > keyFileLimits.scryptWorkMax) return `scrypt N · r · p is above ${keyFileLimits.scryptWorkMax}`;
  return undefined;
}

function deriveKey(passphrase: Uint8Array, parameters: ScryptParameters): Uint8Array {
  return scrypt(passphrase, parameters.salt, {
    N: parameters.cost,
    r: parameters.blockSize,
    p: parameters.parallelization,
    dkLen: aes256KeyBytes,
    maxmem: keyFileLimits.scryptMemoryBytesMax + 128 * parameters.blockSize * parameters.parallelization + 1024,
  });
}

function passphraseBytes(passphrase: string | Uint8Array): Uint8Array {
  if (typeof passphrase === "string") return utf8(passphrase);
  if (passphrase instanceof Uint8Array) return passphrase;
  throw new TypeError("the passphrase must be a string or bytes");
}

/** PrivateKeyInfo (RFC 5958 OneAsymmetricKey, version 0) of a raw suite private key. */
export function encodePrivateKeyInfo(suite: SuiteId, privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  return encodeAlgorithmPrivateKeyInfo(suite === "intl" ? "ed25519" : "sm2", privateKey, publicKey);
}

/** PrivateKeyInfo of a raw private key of `algorithm`; `publicKey` is written for SM2 only, as OpenSSL does. */
export function encodeAlgorithmPrivateKeyInfo(algorithm: PrivateKeyAlgorithm, privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  if (algorithm !== "sm2") {
    return derSequence(derInteger(0), derSequence(derObjectIdentifier(oid[algorithm])), derOctetString(derOctetString(privateKey)));
  }
  // RFC 5915 ECPrivateKey with its public key, which is what OpenSSL writes for SM2.
  const ecPrivateKey = derSequence(derInteger(1), derOctetString(privateKey), derExplicit(1, derBitString(publicKey)));
  return derSequence(
    derInteger(0),
    derSequence(derObjectIdentifier(oid.ecPublicKey), derObjectIdentifier(oid.sm2Curve)),
    derOctetString(ecPrivateKey),
  );
}

export interface DecodedPrivateKeyInfo {
  readonly algorithm: PrivateKeyAlgorithm;
  readonly suite: SuiteId;
  readonly privateKey: Uint8Array;
  /** Present when the file carries the public key too. */
  readonly publicKey: Uint8Array | undefined;
}

function decodeSm2PrivateKey(encoded: Uint8Array): { privateKey: Uint8Array; publicKey: Uint8Array | undefined } {
  const ecPrivateKey = derReadSequence(encoded, "ECPrivateKey");
  if (ecPrivateKey.smallInteger("version", 1) !== 1) throw new RangeError("ECPrivateKey: version must be 1");
  const privateKey = ecPrivateKey.octetString("privateKey");
  if (privateKey.length !== privateKeyBytes) throw new RangeError("ECPrivateKey: an SM2 private key must be 32 bytes");
  const parameters = ecPrivateKey.optional(contextTag(0, true), "parameters");
  if (parameters !== undefined) {
    const curve = new DerReader(parameters, "ECPrivateKey parameters").objectIdentifier("namedCurve");
    if (curve !== oid.sm2Curve) throw new RangeError(`ECPrivateKey: curve ${curve} is not SM2`);
  }
  const publicKeyField = ecPrivateKey.optional(contextTag(1, true), "publicKey");
  const publicKey = publicKeyField === undefined ? undefined : new DerReader(publicKeyField, "ECPrivateKey").bitString("publicKey");
  ecPrivateKey.end();
  return { privateKey, publicKey };
}

/** Reads a PrivateKeyInfo holding an Ed25519, X25519 or SM2 key; throws a RangeError naming the problem. */
export function decodePrivateKeyInfo(der: Uint8Array): DecodedPrivateKeyInfo {
  const info = derReadSequence(der, "PrivateKeyInfo");
  const version = info.smallInteger("version", 1);
  const algorithm = info.sequence("privateKeyAlgorithm");
  const algorithmId = algorithm.objectIdentifier("algorithm");
  const encodedKey = info.octetString("privateKey");
  info.optional(contextTag(0, true), "attributes");
  // RFC 5958 version 1 may carry the public key as [1] IMPLICIT BIT STRING.
  const publicKeyField = version === 1 ? info.optional(contextTag(1, false), "publicKey") : undefined;
  info.end();
  let publicKey: Uint8Array | undefined;
  if (publicKeyField !== undefined) {
    if (publicKeyField.length === 0 || publicKeyField[0] !== 0) throw new RangeError("PrivateKeyInfo: publicKey must be a BIT STRING of whole bytes");
    publicKey = publicKeyField.subarray(1);
  }

  if (algorithmId === oid.ed25519 || algorithmId === oid.x25519) {
    algorithm.end();
    const name = algorithmId === oid.ed25519 ? "ed25519" : "x25519";
    const seed = new DerReader(encodedKey, "CurvePrivateKey").octetString("privateKey");
    if (seed.length !== privateKeyBytes) throw new RangeError(`CurvePrivateKey: an ${name === "ed25519" ? "Ed25519" : "X25519"} private key must be 32 bytes`);
    return { algorithm: name, suite: "intl", privateKey: seed, publicKey };
  }
  if (algorithmId === oid.ecPublicKey) {
    const curve = algorithm.objectIdentifier("namedCurve");
    algorithm.end();
    if (curve !== oid.sm2Curve) throw new RangeError(`PrivateKeyInfo: EC curve ${curve} is not supported (only SM2, ${oid.sm2Curve})`);
    const sm2 = decodeSm2PrivateKey(encodedKey);
    return { algorithm: "sm2", suite: "gm", privateKey: sm2.privateKey, publicKey: sm2.publicKey ?? publicKey };
  }
  throw new RangeError(`PrivateKeyInfo: key algorithm ${algorithmId} is not supported (only Ed25519, X25519 and SM2)`);
}

function encodeEncryptedPrivateKeyInfo(parameters: ScryptParameters, iv: Uint8Array, encrypted: Uint8Array): Uint8Array {
  const scryptParameters = derSequence(
    derOctetString(parameters.salt),
    derInteger(parameters.cost),
    derInteger(parameters.blockSize),
    derInteger(parameters.parallelization),
    derInteger(aes256KeyBytes),
  );
  const pbes2Parameters = derSequence(
    derSequence(derObjectIdentifier(oid.scrypt), scryptParameters),
    derSequence(derObjectIdentifier(oid.aes256Cbc), derOctetString(iv)),
  );
  return derSequence(derSequence(derObjectIdentifier(oid.pbes2), pbes2Parameters), derOctetString(encrypted));
}

interface EncryptedPrivateKeyInfo {
  readonly scrypt: ScryptParameters;
  readonly iv: Uint8Array;
  readonly encrypted: Uint8Array;
}

function decodeEncryptedPrivateKeyInfo(der: Uint8Array): EncryptedPrivateKeyInfo {
  const info = derReadSequence(der, "EncryptedPrivateKeyInfo");
  const algorithm = info.sequence("encryptionAlgorithm");
  const scheme = algorithm.objectIdentifier("algorithm");
  if (scheme !== oid.pbes2) throw new RangeError(`encryption scheme ${scheme} is not supported (only PBES2, ${oid.pbes2})`);
  const pbes2 = algorithm.sequence("PBES2-params");
  algorithm.end();
  const encrypted = info.octetString("encryptedData");
  info.end();

  const keyDerivation = pbes2.sequence("keyDerivationFunc");
  const kdf = keyDerivation.objectIdentifier("algorithm");
  if (kdf !== oid.scrypt) throw new RangeError(`key derivation ${kdf} is not supported (only scrypt, ${oid.scrypt})`);
  const scryptReader = keyDerivation.sequence("scrypt-params");
  keyDerivation.end();
  const salt = scryptReader.octetString("salt");
  const cost = scryptReader.smallInteger("costParameter", 2 ** 32);
  const blockSize = scryptReader.smallInteger("blockSize", 2 ** 32);
  const parallelization = scryptReader.smallInteger("parallelizationParameter", 2 ** 32);
  if (!scryptReader.done) {
    const keyLength = scryptReader.smallInteger("keyLength", 2 ** 32);
    if (keyLength !== aes256KeyBytes) throw new RangeError(`scrypt keyLength ${keyLength} does not fit AES-256`);
  }
  scryptReader.end();

  const encryption = pbes2.sequence("encryptionScheme");
  const cipher = encryption.objectIdentifier("algorithm");
  if (cipher !== oid.aes256Cbc) throw new RangeError(`cipher ${cipher} is not supported (only AES-256-CBC, ${oid.aes256Cbc})`);
  const iv = encryption.octetString("iv");
  encryption.end();
  pbes2.end();
  if (iv.length !== aesBlockBytes) throw new RangeError("the AES-256-CBC IV must be 16 bytes");
  return { scrypt: { salt, cost, blockSize, parallelization }, iv, encrypted };
}

/**
 * The private key as an encrypted PKCS#8 PEM. Throws CryptoError CRYPTO_BAD_KEY when the key is
 * not valid for the suite, and a RangeError for scrypt options outside `keyFileLimits`. Files
 * with N · r above 2^17 (N > 2^14 at r = 8) are fine for Kexin but beyond what OpenSSL will read.
 */
export function exportEncryptedKeyFile(
  suite: CryptoSuite | SuiteId,
  privateKey: Uint8Array,
  passphrase: string | Uint8Array,
  options: KeyFileOptions = {},
): string {
  const resolved = typeof suite === "string" ? getSuite(suite) : suite;
  const privateKeyInfo = encodePrivateKeyInfo(resolved.id, privateKey, resolved.publicKeyOf(privateKey));
  return exportEncryptedPrivateKeyInfo(privateKeyInfo, passphrase, (length) => resolved.randomBytes(length), options);
}

/**
 * A PrivateKeyInfo encrypted under a passphrase, as PEM (the format of exportEncryptedKeyFile);
 * `privateKeyInfo` is wiped. A RangeError for scrypt options outside `keyFileLimits`.
 */
export function exportEncryptedPrivateKeyInfo(privateKeyInfo: Uint8Array, passphrase: string | Uint8Array, randomBytes: (length: number) => Uint8Array, options: KeyFileOptions = {}): string {
  const cost = options.scryptN ?? defaultKeyFileOptions.scryptN;
  const blockSize = options.scryptR ?? defaultKeyFileOptions.scryptR;
  const parallelization = options.scryptP ?? defaultKeyFileOptions.scryptP;
  const problem = scryptProblem(cost, blockSize, parallelization);
  if (problem !== undefined) throw new RangeError(problem);

  const parameters: ScryptParameters = { salt: randomBytes(saltBytes), cost, blockSize, parallelization };
  const iv = randomBytes(aesBlockBytes);
  const key = deriveKey(passphraseBytes(passphrase), parameters);
  const encrypted = cbc(key, iv).encrypt(privateKeyInfo);
  key.fill(0);
  privateKeyInfo.fill(0);
  return encodePem(pemLabel, encodeEncryptedPrivateKeyInfo(parameters, iv, encrypted));
}

/** Whether decrypted bytes have the shape of a PrivateKeyInfo, which a wrong passphrase's garbage almost never has. */
function looksLikePrivateKeyInfo(plaintext: Uint8Array): boolean {
  try {
    derReadSequence(plaintext, "PrivateKeyInfo").smallInteger("version", 1);
    return true;
  } catch {
    return false;
  }
}

function decryptPrivateKeyInfo(file: EncryptedPrivateKeyInfo, passphrase: Uint8Array): Uint8Array {
  if (file.encrypted.length === 0 || file.encrypted.length % aesBlockBytes !== 0) {
    throw badKeyFile("the encrypted data is not a whole number of AES blocks");
  }
  const key = deriveKey(passphrase, file.scrypt);
  try {
    // CBC with PKCS#7 padding: a wrong key almost always leaves invalid padding, which throws.
    return cbc(key, file.iv).decrypt(file.encrypted);
  } catch {
    throw badPassphrase();
  } finally {
    key.fill(0);
  }
}

/**
 * Opens a key file made by exportEncryptedKeyFile or by
 * `openssl pkcs8 -topk8 -scrypt -v2 aes-256-cbc`. Throws CryptoError CRYPTO_BAD_PASSPHRASE when
 * the passphrase is wrong, and CRYPTO_BAD_KEY_FILE with a reason for anything else.
 */
export function importEncryptedKeyFile(pem: string, passphrase: string | Uint8Array): ImportedKey {
  const decoded = importEncryptedPrivateKeyInfo(pem, passphrase);
  // An encryption key's file has the same envelope; signing with it would be a mistake of key, not of passphrase.
  if (decoded.algorithm === "x25519") throw badKeyFile("it holds an X25519 encryption key, not a signing key");
  const privateKey = decoded.privateKey;
  let publicKey: Uint8Array;
  try {
    publicKey = getSuite(decoded.suite).publicKeyOf(privateKey);
  } catch (error) {
    throw badKeyFile(`the private key is not valid: ${reasonOf(error)}`);
  }
  if (decoded.publicKey !== undefined && !bytesEqual(decoded.publicKey, publicKey)) {
    throw badKeyFile("the public key in the file does not belong to its private key");
  }
  return { suite: decoded.suite, privateKey, publicKey };
}

/**
 * The PrivateKeyInfo inside an encrypted PKCS#8 PEM, of any algorithm this file reads; the caller
 * checks the key itself. CryptoError CRYPTO_BAD_PASSPHRASE or CRYPTO_BAD_KEY_FILE as for
 * importEncryptedKeyFile.
 */
export function importEncryptedPrivateKeyInfo(pem: string, passphrase: string | Uint8Array): DecodedPrivateKeyInfo {
  if (typeof pem !== "string") throw badKeyFile("the key file must be text");
  if (pem.length > keyFileLimits.pemCharactersMax) throw badKeyFile(`the key file is larger than ${keyFileLimits.pemCharactersMax} characters`);
  let file: EncryptedPrivateKeyInfo;
  try {
    file = decodeEncryptedPrivateKeyInfo(decodePem(pem, pemLabel));
  } catch (error) {
    throw badKeyFile(reasonOf(error));
  }
  const problem = scryptProblem(file.scrypt.cost, file.scrypt.blockSize, file.scrypt.parallelization);
  if (problem !== undefined) throw badKeyFile(problem);

  const plaintext = decryptPrivateKeyInfo(file, passphraseBytes(passphrase));
  try {
    let decoded: DecodedPrivateKeyInfo;
    try {
      decoded = decodePrivateKeyInfo(plaintext);
    } catch (error) {
      throw looksLikePrivateKeyInfo(plaintext) ? badKeyFile(reasonOf(error)) : badPassphrase();
    }
    // Copies: both keys may be views of the plaintext, which is wiped below.
    return { ...decoded, privateKey: decoded.privateKey.slice(), publicKey: decoded.publicKey?.slice() };
  } finally {
    plaintext.fill(0);
  }
}
