import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { VoteType, toHex, voteSigningBytes } from "@kexin/core";
import { MisbehaviourReporter } from "../src/modules/misbehaviour/reporter.ts";
import type { VoteMessage } from "../src/consensus/index.ts";
import { type TestChain, startTestChain, waitForCommitted } from "./support.ts";

let chain: TestChain;
let validatorKey: Uint8Array;

before(async () => {
  const { getSuite } = await import("@kexin/core");
  validatorKey = getSuite("intl").generatePrivateKey();
  chain = await startTestChain({ validatorKey });
});
after(async () => {
  await chain.close();
});

function vote(height: number, round: number, kind: "prevote" | "precommit", blockHash: Uint8Array | null, key = validatorKey) {
  const signature = chain.suite.sign(key, voteSigningBytes({ chainId: chain.genesis.chainId, height, round, type: VoteType[kind], blockHash }));
  return { blockHash: blockHash ? toHex(blockHash) : "", signature: toHex(signature) };
}

function report(payload: Record<string, unknown>) {
  return chain.sign(chain.accounts.alice, { module: "misbehaviour", type: "report_duplicate_vote", payload: payload as never });
}

test("behavior: two conflicting signed prevotes are recorded on chain and queryable by validator", async () => {
  const validator = toHex(chain.suite.publicKeyOf(validatorKey));
  const blockA = chain.suite.hash(new TextEncoder().encode("a"));
  const blockB = chain.suite.hash(new TextEncoder().encode("b"));
  const tx = await report({ validator, height: 1, round: 0, kind: "prevote", first: vote(1, 0, "prevote", blockA), second: vote(1, 0, "prevote", blockB) });
  const accepted = await chain.post("/v1/txs", { tx: tx.hex });
  assert.equal(accepted.status, 202, `the report is admitted: ${JSON.stringify(accepted.body)}`);
  const committed = await waitForCommitted(chain, tx.hash);
  assert.equal((committed.result as { status: string }).status, "ok", `the report executes: ${JSON.stringify(committed.result)}`);
  const recorded = await chain.get(`/v1/query/misbehaviour/duplicate_votes?validator=${validator}`);
  assert.equal(recorded.status, 200, "the query answers");
  const records = recorded.body as unknown as { height: number; kind: string; reporter: string }[];
  assert.equal(records.length, 1, "one record for the validator");
  assert.equal(records[0]?.kind, "prevote", "the record names the step");
  assert.equal(records[0]?.reporter, chain.accounts.alice.address, "and who reported it");

  const again = await report({ validator, height: 1, round: 0, kind: "prevote", first: vote(1, 0, "prevote", blockB), second: vote(1, 0, "prevote", blockA) });
  await chain.post("/v1/txs", { tx: again.hex });
  const duplicate = await waitForCommitted(chain, again.hash);
  assert.equal((duplicate.result as { code: string }).code, "MISBEHAVIOUR_ALREADY_RECORDED", "the same equivocation is recorded once");
});

test("error: a report with a forged signature, the same block twice, or a non-validator is refused at execution", async () => {
  const validator = toHex(chain.suite.publicKeyOf(validatorKey));
  const blockA = chain.suite.hash(new TextEncoder().encode("c"));
  const blockB = chain.suite.hash(new TextEncoder().encode("d"));
  const stranger = chain.suite.generatePrivateKey();
  const cases: [string, Record<string, unknown>, string][] = [
    ["forged", { validator, height: 1, round: 1, kind: "precommit", first: vote(1, 1, "precommit", blockA), second: vote(1, 1, "precommit", blockB, stranger) }, "signature"],
    ["same block", { validator, height: 1, round: 2, kind: "precommit", first: vote(1, 2, "precommit", blockA), second: vote(1, 2, "precommit", blockA) }, "same block"],
    [
      "not a validator",
      { validator: toHex(chain.suite.publicKeyOf(stranger)), height: 1, round: 0, kind: "prevote", first: vote(1, 0, "prevote", blockA, stranger), second: vote(1, 0, "prevote", null, stranger) },
      "not a validator",
    ],
  ];
  for (const [name, payload, reason] of cases) {
    const tx = await report(payload);
    await chain.post("/v1/txs", { tx: tx.hex });
    const committed = await waitForCommitted(chain, tx.hash);
    const result = committed.result as { code: string; message: string };
    assert.equal(result.code, "MISBEHAVIOUR_INVALID_REPORT", `${name}: refused as an invalid report (${JSON.stringify(result)})`);
    assert.match(result.message, new RegExp(reason), `${name}: the message says why`);
  }
});

test("behavior: a validator's node turns duplicate votes it saw into one report that the chain records", { timeout: 30_000 }, async () => {
  const validator = chain.suite.publicKeyOf(validatorKey);
  const signedVote = (blockHash: Uint8Array | null): VoteMessage => ({
    type: "vote",
    kind: "precommit",
    height: 2,
    round: 3,
    blockHash,
    validator,
    signature: chain.suite.sign(validatorKey, voteSigningBytes({ chainId: chain.genesis.chainId, height: 2, round: 3, type: VoteType.precommit, blockHash })),
  });
  // report() hands a new report to submit before it returns, so the submissions are counted as they happen, with no wait.
  const submissions: Promise<string>[] = [];
  const reporter = new MisbehaviourReporter({
    suite: chain.suite,
    chainId: chain.genesis.chainId,
    privateKey: validatorKey,
    mempool: chain.node.mempool,
    submit: (bytes) => {
      const hash = chain.post("/v1/txs", { tx: toHex(bytes) }).then((answer) => answer.body.hash as string);
      submissions.push(hash);
      return hash.then(() => undefined);
    },
    logger: { info: () => undefined, warn: () => undefined },
  });
  const equivocation = { first: signedVote(chain.suite.hash(new TextEncoder().encode("e"))), second: signedVote(null) };
  reporter.report(equivocation);
  assert.equal(submissions.length, 1, "the first sighting is submitted");
  reporter.report(equivocation);
  assert.equal(submissions.length, 1, "the same duplicate vote seen again is not submitted again");
  const [submitted] = await Promise.all(submissions);
  const committed = await waitForCommitted(chain, submitted as string);
  assert.equal((committed.result as { status: string }).status, "ok", `the validator's own report executes: ${JSON.stringify(committed.result)}`);
  const recorded = await chain.get(`/v1/query/misbehaviour/duplicate_votes?validator=${toHex(validator)}`);
  const records = recorded.body as unknown as { height: number; round: number; kind: string }[];
  assert.ok(records.some((record) => record.height === 2 && record.round === 3 && record.kind === "precommit"), `recorded: ${JSON.stringify(records)}`);
});
