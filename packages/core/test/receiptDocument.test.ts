import assert from "node:assert/strict";
import { test } from "node:test";
import { getSuite } from "../src/crypto/index.ts";
import { verifyReceipt } from "../src/receipt.ts";
import type { ReceiptJson } from "../src/types.ts";
import { receiptOfDocument, verifyReceiptDocument } from "../src/receiptDocument.ts";
import { resultView, txView } from "../src/views.ts";
import { buildReceipt } from "./receiptFixture.ts";

/** What `kexin tx get <hash> --json` saves: readable fields beside the receipt, as the API writes them. */
function answerOf(receipt: ReceiptJson): Record<string, unknown> {
  const proven = verifyReceipt(receipt);
  assert.ok(proven.tx && proven.result && proven.header, "the fixture receipt verifies");
  const readable = { hash: receipt.txHash, status: "committed", height: proven.header.height, index: receipt.txIndex, tx: txView(getSuite("intl"), proven.tx), result: resultView(proven.result) };
  return { ...(JSON.parse(JSON.stringify(readable)) as Record<string, unknown>), receipt };
}

const { receipt } = buildReceipt();

test("default: a bare receipt gets exactly verifyReceipt's checks", () => {
  const verification = verifyReceiptDocument(receipt);
  assert.equal(verification.ok, true);
  assert.equal(verification.answer, false);
  assert.deepEqual(
    verification.checks.map((outcome) => outcome.check),
    verifyReceipt(receipt).checks.map((outcome) => outcome.check),
  );
});

test("default: a saved transaction answer passes one more check, answer-matches-receipt", () => {
  const verification = verifyReceiptDocument(answerOf(receipt));
  assert.equal(verification.ok, true, verification.error);
  assert.equal(verification.answer, true);
  assert.deepEqual(verification.checks.at(-1), { check: "answer-matches-receipt", ok: true, detail: "the answer's hash, height, transaction and result are the receipt's" });
});

test("behavior: the order of an answer's keys does not matter", () => {
  const answer = answerOf(receipt);
  const tx = answer.tx as Record<string, unknown>;
  const reordered = { ...answer, tx: Object.fromEntries(Object.entries(tx).reverse()) };
  assert.equal(verifyReceiptDocument(reordered).ok, true);
});

test("error: a changed amount beside an intact receipt fails answer-matches-receipt, and only that", () => {
  const answer = answerOf(receipt);
  const tx = answer.tx as { payload: { amount: number } };
  const changed = { ...answer, tx: { ...tx, payload: { ...tx.payload, amount: tx.payload.amount * 100 } } };
  const verification = verifyReceiptDocument(changed);
  assert.equal(verification.ok, false);
  assert.deepEqual(
    verification.checks.filter((outcome) => !outcome.ok).map((outcome) => [outcome.check, outcome.detail]),
    [["answer-matches-receipt", '"tx" differs from what the receipt proves']],
  );
  assert.equal(verification.error, '"tx" differs from what the receipt proves');
});

test("error: a field that no answer has is refused", () => {
  const verification = verifyReceiptDocument({ ...answerOf(receipt), note: "paid in full" });
  assert.equal(verification.ok, false);
  assert.equal(verification.checks.at(-1)?.detail, '"note" is not a field of a transaction answer');
});

test("error: an error answer, a pending answer and other JSON fail the format check with the reason", () => {
  const cases: [unknown, RegExp][] = [
    [{ error: { code: "TX_NOT_FOUND", message: "no such transaction" } }, /an error answer, not a receipt: no such transaction \(TX_NOT_FOUND\)/],
    [{ hash: receipt.txHash, status: "pending" }, /saved while the transaction was pending/],
    [[receipt], /not a receipt object/],
    [{ hello: "world" }, /neither a receipt/],
  ];
  for (const [document, reason] of cases) {
    const verification = verifyReceiptDocument(document);
    assert.equal(verification.ok, false);
    assert.equal(verification.checks.length, 1);
    assert.equal(verification.checks[0]?.check, "format");
    assert.match(verification.checks[0]?.detail ?? "", reason);
    assert.ok("problem" in receiptOfDocument(document));
  }
});
