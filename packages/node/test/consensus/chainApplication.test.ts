import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { type BlockHeader, decodeBounded, decodeHeader, encodeHeader, merkleRoot } from "@kexin/core";
import { encodeProposedBlock } from "../../src/consensus/bft/chainApplication.ts";
import { BlockValidationError } from "../../src/blockPipeline/index.ts";
import { DiskSpaceError } from "../../src/storage/index.ts";
import { type Ledger, issueCall, openLedger, signedTxs, suite, testChainSpec } from "./ledgerFixture.ts";

const opened: Ledger[] = [];
afterEach(async () => {
  for (const ledger of opened.splice(0)) await ledger.close();
});

test("behavior: a proposer puts no more transactions in a block than it executed lately in blockExecutionMsTarget, and no fewer than 100", async () => {
  const spec = testChainSpec(2);
  // Executing a transaction takes tens of microseconds, so a 1 ms target allows fewer than 100.
  const slow = openLedger(spec, { proposerKey: spec.validatorKeys[0], blockExecutionMsTarget: 1 });
  const roomy = openLedger(spec, { proposerKey: spec.validatorKeys[0], blockExecutionMsTarget: 60_000 });
  opened.push(slow, roomy);
  const txs = signedTxs(spec, 0, 0, 600, issueCall(spec, 0));
  for (const ledger of [slow, roomy]) {
    await ledger.intake.submit(txs, "client");
    assert.equal(ledger.application.proposalTxsMax(), 5_000, "before anything was executed, blockTxsMax");
    const first = ledger.application.buildBlock(1, 0);
    assert.equal(ledger.application.identifyBlock(first)?.height, 1, "block 1 is built");
    ledger.commit(1, first);
  }
  assert.equal(slow.application.proposalTxsMax(), 100, "with a 1 ms target the floor of 100 applies");
  assert.equal(roomy.application.proposalTxsMax(), 5_000, "with a generous target, blockTxsMax");
  await slow.intake.submit(signedTxs(spec, 1, 0, 300, issueCall(spec, 1)), "client");
  const second = slow.application.buildBlock(2, 0);
  slow.commit(2, second);
  assert.equal(slow.store.getBlock(2)?.txs.length, 100, "the slow proposer's next block holds 100 transactions");
  assert.equal(slow.store.getBlock(1)?.txs.length, 600, "its first block held all 600");
});

test("error: a block that includes an already committed transaction again is refused", async () => {
  const spec = testChainSpec(1);
  const proposer = openLedger(spec, { proposerKey: spec.validatorKeys[0] });
  const validator = openLedger(spec);
  opened.push(proposer, validator);
  const [first, second] = signedTxs(spec, 0, 0, 2, issueCall(spec, 0)) as [Uint8Array, Uint8Array];
  for (const ledger of [proposer, validator]) await ledger.intake.submit([first], "client");
  const block1 = proposer.application.buildBlock(1, 0);
  assert.equal(validator.application.validateBlock(1, block1), undefined);
  proposer.commit(1, block1);
  validator.commit(1, block1);

  // The proposer's honest block 2, then the same header over the committed transaction instead.
  await proposer.intake.submit([second], "client");
  const honest = proposer.application.buildBlock(2, 0);
  const { header } = decodeBounded(honest, 16 * 1024 * 1024) as { header: Uint8Array };
  const replayed = encodeProposedBlock(encodeHeader({ ...decodeHeader(header), txRoot: merkleRoot(suite.hash, [first]) }), [first]);
  assert.match(validator.application.validateBlock(2, replayed) ?? "", /^BLOCK_TX_DUPLICATE: transaction [0-9a-f]{64} is included twice$/);
});

test("error: a block whose header miscounts its transactions is refused, whichever way", async () => {
  const spec = testChainSpec(1);
  const proposer = openLedger(spec, { proposerKey: spec.validatorKeys[0] });
  const validator = openLedger(spec);
  opened.push(proposer, validator);
  const txs = signedTxs(spec, 0, 0, 3, issueCall(spec, 0));
  for (const ledger of [proposer, validator]) await ledger.intake.submit(txs, "client");
  const honest = proposer.application.buildBlock(1, 0);
  const { header, txs: blockTxs } = decodeBounded(honest, 16 * 1024 * 1024) as { header: Uint8Array; txs: Uint8Array[] };
  assert.equal(decodeHeader(header).txCount, 3, "the proposer counts its transactions");
  for (const txCount of [2, 4, 0]) {
    const miscounted = encodeProposedBlock(encodeHeader({ ...decodeHeader(header), txCount }), blockTxs);
    assert.equal(validator.application.validateBlock(1, miscounted), `BLOCK_TX_COUNT_MISMATCH: header counts ${txCount} transactions; the block holds 3`);
  }
  assert.equal(validator.application.validateBlock(1, honest), undefined);
});

