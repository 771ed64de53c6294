/** Bounds of the crypto caches, so a flood of distinct keys cannot grow memory without limit. */
export const cryptoLimits = {
  /**
   * The window of the SM2 generator's table, built once per process on first use: 10-bit windows
   * take about 2 MiB and 0.2–0.4 s to build, and make s·G about 15% cheaper than 8-bit ones.
   */
  sm2GeneratorWindowBits: 10,
} as const;

export interface Sm2VerifyCacheOptions {
  /** Parsed public keys with their Z values, a few hundred bytes each. */
  readonly keysCachedMax: number;
  /** Public keys with a window table; these dominate memory (see publicKeyWindowBits). */
  readonly tablesCachedMax: number;
  /** 6 bits: about 250 KiB a table; 7 bits: about 425 KiB and some 5% faster verification. */
  readonly publicKeyWindowBits: number;
  /** Uses before a key earns a table: building one costs about as much as a few plain verifications. */
  readonly usesBeforeTable: number;
}

/** A node verifies thousands of signatures a second from a few hundred busy keys: up to about 54 MiB of tables. */
export const nodeSm2VerifyCacheOptions: Sm2VerifyCacheOptions = Object.freeze({
  keysCachedMax: 4096,
  tablesCachedMax: 128,
  publicKeyWindowBits: 7,
  usesBeforeTable: 4,
});

/** A browser checks receipts from a validator set at most: up to about 8 MiB of tables. */
export const browserSm2VerifyCacheOptions: Sm2VerifyCacheOptions = Object.freeze({
  keysCachedMax: 1024,
  tablesCachedMax: 32,
  publicKeyWindowBits: 6,
  usesBeforeTable: 4,
});
