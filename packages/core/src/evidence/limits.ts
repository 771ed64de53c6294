/** Bounds of the evidence and lottery services: the chain enforces them and verifiers may rely on them. */
export const evidenceLimits = {
  /** Both chain-wide suites hash to 32 bytes (SHA-256, SM3), so chunk hashes and links are 32 bytes. */
  hashBytes: 32,
  sessionIdLengthMax: 128,
  /** One transaction's worth of chunk records. */
  chunkBatchMax: 1024,
  /** About eleven and a half days of one-second chunks. */
  chunksPerSessionMax: 1_000_000,
  /** A presented recording may repeat chunks, so it may be longer than the recording on chain. */
  presentedChunksMax: 2_000_000,
  /**
   * A chunk hash that repeats on chain (identical chunk content) pairs with every presented copy
   * only while it repeats at most this often; beyond it copies pair by rank, which keeps the
   * diagnosis O(n log n) even for a recording of identical chunks.
   */
  repeatedHashCandidatesMax: 8,
} as const;

export const lotteryLimits = {
  hashBytes: 32,
  drawIdLengthMax: 128,
  participantsMax: 1_000_000,
  participantIdLengthMax: 256,
  rulesTextLengthMax: 16 * 1024,
  /**
   * The draw height must lie at least this many blocks above the height at which the draw is
   * registered, so the block whose hash seeds the draw cannot exist, or be in the making, yet.
   */
  drawHeightMarginMin: 10,
} as const;
