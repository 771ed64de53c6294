import { evidenceLimits } from "@kexin/core";

/**
 * Bounds of the evidence module beyond those of @kexin/core's evidenceLimits and lotteryLimits.
 * Every list the module keeps or answers with has one.
 */
export const evidenceModuleLimits = {
  /**
   * Chunk records in one append_chunks transaction. A record with every optional field, its
   * hashes in hex, takes at most about 254 bytes of canonical CBOR, so 200 records stay well
   * inside a transaction's protocolLimits.txBytesMax (64 KiB) on both suites; core's
   * chunkBatchMax (1,024) is the looser bound of the stream format itself.
   */
  chunksPerTxMax: 200,
  /** Times one content hash may be anchored; re-anchoring is allowed, without end it would be a spam vector. */
  anchorsPerHashMax: 1_000,
  titleLengthMax: 256,
  caseNumberLengthMax: 128,
  tagsMax: 16,
  tagLengthMax: 64,
  /** RFC 6838: type and subtype names are at most 127 characters each; kept to 64 each here. */
  mediaTypeLengthMax: 129,
  /** Entries in one page of anchors, sessions, draws or case entries. */
  listPageMax: 100,
  /** Chunks in one page of a session's chunk list. */
  chunkPageMax: 1_000,
  /**
   * Winners of one draw: the winners are computed by a query on every read, so their number is
   * kept to what one answer can carry comfortably.
   */
  winnersPerDrawMax: 10_000,
} as const;

// A module batch is one of core's stream batches; streams.test.ts checks that a full one fits a transaction.
if (evidenceModuleLimits.chunksPerTxMax > evidenceLimits.chunkBatchMax) {
  throw new Error("evidenceModuleLimits.chunksPerTxMax exceeds core's evidenceLimits.chunkBatchMax");
}
