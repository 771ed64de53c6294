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
  /**
   * Arrays and maps inside one another in any decoded CBOR value (a bare array is 1 deep). Kexin's
   * own structures nest a few levels (a transaction map, its payload map, a list, a record map: 4;
   * a result's event attributes: 4 plus their own), and EPCIS documents travel as text; the bound
   * leaves room for payloads to grow while keeping the decoder's recursion far from the stack's end.
   */
  cborNestingDepthMax: 64,
} as const;
