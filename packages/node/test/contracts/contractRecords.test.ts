import assert from "node:assert/strict";
import { test } from "node:test";
import type { CborValue, ContractError } from "@kexin/core";
import type { StateWrite } from "../../src/execution/interface.ts";
import { parameterScheduleKey } from "../../src/execution/chainParameters.ts";
import { ContractRecords } from "../../src/modules/contracts/contractRecords.ts";
import { defaultContractsParameters } from "../../src/modules/contracts/parameters.ts";
import type { StoredContract } from "../../src/modules/contracts/registry.ts";

/** A state over a Map that counts its reads, as the contracts namespace of one block would be seen. */
class CountingState implements StateWrite {
  reads = 0;
  constructor(readonly entries = new Map<string, CborValue>()) {}
  get(key: string): CborValue | undefined {
    this.reads++;
    return structuredClone(this.entries.get(key));
  }
  list(): { key: string; value: CborValue }[] {
    return [];
  }
  set(key: string, value: CborValue): void {
    this.entries.set(key, structuredClone(value));
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
  /** What a block executed over this state sees: its writes stay apart, as a discarded block's do. */
  block(): CountingState {
    return new CountingState(new Map(this.entries));
  }
}

function token(version: number, status: StoredContract["status"] = "active"): StoredContract {
  return { name: "token", status, codeHash: "ab".repeat(32), version, policy: { transfer: [] }, activatedAt: 1, methods: { transfer: { args: { type: "object" }, readOnly: false } } };
}

function committedChain(): { committed: CountingState; records: ContractRecords } {
  const committed = new CountingState();
  const records = new ContractRecords();
  records.writeContract(committed, 1, token(1));
  return { committed, records };
}

test("default: a record read at one height is used again at that height and later ones without reading state", () => {
  const { committed, records } = committedChain();
  assert.equal(records.callable(committed, "token", 2).version, 1);
  assert.equal(records.parameters(committed, 2).callGasMax, defaultContractsParameters.callGasMax, "with nothing scheduled, the chain's initial parameters");
  const reads = committed.reads;
  for (let height = 2; height < 10; height++) assert.equal(records.callable(committed, "token", height).version, 1);
  assert.deepEqual(records.parameters(committed, 2), defaultContractsParameters, "parameters read once per height");
  assert.equal(committed.reads, reads);
});

test("behavior: a write is seen by the reads after it, in its block and in later ones", () => {
  const { committed, records } = committedChain();
  assert.equal(records.callable(committed, "token", 5).version, 1);
  records.writeContract(committed, 5, token(2));
  assert.equal(records.callable(committed, "token", 5).version, 2);
  assert.equal(records.callable(committed, "token", 6).version, 2);
  records.writeContract(committed, 7, token(2, "frozen"));
  assert.throws(() => records.callable(committed, "token", 8), (error: ContractError) => error.code === "CONTRACT_FROZEN");
});

test("behavior: a block that wrote a record and was discarded leaves no trace: the block committed at its height and later ones read committed state", () => {
  const { committed, records } = committedChain();
  assert.equal(records.callable(committed, "token", 5).version, 1);
  // A proposal at height 5 upgrades the contract and calls it, then is not decided.
  const discarded = committed.block();
  records.writeContract(discarded, 5, token(2));
  assert.equal(records.callable(discarded, "token", 5).version, 2);
  // The block decided at height 5 does not upgrade it.
  assert.equal(records.callable(committed.block(), "token", 5).version, 1);
  assert.equal(records.callable(committed, "token", 6).version, 1);
  assert.equal(records.callable(committed, "token", 7).version, 1);
});

test("behavior: a read at an earlier height than the cached one reads state", () => {
  const { committed, records } = committedChain();
  records.callable(committed, "token", 9);
  const reads = committed.reads;
  records.callable(committed, "token", 3);
  assert.equal(committed.reads, reads + 1);
});

test("behavior: cached records are frozen, so no caller can change what the next call reads", () => {
  const { committed, records } = committedChain();
  const record = records.callable(committed, "token", 2);
  assert.throws(() => {
    (record as { version: number }).version = 9;
  }, TypeError);
  assert.throws(() => {
    (record.policy as Record<string, string[]>).transfer!.push("admin");
  }, TypeError);
  assert.equal(records.callable(committed, "token", 3).version, 1);
});

test("error: refusals are not kept: a contract approved later is found", () => {
  const committed = new CountingState();
  const records = new ContractRecords();
  assert.throws(() => records.callable(committed, "token", 2), (error: ContractError) => error.code === "CONTRACT_NOT_FOUND");
  records.writeContract(committed, 3, token(1));
  assert.equal(records.callable(committed, "token", 4).version, 1);
});

test("behavior: contract parameters follow governance's schedule from their effective height, over the chain's initial values", () => {
  const initial = { ...defaultContractsParameters, callGasMax: 300_000 };
  const records = new ContractRecords(initial);
  const scheduled = new Map<string, CborValue>([[parameterScheduleKey("contracts.callGasMax", 5), 400_000], [parameterScheduleKey("contracts.memoryBytesMax", 7), 1024 * 1024]]);
  const governance = {
    get: (key: string) => scheduled.get(key),
    list: (prefix: string, limit: number) => [...scheduled.entries()].filter(([key]) => key.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1)).slice(0, limit).map(([key, value]) => ({ key, value })),
  };
  assert.equal(records.parameters(governance, 4).callGasMax, 300_000, "before the change, genesis's value");
  assert.equal(records.parameters(governance, 5).callGasMax, 400_000, "from the effective height, the approved one");
  assert.deepEqual([records.parameters(governance, 6).limits.memoryBytesMax, records.parameters(governance, 7).limits.memoryBytesMax], [defaultContractsParameters.limits.memoryBytesMax, 1024 * 1024]);
});
