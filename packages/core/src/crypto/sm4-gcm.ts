import { sm4 } from "sm-crypto-v2";
import type { AeadCipher } from "./backend.ts";

const tagBytes = 16;

/**
 * SM4-GCM (GB/T 32907 block cipher in NIST SP 800-38D mode, as in RFC 8998) from sm-crypto-v2,
 * in both backends: Node 20's OpenSSL 3.0 has SM4 but no SM4-GCM, and composing Node's SM4-CTR
 * with a JavaScript GHASH measured no faster than sm-crypto-v2 alone (GHASH dominates).
 * sm-crypto-v2 only checks the tag when one is passed, so open always passes it.
 */
export const sm4Gcm: AeadCipher = {
  seal(key, nonce, plaintext, associatedData) {
    const { output, tag } = sm4.encrypt(plaintext, key, { mode: "gcm", iv: nonce, associatedData, output: "array", outputTag: true });
    if (tag === undefined || tag.length !== tagBytes) throw new Error("sm-crypto-v2 returned no SM4-GCM tag");
    const sealed = new Uint8Array(output.length + tagBytes);
    sealed.set(output, 0);
    sealed.set(tag, output.length);
    return sealed;
  },

  open(key, nonce, ciphertextAndTag, associatedData) {
    if (ciphertextAndTag.length < tagBytes) throw new Error("sealed data shorter than its tag");
    const ciphertextBytes = ciphertextAndTag.length - tagBytes;
    return sm4.decrypt(ciphertextAndTag.subarray(0, ciphertextBytes), key, {
      mode: "gcm",
      iv: nonce,
      associatedData,
      tag: ciphertextAndTag.subarray(ciphertextBytes),
      output: "array",
    });
  },
};
