import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cbc } from "@noble/ciphers/aes.js";
import { numberToBytesBE } from "@noble/curves/abstract/utils.js";
import { scrypt } from "@noble/hashes/scrypt.js";
import { utf8 } from "../src/bytes.ts";
import { DerReader, derInteger, derObjectIdentifier, derOctetString, derReadSequence, derSequence } from "../src/crypto/der.ts";
import { type CryptoSuite, gmSuite, intlSuite } from "../src/crypto/index.ts";
import { encodePem } from "../src/crypto/pem.ts";
import { sm2Curve } from "../src/crypto/sm2-curve.ts";
import { CryptoError } from "../src/errors.ts";
import { decodePrivateKeyInfo, defaultKeyFileOptions, encodeAlgorithmPrivateKeyInfo, encodePrivateKeyInfo, exportEncryptedKeyFile, importEncryptedKeyFile } from "../src/keyfile.ts";
import { opensslAvailable } from "./opensslAvailable.ts";

const suites: CryptoSuite[] = [intlSuite, gmSuite];
/** Tests use a small scrypt cost; one test checks the default. */
const fast = { scryptN: 2 ** 10, scryptR: 8, scryptP: 1 };
const passphrase = "correct horse battery staple";

function throwsCryptoError(run: () => unknown, code: CryptoError["code"], reason?: RegExp): void {
  assert.throws(run, (error: unknown) => {
    if (!(error instanceof CryptoError) || error.code !== code) return false;
    return reason === undefined || (error.type.code === "CRYPTO_BAD_KEY_FILE" && reason.test(error.type.reason));
  });
}

const oid = {
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  scrypt: "1.3.6.1.4.1.11591.4.11",
  aes128Cbc: "2.16.840.1.101.3.4.1.2",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
};

interface HandMade {
  privateKeyInfo?: Uint8Array;
  kdf?: string;
  cipher?: string;
  cost?: number;
  blockSize?: number;
  parallelization?: number;
  keyLength?: number;
  iv?: Uint8Array;
  encrypted?: Uint8Array;
}

/** A key file assembled by hand, to reach the reader's checks one at a time. */
function handMadeKeyFile(options: HandMade): string {
  const salt = new Uint8Array(16).fill(7);
  const iv = options.iv ?? new Uint8Array(16).fill(9);
  const cost = options.cost ?? 1024;
  const blockSize = options.blockSize ?? 8;
  const parallelization = options.parallelization ?? 1;
  let encrypted = options.encrypted;
  if (encrypted === undefined) {
    const key = scrypt(utf8(passphrase), salt, { N: cost, r: blockSize, p: parallelization, dkLen: 32 });
    encrypted = cbc(key, iv).encrypt(options.privateKeyInfo ?? encodePrivateKeyInfo("intl", new Uint8Array(32).fill(1), new Uint8Array(32)));
  }
  const scryptParameters = [derOctetString(salt), derInteger(cost), derInteger(blockSize), derInteger(parallelization)];
  if (options.keyLength !== undefined) scryptParameters.push(derInteger(options.keyLength));
  const der = derSequence(
    derSequence(
      derObjectIdentifier(oid.pbes2),
      derSequence(
        derSequence(derObjectIdentifier(options.kdf ?? oid.scrypt), derSequence(...scryptParameters)),
        derSequence(derObjectIdentifier(options.cipher ?? oid.aes256Cbc), derOctetString(iv)),
      ),
    ),
    derOctetString(encrypted),
  );
  return encodePem("ENCRYPTED PRIVATE KEY", der);
}

const opensslSkip = opensslAvailable() ? false : "the openssl CLI is not installed on this machine, so files it writes cannot be tested";

test("default: a key file opens with its passphrase and gives back the key", () => {
  for (const suite of suites) {
    const privateKey = suite.generatePrivateKey();
    const pem = exportEncryptedKeyFile(suite, privateKey, passphrase, fast);
    assert.match(pem, /^-----BEGIN ENCRYPTED PRIVATE KEY-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END ENCRYPTED PRIVATE KEY-----\n$/);
    const imported = importEncryptedKeyFile(pem, passphrase);
    assert.equal(imported.suite, suite.id);
    assert.deepEqual(imported.privateKey, privateKey);
    assert.deepEqual(imported.publicKey, suite.publicKeyOf(privateKey));
    assert.deepEqual(importEncryptedKeyFile(exportEncryptedKeyFile(suite.id, privateKey, utf8(passphrase), fast), passphrase).privateKey, privateKey);
  }
});

