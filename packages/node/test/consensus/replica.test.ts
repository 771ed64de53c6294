import assert from "node:assert/strict";
import { test } from "node:test";
import { VoteType, voteSigningBytes } from "@kexin/core";
import { type ConsensusMessage, MemoryWal, Replica, ValidatorSet, defaultBftOptions, proposalSigningBytes } from "../../src/consensus/bft/index.ts";
import { SimulatedApplication, SimulatedChain, encodeSimulatedBlock, genesisHash } from "../../../../sim/application.ts";
import { SimulatedKeys, sha256 } from "../../../../sim/crypto.ts";
import { Random } from "../../../../sim/random.ts";

// Four validators of power 1; we are validator 3; validator 1 proposes height 1, round 0.
const keys = new SimulatedKeys();
const accounts = [0, 1, 2, 3].map((index) => keys.create(new Uint8Array(32).fill(index + 1)));
const validators = new ValidatorSet(accounts.map((account) => ({ publicKey: account.publicKey, power: 1 })));
const block = (payload: number): Uint8Array => encodeSimulatedBlock({ height: 1, round: 0, proposer: 1, prevHash: genesisHash, payload: new Uint8Array(8).fill(payload) });
const proposal = (bytes: Uint8Array): ConsensusMessage => ({ type: "proposal", height: 1, round: 0, validRound: -1, block: bytes, signature: accounts[1]!.sign(proposalSigningBytes("sim", 1, 0, -1, sha256(bytes))) });
const vote = (validator: number, kind: "prevote" | "precommit", hash: Uint8Array): ConsensusMessage => ({
  type: "vote", kind, height: 1, round: 0, blockHash: hash, validator: accounts[validator]!.publicKey,
  signature: accounts[validator]!.sign(voteSigningBytes({ chainId: "sim", height: 1, round: 0, type: VoteType[kind], blockHash: hash })),
});
function replicaOn(chain: SimulatedChain, wal: MemoryWal): Replica {
  const replica = new Replica({
    chainId: "sim", options: defaultBftOptions, application: new SimulatedApplication(chain, validators, 3, new Random(1), () => undefined),
    signer: { publicKey: accounts[3]!.publicKey, sign: accounts[3]!.sign }, verifySignature: keys.verify,
    network: { broadcast: () => undefined, send: () => undefined }, schedule: () => () => undefined,
    wal, logger: { info: () => undefined, warn: () => undefined },
  });
  replica.start();
  return replica;
}

test("behavior: after a restart, a decision whose precommits were partly replayed from the WAL is committed", () => {
  const chain = new SimulatedChain();
  const wal = new MemoryWal();
  const proposed = block(0);
  const hash = sha256(proposed);
  const first = replicaOn(chain, wal);
  // proposal → our prevote (flush); prevote 0, precommit 0, prevote 1 → polka → our precommit (flush).
  for (const [from, message] of [["n1", proposal(proposed)], ["n0", vote(0, "prevote", hash)], ["n0", vote(0, "precommit", hash)], ["n1", vote(1, "prevote", hash)]] as const) first.receive(from, message);
  assert.equal(first.step, "precommit", "precommitted before the crash");
  first.stop();
  wal.crash();
  const second = replicaOn(chain, wal);
  // Every precommit is delivered again after the restart, validator 0's included.
  for (const validator of [1, 2, 0]) second.receive(`n${validator}`, vote(validator, "precommit", hash));
  assert.equal(chain.height, 1, "four signed precommits for the block are held: it must be committed");
});

test("behavior: the replica keeps a bounded number of proposals per round", () => {
  const chain = new SimulatedChain();
  const wal = new MemoryWal();
  const replica = replicaOn(chain, wal);
  for (let index = 0; index < 200; index += 1) replica.receive("n1", proposal(block(index)));
  wal.flush();
  assert.ok(wal.entries(1).length <= 10, `one faulty proposer made the WAL of height 1 hold ${wal.entries(1).length} entries`);
});
