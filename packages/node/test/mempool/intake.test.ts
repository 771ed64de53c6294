import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { toHex } from "@kexin/core";
import type { AdmittedTx } from "../../src/execution/index.ts";
import { InlineSignatureVerifier, TxIntake, WorkerSignatureVerifier } from "../../src/mempool/index.ts";
import { type Ledger, type TestChainSpec, issueCall, openLedger, signedTxs, suite, testChainSpec } from "../consensus/ledgerFixture.ts";

let spec: TestChainSpec;
let ledger: Ledger;

before(() => {
  spec = testChainSpec(4);
  // Worker threads, so verification takes real time and submissions overlap.
  ledger = openLedger(spec, { verifier: new WorkerSignatureVerifier(suite.id, 1) });
});
after(async () => {
  await ledger?.close();
});

const hashHexOf = (bytes: Uint8Array): string => toHex(suite.hash(bytes));
const admittedCount = (outcomes: readonly object[]): number => outcomes.filter((outcome) => "admitted" in outcome).length;

test("behavior: a later submission verified first is still admitted after the earlier one, so an account's nonces stay consecutive", async () => {
  const txs = signedTxs(spec, 0, 0, 610, issueCall(spec, 0));
  const first = ledger.intake.submit(txs.slice(0, 600), "peer");
  const secondTxs = txs.slice(600);
  const second = ledger.intake.submit(secondTxs, "peer");
  // Expediting the second submission makes its signatures verified before most of the first's.
  const verified = ledger.intake.verifyInFlight(secondTxs.map(hashHexOf));
  assert.ok(verified, "the second submission is in flight");
  let secondVerifiedFirst = false;
  await Promise.race([verified.then(() => (secondVerifiedFirst = true)), first]);
  assert.ok(secondVerifiedFirst, "the expedited submission's signatures were verified before the first submission was admitted");
  assert.equal(admittedCount(await second), 10, "all 10 later nonces are admitted");
  assert.equal(admittedCount(await first), 600, "all 600 earlier nonces are admitted");
  assert.equal(ledger.mempool.nextNonce(ledger.mempool.get(hashHexOf(txs[0] as Uint8Array))?.address ?? ""), 610, "the account's next nonce follows all 610");
});

test("behavior: a transaction submitted again while its first copy is verified is refused as a duplicate, and the first copy is admitted", async () => {
  const [tx] = signedTxs(spec, 1, 0, 1, issueCall(spec, 1)) as [Uint8Array];
  const first = ledger.intake.submit([tx], "peer");
  const [again] = await ledger.intake.submit([tx], "client");
  assert.ok(again && "error" in again && again.error.code === "TX_DUPLICATE", `the second copy is refused as TX_DUPLICATE, got ${JSON.stringify(again)}`);
  assert.equal(admittedCount(await first), 1, "the first copy is admitted");
});

test("behavior: verifyInFlight hands over verified transactions before admission, leaves out bad signatures, and is undefined for transactions not in flight", async () => {
  const txs = signedTxs(spec, 2, 0, 3, issueCall(spec, 2));
  const tampered = Uint8Array.from(txs[2] as Uint8Array);
  tampered[tampered.length - 3]! ^= 1;
  const submission = ledger.intake.submit([txs[0] as Uint8Array, txs[1] as Uint8Array, tampered], "peer");
  const hashes = [hashHexOf(txs[0] as Uint8Array), hashHexOf(txs[1] as Uint8Array), hashHexOf(tampered)];
  const verified = await ledger.intake.verifyInFlight(hashes);
  assert.ok(verified, "the submission is in flight");
  assert.deepEqual([...verified.keys()].sort(), hashes.slice(0, 2).sort(), "the two good transactions, not the tampered one");
  const admitted = verified.get(hashes[0] as string) as AdmittedTx;
  assert.equal(toHex(admitted.hash), hashes[0], "the transaction comes with its hash");
  assert.equal(admitted.tx.nonce, 0, "and decoded");
  await submission;
  assert.equal(ledger.intake.verifyInFlight(hashes), undefined, "nothing is in flight once the submission is admitted");
});

test("behavior: checkForBlock verifies fetched transactions and admits those that fit; a bad signature gives undefined", async () => {
  const txs = signedTxs(spec, 3, 0, 2, issueCall(spec, 3));
  const tampered = Uint8Array.from(txs[1] as Uint8Array);
  tampered[tampered.length - 3]! ^= 1;
  const [good, bad] = await ledger.intake.checkForBlock([txs[0] as Uint8Array, tampered]);
  assert.ok(good, "the good transaction passes");
  assert.equal(bad, undefined, "the tampered one does not");
  assert.ok(ledger.mempool.has(hashHexOf(txs[0] as Uint8Array)), "the good transaction is admitted to the mempool");
  const [gossiped] = await ledger.intake.submit([txs[0] as Uint8Array], "peer");
  assert.ok(gossiped && "error" in gossiped && gossiped.error.code === "TX_DUPLICATE", "a copy arriving by gossip afterwards is a duplicate");
});

test("behavior: only client submissions are announced for gossip", async () => {
  const announced: number[] = [];
  const intake = new TxIntake(ledger.mempool, new InlineSignatureVerifier(suite.id), (admitted) => announced.push(admitted.length));
  const txs = signedTxs(spec, 0, 610, 2, issueCall(spec, 0));
  await intake.submit([txs[0] as Uint8Array], "peer");
  await intake.submit([txs[1] as Uint8Array], "client");
  assert.deepEqual(announced, [1], "one announcement, for the client's transaction");
});
