import {
  type BlockHeader,
  type CryptoSuite,
  type ReceiptJson,
  type Validator,
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
  receiptFormat,
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
  const results = txs.map((tx) =>
    encodeTxResult({ txHash: tx.hash, status: TxStatus.ok, code: "", message: "", events: [{ module: "points", type: "transferred", attributes: { amount: 1 } }], cost: 1 }),
  );
  const { receipt, validatorsHash: trusted } = receiptInBlock(suite, {
    chainId: fixtureChainId,
    height: 7,
    time: 1_700_000_000_000,
    txs,
    results,
    index: 1,
    validatorKeys: [validatorKey],
    validators,
  });
  return { receipt, validatorsHash: trusted };
}

/**
 * The receipt of transaction `index` of a block of `txs` with `results`, committed in round 0 by
 * every validator key given (in the order of `validators`), all signed and hashed with core's own
 * functions. The header's previous block and state are made-up hashes.
 */
export function receiptInBlock(
  suite: CryptoSuite,
  block: {
    readonly chainId: string;
    readonly height: number;
    readonly time: number;
    readonly txs: readonly { readonly hash: Uint8Array; readonly bytes: Uint8Array }[];
    readonly results: readonly Uint8Array[];
    readonly index: number;
    readonly validatorKeys: readonly Uint8Array[];
    readonly validators: readonly Validator[];
  },
): { receipt: ReceiptJson; validatorsHash: string } {
  const { chainId, height, index, results, validators } = block;
  const txBytes = block.txs.map((tx) => tx.bytes);
  const header: BlockHeader = {
    chainId,
    height,
    time: block.time,
    prevHash: suite.hash(utf8(`block ${height - 1}`)),
    txCount: txBytes.length,
    txRoot: merkleRoot(suite.hash, txBytes),
    resultsRoot: merkleRoot(suite.hash, results),
    appHash: suite.hash(utf8(`state after block ${height - 1}`)),
    validatorsHash: validatorsHash(suite, validators),
    proposer: validators[0]!.publicKey,
  };
  const blockHash = headerHash(suite, header);
  const vote = voteSigningBytes({ chainId, height, round: 0, type: VoteType.precommit, blockHash });
  const signatures = block.validatorKeys.map((key, position) => ({ validator: validators[position]!.publicKey, signature: suite.sign(key, vote) }));
  const receipt: ReceiptJson = {
    format: receiptFormat,
    suite: suite.id,
    txHash: toHex(block.txs[index]!.hash),
    tx: toHex(txBytes[index]!),
    txIndex: index,
    txCount: txBytes.length,
    txProof: merkleInclusionPath(suite.hash, txBytes, index).map(toHex),
    result: toHex(results[index]!),
    resultProof: merkleInclusionPath(suite.hash, results, index).map(toHex),
    header: toHex(encodeHeader(header)),
    commit: toHex(encodeCommit({ height, round: 0, blockHash, signatures })),
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
