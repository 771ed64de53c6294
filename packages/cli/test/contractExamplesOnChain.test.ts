import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { CborValue } from "@kexin/core";
import { type ChainAccount, type ContractsChain, type Outcome, argsHex, codeFields, startContractsChain } from "../../node/test/contracts/chain.ts";
import { bundleContract } from "../src/commands/contract/bundle.ts";

// The example contracts, bundled as `kexin contract build` bundles them, approved and run on a real node in the real sandbox.
const examples = new URL("../../../examples/contracts/", import.meta.url).pathname;
let chain: ContractsChain;

before(async () => {
  chain = await startContractsChain();
});
after(async () => {
  await chain?.close();
});

function ok(outcome: Outcome): Extract<Outcome, { stage: "committed" }> {
  assert.equal(outcome.stage, "committed", JSON.stringify(outcome));
  assert.equal(outcome.status, "ok", `${outcome.code}: ${outcome.message}`);
  return outcome;
}

async function deploy(name: string, example: string, policy: Record<string, string[]>, init?: CborValue): Promise<void> {
  const source = await bundleContract(join(examples, example, "contract.ts"));
  const { bureau, hospital, bank } = chain.admins;
  ok(await chain.send(bureau, "propose", { id: `deploy-${name}`, action: { kind: "deploy", name, ...codeFields(chain.suite, source), policy, ...(init === undefined ? {} : { init }) } }));
  ok(await chain.send(hospital, "approve", { id: `deploy-${name}` }));
  ok(await chain.send(bank, "approve", { id: `deploy-${name}` }));
}

function call(from: ChainAccount, contract: string, method: string, args: CborValue): Promise<Outcome> {
  return chain.send(from, "call", { contract, method, args, gasLimit: 150_000 });
}

async function read(contract: string, method: string, args: CborValue): Promise<unknown> {
  const answer = await chain.query("query", { contract, method, args: argsHex(args) });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.value;
}

test("behavior: the token example mints at init, transfers with events, and refuses an overdraft", { timeout: 120_000 }, async () => {
  await deploy("token", "token", { transfer: [] }, { owner: chain.teller.address, supply: 1_000 });
  const transfer = ok(await call(chain.teller, "token", "transfer", { to: chain.clerk.address, amount: 250 }));
  assert.ok(transfer.events.some((event) => event.type === "contract" && (event.attributes as { type?: string }).type === "transfer"), JSON.stringify(transfer.events));
  assert.equal(await read("token", "balanceOf", { owner: chain.teller.address }), 750);
  assert.equal(await read("token", "balanceOf", { owner: chain.clerk.address }), 250);
  assert.equal(await read("token", "totalSupply", {}), 1_000);
  const overdraft = await call(chain.clerk, "token", "transfer", { to: chain.teller.address, amount: 251 });
  assert.equal(overdraft.stage === "committed" && overdraft.status, "failed");
  assert.equal(overdraft.stage === "committed" && overdraft.code, "CONTRACT_THREW");
  assert.equal(await read("token", "balanceOf", { owner: chain.clerk.address }), 250, "a failed transfer moves nothing");
});

test("behavior: the approval example needs admins of the named organisations, and no one else", { timeout: 120_000 }, async () => {
  await deploy("approval", "approval", { open: [], approve: [] });
  const height = chain.node.store.head()?.height ?? 0;
  ok(await call(chain.clerk, "approval", "open", { subject: "housing eligibility 42", orgs: ["bureau", "hospital"], needed: 2, deadline: height + 500 }));
  const byMember = await call(chain.teller, "approval", "approve", { id: 1 });
  assert.equal(byMember.stage === "committed" && byMember.status, "failed", "a member who is not an admin cannot approve");
  ok(await call(chain.admins.bureau, "approval", "approve", { id: 1 }));
  assert.equal(((await read("approval", "status", { id: 1 })) as { state: string }).state, "open");
  const byOther = await call(chain.admins.bank, "approval", "approve", { id: 1 });
  assert.equal(byOther.stage === "committed" && byOther.status, "failed", "an organisation the request does not name cannot approve");
  ok(await call(chain.admins.hospital, "approval", "approve", { id: 1 }));
  assert.equal(((await read("approval", "status", { id: 1 })) as { state: string }).state, "approved");
});

test("behavior: the risk-score example scores a record with integer arithmetic and records an assessment", { timeout: 120_000 }, async () => {
  await deploy("risk", "risk-score", { assess: [] }, { weights: { arrears: 40, income: -3 }, base: 500, divisor: 10, bands: { medium: 400, high: 700 } });
  const record = { arrears: 30, income: 200 };
  const scored = (await read("risk", "score", { record })) as { score: number; band: string };
  assert.equal(scored.score, 500 + Math.floor((40 * 30 - 3 * 200) / 10));
  // A negative weight times an absent factor is 0, not the float -0 the chain would refuse.
  assert.deepEqual(await read("risk", "score", { record: { arrears: 2 } }), { score: 508, band: "medium", contributions: { arrears: 80, income: 0 } });
  ok(await call(chain.clerk, "risk", "assess", { subject: "applicant-7", record }));
  assert.equal(((await read("risk", "assessment", { subject: "applicant-7" })) as { score: number }).score, scored.score);
});
