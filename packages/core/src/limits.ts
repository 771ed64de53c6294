/** Protocol-wide bounds: every node enforces them and every verifier may rely on them. */
export const protocolLimits = {
  txBytesMax: 64 * 1024,
  headerBytesMax: 1024,
  commitBytesMax: 64 * 1024,
  bytesFieldBytesMax: 64 * 1024,
  validatorsMax: 150,
  votingPowerMax: 1_000_000,
  eventsPerTxMax: 64,
  merkleProofLengthMax: 64,
} as const;
