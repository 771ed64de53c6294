import { encodeCanonical } from "../codec.ts";
import type { CryptoSuite } from "../crypto/suite.ts";

const valuesPerBlock = 4;
const valueBytes = 8;
const twoTo64 = 1n << 64n;

/**
 * The lottery's deterministic random stream: block_i = H([seed, i]) for i = 0, 1, 2, …, each
 * block read as four big-endian unsigned 64-bit integers, in order. Nothing else feeds it, so
 * anyone holding the seed replays exactly the same numbers.
 */
export class LotteryStream {
  readonly #suite: CryptoSuite;
  readonly #seed: Uint8Array;
  #block: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  #valuesTaken = 0;

  constructor(suite: CryptoSuite, seed: Uint8Array) {
    this.#suite = suite;
    this.#seed = seed.slice();
  }

  /** How many 64-bit values have been taken so far. */
  get valuesTaken(): number {
    return this.#valuesTaken;
  }

  nextUint64(): bigint {
    const valueIndex = this.#valuesTaken % valuesPerBlock;
    if (valueIndex === 0) {
      const blockIndex = this.#valuesTaken / valuesPerBlock;
      const block = this.#suite.hash(encodeCanonical([this.#seed, blockIndex]));
      this.#block = new DataView(block.buffer, block.byteOffset, block.byteLength);
    }
    this.#valuesTaken++;
    return this.#block.getBigUint64(valueBytes * valueIndex, false);
  }

  /**
   * A uniform integer in [0, bound) for 1 ≤ bound ≤ 2^64, by rejection sampling: values at or
   * above the largest multiple of `bound` that fits in 64 bits are discarded, so every residue
   * is equally likely (plain `value mod bound` would favour the small residues).
   */
  nextBelow(bound: bigint): bigint {
    if (typeof bound !== "bigint" || bound < 1n || bound > twoTo64) throw new RangeError("bound must be a bigint from 1 to 2^64");
    const limit = rejectionLimit(bound);
    for (;;) {
      const value = this.nextUint64();
      if (value < limit) return value % bound;
    }
  }

  /** nextBelow for a bound that is a safe integer, as a number. */
  nextIndexBelow(bound: number): number {
    if (!Number.isSafeInteger(bound) || bound < 1) throw new RangeError("bound must be a positive safe integer");
    return Number(this.nextBelow(BigInt(bound)));
  }
}

/** The largest multiple of `bound` not above 2^64: 64-bit values below it are accepted. */
export function rejectionLimit(bound: bigint): bigint {
  return twoTo64 - (twoTo64 % bound);
}
