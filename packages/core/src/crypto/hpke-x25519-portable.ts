import { Aes256Gcm, CipherSuite, HkdfSha256 } from "@hpke/core";
import { DhkemX25519HkdfSha256 } from "@hpke/dhkem-x25519";
import { x25519 } from "@noble/curves/ed25519.js";
import type { HpkeX25519 } from "./backend.ts";

/** HPKE over @hpke/core (X25519 from @noble/curves, HKDF and AES-GCM from WebCrypto): safe in browsers. */
const hpke = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

export const portableHpkeX25519: HpkeX25519 = {
  publicKeyOf: (privateKey) => x25519.getPublicKey(privateKey),

  async seal(recipientPublicKey, info, plaintext) {
    const recipient = await hpke.kem.deserializePublicKey(toArrayBuffer(recipientPublicKey));
    const sealed = await hpke.seal({ recipientPublicKey: recipient, info: toArrayBuffer(info) }, toArrayBuffer(plaintext));
    return { enc: new Uint8Array(sealed.enc), ciphertext: new Uint8Array(sealed.ct) };
  },

  async open(recipientPrivateKey, sealed, info) {
    const recipientKey = await hpke.kem.deserializePrivateKey(toArrayBuffer(recipientPrivateKey));
    return new Uint8Array(await hpke.open({ recipientKey, enc: toArrayBuffer(sealed.enc), info: toArrayBuffer(info) }, toArrayBuffer(sealed.ciphertext)));
  },
};