test("default: new key files use scrypt N = 2^14, r = 8, p = 4 with AES-256-CBC, and Node reads them", () => {
  assert.deepEqual(defaultKeyFileOptions, { scryptN: 16384, scryptR: 8, scryptP: 4 });
  const privateKey = gmSuite.generatePrivateKey();
  const pem = exportEncryptedKeyFile(gmSuite, privateKey, passphrase);
  const body = pem.split("\n").slice(1, -2).join("");
  const info = derReadSequence(new Uint8Array(Buffer.from(body, "base64")), "file");
  const algorithm = info.sequence("algorithm");
  assert.equal(algorithm.objectIdentifier("pbes2"), oid.pbes2);
  const pbes2 = algorithm.sequence("parameters");
  const kdf = pbes2.sequence("kdf");
  assert.equal(kdf.objectIdentifier("scrypt"), oid.scrypt);
  const parameters = kdf.sequence("scrypt parameters");
  assert.equal(parameters.octetString("salt").length, 16);
  assert.deepEqual([parameters.integer("N"), parameters.integer("r"), parameters.integer("p"), parameters.integer("keyLength")], [16384n, 8n, 4n, 32n]);
  const cipher = pbes2.sequence("cipher");
  assert.equal(cipher.objectIdentifier("aes"), oid.aes256Cbc);
  assert.equal(cipher.octetString("iv").length, 16);
  assert.deepEqual(importEncryptedKeyFile(pem, passphrase).privateKey, privateKey);
  const nodeKey = createPrivateKey({ key: pem, passphrase });
  assert.deepEqual(decodePrivateKeyInfo(new Uint8Array(nodeKey.export({ format: "der", type: "pkcs8" }))).privateKey, privateKey);
});

test("interop: Node's crypto.createPrivateKey accepts our files and yields the same key", () => {
  for (const suite of suites) {
    const privateKey = suite.generatePrivateKey();
    const nodeKey = createPrivateKey({ key: exportEncryptedKeyFile(suite, privateKey, passphrase, fast), passphrase });
    const decoded = decodePrivateKeyInfo(new Uint8Array(nodeKey.export({ format: "der", type: "pkcs8" })));
    assert.equal(decoded.suite, suite.id);
    assert.deepEqual(decoded.privateKey, privateKey);
    // Node writes back exactly the PrivateKeyInfo we encrypted.
    assert.deepEqual(new Uint8Array(nodeKey.export({ format: "der", type: "pkcs8" })), encodePrivateKeyInfo(suite.id, privateKey, suite.publicKeyOf(privateKey)));
  }
});

