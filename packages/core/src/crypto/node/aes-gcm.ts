import { createCipheriv, createDecipheriv } from "node:crypto";
import { concatBytes } from "../../bytes.ts";
import type { AeadCipher } from "../backend.ts";

const tagBytes = 16;


export const nodeAes256Gcm: AeadCipher = {
  seal(key, nonce, plaintext, associatedData) {
    const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: tagBytes });
    cipher.setAAD(associatedData);
    const body = cipher.update(plaintext);
    const tail = cipher.final();
    return concatBytes(body, tail, cipher.getAuthTag());
  },

  open(key, nonce, ciphertextAndTag, associatedData) {
    if (ciphertextAndTag.length < tagBytes) throw new Error("sealed data shorter than its tag");
    const ciphertextBytes = ciphertextAndTag.length - tagBytes;
    const decipher = createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: tagBytes });
    decipher.setAuthTag(ciphertextAndTag.subarray(ciphertextBytes));
    decipher.setAAD(associatedData);
    const body = decipher.update(ciphertextAndTag.subarray(0, ciphertextBytes));
    const tail = decipher.final();
    return concatBytes(body, tail);
  },
};
