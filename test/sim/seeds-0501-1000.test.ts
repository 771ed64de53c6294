import { test } from "node:test";
import { assertSeedsPass } from "./support.ts";

test("behavior: seeds 501–1000 (4 and 7 validators, with and without Byzantine ones) keep agreement, state, validity, no honest double-sign and liveness through real nodes", async () => {
  const { heights, evidence, txs } = await assertSeedsPass(501, 500);
  console.log(`500 seeds, ${heights} heights and ${txs} transactions committed by every honest node, ${evidence} duplicate votes reported`);
});
