import assert from "node:assert/strict";
import { test } from "node:test";
import { type StakingCandidate, type StakingElection, type StakingEpochAnswer, TxStatus } from "@kexin/core";
import { electValidators, rankCandidates } from "../../src/modules/staking/index.ts";
import { type Account, type TxRequest, stakingChain } from "./chain.ts";

const register = (from: Account, publicKey: string, selfStake: number) => ({ from, type: "register_candidate", payload: { publicKey, selfStake } });
const delegate = (from: Account, candidate: string, amount: number) => ({ from, type: "delegate", payload: { candidate, amount } });
const unbond = (from: Account, candidate: string, amount: number) => ({ from, type: "unbond", payload: { candidate, amount } });
const withdraw = (from: Account) => ({ from, type: "withdraw", payload: {} });

const candidate = (publicKey: string, total: number, selfStake = total): StakingCandidate => ({ publicKey, owner: "00".repeat(20), selfStake, delegated: total - selfStake, total });

test("behavior: candidates rank by total stake, equal stake by public key bytes", () => {
  const ranked = rankCandidates([candidate("bb", 5), candidate("aa", 5), candidate("cc", 9), candidate("ab", 1)]);
  assert.deepEqual(ranked.map((entry) => entry.publicKey), ["cc", "aa", "bb", "ab"]);
});

test("behavior: an election takes the top seats among eligible candidates and returns them in key order", () => {
  const candidates = [candidate("01", 50), candidate("02", 40), candidate("03", 40), candidate("04", 40), candidate("05", 30), candidate("06", 90, 10), candidate("07", 100)];
  // 06 has too little self-stake, 07 is jailed: 01, then 02 and 03 and 04 (tied, lowest keys first).
  const result = electValidators(candidates, 4, 20, new Set(["07"]));
  assert.deepEqual(result, { outcome: "elected", validators: ["01", "02", "03", "04"] });
  assert.deepEqual(electValidators(candidates, 3, 20, new Set(["07"])).outcome, "refused");
  assert.equal(electValidators(candidates.slice(0, 3), 4, 20, new Set()).outcome, "refused");
});

test("error: every bad staking input fails with its code and commits nothing but the nonce", () => {
  const chain = stakingChain();
  const [m0, m1, m2] = chain.members as [Account, Account, Account];
  const [n0, n1, n2] = chain.nodeKeys as [string, string, string];
  assert.equal(chain.block([register(m0, n0, 100)]).results[0]?.status, TxStatus.ok);
  assert.equal(chain.block([unbond(m0, n0, 10)]).results[0]?.status, TxStatus.ok);
  const cases: [TxRequest, string][] = [
    [register(m1, "ab".repeat(31), 100), "STAKING_BAD_PUBLIC_KEY"],
    [register(m1, n0, 100), "STAKING_NOT_NODE_OWNER"], // n0 belongs to org_a, m1 to org_b
    [register(m2, n0, 100), "STAKING_CANDIDATE_EXISTS"],
    [register(m1, n1, 99), "STAKING_SELF_STAKE_TOO_LOW"],
    [register(m1, n1, 1_001), "STAKING_INSUFFICIENT_BALANCE"],
    [delegate(m1, n0, 1_001), "STAKING_INSUFFICIENT_BALANCE"],
    [delegate(m1, n2, 10), "STAKING_UNKNOWN_CANDIDATE"],
    [unbond(m1, n0, 1), "STAKING_INSUFFICIENT_BOND"],
    [unbond(m0, n0, 91), "STAKING_INSUFFICIENT_BOND"],
    [withdraw(m1), "STAKING_NOTHING_TO_WITHDRAW"],
    [withdraw(m0), "STAKING_UNBONDING_NOT_DUE"],
  ];
  const { results, writes } = chain.block(cases.map(([request]) => request));
  assert.deepEqual(
    results.map((result) => result.code),
    cases.map(([, code]) => code),
  );
  assert.ok(writes.length > 0);
  assert.deepEqual(
    writes.filter((key) => !key.startsWith("nonce/")),
    [],
  );
});

test("error: a chain without an enabled staking section refuses staking transactions and its blocks write nothing", () => {
  const disabled = stakingChain({ enabled: false });
  const [m0] = disabled.members as [Account];
  assert.equal(disabled.block([register(m0, disabled.nodeKeys[0] as string, 100)]).results[0]?.code, "STAKING_DISABLED");
  assert.deepEqual(disabled.block([], disabled.nodeKeys[3]).writes, []);
  const absent = stakingChain(null);
  assert.equal(absent.block([withdraw(absent.members[0] as Account)]).results[0]?.code, "STAKING_DISABLED");
  absent.advanceTo(8);
  assert.deepEqual(absent.block([], absent.nodeKeys[2]).writes, []);
  assert.equal(absent.query("epoch"), null);
});

test("error: an account may not hold more unbondings than the limit", () => {
  const chain = stakingChain();
  const [m0] = chain.members as [Account];
  const n0 = chain.nodeKeys[0] as string;
  chain.block([register(m0, n0, 900)]);
  const { results } = chain.block(Array.from({ length: 33 }, () => unbond(m0, n0, 1)));
  assert.equal(results.filter((result) => result.status === TxStatus.ok).length, 32);
  assert.equal(results[32]?.code, "STAKING_TOO_MANY_UNBONDINGS");
});

