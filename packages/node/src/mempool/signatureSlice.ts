import type { SignatureCheck } from "./signatureVerifier.ts";

/**
 * A slice of signature checks packed into one buffer for a worker thread: the lengths of every
 * check's public key, message and signature (three 32-bit words per check), then their bytes in
 * that order. One buffer is transferred, not copied, where an array of typed arrays would be
 * cloned with each array's whole underlying buffer, often the request body it was cut from.
 */
export function packSignatureChecks(checks: readonly SignatureCheck[]): ArrayBuffer {
  const headerBytes = 4 + checks.length * 12;
  let totalBytes = headerBytes;
  for (const check of checks) totalBytes += check.publicKey.length + check.message.length + check.signature.length;
  const buffer = new ArrayBuffer(totalBytes);
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  view.setUint32(0, checks.length, true);
  let position = headerBytes;
  checks.forEach((check, index) => {
    const parts = [check.publicKey, check.message, check.signature];
    parts.forEach((part, partIndex) => {
      view.setUint32(4 + index * 12 + partIndex * 4, part.length, true);
      bytes.set(part, position);
      position += part.length;
    });
  });
  return buffer;
}

/** The checks of a packed slice, as views into the buffer; throws if the buffer is not a whole slice. */
export function unpackSignatureChecks(buffer: ArrayBuffer): SignatureCheck[] {
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  const count = view.getUint32(0, true);
  const headerBytes = 4 + count * 12;
  if (headerBytes > buffer.byteLength) throw new Error(`a packed slice of ${count} checks needs more than its ${buffer.byteLength} bytes`);
  const checks: SignatureCheck[] = [];
  let position = headerBytes;
  const take = (length: number): Uint8Array => {
    if (position + length > buffer.byteLength) throw new Error("a packed slice ends inside a check");
    const part = bytes.subarray(position, position + length);
    position += length;
    return part;
  };
  for (let index = 0; index < count; index++) {
    const publicKeyBytes = view.getUint32(4 + index * 12, true);
    const messageBytes = view.getUint32(8 + index * 12, true);
    const signatureBytes = view.getUint32(12 + index * 12, true);
    checks.push({ publicKey: take(publicKeyBytes), message: take(messageBytes), signature: take(signatureBytes) });
  }
  if (position !== buffer.byteLength) throw new Error("a packed slice has bytes after its last check");
  return checks;
}
