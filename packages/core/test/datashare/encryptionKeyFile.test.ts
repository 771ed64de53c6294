import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createPublicKey } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  encodeEncryptionKeyText,
  encryptionKeyFileInfo,
  encryptionPublicKeyOf,
  exportEncryptedKeyFile,
  exportEncryptionKeyFile,
  generateEncryptionKeyPair,
  gmSuite,
  importEncryptedKeyFile,
  importEncryptionKeyFile,
  intlSuite,
  toHex,
} from "../../src/index.ts";
import { opensslAvailable } from "../opensslAvailable.ts";

const passphrase = "encryption key passphrase";
/** Cheap scrypt parameters: the tests check the format, not the cost. */
const fast = { scryptN: 2 ** 10, scryptR: 8, scryptP: 1 };

const rejectsWith = (run: () => unknown, code: string) => assert.throws(run, (error: unknown) => (error as { code?: string }).code === code, `expected ${code}`);

for (const suite of [intlSuite, gmSuite]) {
  test(`default (${suite.id}): an encryption key file names its kind and suite, holds the key encrypted under the passphrase, and opens only with it`, () => {
    const pair = generateEncryptionKeyPair(suite);
    const text = exportEncryptionKeyFile(suite, pair.privateKey, passphrase, fast);
    assert.match(text, new RegExp(`^kexin-encryption-key:${suite.id}\\n-----BEGIN ENCRYPTED PRIVATE KEY-----\\n[A-Za-z0-9+/=\\n]+-----END ENCRYPTED PRIVATE KEY-----\\n$`));
    assert.equal(text.includes(toHex(pair.privateKey)), false, "the private key is not in the clear");
    assert.deepEqual(encryptionKeyFileInfo(text), { suite: suite.id, protected: true });
    const opened = importEncryptionKeyFile(text, passphrase);
    assert.deepEqual([opened.suite, toHex(encryptionPublicKeyOf(suite, opened.privateKey))], [suite.id, toHex(pair.publicKey)]);
    rejectsWith(() => importEncryptionKeyFile(text, "another passphrase"), "CRYPTO_BAD_PASSPHRASE");
    rejectsWith(() => importEncryptionKeyFile(text, undefined), "DATASHARE_KEY_FILE_INVALID");
    rejectsWith(() => exportEncryptionKeyFile(suite, pair.privateKey, "", fast), "DATASHARE_KEY_FILE_INVALID");
  });

  test(`error (${suite.id}): a signing key file is not an encryption key file, and the other way round`, () => {
    const signing = exportEncryptedKeyFile(suite, suite.generatePrivateKey(), passphrase, fast);
    rejectsWith(() => importEncryptionKeyFile(signing, passphrase), "DATASHARE_KEY_FILE_INVALID");
    // Even with the label line put in front, an Ed25519 key is not an X25519 one (on gm both are SM2 keys, told apart by the line alone).
    if (suite.id === "intl") rejectsWith(() => importEncryptionKeyFile(`kexin-encryption-key:intl\n${signing}`, passphrase), "DATASHARE_KEY_FILE_INVALID");
    const encryption = exportEncryptionKeyFile(suite, generateEncryptionKeyPair(suite).privateKey, passphrase, fast);
    if (suite.id === "intl") rejectsWith(() => importEncryptedKeyFile(encryption, passphrase), "CRYPTO_BAD_KEY_FILE");
    rejectsWith(() => importEncryptionKeyFile(encryption.replace(`:${suite.id}\n`, `:${suite.id === "intl" ? "gm" : "intl"}\n`), passphrase), "DATASHARE_KEY_FILE_INVALID");
  });
}

test("behavior: a file of the older unprotected form is still read, without a passphrase", () => {
  const pair = generateEncryptionKeyPair(intlSuite);
  const legacy = `${encodeEncryptionKeyText("intl", pair.privateKey)}\n`;
  assert.deepEqual(encryptionKeyFileInfo(legacy), { suite: "intl", protected: false });
  assert.deepEqual(importEncryptionKeyFile(legacy, undefined).privateKey, pair.privateKey);
  assert.deepEqual(importEncryptionKeyFile(legacy, passphrase).privateKey, pair.privateKey);
  rejectsWith(() => encryptionKeyFileInfo("kexin-subject-key:intl:00"), "DATASHARE_KEY_FILE_INVALID");
});

test("interop: openssl reads an intl encryption key file as an X25519 key with the passphrase", { skip: opensslAvailable() ? false : "the openssl CLI is not installed on this machine" }, () => {
  const directory = mkdtempSync(join(tmpdir(), "kexin-encryption-key-"));
  try {
    const pair = generateEncryptionKeyPair(intlSuite);
    const file = join(directory, "member.encryption-key");
    writeFileSync(file, exportEncryptionKeyFile(intlSuite, pair.privateKey, passphrase, fast));
    const publicPem = execFileSync("openssl", ["pkey", "-in", file, "-passin", `pass:${passphrase}`, "-pubout"], { encoding: "utf8" });
    const raw = createPublicKey(publicPem).export({ format: "jwk" }).x ?? "";
    assert.equal(toHex(Buffer.from(raw, "base64url")), toHex(pair.publicKey));
    assert.match(execFileSync("openssl", ["pkey", "-in", file, "-passin", `pass:${passphrase}`, "-noout", "-text"], { encoding: "utf8" }), /X25519 Private-Key/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
