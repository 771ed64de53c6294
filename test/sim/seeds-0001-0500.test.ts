import { test } from "node:test";
import { assertSeedsPass } from "./support.ts";

test("behavior: seeds 1–500 (4 and 7 validators, with and without Byzantine ones) keep agreement, validity, no honest double-sign and liveness", () => {
  const { heights, evidence } = assertSeedsPass(1, 500);
  console.log(`500 seeds, ${heights} heights committed by every honest node, ${evidence} duplicate votes reported`);
});
