import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { addressOf, toHex } from "@kexin/core";
import { parseGenesis } from "../../src/genesis.ts";
import { type Ledger, type TestChainSpec, issueCall, openLedger, signedTxs, suite } from "./ledgerFixture.ts";

const opened: Ledger[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((ledger) => ledger.close()));
});

/** A BFT chain of one organisation, whose admin is sender 0 (its proposal is at once approved), with a two-block review window; senders 1–3 are members. */
function governedSpec(): TestChainSpec {
  const validatorKeys = [suite.generatePrivateKey()];
  const senderKeys = Array.from({ length: 4 }, () => suite.generatePrivateKey());
  const genesis = parseGenesis({
    chainId: "kexin-parameters-test",
    suite: suite.id,
    genesisTime: 1_700_000_000_000,
    consensus: "bft",
    validators: [{ name: "v0", publicKey: toHex(suite.publicKeyOf(validatorKeys[0] as Uint8Array)), power: 1 }],
    organisations: [{ id: "merchant", name: "Merchant", admins: [toHex(suite.publicKeyOf(senderKeys[0] as Uint8Array))] }],
    members: senderKeys.slice(1).map((key, index) => ({ org: "merchant", address: addressOf(suite, suite.publicKeyOf(key)), name: `sender${index + 1}`, roles: ["merchant"] })),
    sections: { governance: { parameters: { "governance.reviewWindowBlocks": 2 } } },
  });
  return { genesis, validatorKeys, senderKeys };
}

/** The proposer builds the next block; every other ledger checks it; all commit it. Answers the block's transaction count. */
function decide(proposer: Ledger, others: readonly Ledger[]): number {
  const height = (proposer.store.head()?.height ?? 0) + 1;
  const block = proposer.application.buildBlock(height, 0);
  for (const ledger of others) assert.equal(ledger.application.validateBlock(height, block), undefined, `block ${height} is valid`);
  for (const ledger of [proposer, ...others]) ledger.commit(height, block);
  return proposer.store.getBlock(height)?.txs.length ?? -1;
}

test("behavior: a block size change applies at its effective height on every ledger of a BFT chain; a block by the old limit is refused after it", async () => {
  const spec = governedSpec();
  const proposer = openLedger(spec, { proposerKey: spec.validatorKeys[0] });
  const validator = openLedger(spec);
  // A proposer that ignores the change: what it builds from the effective height on must be refused.
  const stale = openLedger(spec, { proposerKey: spec.validatorKeys[0], parameterOverrides: { "block.txsMax": 5_000 } });
  opened.push(proposer, validator, stale);
  const effectiveHeight = 4;
  const [proposal] = signedTxs(spec, 0, 0, 1, { module: "governance", type: "propose_parameters", payload: { id: "two-per-block", description: "", changes: { "block.txsMax": 2 }, effectiveHeight } });
  await proposer.intake.submit([proposal as Uint8Array], "client");
  assert.equal(decide(proposer, [validator, stale]), 1, "block 1 holds the proposal");
  assert.equal(decide(proposer, [validator, stale]), 0);
  assert.equal(decide(proposer, [validator, stale]), 0);
  for (const ledger of [proposer, validator]) {
    assert.deepEqual([ledger.parameters.at("block.txsMax", effectiveHeight - 1), ledger.parameters.at("block.txsMax", effectiveHeight)], [5_000, 2], "every ledger reads the same values for a height");
  }
  const txs = signedTxs(spec, 1, 0, 5, issueCall(spec, 1));
  await proposer.intake.submit(txs, "client");
  await stale.intake.submit(txs, "client");
  const staleBlock = stale.application.buildBlock(effectiveHeight, 0);
  assert.match(validator.application.validateBlock(effectiveHeight, staleBlock) ?? "valid", /^BLOCK_TOO_MANY_TXS: /, "five transactions are too many from the effective height on");
  const sizes = [decide(proposer, [validator]), decide(proposer, [validator]), decide(proposer, [validator])];
  assert.deepEqual(sizes, [2, 2, 1], "blocks from the effective height hold at most two");
});
