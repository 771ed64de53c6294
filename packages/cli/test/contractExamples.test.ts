import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, test } from "node:test";
import { intlSuite, toHex, utf8 } from "@kexin/core";
import type { ContractCallerInfo } from "@kexin/sdk/contract";
import { bundleContract } from "../src/commands/contract/bundle.ts";
import { type ContractModule, MemoryChain, type MemoryOutcome } from "./contractMemoryChain.ts";

const examples = new URL("../../../examples/contracts/", import.meta.url).pathname;
let scratch: string;

/** Bundles an example exactly as `kexin contract build` does, and imports the module it wrote. */
async function loadExample(name: string): Promise<{ code: string; module: ContractModule }> {
  const code = await bundleContract(join(examples, name, "contract.ts"));
  const file = join(scratch, `${name}.mjs`);
  await writeFile(file, code);
  return { code, module: (await import(pathToFileURL(file).href)) as ContractModule };
}

function member(address: string, organisation: string | undefined, roles: readonly string[] = []): ContractCallerInfo {
  return { address, organisation, roles };
}

function value(outcome: MemoryOutcome): unknown {
  assert.ok(outcome.ok, `expected the call to succeed, it failed: ${outcome.ok ? "" : outcome.message}`);
  return outcome.value;
}

function refusal(outcome: MemoryOutcome, pattern: RegExp): void {
  assert.ok(!outcome.ok, "expected the call to fail");
  assert.match(outcome.message, pattern);
}

const alice = member("a1".repeat(20), "bank");
const bob = member("b2".repeat(20), "hospital");

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), "kexin-contract-examples-"));
});
after(() => rm(scratch, { recursive: true, force: true }));