test("error: a decided block is not written when the data folder's disk has less free space than the reserve", async () => {
  const spec = testChainSpec(1);
  const proposer = openLedger(spec, { proposerKey: spec.validatorKeys[0] });
  // A reserve beyond any disk this test runs on.
  const short = openLedger(spec, { diskReserveBytes: 2 ** 50 });
  opened.push(proposer, short);
  const txs = signedTxs(spec, 0, 0, 3, issueCall(spec, 0));
  for (const ledger of [proposer, short]) await ledger.intake.submit(txs, "client");
  const block = proposer.application.buildBlock(1, 0);
  assert.equal(short.application.validateBlock(1, block), undefined, "validation does not look at the disk");
  assert.throws(
    () => short.commit(1, block),
    (error: unknown) => {
      assert.ok(error instanceof DiskSpaceError);
      assert.equal(error.code, "DISK_SPACE_LOW");
      assert.equal(error.type.reserveBytes, 2 ** 50);
      assert.ok(error.type.freeBytes > 0 && error.type.freeBytes < 2 ** 50);
      return true;
    },
  );
  assert.equal(short.store.head()?.height, 0, "nothing was written");
  assert.equal(short.store.getBlock(1), undefined);
  assert.equal(short.mempool.size, 3, "the transactions wait in the mempool");
  proposer.commit(1, block);
  assert.equal(proposer.store.head()?.height, 1, "with no reserve the same block commits");
});

/** The block with its header changed (and, if given, other transactions). */
function variant(block: Uint8Array, change: (header: BlockHeader) => BlockHeader, txs?: readonly Uint8Array[]): Uint8Array {
  const parts = decodeBounded(block, 16 * 1024 * 1024) as { header: Uint8Array; txs: Uint8Array[] };
  return encodeProposedBlock(encodeHeader(change(decodeHeader(parts.header))), txs ?? parts.txs);
}

test("error: each rule of block validation refuses with its own code", async () => {
  const spec = testChainSpec(2);
  const proposer = openLedger(spec, { proposerKey: spec.validatorKeys[0] });
  const validator = openLedger(spec);
  const fewTxs = openLedger(spec, { parameterOverrides: { "block.txsMax": 2 } });
  const fewBytes = openLedger(spec, { parameterOverrides: { "block.bytesMax": 100 } });
  opened.push(proposer, validator, fewTxs, fewBytes);
  const txs = signedTxs(spec, 0, 0, 3, issueCall(spec, 0));
  await proposer.intake.submit(txs, "client");
  const honest = proposer.application.buildBlock(1, 0);
  const head = validator.store.head();
  assert.ok(head);
  const zeros = new Uint8Array(32);
  const [first] = txs as [Uint8Array];
  const [gap] = signedTxs(spec, 1, 5, 1, issueCall(spec, 1)) as [Uint8Array];
  const withTxs = (blockTxs: Uint8Array[]) => variant(honest, (header) => ({ ...header, txCount: blockTxs.length, txRoot: merkleRoot(suite.hash, blockTxs) }), blockTxs);
  const cases: [string, Uint8Array, Ledger?][] = [
    ["BLOCK_DOES_NOT_DECODE", Uint8Array.of(1, 2, 3)],
    ["BLOCK_WRONG_CHAIN", variant(honest, (header) => ({ ...header, chainId: "another-chain" }))],
    ["BLOCK_HEIGHT_MISMATCH", variant(honest, (header) => ({ ...header, height: 2 }))],
    ["BLOCK_PREV_HASH_MISMATCH", variant(honest, (header) => ({ ...header, prevHash: zeros }))],
    ["BLOCK_APP_HASH_MISMATCH", variant(honest, (header) => ({ ...header, appHash: zeros }))],
    ["BLOCK_VALIDATORS_HASH_MISMATCH", variant(honest, (header) => ({ ...header, validatorsHash: zeros }))],
    ["BLOCK_PROPOSER_NOT_VALIDATOR", variant(honest, (header) => ({ ...header, proposer: suite.publicKeyOf(spec.senderKeys[0] as Uint8Array) }))],
    ["BLOCK_TIME_BEFORE_PARENT", variant(honest, (header) => ({ ...header, time: head.time - 1 }))],
    ["BLOCK_TX_COUNT_MISMATCH", variant(honest, (header) => ({ ...header, txCount: 2 }))],
    ["BLOCK_TOO_MANY_TXS", honest, fewTxs],
    ["BLOCK_TOO_LARGE", honest, fewBytes],
    ["BLOCK_TX_ROOT_MISMATCH", variant(honest, (header) => ({ ...header, txRoot: zeros }))],
    ["BLOCK_TX_DUPLICATE", withTxs([first, first])],
    ["BLOCK_TX_INVALID", withTxs([gap])],
    ["BLOCK_RESULTS_ROOT_MISMATCH", variant(honest, (header) => ({ ...header, resultsRoot: zeros }))],
  ];
  for (const [code, block, ledger] of cases) {
    assert.match((ledger ?? validator).application.validateBlock(1, block) ?? "valid", new RegExp(`^${code}: `), code);
  }
  for (const ledger of [validator, fewTxs, fewBytes]) assert.equal(ledger.application.validateBlock(1, honest) === undefined, ledger === validator, "only the limits refuse the honest block");
  assert.throws(
    () => validator.commit(1, variant(honest, (header) => ({ ...header, txRoot: zeros }))),
    (error: unknown) => error instanceof BlockValidationError && error.code === "BLOCK_TX_ROOT_MISMATCH",
    "a decided block that breaks a rule is refused with the typed error too",
  );
  assert.equal(validator.store.head()?.height, 0, "and not written");
});
