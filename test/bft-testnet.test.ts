import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ReceiptJson, addressOf, decodeCommit, fromHex, getSuite, importEncryptedKeyFile, signTx, toHex, verifyReceipt } from "@kexin/core";
import { ValidatorSet } from "../packages/node/src/consensus/index.ts";
import { runCli } from "../packages/cli/test/runCli.ts";
import { waitFor } from "./support/nodeProcess.ts";
import { type RunningTestnet, aliceIssues, assertNoFork, getJson, heightOf, startTestnet, submit } from "./support/testnet.ts";

let testnet: RunningTestnet;
let nextNonce = 0;
/** A receipt from before the validator set changes, checked again after. */
let earlyReceipt: { receipt: ReceiptJson; validatorsHash: string } | undefined;

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
  earlyReceipt = { receipt, validatorsHash: status.validatorsHash as string };
  const commit = decodeCommit(fromHex(receipt.commit));
  assert.ok(commit.signatures.length >= 3, `the commit carries at least 3 of 4 validators' precommits, got ${commit.signatures.length}`);
  await assertNoFork(testnet.nodes);
});

test("behavior: every validator reports its round, step and the round's proposer by the schedule, in status, metrics and kexin status", { timeout: 60_000 }, async () => {
  for (const node of testnet.nodes) {
    const status = await getJson(`${node.url}/v1/status`);
    const state = status.consensusState as { height: number; round: number; step: string; proposer: { publicKey: string }; roundsAboveZero: number; halted: string | null };
    const validators = status.validators as { publicKey: string; power: number }[];
    const set = new ValidatorSet(validators.map((validator) => ({ publicKey: fromHex(validator.publicKey), power: validator.power })));
    assert.ok(state.height >= (status.height as number) + 1, `${node.name} decides a height above its head`);
    assert.ok(Number.isInteger(state.round) && state.round >= 0, `${node.name} round ${state.round}`);
    assert.ok(["propose", "prevote", "precommit", "decided"].includes(state.step), `${node.name} step ${state.step}`);
    assert.equal(state.proposer.publicKey, validators[set.proposer(state.height, state.round)]?.publicKey, `${node.name} names the scheduled proposer of height ${state.height} round ${state.round}`);
    assert.equal(state.halted, null);
    assert.equal((status.peers as { count: number }).count, 3, `${node.name} sees the other three`);
    const metrics = await (await fetch(`${node.url}/metrics`)).text();
    assert.match(metrics, /^kexin_p2p_peers 3$/m);
    assert.match(metrics, /^kexin_consensus_round \d+$/m);
    assert.match(metrics, /^kexin_consensus_height \d+$/m);
    assert.match(metrics, /^kexin_consensus_rounds_above_zero_total \d+$/m);
    assert.match(metrics, /^kexin_consensus_last_commit_timestamp_seconds \d+(\.\d+)?$/m, "a commit was seen (empty blocks keep coming)");
  }
  const printed = await runCli(["status", "--node", testnet.nodes[0]?.url as string]);
  assert.equal(printed.code, 0, printed.stderr);
  assert.match(printed.stdout, /round\s+\d+ at height \d+, step (propose|prevote|precommit|decided)/);
  assert.match(printed.stdout, /proposer\s+\S+ \([0-9a-f]{64}\)/);
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

test("behavior: a validator change approved by more than two thirds of the organisations takes effect at a later height; older receipts still verify", { timeout: 180_000 }, async () => {
  const node1 = testnet.nodes[0] as RunningTestnet["nodes"][number];
  const adminTx = (org: string, type: string, payload: Record<string, unknown>) => {
    const key = importEncryptedKeyFile(readFileSync(join(testnet.dir, "keys", `${org}-admin.key`), "utf8"), "kexin-dev");
    const signed = signTx(getSuite(key.suite), key.privateKey, { chainId: testnet.layout.chainId, nonce: 0, module: "governance", type, payload: payload as never, expiry: 1_000_000 });
    return { hex: toHex(signed.bytes), hash: toHex(signed.hash) };
  };
  const before = await getJson(`${node1.url}/v1/status`);
  const reweighted = testnet.layout.nodes[0]?.validatorPublicKey as string;
  const proposal = adminTx("bureau", "propose_validators", { id: "reweight-node1", description: "node1 carries twice the vote", changes: [{ publicKey: reweighted, power: 2 }] });
  const approvals = [adminTx("hospital", "approve", { id: "reweight-node1" }), adminTx("notary", "approve", { id: "reweight-node1" })];
  assert.equal(await submit(node1.url, [proposal]), 1, "the proposal is accepted");
  await waitFor("the proposal to commit", async () => ((await getJson(`${node1.url}/v1/txs/${proposal.hash}`)).status === "committed" ? true : undefined), 60_000);
  assert.equal(await submit(node1.url, approvals), 2, "both approvals are accepted");
  const last = approvals[1] as { hash: string };
  const approved = await waitFor("the approvals to commit", async () => {
    const answer = await getJson(`${node1.url}/v1/txs/${last.hash}`);
    return answer.status === "committed" ? answer : undefined;
  }, 60_000);
  assert.equal((approved.result as { status: string }).status, "ok", `the last approval executes: ${JSON.stringify(approved.result)}`);
  const recorded = await getJson(`${node1.url}/v1/query/governance/proposal?id=reweight-node1`);
  assert.equal(recorded.status, "approved", `three of four organisations approved: ${JSON.stringify(recorded)}`);
  const effectiveHeight = recorded.effectiveHeight as number;
  await waitForHeight(node1.url, effectiveHeight);
  const after = await getJson(`${node1.url}/v1/status`);
  assert.notEqual(after.validatorsHash, before.validatorsHash, "the validator set changed");
  assert.equal((after.validators as { power: number }[]).reduce((sum, validator) => sum + validator.power, 0), 5, "total power is now 5");

  const txs = aliceIssues(testnet, nextNonce, 5);
  nextNonce += 5;
  assert.equal(await submit(node1.url, txs), 5, "transactions still flow");
  const lastTx = txs.at(-1) as { hash: string };
  const committed = await waitFor("a transaction under the new set to commit", async () => {
    const answer = await getJson(`${node1.url}/v1/txs/${lastTx.hash}`);
    return answer.status === "committed" ? answer : undefined;
  }, 60_000);
  const newReceipt = committed.receipt as ReceiptJson;
  const newCheck = verifyReceipt(newReceipt, { chainId: testnet.layout.chainId, validatorsHash: after.validatorsHash as string });
  assert.ok(newCheck.ok, `a receipt under the new set verifies: ${newCheck.error}`);
  assert.ok(earlyReceipt, "a receipt from before the change was kept");
  const oldCheck = verifyReceipt(earlyReceipt.receipt, { chainId: testnet.layout.chainId, validatorsHash: earlyReceipt.validatorsHash });
  assert.ok(oldCheck.ok, `the receipt from before the change still verifies: ${oldCheck.error}`);
  const refetched = (await getJson(`${node1.url}/v1/txs/${earlyReceipt.receipt.txHash}`)).receipt as ReceiptJson;
  assert.equal(refetched.validators, earlyReceipt.receipt.validators, "an old receipt fetched again carries the old validator set");
  await assertNoFork(testnet.nodes);
});

test("behavior: a block size change approved by the organisations applies at its height on every node, which all read the same value", { timeout: 180_000 }, async () => {
  const node1 = testnet.nodes[0] as RunningTestnet["nodes"][number];
  const adminTx = async (org: string, type: string, payload: Record<string, unknown>) => {
    const key = importEncryptedKeyFile(readFileSync(join(testnet.dir, "keys", `${org}-admin.key`), "utf8"), "kexin-dev");
    const suite = getSuite(key.suite);
    const nonce = (await getJson(`${node1.url}/v1/accounts/${addressOf(suite, suite.publicKeyOf(key.privateKey))}`)).nonce as number;
    const signed = signTx(suite, key.privateKey, { chainId: testnet.layout.chainId, nonce, module: "governance", type, payload: payload as never, expiry: 1_000_000 });
    return { hex: toHex(signed.bytes), hash: toHex(signed.hash) };
  };
  const committedResult = async (tx: { hash: string }) =>
    waitFor(`${tx.hash} to commit`, async () => {
      const answer = await getJson(`${node1.url}/v1/txs/${tx.hash}`);
      return answer.status === "committed" ? (answer.result as { status: string; code?: string }) : undefined;
    }, 60_000);
  // The default review window is 10 blocks; the approvals take a few blocks more.
  const effectiveHeight = (await heightOf(node1.url)) + 20;
  const proposal = await adminTx("bureau", "propose_parameters", { id: "two-per-block", description: "smaller blocks", changes: { "block.txsMax": 2 }, effectiveHeight });
  assert.equal(await submit(node1.url, [proposal]), 1);
  assert.equal((await committedResult(proposal)).status, "ok");
  for (const org of ["hospital", "notary"]) {
    const approval = await adminTx(org, "approve", { id: "two-per-block" });
    assert.equal(await submit(node1.url, [approval]), 1);
    assert.equal((await committedResult(approval)).status, "ok", `${org} approves`);
  }
  assert.equal((await getJson(`${node1.url}/v1/query/governance/proposal?id=two-per-block`)).status, "approved");
  for (const node of testnet.nodes) {
    await waitForHeight(node.url, await heightOf(node1.url));
    const valueAt = async (height: number) =>
      ((await getJson(`${node.url}/v1/query/governance/parameters?height=${height}`)).parameters as { name: string; value: number }[]).find((parameter) => parameter.name === "block.txsMax")?.value;
    assert.deepEqual([await valueAt(effectiveHeight - 1), await valueAt(effectiveHeight)], [5_000, 2], `${node.name} reads the same values around the effective height`);
  }
  await waitForHeight(node1.url, effectiveHeight - 1);
  const txs = aliceIssues(testnet, nextNonce, 6);
  nextNonce += 6;
  assert.equal(await submit(node1.url, txs), 6);
  await committedResult(txs.at(-1) as { hash: string });
  const head = await heightOf(node1.url);
  for (const node of testnet.nodes) {
    await waitForHeight(node.url, head);
    for (let height = effectiveHeight; height <= head; height += 1) {
      const block = await getJson(`${node.url}/v1/blocks/${height}`);
      assert.ok((block.txCount as number) <= 2, `${node.name}: block ${height} holds ${String(block.txCount)} transactions, at most 2`);
    }
  }
  await assertNoFork(testnet.nodes);
});