test("interop: files from openssl pkcs8 -topk8 -scrypt -v2 aes-256-cbc import, and openssl reads ours", { skip: opensslSkip }, () => {
  const directory = mkdtempSync(join(tmpdir(), "kexin-keyfile-"));
  try {
    for (const [suite, algorithm] of [[intlSuite, "ED25519"], [gmSuite, "SM2"]] as const) {
      const plainFile = join(directory, `${algorithm}.pem`);
      const encryptedFile = join(directory, `${algorithm}.encrypted.pem`);
      execFileSync("openssl", ["genpkey", "-algorithm", algorithm, "-out", plainFile]);
      execFileSync("openssl", ["pkcs8", "-topk8", "-scrypt", "-scrypt_N", "1024", "-v2", "aes-256-cbc", "-in", plainFile, "-out", encryptedFile, "-passout", `pass:${passphrase}`]);
      const expected = decodePrivateKeyInfo(new Uint8Array(createPrivateKey(readFileSync(plainFile)).export({ format: "der", type: "pkcs8" })));
      const imported = importEncryptedKeyFile(readFileSync(encryptedFile, "utf8"), passphrase);
      assert.equal(imported.suite, suite.id);
      assert.deepEqual(imported.privateKey, expected.privateKey);
      assert.deepEqual(imported.publicKey, suite.publicKeyOf(expected.privateKey));

      const ours = join(directory, `${algorithm}.ours.pem`);
      writeFileSync(ours, exportEncryptedKeyFile(suite, imported.privateKey, passphrase, fast));
      const reread = execFileSync("openssl", ["pkcs8", "-topk8", "-nocrypt", "-in", ours, "-passin", `pass:${passphrase}`, "-outform", "DER"]);
      assert.deepEqual(decodePrivateKeyInfo(new Uint8Array(reread)).privateKey, imported.privateKey);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test("error: wrong passphrase throws CRYPTO_BAD_PASSPHRASE", () => {
  for (const suite of suites) {
    const pem = exportEncryptedKeyFile(suite, suite.generatePrivateKey(), passphrase, fast);
    throwsCryptoError(() => importEncryptedKeyFile(pem, "Correct horse battery staple"), "CRYPTO_BAD_PASSPHRASE");
    throwsCryptoError(() => importEncryptedKeyFile(pem, ""), "CRYPTO_BAD_PASSPHRASE");
  }
});

test("error: wrong passphrase is reported as such even when the padding happens to look valid", () => {
  // About 1 in 256 wrong keys leaves valid-looking PKCS#7 padding over garbage; that garbage must still read as a wrong passphrase.
  const garbage = handMadeKeyFile({ privateKeyInfo: new Uint8Array(48).fill(0xa5) });
  throwsCryptoError(() => importEncryptedKeyFile(garbage, passphrase), "CRYPTO_BAD_PASSPHRASE");
  const pem = exportEncryptedKeyFile(intlSuite, intlSuite.generatePrivateKey(), passphrase, { scryptN: 2, scryptR: 1, scryptP: 1 });
  for (let attempt = 0; attempt < 512; attempt++) {
    throwsCryptoError(() => importEncryptedKeyFile(pem, `guess ${attempt}`), "CRYPTO_BAD_PASSPHRASE");
  }
});

test("error: files that are not PEM, or not an encrypted key, throw CRYPTO_BAD_KEY_FILE with a reason", () => {
  const unencrypted = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const good = exportEncryptedKeyFile(intlSuite, intlSuite.generatePrivateKey(), passphrase, fast);
  const body = good.split("\n").slice(1, -2).join("");
  const cases: [string, string, RegExp][] = [
    ["empty", "", /no "-----BEGIN ENCRYPTED PRIVATE KEY-----" line/],
    ["not PEM", "hello", /no "-----BEGIN/],
    ["unencrypted PKCS#8", unencrypted, /expected a PEM block "ENCRYPTED PRIVATE KEY", found "PRIVATE KEY"/],
    ["no end line", good.replace("-----END ENCRYPTED PRIVATE KEY-----", ""), /no "-----END/],
    ["bad base64", good.replace(body.slice(10, 14), "!!!!"), /not valid base64/],
    ["truncated", encodePem("ENCRYPTED PRIVATE KEY", new Uint8Array(Buffer.from(body, "base64")).subarray(0, 60)), /truncated/],
    ["trailing bytes", encodePem("ENCRYPTED PRIVATE KEY", new Uint8Array([...Buffer.from(body, "base64"), 0])), /unexpected data after the last field/],
    ["too large", good + " ".repeat(70_000), /larger than/],
  ];
  for (const [name, pem, reason] of cases) {
    assert.throws(
      () => importEncryptedKeyFile(pem, passphrase),
      (error: unknown) => error instanceof CryptoError && error.type.code === "CRYPTO_BAD_KEY_FILE" && reason.test(error.type.reason),
      name,
    );
  }
});

test("error: unsupported or hostile encryption parameters throw CRYPTO_BAD_KEY_FILE with a reason", () => {
  const cases: [string, HandMade, RegExp][] = [
    ["PBKDF2", { kdf: oid.pbkdf2 }, /key derivation 1\.2\.840\.113549\.1\.5\.12 is not supported/],
    ["AES-128-CBC", { cipher: oid.aes128Cbc }, /cipher 2\.16\.840\.1\.101\.3\.4\.1\.2 is not supported/],
    ["N = 2^30", { cost: 2 ** 30, encrypted: new Uint8Array(48) }, /more than 256 MiB/],
    ["N · r · p too large", { cost: 2 ** 14, parallelization: 4096, encrypted: new Uint8Array(48) }, /N · r · p is above/],
    ["N not a power of two", { cost: 1000, encrypted: new Uint8Array(48) }, /power of two/],
    ["keyLength 16", { keyLength: 16 }, /keyLength 16/],
    ["IV of 8 bytes", { iv: new Uint8Array(8), encrypted: new Uint8Array(48) }, /IV must be 16 bytes/],
    ["partial block", { encrypted: new Uint8Array(47) }, /whole number of AES blocks/],
    ["no encrypted data", { encrypted: new Uint8Array(0) }, /whole number of AES blocks/],
  ];
  for (const [name, options, reason] of cases) {
    const started = performance.now();
    throwsCryptoError(() => importEncryptedKeyFile(handMadeKeyFile(options), passphrase), "CRYPTO_BAD_KEY_FILE", reason);
    assert.ok(performance.now() - started < 5000, `${name} was refused quickly`);
  }
  assert.deepEqual(importEncryptedKeyFile(handMadeKeyFile({ keyLength: 32 }), passphrase).privateKey, new Uint8Array(32).fill(1));
});

test("error: a well-encrypted file with an unusable key inside throws CRYPTO_BAD_KEY_FILE with a reason", () => {
  const p256 = new Uint8Array(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "der", type: "pkcs8" }));
  const sm2Key = gmSuite.generatePrivateKey();
  const otherPublicKey = gmSuite.publicKeyOf(gmSuite.generatePrivateKey());
  const cases: [string, Uint8Array, RegExp][] = [
    ["P-256 key", p256, /EC curve 1\.2\.840\.10045\.3\.1\.7 is not supported/],
    ["RSA-like algorithm", derSequence(derInteger(0), derSequence(derObjectIdentifier("1.2.840.113549.1.1.1")), derOctetString(new Uint8Array(4))), /key algorithm 1\.2\.840\.113549\.1\.1\.1 is not supported/],
    ["SM2 key of zero", encodePrivateKeyInfo("gm", new Uint8Array(32), otherPublicKey), /private key is not valid/],
    ["SM2 key of n", encodePrivateKeyInfo("gm", numberToBytesBE(sm2Curve.n, 32), otherPublicKey), /private key is not valid/],
    ["public key of another key", encodePrivateKeyInfo("gm", sm2Key, otherPublicKey), /does not belong to its private key/],
    ["Ed25519 seed of 31 bytes", derSequence(derInteger(0), derSequence(derObjectIdentifier("1.3.101.112")), derOctetString(derOctetString(new Uint8Array(31)))), /must be 32 bytes/],
  ];
  for (const [name, privateKeyInfo, reason] of cases) {
    assert.throws(
      () => importEncryptedKeyFile(handMadeKeyFile({ privateKeyInfo }), passphrase),
      (error: unknown) => error instanceof CryptoError && error.type.code === "CRYPTO_BAD_KEY_FILE" && reason.test(error.type.reason),
      name,
    );
  }
});

test("error: exporting an invalid private key throws CRYPTO_BAD_KEY, and scrypt options beyond the limits a RangeError", () => {
  throwsCryptoError(() => exportEncryptedKeyFile(gmSuite, new Uint8Array(32), passphrase, fast), "CRYPTO_BAD_KEY");
  throwsCryptoError(() => exportEncryptedKeyFile(intlSuite, new Uint8Array(31), passphrase, fast), "CRYPTO_BAD_KEY");
  throwsCryptoError(() => exportEncryptedKeyFile("rsa" as "intl", new Uint8Array(32), passphrase, fast), "CRYPTO_UNKNOWN_SUITE");
  const key = intlSuite.generatePrivateKey();
  assert.throws(() => exportEncryptedKeyFile(intlSuite, key, passphrase, { scryptN: 1000 }), /power of two/);
  assert.throws(() => exportEncryptedKeyFile(intlSuite, key, passphrase, { scryptN: 2 ** 22 }), /more than 256 MiB/);
  assert.throws(() => exportEncryptedKeyFile(intlSuite, key, passphrase, { scryptR: 0 }), /r must be a positive integer/);
  assert.throws(() => exportEncryptedKeyFile(intlSuite, key, passphrase, { scryptP: 1.5 }), /p must be a positive integer/);
});

test("behavior: PrivateKeyInfo encodings are the ones OpenSSL writes", () => {
  const seed = new Uint8Array(32).fill(0x11);
  assert.equal(Buffer.from(encodePrivateKeyInfo("intl", seed, intlSuite.publicKeyOf(seed))).toString("hex"), `302e020100300506032b657004220420${"11".repeat(32)}`);
  const sm2Key = numberToBytesBE(12345n, 32);
  const info = decodePrivateKeyInfo(encodePrivateKeyInfo("gm", sm2Key, gmSuite.publicKeyOf(sm2Key)));
  assert.deepEqual(info, { algorithm: "sm2", suite: "gm", privateKey: sm2Key, publicKey: gmSuite.publicKeyOf(sm2Key) });
  // X25519 (RFC 8410) for data sharing's encryption keys: the Ed25519 layout under its own OID.
  assert.equal(Buffer.from(encodeAlgorithmPrivateKeyInfo("x25519", seed, new Uint8Array(0))).toString("hex"), `302e020100300506032b656e04220420${"11".repeat(32)}`);
  const reader = new DerReader(encodePrivateKeyInfo("gm", sm2Key, gmSuite.publicKeyOf(sm2Key)), "info").sequence("PrivateKeyInfo");
  reader.integer("version");
  const algorithm = reader.sequence("algorithm");
  assert.deepEqual([algorithm.objectIdentifier("algorithm"), algorithm.objectIdentifier("curve")], ["1.2.840.10045.2.1", "1.2.156.10197.1.301"]);
});
