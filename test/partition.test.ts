import assert from "node:assert/strict";
import { after, test } from "node:test";
import { type NamespaceNetwork, createNamespaceNetwork, namespaceSupportProblem } from "./support/netns.ts";
import { waitFor } from "./support/nodeProcess.ts";
import { type RunningTestnet, aliceIssues, assertNoFork, heightOf, startTestnet, submit } from "./support/testnet.ts";

const problem = namespaceSupportProblem();
let network: NamespaceNetwork | undefined;
let testnet: RunningTestnet | undefined;
after(async () => {
  await testnet?.stop();
  network?.destroy();
});

async function heights(nodes: RunningTestnet["nodes"]): Promise<number[]> {
  return Promise.all(nodes.map((node) => heightOf(node.url)));
}

test(
  "behavior: four validators in separate network namespaces — one cut off, then a 2–2 split, then healed: no fork, progress resumes",
  { timeout: 300_000, skip: problem === undefined ? false : `SKIP: ${problem}` },
  async (context) => {
    network = createNamespaceNetwork(4, 77);
    const namespaces = network.namespaces;
    testnet = await startTestnet(4, { hosts: network.addresses, wrap: (index) => ["ip", "netns", "exec", namespaces[index] as string] });
    const nodes = testnet.nodes;
    let nonce = 0;
    const load = async (targets: RunningTestnet["nodes"]): Promise<void> => {
      const txs = aliceIssues(testnet as RunningTestnet, nonce, 20);
      const accepted = await submit((targets[0] as RunningTestnet["nodes"][number]).url, txs);
      nonce += accepted;
    };
    await load(nodes);
    await waitFor("height 2 everywhere", async () => ((await heights(nodes)).every((height) => height >= 2) ? true : undefined), 60_000);

    // One validator cut off: the other three keep committing; it cannot commit alone.
    network.partition([[0, 1, 2], [3]]);
    const cutAt = await heights(nodes);
    await load(nodes);
    await waitFor("three connected validators to commit 3 more blocks", async () => {
      const now = await heights(nodes.slice(0, 3));
      return now.every((height) => height >= Math.max(...cutAt) + 3) ? true : undefined;
    }, 60_000);
    const isolated = await heightOf((nodes[3] as RunningTestnet["nodes"][number]).url);
    assert.ok(isolated <= Math.max(...cutAt) + 1, `the isolated validator stays behind (at ${isolated}, others were at ${cutAt.join(",")} when cut)`);
    await assertNoFork(nodes);
    network.heal();
    const target = Math.max(...(await heights(nodes.slice(0, 3))));
    await waitFor("the cut-off validator to catch up", async () => ((await heightOf((nodes[3] as RunningTestnet["nodes"][number]).url)) >= target ? true : undefined), 90_000);
    await assertNoFork(nodes);

    // A 2–2 split: neither half has a quorum, so nothing commits and nothing forks.
    network.partition([[0, 1], [2, 3]]);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const splitAt = await heights(nodes);
    await load(nodes);
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const during = await heights(nodes);
    assert.ok(
      during.every((height, index) => height <= (splitAt[index] as number) + 1),
      `no side commits more than the block already decided when the split began (before ${splitAt.join(",")}, after ${during.join(",")})`,
    );
    await assertNoFork(nodes);
    network.heal();
    const resumedFrom = Math.max(...during);
    await load(nodes);
    await waitFor("commits to resume on every validator after healing", async () => ((await heights(nodes)).every((height) => height >= resumedFrom + 2) ? true : undefined), 120_000);
    const common = await assertNoFork(nodes);
    context.diagnostic(`heights at the cut ${cutAt.join(",")}; split ${splitAt.join(",")} → ${during.join(",")}; all agree up to ${common}`);
  },
);
