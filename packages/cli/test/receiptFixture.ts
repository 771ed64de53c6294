import {
  type BlockHeader,
  type ReceiptJson,
  TxStatus,
  VoteType,
  encodeCommit,
  encodeHeader,
  encodeTxResult,
  encodeValidators,
  headerHash,
  intlSuite,
  merkleInclusionPath,
  merkleRoot,
  signTx,
  toHex,
  utf8,
  validatorsHash,
  voteSigningBytes,
} from "@kexin/core";

export const fixtureChainId = "kexin-test";

/**
 * A real receipt for the second of three transactions in block 7, committed by one validator:
 * everything is signed and hashed with core's own functions, so verifyReceipt accepts it.
 */
export function buildReceipt(): { receipt: ReceiptJson; validatorsHash: string } {
  const suite = intlSuite;
  const validatorKey = suite.generatePrivateKey();
  const validatorPublicKey = suite.publicKeyOf(validatorKey);
  const validators = [{ publicKey: validatorPublicKey, power: 10 }];
  const signerKey = suite.generatePrivateKey();
  const txs = [0, 1, 2].map((nonce) =>
    signTx(suite, signerKey, { chainId: fixtureChainId, nonce, module: "points", type: "transfer", payload: { to: "ab".repeat(20), program: "merchant", amount: nonce + 1 }, expiry: 100 }),
  );
  const txBytes = txs.map((tx) => tx.bytes);
  const results = txs.map((tx) =>
    encodeTxResult({ txHash: tx.hash, status: TxStatus.ok, code: "", message: "", events: [{ module: "points", type: "transferred", attributes: { amount: 1 } }], cost: 1 }),
  );
  const header: BlockHeader = {
    chainId: fixtureChainId,
    height: 7,
    time: 1_700_000_000_000,
    prevHash: suite.hash(utf8("block 6")),
    txRoot: merkleRoot(suite.hash, txBytes),
    resultsRoot: merkleRoot(suite.hash, results),
    appHash: suite.hash(utf8("state after block 6")),
    validatorsHash: validatorsHash(suite, validators),
    proposer: validatorPublicKey,
  };
  const blockHash = headerHash(suite, header);
  const signature = suite.sign(validatorKey, voteSigningBytes({ chainId: fixtureChainId, height: 7, round: 0, type: VoteType.precommit, blockHash }));
  const index = 1;
  const receipt: ReceiptJson = {
    format: "kexin-receipt/1",
    suite: suite.id,
    txHash: toHex(txs[index]!.hash),
    tx: toHex(txBytes[index]!),
    txIndex: index,
    txCount: txs.length,
    txProof: merkleInclusionPath(suite.hash, txBytes, index).map(toHex),
    result: toHex(results[index]!),
    resultProof: merkleInclusionPath(suite.hash, results, index).map(toHex),
    header: toHex(encodeHeader(header)),
    commit: toHex(encodeCommit({ height: 7, round: 0, blockHash, signatures: [{ validator: validatorPublicKey, signature }] })),
    validators: toHex(encodeValidators(validators)),
  };
  return { receipt, validatorsHash: toHex(header.validatorsHash) };
}

/** Flips the lowest bit of the byte at `byteIndex` (negative counts from the end) of a hex string. */
export function flipByte(hex: string, byteIndex: number): string {
  const index = byteIndex < 0 ? hex.length / 2 + byteIndex : byteIndex;
  const byte = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16) ^ 1;
  return hex.slice(0, index * 2) + byte.toString(16).padStart(2, "0") + hex.slice(index * 2 + 2);
}
