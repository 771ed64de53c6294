import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex, utf8 } from "../../src/bytes.ts";
import { intlSuite } from "../../src/crypto/index.ts";
import { intlSuitePortable } from "../../src/crypto/portable.ts";
import { backends, hex } from "./fixtures.ts";

const suites = [intlSuite, intlSuitePortable];

// RFC 8032 §7.1. TEST 1024's message is 1023 bytes; a typo anywhere in it would fail the signature check.
const rfc8032 = [
  {
    name: "TEST 1",
    secretKey: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    message: "",
    signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
  },
  {
    name: "TEST 2",
    secretKey: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    message: "72",
    signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
  },
  {
    name: "TEST 3",
    secretKey: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
    publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
    message: "af82",
    signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
  },
  {
    name: "TEST 1024",
    secretKey: "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
    publicKey: "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
    message: `
      08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf09efe12ee50f8f54e9f77b1
      e355f6c50544e23fb1433ddf73be84d879de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d
      658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc1a858efcb8550ee3a5e1998bd177e93a
      7363c344fe6b199ee5d02e82d522c4feba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e
      06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbefefd75499da96bd68a8a97b928a8bbc10
      3b6621fcde2beca1231d206be6cd9ec7aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1
      85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2d17ba70eb6248e594e1a2297acbbb39d
      502f1a8c6eb6f1ce22b3de1a1f40cc24554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270
      88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9089b
      eccf80cfe2df16a2cf65bd92dd597b0707e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba
      b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51addd3b75a2b1ae0784504df543af8969b
      e3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7
      51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c42f58c30c04aafdb038dda0847dd988d
      cda6f3bfd15c4b4c4525004aa06eeff8ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df
      f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08d78ff4ef5d63653a65040cf9bfd4aca7
      984a74d37145986780fc0b16ac451649de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4
      88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac09
      43bf6686b64b2579376504ccc493d97e6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f
      b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b50d334ba77c225bc307ba537152f3f161
      0e4eafe595f6d9d90d11faa933a15ef1369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d
      b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c0618983f8741c5ef68d3a101e8a3b8ca
      c60c905c15fc910840b94c00a0b9d0`,
    signature: "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03",
  },
  {
    name: "TEST SHA(abc)",
    secretKey: "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
    publicKey: "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
    message: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    signature: "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704",
  },
];

for (const vector of rfc8032) {
  test(`vector: RFC 8032 Ed25519 ${vector.name}`, () => {
    const message = hex(vector.message);
    if (vector.name === "TEST 1024") assert.equal(message.length, 1023);
    for (const suite of suites) {
      assert.equal(toHex(suite.publicKeyOf(hex(vector.secretKey))), vector.publicKey);
      // Ed25519 is deterministic, so the signature must match byte for byte.
      assert.equal(toHex(suite.sign(hex(vector.secretKey), message)), vector.signature);
      assert.equal(suite.verify(hex(vector.publicKey), message, hex(vector.signature)), true);
    }
  });
}

// FIPS 180-2 Appendix B (and the empty message).
const sha256Vectors = [
  { name: "empty", message: utf8(""), digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
  { name: "abc", message: utf8("abc"), digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
  {
    name: "448-bit message",
    message: utf8("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  },
  { name: "one million a", message: new Uint8Array(1_000_000).fill(0x61), digest: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
];

for (const vector of sha256Vectors) {
  test(`vector: FIPS 180 SHA-256 ${vector.name}`, () => {
    for (const suite of suites) assert.equal(toHex(suite.hash(vector.message)), vector.digest);
  });
}

// McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 13–16 (256-bit keys).
const gcmKey = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
const gcmPlaintext =
  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
const gcmCiphertext =
  "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";
const aesGcmVectors = [
  { name: "test case 13", key: "00".repeat(32), nonce: "00".repeat(12), plaintext: "", associatedData: "", ciphertext: "", tag: "530f8afbc74536b9a963b4f1c4cb738b" },
  {
    name: "test case 14",
    key: "00".repeat(32),
    nonce: "00".repeat(12),
    plaintext: "00".repeat(16),
    associatedData: "",
    ciphertext: "cea7403d4d606b6e074ec5d3baf39d18",
    tag: "d0d1c8a799996bf0265b98b5d48ab919",
  },
  { name: "test case 15", key: gcmKey, nonce: "cafebabefacedbaddecaf888", plaintext: gcmPlaintext, associatedData: "", ciphertext: gcmCiphertext, tag: "b094dac5d93471bdec1a502270e3cc6c" },
  {
    name: "test case 16",
    key: gcmKey,
    nonce: "cafebabefacedbaddecaf888",
    plaintext: gcmPlaintext.slice(0, 120),
    associatedData: "feedfacedeadbeeffeedfacedeadbeefabaddad2",
    ciphertext: gcmCiphertext.slice(0, 120),
    tag: "76fc6ece0f4e1768cddf8853bb2d551b",
  },
];

for (const vector of aesGcmVectors) {
  test(`vector: AES-256-GCM McGrew-Viega ${vector.name}`, () => {
    const key = hex(vector.key);
    const nonce = hex(vector.nonce);
    const associatedData = hex(vector.associatedData);
    for (const backend of backends) {
      assert.equal(toHex(backend.aes256Gcm.seal(key, nonce, hex(vector.plaintext), associatedData)), vector.ciphertext + vector.tag, backend.name);
    }
    for (const suite of suites) {
      // The suites frame sealed data as nonce ‖ ciphertext ‖ tag.
      const sealed = hex(vector.nonce + vector.ciphertext + vector.tag);
      assert.equal(toHex(suite.open(key, sealed, associatedData)), vector.plaintext);
    }
  });
}
