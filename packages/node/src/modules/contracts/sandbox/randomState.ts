/**
 * The state of the contract's Math.random (sfc32, the generator in prelude.ts) for one call, from
 * the 32-byte seed the host derives from the transaction: the first 16 bytes, mixed, then the last
 * 16 folded in and mixed again, so every byte of the seed matters. Not cryptographic, and need not
 * be: it only has to be the same on every node.
 */
export function randomState(seed: Uint8Array): [number, number, number, number] {
  if (seed.length !== 32) throw new RangeError(`a contract's random seed must be 32 bytes, not ${seed.length}`);
  const words = new DataView(seed.buffer, seed.byteOffset, seed.byteLength);
  const word = (index: number): number => words.getInt32(index * 4, false);
  let a = word(0);
  let b = word(1);
  let c = word(2);
  let d = word(3);
  const next = (): void => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
  };
  for (let round = 0; round < 4; round++) next();
  a ^= word(4);
  b ^= word(5);
  c ^= word(6);
  d ^= word(7);
  for (let round = 0; round < 12; round++) next();
  return [a, b, c, d];
}