describe("examples: every example bundles into one self-contained module", () => {
  for (const name of ["token", "approval", "risk-score"]) {
    test(`default: ${name} bundles without imports, the same bytes twice`, async () => {
      const first = await bundleContract(join(examples, name, "contract.ts"));
      assert.equal(await bundleContract(join(examples, name, "contract.ts")), first);
      assert.doesNotMatch(first, /^\s*import\b|\bimport\s*\(|\brequire\s*\(/m);
      assert.match(first, /export \{[^}]*\bmethods\b/);
    });
  }
});

describe("examples: token", () => {
  let chain: MemoryChain;
  before(async () => {
    chain = new MemoryChain((await loadExample("token")).module);
    const minted = chain.call("init", { owner: alice.address, supply: 1_000 }, bob);
    assert.deepEqual(minted, { ok: true, value: null, events: [{ type: "minted", data: { to: alice.address, amount: 1_000 } }] });
  });

  test("default: init mints the supply to the owner it names, not to its caller", () => {
    assert.equal(value(chain.call("totalSupply", {}, bob)), 1_000);
    assert.equal(value(chain.call("balanceOf", { owner: alice.address }, bob)), 1_000);
    assert.equal(value(chain.call("balanceOf", { owner: bob.address }, bob)), 0);
  });

  test("default: transfer moves the amount, emits it and answers both balances", () => {
    const outcome = chain.call("transfer", { to: bob.address, amount: 250 }, alice);
    assert.deepEqual(outcome, { ok: true, value: { from: 750, to: 250 }, events: [{ type: "transfer", data: { from: alice.address, to: bob.address, amount: 250 } }] });
    assert.equal(value(chain.call("balanceOf", { owner: bob.address }, alice)), 250);
  });

  test("behavior: an emptied balance leaves state, and a contract can hold tokens", () => {
    value(chain.call("transfer", { to: "contract:approval", amount: 250 }, bob));
    assert.deepEqual(chain.keys(), [`balance/${alice.address}`, "balance/contract:approval", "supply"]);
    assert.equal(value(chain.call("balanceOf", { owner: "contract:approval" }, bob)), 250);
  });

  test("error: more than the balance, or to oneself, fails and changes nothing", () => {
    refusal(chain.call("transfer", { to: bob.address, amount: 751 }, alice), /insufficient balance: a1a1.* holds 750, the transfer needs 751/);
    refusal(chain.call("transfer", { to: alice.address, amount: 1 }, alice), /to oneself/);
    assert.equal(value(chain.call("balanceOf", { owner: alice.address }, bob)), 750);
  });

  test("error: a function the module does not declare in methods cannot be called", () => {
    refusal(chain.call("setBalance", {}, alice), /not declared/);
  });
});

describe("examples: approval", () => {
  let chain: MemoryChain;
  const bankAdmin = member("c3".repeat(20), "bank", ["admin"]);
  const hospitalAdmin = member("d4".repeat(20), "hospital", ["admin"]);
  const notaryAdmin = member("e5".repeat(20), "notary", ["admin"]);
  const insurerAdmin = member("f6".repeat(20), "insurer", ["admin"]);
  const bankClerk = member("a7".repeat(20), "bank", ["clerk"]);

  before(async () => {
    chain = new MemoryChain((await loadExample("approval")).module);
    chain.height = 10;
  });

  test("default: 2 of 3 named organisations approve before the deadline", () => {
    const opened = chain.call("open", { subject: "housing eligibility #88", orgs: ["bank", "hospital", "notary"], needed: 2, deadline: 20 }, bankClerk);
    assert.deepEqual(opened.ok && opened.value, { id: 1 });
    assert.deepEqual(opened.ok && opened.events, [{ type: "opened", data: { id: 1, subject: "housing eligibility #88", orgs: ["bank", "hospital", "notary"], needed: 2, deadline: 20 } }]);
    const first = chain.call("approve", { id: 1 }, bankAdmin);
    assert.equal((value(first) as { state: string }).state, "open");
    chain.height = 12;
    const second = chain.call("approve", { id: 1 }, hospitalAdmin);
    assert.deepEqual(second.ok && second.events, [
      { type: "approval", data: { id: 1, org: "hospital", by: hospitalAdmin.address } },
      { type: "approved", data: { id: 1, subject: "housing eligibility #88", orgs: ["bank", "hospital"] } },
    ]);
    const status = value(chain.call("status", { id: 1 }, bankClerk)) as { state: string; approvals: string[]; approvedAt: number };
    assert.deepEqual([status.state, status.approvals, status.approvedAt], ["approved", ["bank", "hospital"], 12]);
    refusal(chain.call("approve", { id: 1 }, notaryAdmin), /request 1 is approved/);
  });

  test("error: not an admin, an organisation not named, an organisation twice", () => {
    value(chain.call("open", { subject: "loan 7", orgs: ["bank", "hospital"], needed: 2, deadline: 30 }, bankClerk));
    refusal(chain.call("approve", { id: 2 }, bankClerk), /only an admin of "bank"/);
    refusal(chain.call("approve", { id: 2 }, insurerAdmin), /does not name organisation "insurer"/);
    refusal(chain.call("approve", { id: 2 }, member("b8".repeat(20), undefined, ["admin"])), /does not name the caller's organisation/);
    value(chain.call("approve", { id: 2 }, bankAdmin));
    refusal(chain.call("approve", { id: 2 }, bankAdmin), /"bank" has already approved request 2/);
  });

  test("behavior: after the deadline a request is expired and takes no approvals", () => {
    value(chain.call("open", { subject: "permit", orgs: ["bank", "notary"], needed: 1, deadline: 40 }, bankClerk));
    chain.height = 41;
    assert.equal((value(chain.call("status", { id: 3 }, bankClerk)) as { state: string }).state, "expired");
    refusal(chain.call("approve", { id: 3 }, notaryAdmin), /request 3 is expired/);
  });

  test("error: needing more organisations than named, a past deadline, an unknown id", () => {
    refusal(chain.call("open", { subject: "x", orgs: ["bank"], needed: 2, deadline: 100 }, bankClerk), /needed \(2\) is more than the 1 organisations/);
    refusal(chain.call("open", { subject: "x", orgs: ["bank"], needed: 1, deadline: 41 }, bankClerk), /deadline 41 is not after the current height 41/);
    refusal(chain.call("status", { id: 99 }, bankClerk), /no request 99/);
  });
});

describe("examples: risk-score", () => {
  let chain: MemoryChain;
  const model = { weights: { overdue_days: 3, income: -2, defaults: 150 }, base: 100, divisor: 10, bands: { medium: 300, high: 700 } };
  const analyst = member("aa".repeat(20), "bank", ["analyst"]);

  before(async () => {
    chain = new MemoryChain((await loadExample("risk-score")).module);
    value(chain.call("init", model, analyst));
  });

  test("default: the score is base + Σ weight × value ÷ divisor, in integers, with its band", () => {
    // 100·10 + 3·40 − 2·500 + 150·2 = 1000 + 120 − 1000 + 300 = 420 → 42.
    const scored = value(chain.call("score", { record: { overdue_days: 40, income: 500, defaults: 2 } }, analyst));
    assert.deepEqual(scored, { score: 42, band: "low", contributions: { defaults: 300, income: -1000, overdue_days: 120 } });
  });

  test("behavior: division rounds toward minus infinity, and scores are clamped to 0…1000", () => {
    // 1000 + 3·1 − 2·0 + 0 = 1003 → 100 (100.3 rounded down); 1000 − 2·504 = −8 → 0 (clamped from −1).
    assert.equal((value(chain.call("score", { record: { overdue_days: 1 } }, analyst)) as { score: number }).score, 100);
    assert.equal((value(chain.call("score", { record: { income: 504 } }, analyst)) as { score: number }).score, 0);
    assert.deepEqual(value(chain.call("score", { record: { defaults: 100 } }, analyst)), { score: 1000, band: "high", contributions: { defaults: 15000, income: 0, overdue_days: 0 } });
  });

  test("behavior: the same record written in another order scores identically", () => {
    const one = chain.call("score", { record: { defaults: 15, overdue_days: 90, income: 10 } }, analyst);
    const other = chain.call("score", { record: { income: 10, overdue_days: 90, defaults: 15 } }, analyst);
    assert.deepEqual(one, other);
    // 1000 + 150·15 + 3·90 − 2·10 = 3500 → 350.
    assert.deepEqual(value(one), { score: 350, band: "medium", contributions: { defaults: 2250, income: -20, overdue_days: 270 } });
  });

  test("default: assess records the score with the record's hash and emits it; the record itself is not kept", () => {
    const outcome = chain.call("assess", { subject: "applicant-17", record: { overdue_days: 40, income: 500, defaults: 2 } }, analyst);
    assert.deepEqual(outcome, { ok: true, value: { score: 42, band: "low" }, events: [{ type: "scored", data: { subject: "applicant-17", score: 42, band: "low" } }] });
    const stored = value(chain.call("assessment", { subject: "applicant-17" }, analyst)) as { recordHash: Uint8Array; score: number; by: string; height: number };
    assert.equal(toHex(stored.recordHash), toHex(intlSuite.hash(utf8("defaults=2;income=500;overdue_days=40"))));
    assert.deepEqual([stored.score, stored.by, stored.height], [42, analyst.address, 1]);
    assert.equal(value(chain.call("assessment", { subject: "nobody" }, analyst)), null);
  });

  test("error: a factor the model does not weigh, even one named like a prototype member", () => {
    refusal(chain.call("score", { record: { shoe_size: 44 } }, analyst), /does not weigh: shoe_size/);
    refusal(chain.call("score", { record: { constructor: 1 } }, analyst), /does not weigh: constructor/);
  });

  test("error: init refuses bands out of order", async () => {
    const fresh = new MemoryChain((await loadExample("risk-score")).module);
    refusal(fresh.call("init", { ...model, bands: { medium: 800, high: 700 } }, analyst), /medium band \(800\) starts above the high band \(700\)/);
    refusal(fresh.call("score", { record: {} }, analyst), /not been initialised/);
  });
});
