import assert from "node:assert/strict";
import { createCipheriv } from "node:crypto";
import { test } from "node:test";
import { bytesToNumberBE } from "@noble/curves/abstract/utils.js";
import { sm4 } from "sm-crypto-v2";
import { concatBytes, toHex, utf8 } from "../../src/bytes.ts";
import { gmSuite } from "../../src/crypto/index.ts";
import { gmSuitePortable } from "../../src/crypto/portable.ts";
import { sm2DefaultUserId, sm2PrivateScalar, sm2PublicKeyOfScalar, sm2SignDigest, sm2ZValue } from "../../src/crypto/sm2.ts";
import { backends, hex } from "./fixtures.ts";

const suites = [gmSuite, gmSuitePortable];

test("vector: GB/T 32905 SM3 abc", () => {
  for (const suite of suites) {
    assert.equal(toHex(suite.hash(utf8("abc"))), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  }
});

test("vector: GB/T 32905 SM3 abcd × 16 (two blocks)", () => {
  for (const suite of suites) {
    assert.equal(toHex(suite.hash(utf8("abcd".repeat(16)))), "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  }
});

// GB/T 32907-2016 Appendix A: the key is also the plaintext.
const sm4Key = hex("0123456789abcdeffedcba9876543210");

function sm4EncryptBlock(block: Uint8Array, key: Uint8Array): Uint8Array {
  return sm4.encrypt(block, key, { mode: "ecb", padding: "none", output: "array" });
}

test("vector: GB/T 32907 SM4 one block, in sm-crypto-v2 and OpenSSL", () => {
  assert.equal(toHex(sm4EncryptBlock(sm4Key, sm4Key)), "681edf34d206965e86b3e94f536e4246");
  const openssl = createCipheriv("sm4-ecb", sm4Key, null).setAutoPadding(false);
  assert.equal(toHex(openssl.update(sm4Key)), "681edf34d206965e86b3e94f536e4246");
});

test("vector: GB/T 32907 SM4 1,000,000 iterations (sm-crypto-v2, the SM4 inside the gm suite)", () => {
  let block = sm4Key;
  for (let iteration = 0; iteration < 1_000_000; iteration++) block = sm4EncryptBlock(block, sm4Key);
  assert.equal(toHex(block), "595298c7c6fd271f0402f804c33d3f66");
});

// RFC 8998 Appendix A.1.
const rfc8998 = {
  key: hex("0123456789ABCDEFFEDCBA9876543210"),
  nonce: hex("00001234567800000000ABCD"),
  plaintext: hex(`AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB CCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD
                  EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFF EEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA`),
  associatedData: hex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2"),
  ciphertext: hex(`17F399F08C67D5EE19D0DC9969C4BB7D 5FD46FD3756489069157B282BB200735
                   D82710CA5C22F0CCFA7CBF93D496AC15 A56834CBCF98C397B4024A2691233B8D`),
  tag: hex("83DE3541E4C2B58177E065A9BF7B62EC"),
};

test("vector: RFC 8998 A.1 SM4-GCM", () => {
  for (const backend of backends) {
    const sealed = backend.sm4Gcm.seal(rfc8998.key, rfc8998.nonce, rfc8998.plaintext, rfc8998.associatedData);
    assert.equal(toHex(sealed), toHex(concatBytes(rfc8998.ciphertext, rfc8998.tag)), backend.name);
  }
  for (const suite of suites) {
    const sealed = concatBytes(rfc8998.nonce, rfc8998.ciphertext, rfc8998.tag);
    assert.deepEqual(suite.open(rfc8998.key, sealed, rfc8998.associatedData), rfc8998.plaintext);
  }
});

test("behavior: SM4-GCM keystream equals OpenSSL's SM4-CTR from counter block nonce ‖ 2", () => {
  // GCM encrypts with CTR starting at J0 + 1, where J0 = nonce ‖ 00000001 for a 96-bit nonce (SP 800-38D §7.1),
  // so an independent SM4 (OpenSSL's) must produce the same ciphertext.
  const plaintext = gmSuite.randomBytes(1000);
  const key = gmSuite.randomBytes(16);
  const sealed = gmSuite.seal(key, plaintext);
  const nonce = sealed.subarray(0, 12);
  const counterBlock = concatBytes(nonce, hex("00000002"));
  const openssl = createCipheriv("sm4-ctr", key, counterBlock);
  assert.equal(toHex(sealed.subarray(12, 12 + plaintext.length)), toHex(openssl.update(plaintext)));
});

// GM/T 0003.5-2012 (GB/T 32918.5-2017) Appendix A: a signature on the recommended curve with the default user ID.
const gmtExample = {
  privateKey: hex("3945208F 7B2144B1 3F36E38A C6D39F95 88939369 2860B51A 42FB81EF 4DF7C5B8"),
  publicKey: hex(`04 09F9DF31 1E5421A1 50DD7D16 1E4BC5C6 72179FAD 1833FC07 6BB08FF3 56F35020
                     CCEA490C E26775A5 2DC6EA71 8CC1AA60 0AED05FB F35E084A 6632F607 2DA9AD13`),
  message: utf8("message digest"),
  z: "b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3",
  digest: "f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640",
  nonce: 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n,
  r: "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3",
  s: "b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa",
};

test("vector: GM/T 0003.5 Appendix A SM2 signature with user ID 1234567812345678", () => {
  assert.equal(toHex(sm2DefaultUserId), "31323334353637383132333435363738");
  for (const suite of suites) assert.deepEqual(suite.publicKeyOf(gmtExample.privateKey), gmtExample.publicKey);
  const privateScalar = sm2PrivateScalar(gmtExample.privateKey);
  assert.deepEqual(sm2PublicKeyOfScalar(privateScalar), gmtExample.publicKey);
  for (const backend of backends) {
    const z = sm2ZValue(backend.sm3, gmtExample.publicKey);
    assert.equal(toHex(z), gmtExample.z, backend.name);
    assert.equal(toHex(backend.sm3(concatBytes(z, gmtExample.message))), gmtExample.digest, backend.name);
  }
  const signature = sm2SignDigest(privateScalar, bytesToNumberBE(hex(gmtExample.digest)), gmtExample.nonce);
  assert.ok(signature !== undefined);
  assert.equal(signature.r.toString(16), gmtExample.r);
  assert.equal(signature.s.toString(16), gmtExample.s);
  for (const suite of suites) {
    assert.equal(suite.verify(gmtExample.publicKey, gmtExample.message, hex(gmtExample.r + gmtExample.s)), true);
    assert.equal(suite.verify(gmtExample.publicKey, utf8("message digesT"), hex(gmtExample.r + gmtExample.s)), false);
  }
});
