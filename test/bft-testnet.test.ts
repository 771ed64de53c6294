import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type ReceiptJson, decodeCommit, fromHex, verifyReceipt } from "@kexin/core";
import { waitFor } from "./support/nodeProcess.ts";
import { type RunningTestnet, aliceIssues, assertNoFork, getJson, heightOf, startTestnet, submit } from "./support/testnet.ts";

let testnet: RunningTestnet;
let nextNonce = 0;

before(async () => {
  testnet = await startTestnet(4);
});
after(async () => {
  await testnet?.stop();
});

async function waitForHeight(url: string, height: number, timeoutMs = 60_000): Promise<number> {
  return waitFor(`${url} to reach height ${height}`, async () => {
    const current = await heightOf(url);
    return current >= height ? current : undefined;
  }, timeoutMs);
}

test("behavior: a transaction accepted by one node's API commits on all, and its receipt verifies offline against the multi-signature commit", { timeout: 120_000 }, async () => {
  const [node1, node2, node3] = testnet.nodes as [RunningTestnet["nodes"][number], RunningTestnet["nodes"][number], RunningTestnet["nodes"][number]];
  const txs = aliceIssues(testnet, nextNonce, 20);
  nextNonce += 20;
  assert.equal(await submit(node2.url, txs), 20, "node2 accepts all 20 transactions");
  const last = txs.at(-1) as { hash: string };
  for (const node of [node1, node3]) {
    await waitFor(`${node.name} to commit the last transaction`, async () => ((await getJson(`${node.url}/v1/txs/${last.hash}`)).status === "committed" ? true : undefined), 60_000);
  }
  const answer = await getJson(`${node3.url}/v1/txs/${txs[0]?.hash}`);
  const receipt = answer.receipt as ReceiptJson;
  const status = await getJson(`${node1.url}/v1/status`);
  const verification = verifyReceipt(receipt, { chainId: testnet.layout.chainId, validatorsHash: status.validatorsHash as string });
  assert.ok(verification.ok, `receipt verifies: ${verification.error}`);
  const commit = decodeCommit(fromHex(receipt.commit));
  assert.ok(commit.signatures.length >= 3, `the commit carries at least 3 of 4 validators' precommits, got ${commit.signatures.length}`);
  await assertNoFork(testnet.nodes);
});

test("behavior: SIGKILL one validator under load — the others keep committing, and it restarts and catches up to the same hashes", { timeout: 180_000 }, async () => {
  const [node1, , , node4] = testnet.nodes as RunningTestnet["nodes"][number][] as [RunningTestnet["nodes"][number], unknown, unknown, RunningTestnet["nodes"][number]];
  const load = (async () => {
    for (let batch = 0; batch < 20; batch += 1) {
      const txs = aliceIssues(testnet, nextNonce, 50);
      const accepted = await submit(node1.url, txs);
      nextNonce += accepted;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await node4.kill("SIGKILL");
  const heightAtKill = await heightOf(node1.url);
  await waitForHeight(node1.url, heightAtKill + 3);
  await load;
  await node4.start();
  const target = await heightOf(node1.url);
  await waitForHeight(node4.url, target, 90_000);
  const common = await assertNoFork(testnet.nodes);
  assert.ok(common >= target, `all four agree up to height ${common}`);
});

test("behavior: with two of four validators down nothing commits and nothing forks; restarted, commits resume", { timeout: 180_000 }, async () => {
  const [node1, node2, node3, node4] = testnet.nodes as [RunningTestnet["nodes"][number], RunningTestnet["nodes"][number], RunningTestnet["nodes"][number], RunningTestnet["nodes"][number]];
  await Promise.all([node3.kill("SIGKILL"), node4.kill("SIGKILL")]);
  const stalled = Math.max(await heightOf(node1.url), await heightOf(node2.url));
  const txs = aliceIssues(testnet, nextNonce, 10);
  assert.equal(await submit(node1.url, txs), 10, "node1 still accepts transactions");
  nextNonce += 10;
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  assert.ok((await heightOf(node1.url)) <= stalled, "node1 committed nothing without a quorum");
  assert.ok((await heightOf(node2.url)) <= stalled, "node2 committed nothing without a quorum");
  await assertNoFork([node1, node2]);
  await Promise.all([node3.start(), node4.start()]);
  const last = txs.at(-1) as { hash: string };
  await waitFor("the waiting transactions to commit", async () => ((await getJson(`${node1.url}/v1/txs/${last.hash}`)).status === "committed" ? true : undefined), 90_000);
  await waitForHeight(node4.url, await heightOf(node1.url), 90_000);
  await assertNoFork(testnet.nodes);
});
