import assert from "node:assert/strict";
import { test } from "node:test";
import { type ReceiptJson, TxStatus, decodeHeader, encodeTxResult, fromHex, intlSuite, merkleLeafHash, signTx, verifyMerkleInclusion, verifyReceipt } from "@kexin/core";
import { fixtureChainId, receiptInBlock } from "./receiptFixture.ts";

const suite = intlSuite;
const blockSizeMax = 40;
const validatorKey = suite.generatePrivateKey();
const validators = [{ publicKey: suite.publicKeyOf(validatorKey), power: 1 }];
const signerKey = suite.generatePrivateKey();

function receiptsOfBlock(size: number): ReceiptJson[] {
  const txs = Array.from({ length: size }, (_, nonce) =>
    signTx(suite, signerKey, { chainId: fixtureChainId, nonce, module: "points", type: "transfer", payload: { to: "ab".repeat(20), amount: nonce + 1 }, expiry: 100 }),
  );
  const results = txs.map((tx) => encodeTxResult({ txHash: tx.hash, status: TxStatus.ok, code: "", message: "", events: [], cost: 1 }));
  return txs.map((_, index) => receiptInBlock(suite, { chainId: fixtureChainId, height: 3, time: 1_700_000_000_000, txs, results, index, validatorKeys: [validatorKey], validators }).receipt);
}

/** Every (index, count) a receipt could claim in a block of at most blockSizeMax transactions: 820 pairs. */
const claimablePositions = Array.from({ length: blockSizeMax }, (_, countLess) => Array.from({ length: countLess + 1 }, (__, index) => ({ index, count: countLess + 1 }))).flat();

/** Whether the transaction's audit path alone, without the header's count, would accept the claimed position. */
function auditPathFits(receipt: ReceiptJson, claim: { index: number; count: number }): boolean {
  const txRoot = decodeHeader(fromHex(receipt.header)).txRoot;
  const leaf = merkleLeafHash(suite.hash, fromHex(receipt.tx));
  return verifyMerkleInclusion(suite.hash, leaf, claim.index, claim.count, receipt.txProof.map(fromHex), txRoot);
}

test("behavior: in blocks of 1–40 transactions, a receipt verifies with its true (index, count) and no other", () => {
  let claimsVerified = 0;
  let auditPathOnlyFits = 0;
  for (let size = 1; size <= blockSizeMax; size += 1) {
    const receipts = receiptsOfBlock(size);
    for (const [trueIndex, receipt] of receipts.entries()) {
      assert.equal(verifyReceipt(receipt).ok, true, `index ${trueIndex} of ${size} verifies`);
      // Every claim through the whole verifier for the block's first and last receipts; for the others,
      // every claim the audit path alone would let through (the ones only the signed count refuses).
      const everyClaim = trueIndex === 0 || trueIndex === size - 1;
      for (const claim of claimablePositions) {
        if (claim.index === trueIndex && claim.count === size) continue;
        const fits = auditPathFits(receipt, claim);
        if (fits) auditPathOnlyFits += 1;
        if (!fits && !everyClaim) continue;
        claimsVerified += 1;
        const outcome = verifyReceipt({ ...receipt, txIndex: claim.index, txCount: claim.count });
        assert.equal(outcome.ok, false, `index ${claim.index} of ${claim.count} is refused for the transaction at ${trueIndex} of ${size}`);
        if (claim.count !== size) assert.equal(outcome.error, `receipt claims index ${claim.index} of ${claim.count}, but block 3's header signs ${size} transaction${size === 1 ? "" : "s"}`);
        else assert.match(outcome.error ?? "", /inclusion proof does not lead from the transaction to block 3's txRoot/);
      }
    }
  }
  // Without the signed count these wrong positions would pass the Merkle check: what the header closes.
  assert.ok(auditPathOnlyFits > 100, `${auditPathOnlyFits} wrong positions fit an audit path alone`);
  assert.ok(claimsVerified > 60_000, `${claimsVerified} wrong claims went through the verifier`);
});
