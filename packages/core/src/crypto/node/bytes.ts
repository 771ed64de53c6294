/**
 * Node's crypto returns Buffers; callers get plain Uint8Arrays so equality checks and structured
 * clones behave the same in every backend. A Buffer that owns its memory becomes a view; one cut
 * from Node's shared pool is copied, so its `.buffer` cannot expose other allocations.
 */
export function plainBytes(buffer: Uint8Array): Uint8Array {
  if (buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength) {
    return new Uint8Array(buffer.buffer, 0, buffer.byteLength);
  }
  return new Uint8Array(buffer);
}
