/** The 32-byte seed of a contract's Math.random as the eight signed 32-bit words the prelude seeds sfc32 with. */
export function seedWords(seed: Uint8Array): number[] {
  if (seed.length !== 32) throw new RangeError(`a contract's random seed must be 32 bytes, not ${seed.length}`);
  const view = new DataView(seed.buffer, seed.byteOffset, seed.byteLength);
  return Array.from({ length: 8 }, (_, index) => view.getInt32(index * 4, false));
}
