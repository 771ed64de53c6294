import assert from "node:assert/strict";
import { test } from "node:test";
import { VoteType, toHex, voteSigningBytes } from "@kexin/core";
import { type ConsensusMessage, type ConsensusWal, MemoryWal, Replica, type SignedRecord, ValidatorSet, type WalEntry, defaultBftOptions, proposalSigningBytes } from "../../src/consensus/bft/index.ts";
import { SimulatedApplication, SimulatedChain, encodeSimulatedBlock } from "../../../../sim/application.ts";
import { SimulatedKeys, sha256 } from "../../../../sim/crypto.ts";
import { Random } from "../../../../sim/random.ts";

const keys = new SimulatedKeys();
const accounts = [0, 1, 2, 3].map((index) => keys.create(new Uint8Array(32).fill(index + 1)));
const validators = new ValidatorSet(accounts.map((account) => ({ publicKey: account.publicKey, power: 1 })));
// We are the proposer of height 1, round 0, so the run signs a proposal, prevotes and precommits.
const self = validators.proposer(1, 0);
const others = [0, 1, 2, 3].filter((index) => index !== self);

const signedKey = (kind: SignedRecord["kind"], height: number, round: number, valueId: string | null): string => `${kind}/${height}/${round}/${valueId ?? "nil"}`;

/** A MemoryWal that remembers which signed records a completed flush() has made durable. */
class FlushRecordingWal implements ConsensusWal {
  readonly durable = new Set<string>();
  private readonly inner = new MemoryWal();
  private pending: SignedRecord[] = [];

  append(height: number, entry: WalEntry): void {
    if (entry.type === "signed") this.pending.push(entry.record);
    this.inner.append(height, entry);
  }

  flush(): void {
    this.inner.flush();
    for (const record of this.pending) this.durable.add(signedKey(record.kind, record.height, record.round, record.valueId));
    this.pending = [];
  }

  entries(height: number): WalEntry[] {
    return this.inner.entries(height);
  }

  pruneBelow(height: number): void {
    this.inner.pruneBelow(height);
  }
}

const vote = (validator: number, kind: "prevote" | "precommit", height: number, hash: Uint8Array): ConsensusMessage => ({
  type: "vote", kind, height, round: 0, blockHash: hash, validator: accounts[validator]!.publicKey,
  signature: accounts[validator]!.sign(voteSigningBytes({ chainId: "sim", height, round: 0, type: VoteType[kind], blockHash: hash })),
});

test("behavior: every proposal and vote this validator signs is in a completed WAL flush before it is sent", () => {
  const chain = new SimulatedChain();
  const wal = new FlushRecordingWal();
  const sent: { kind: string; height: number; round: number; valueId: string | null; durableWhenSent: boolean }[] = [];
  const replica = new Replica({
    chainId: "sim",
    options: defaultBftOptions,
    application: new SimulatedApplication(chain, validators, self, new Random(1), () => undefined),
    signer: { publicKey: accounts[self]!.publicKey, sign: accounts[self]!.sign },
    verifySignature: keys.verify,
    network: {
      broadcast: (message) => {
        if (message.type === "proposal") {
          const valueId = toHex(sha256(message.block));
          sent.push({ kind: "proposal", height: message.height, round: message.round, valueId, durableWhenSent: wal.durable.has(signedKey("proposal", message.height, message.round, valueId)) });
        } else if (message.type === "vote" && toHex(message.validator) === toHex(accounts[self]!.publicKey)) {
          const valueId = message.blockHash === null ? null : toHex(message.blockHash);
          sent.push({ kind: message.kind, height: message.height, round: message.round, valueId, durableWhenSent: wal.durable.has(signedKey(message.kind, message.height, message.round, valueId)) });
        }
      },
      send: () => undefined,
    },
    schedule: () => () => undefined,
    wal,
    logger: { info: () => undefined, warn: () => undefined },
  });
  replica.start();

  // Height 1: our proposal and prevote went out on start; two more prevotes make a polka, two precommits a decision.
  const ours = sent.find((message) => message.kind === "proposal");
  assert.ok(ours?.valueId, "the proposer of height 1 sent a proposal on start");
  const hash1 = Uint8Array.from(Buffer.from(ours.valueId, "hex"));
  for (const validator of others.slice(0, 2)) replica.receive(`n${validator}`, vote(validator, "prevote", 1, hash1));
  for (const validator of others.slice(0, 2)) replica.receive(`n${validator}`, vote(validator, "precommit", 1, hash1));
  assert.equal(chain.height, 1, "height 1 was decided");

  // Height 2: another validator proposes; we prevote and precommit its block.
  const proposer2 = validators.proposer(2, 0);
  assert.notEqual(proposer2, self);
  const block2 = encodeSimulatedBlock({ height: 2, round: 0, proposer: proposer2, prevHash: chain.lastHash(), payload: new Uint8Array(8).fill(2) });
  const hash2 = sha256(block2);
  replica.receive(`n${proposer2}`, { type: "proposal", height: 2, round: 0, validRound: -1, block: block2, signature: accounts[proposer2]!.sign(proposalSigningBytes("sim", 2, 0, -1, hash2)) });
  for (const validator of others.slice(0, 2)) replica.receive(`n${validator}`, vote(validator, "prevote", 2, hash2));
  replica.stop();

  assert.deepEqual(
    sent.map((message) => `${message.kind}@${message.height}`),
    ["proposal@1", "prevote@1", "precommit@1", "prevote@2", "precommit@2"],
  );
  const early = sent.filter((message) => !message.durableWhenSent);
  assert.deepEqual(early, [], "sent before the WAL flush holding its signature had completed");
});
