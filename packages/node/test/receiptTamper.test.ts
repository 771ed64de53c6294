import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { ReceiptJson } from "@kexin/core";
import { fromHex, toHex, verifyReceipt } from "@kexin/core";
import { type TestChain, startTestChain, waitForCommitted } from "./support.ts";

let chain: TestChain;
let receipt: ReceiptJson;
before(async () => {
  chain = await startTestChain();
  const signed = await chain.sign(chain.accounts.alice, { module: "points", type: "issue", payload: { to: "ab".repeat(20), amount: 42 } });
  await chain.post("/v1/txs", { tx: signed.hex });
  receipt = (await waitForCommitted(chain, signed.hash)).receipt as ReceiptJson;
});
after(async () => {
  await chain.close();
});

function withByteChanged(hex: string, index: number, mask: number): string {
  const bytes = fromHex(hex);
  bytes[index]! ^= mask;
  return toHex(bytes);
}

for (const field of ["tx", "header", "result", "commit", "validators"] as const) {
  test(`error: changing any single byte of the receipt's ${field} makes verification fail`, () => {
    assert.ok(verifyReceipt(receipt).ok, "the untouched receipt verifies");
    const length = fromHex(receipt[field]).length;
    for (let index = 0; index < length; index++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const tampered = { ...receipt, [field]: withByteChanged(receipt[field], index, mask) };
        const verification = verifyReceipt(tampered);
        assert.equal(verification.ok, false, `byte ${index} of ${field} changed with mask ${mask} still verified`);
        assert.ok(verification.error && verification.error.length > 0, "the failure names what failed");
      }
    }
  });
}

test("error: changing a proof hash or the claimed position makes verification fail", () => {
  const resultProofTampered = { ...receipt, txIndex: receipt.txIndex + 1 };
  assert.equal(verifyReceipt(resultProofTampered).ok, false);
  assert.equal(verifyReceipt({ ...receipt, txProof: [...receipt.txProof, "00".repeat(32)] }).ok, false);
  assert.equal(verifyReceipt({ ...receipt, txHash: "00".repeat(32) }).ok, false);
  assert.equal(verifyReceipt({ ...receipt, suite: "gm" }).ok, false);
  assert.equal(verifyReceipt({ ...receipt, format: "kexin-receipt/1" }).ok, false, "the format before headers counted their transactions");
  assert.equal(verifyReceipt({ ...receipt, format: "kexin-receipt/3" }).ok, false);
  assert.equal(verifyReceipt({ ...receipt, txCount: receipt.txCount + 1 }).ok, false);
  assert.equal(verifyReceipt(null).ok, false);
});

test("error: a trusted validator set or chain that differs is reported", () => {
  const wrongSet = verifyReceipt(receipt, { validatorsHash: "00".repeat(32) });
  assert.equal(wrongSet.ok, false);
  assert.equal(wrongSet.checks.find((check) => !check.ok)?.check, "trusted-validators");
  const wrongChain = verifyReceipt(receipt, { chainId: "another-chain" });
  assert.equal(wrongChain.checks.find((check) => !check.ok)?.check, "trusted-chain");
});
