/** The 32-byte seed of a contract's Math.random as the eight signed 32-bit words the prelude seeds sfc32 with. */
export function seedWords(seed: Uint8Array): number[] {
  if (seed.length !== 32) throw new RangeError(`a contract's random seed must be 32 bytes, not ${seed.length}`);
  const words: number[] = [];
  for (let offset = 0; offset < 32; offset += 4) {
    words.push(((seed[offset] as number) << 24) | ((seed[offset + 1] as number) << 16) | ((seed[offset + 2] as number) << 8) | (seed[offset + 3] as number));
  }
  return words;
}
