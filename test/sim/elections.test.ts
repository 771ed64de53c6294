import assert from "node:assert/strict";
import { test } from "node:test";
import { assertSeedsPass } from "./support.ts";

// `npm run sim -- --elections --seeds 1000` runs many more; CI runs a slice that fits its time.
test("behavior: seeds 1–40 of election runs (validators elected by stake across epoch boundaries, with crashes and a Byzantine validator) keep every check", async () => {
  const { heights, evidence, txs, validatorSetChanges } = await assertSeedsPass(1, 40, true);
  assert.ok(validatorSetChanges > 0, "elections changed the validator set during the runs");
  console.log(`40 election seeds, ${heights} heights, ${txs} transactions, ${validatorSetChanges} validator set changes, ${evidence} duplicate votes reported`);
});
