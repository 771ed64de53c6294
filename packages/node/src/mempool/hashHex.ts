/**
 * Lower-case hex of a transaction hash, as the mempool keys transactions; the same string as
 * `toHex` of @kexin/core, through Node's native encoder, which is several times faster on the
 * per-transaction paths (admission, proposals, validation, commit).
 */
export function hashHex(hash: Uint8Array): string {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString("hex");
}