test("error: governance refuses manual validator proposals while staking elects", () => {
  const chain = stakingChain();
  const admin = chain.admins[0] as Account;
  const { results } = chain.block([{ from: admin, module: "governance", type: "propose_validators", payload: { id: "add", description: "", changes: [{ publicKey: chain.nodeKeys[5] as string, power: 1 }] } }]);
  assert.equal(results[0]?.code, "GOVERNANCE_VALIDATORS_ELECTED");
});

test("behavior: stake and delegation choose the top four at the epoch boundary, effective after the delay", () => {
  const chain = stakingChain();
  const members = chain.members;
  const keys = chain.nodeKeys;
  chain.block(keys.map((publicKey, index) => register(members[index] as Account, publicKey, index === 4 ? 500 : 100)));
  // Member 0 delegates 300 to node 5: node 4 (500) and node 5 (400) lead, two of the four tied at 100 follow by key order.
  chain.block([delegate(members[0] as Account, keys[5] as string, 300)]);
  chain.advanceTo(4);
  const tied = (keys.slice(0, 4) as string[]).sort().slice(0, 2);
  const expected = [keys[4] as string, keys[5] as string, ...tied].sort();
  const election = chain.stateValue("last_election") as StakingElection;
  assert.equal(election.outcome, "scheduled");
  assert.equal(election.effectiveHeight, 9);
  assert.deepEqual(election.validators, expected);
  assert.deepEqual(chain.validatorsAt(8), (keys.slice(0, 4) as string[]).sort());
  assert.deepEqual(chain.validatorsAt(9), expected);
  const epoch = chain.query("epoch") as StakingEpochAnswer;
  assert.deepEqual([epoch.epoch, epoch.next, epoch.nextEffectiveHeight], [1, expected, 9]);
  assert.deepEqual((chain.query("candidates") as StakingCandidate[]).map((entry) => entry.total).slice(0, 2), [500, 400]);

  // More stake behind a trailing candidate changes the set at the next boundary.
  const trailing = (keys.slice(0, 4) as string[]).sort()[3] as string;
  chain.block([delegate(members[1] as Account, trailing, 600)]);
  chain.advanceTo(8);
  assert.equal((chain.stateValue("last_election") as StakingElection).effectiveHeight, 13);
  assert.ok(chain.validatorsAt(13).includes(trailing));
  assert.deepEqual(chain.validatorsAt(12), expected);
  // An epoch with no change in stake schedules nothing.
  chain.advanceTo(12);
  assert.equal((chain.stateValue("last_election") as StakingElection).outcome, "unchanged");
});

test("behavior: an election with fewer than four eligible candidates keeps the current set and records why", () => {
  const chain = stakingChain();
  chain.block(chain.nodeKeys.slice(0, 3).map((publicKey, index) => register(chain.members[index] as Account, publicKey, 100)));
  chain.advanceTo(4);
  const election = chain.stateValue("last_election") as StakingElection;
  assert.equal(election.outcome, "refused");
  assert.match(election.reason, /only 3 eligible candidates/);
  assert.deepEqual(chain.validatorsAt(100), (chain.nodeKeys.slice(0, 4) as string[]).sort());
});

test("behavior: unbonded stake stops counting at once and is withdrawn only after the unbonding epochs", () => {
  const chain = stakingChain({ unbondingEpochs: 2 });
  const [m0, m1] = chain.members as [Account, Account];
  const n0 = chain.nodeKeys[0] as string;
  chain.block([register(m0, n0, 100), delegate(m1, n0, 250)]);
  chain.block([unbond(m1, n0, 200)]); // height 2, epoch 0: released in epoch 0 + 2 + 1 = 3, from height 13
  assert.equal((chain.query("candidates") as StakingCandidate[])[0]?.total, 150);
  assert.deepEqual((chain.query("account", { address: m1.address }) as { balance: number }).balance, 750);
  chain.advanceTo(11);
  assert.equal(chain.block([withdraw(m1)]).results[0]?.code, "STAKING_UNBONDING_NOT_DUE"); // height 12, epoch 2
  const { results } = chain.block([withdraw(m1)]); // height 13, epoch 3
  assert.equal(results[0]?.status, TxStatus.ok);
  assert.deepEqual(chain.query("account", { address: m1.address }), { address: m1.address, balance: 950, delegations: [{ candidate: n0, amount: 50 }], unbondings: [] });
});

test("behavior: a validator that misses more turns than the threshold is jailed for the next epoch", () => {
  const chain = stakingChain({ missedTurnsMax: 1, epochBlocks: 8 });
  const keys = chain.nodeKeys;
  chain.block(keys.map((publicKey, index) => register(chain.members[index] as Account, publicKey, 100 + index)));
  // Every block of the epoch whose round-0 turn is node 0's is proposed by someone else instead.
  const absent = keys[0] as string;
  for (let height = 2; height <= 8; height++) {
    const expected = chain.expectedProposerAt(height);
    chain.block([], expected === absent ? (keys[1] as string) : expected);
  }
  const election = chain.stateValue("last_election") as StakingElection;
  assert.deepEqual(election.jailed, [absent]);
  assert.ok(!election.validators.includes(absent));
  assert.deepEqual((chain.query("jailed", { epoch: "1" }) as { publicKey: string }[]).map((entry) => entry.publicKey), [absent]);
  assert.deepEqual(chain.validatorsAt(13), (keys.slice(2) as string[]).sort());
});
