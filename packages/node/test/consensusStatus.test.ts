import assert from "node:assert/strict";
import { test } from "node:test";
import { getSuite, toHex } from "@kexin/core";
import { startTestChain, waitForCommitted } from "./support.ts";

/** The value of an unlabelled sample, or of the sample with exactly these labels, in Prometheus text. */
function sample(metrics: string, name: string, labels = ""): number | undefined {
  const line = metrics.split("\n").find((candidate) => candidate.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

test("behavior: a solo node reports round 0, step propose and itself as proposer; metrics follow commits", async () => {
  const validatorKey = getSuite("intl").generatePrivateKey();
  const chain = await startTestChain({ validatorKey });
  try {
    const validator = chain.suite.publicKeyOf(validatorKey);
    const before = await chain.get("/v1/status");
    const state = before.body.consensusState as { height: number; round: number; step: string; proposer: { publicKey: string; address: string }; lastCommitTime: number | null; roundsAboveZero: number; halted: string | null };
    assert.deepEqual(
      { height: state.height, round: state.round, step: state.step, proposer: state.proposer.publicKey, lastCommitTime: state.lastCommitTime, roundsAboveZero: state.roundsAboveZero, halted: state.halted },
      { height: 1, round: 0, step: "propose", proposer: toHex(validator), lastCommitTime: null, roundsAboveZero: 0, halted: null },
    );
    assert.equal(state.proposer.address, (before.body.validators as { address: string }[])[0]?.address, "the proposer's address is the validator's");

    const startedAt = Date.now();
    const signed = await chain.sign(chain.accounts.alice, { module: "points", type: "issue", payload: { to: "00".repeat(20), amount: 1 } });
    assert.equal((await chain.post("/v1/txs", { tx: signed.hex })).status, 202);
    await waitForCommitted(chain, signed.hash);
    const after = (await chain.get("/v1/status")).body.consensusState as typeof state;
    assert.equal(after.height, 2, "deciding the height after the committed block");
    assert.ok(after.lastCommitTime !== null && after.lastCommitTime >= startedAt && after.lastCommitTime <= Date.now(), `last commit time ${after.lastCommitTime} is when the block committed`);

    const metrics = await (await fetch(`${chain.url}/metrics`)).text();
    assert.equal(sample(metrics, "kexin_consensus_height"), 2);
    assert.equal(sample(metrics, "kexin_consensus_round"), 0);
    assert.equal(sample(metrics, "kexin_consensus_step", '{step="propose"}'), 1);
    assert.equal(sample(metrics, "kexin_consensus_step", '{step="prevote"}'), 0);
    assert.equal(sample(metrics, "kexin_consensus_proposer_info", `{public_key="${toHex(validator)}"}`), 1);
    assert.equal(sample(metrics, "kexin_consensus_last_commit_timestamp_seconds"), (after.lastCommitTime as number) / 1000);
    assert.equal(sample(metrics, "kexin_consensus_rounds_above_zero_total"), 0);
    assert.equal(sample(metrics, "kexin_consensus_halts_total"), 0);
    assert.equal(sample(metrics, "kexin_p2p_peers"), 0);
    assert.equal(sample(metrics, "kexin_mempool_txs"), 0);
  } finally {
    await chain.close();
  }
});
