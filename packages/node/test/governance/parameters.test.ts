import assert from "node:assert/strict";
import { test } from "node:test";
import { addressOf, getSuite, toHex } from "@kexin/core";
import { parseGenesis } from "../../src/genesis.ts";
import { type TestAccount, type TestChain, startTestChain, waitForCommitted } from "../support.ts";

const suite = getSuite("intl");

function account(): TestAccount {
  const privateKey = suite.generatePrivateKey();
  const publicKey = suite.publicKeyOf(privateKey);
  return { privateKey, publicKey, address: addressOf(suite, publicKey) };
}

/** A solo chain of three organisations (three approvals pass a change, two vetoes cancel one) with a two-block review window. */
async function startGovernedChain(): Promise<{ chain: TestChain; admins: [TestAccount, TestAccount, TestAccount]; clerk: TestAccount }> {
  const validatorKey = suite.generatePrivateKey();
  const admins: [TestAccount, TestAccount, TestAccount] = [account(), account(), account()];
  const clerk = account();
  const chain = await startTestChain({
    validatorKey,
    genesis: parseGenesis({
      chainId: "kexin-governed",
      suite: "intl",
      genesisTime: 1_700_000_000_000,
      consensus: "solo",
      validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
      organisations: ["bureau", "hospital", "notary"].map((id, index) => ({ id, name: id, admins: [toHex((admins[index] as TestAccount).publicKey)] })),
      members: [{ org: "bureau", address: clerk.address, name: "clerk", roles: [] }],
      sections: { governance: { parameters: { "governance.reviewWindowBlocks": 2 } } },
    }),
  });
  return { chain, admins, clerk };
}

/** Sends one governance transaction and answers "ok" or the code that refused it, at admission or in its block. */
async function send(chain: TestChain, from: TestAccount, type: string, payload: Record<string, unknown>): Promise<string> {
  const tx = await chain.sign(from, { module: "governance", type, payload: payload as never });
  const answer = await chain.post("/v1/txs", { tx: tx.hex });
  if (answer.status !== 202) return (answer.body.error as { code: string }).code;
  const committed = await waitForCommitted(chain, tx.hash);
  const result = committed.result as { status: string; code?: string };
  return result.status === "ok" ? "ok" : (result.code as string);
}

async function parameterAt(chain: TestChain, name: string, height: number): Promise<number> {
  const answer = await chain.get(`/v1/query/governance/parameters?height=${height}`);
  const entry = (answer.body.parameters as { name: string; value: number }[]).find((parameter) => parameter.name === name);
  assert.ok(entry, `the parameters query lists ${name}`);
  return entry.value;
}

/** Commits blocks (one governance proposal each, refused in execution: its effective height is too early) until the head reaches `height`. */
async function advanceTo(chain: TestChain, from: TestAccount, height: number): Promise<void> {
  for (let round = 0; (chain.node.store.head()?.height ?? 0) < height; round++) {
    assert.ok(round < 50, `height ${height} reached`);
    await send(chain, from, "propose_parameters", { id: `filler-${height}-${round}`, description: "", changes: { "block.txsMax": 100 }, effectiveHeight: 1 });
  }
}

const head = (chain: TestChain): number => chain.node.store.head()?.height ?? 0;

test("behavior: a block size change proposed, approved and applied at its height; blocks after it hold no more", async () => {
  const { chain, admins } = await startGovernedChain();
  try {
    const effectiveHeight = head(chain) + 6;
    assert.equal(await send(chain, admins[0], "propose_parameters", { id: "small-blocks", description: "two per block", changes: { "block.txsMax": 2 }, effectiveHeight }), "ok");
    assert.equal(await send(chain, admins[1], "approve", { id: "small-blocks" }), "ok");
    assert.equal(await send(chain, admins[2], "approve", { id: "small-blocks" }), "ok");
    const proposal = (await chain.get("/v1/query/governance/proposal?id=small-blocks")).body;
    assert.equal(proposal.status, "approved");
    const scheduled = (await chain.get("/v1/query/governance/scheduled_parameters")).body as unknown as { name: string; height: number; value: number }[];
    assert.deepEqual(scheduled, [{ name: "block.txsMax", height: effectiveHeight, value: 2 }]);
    assert.equal(await parameterAt(chain, "block.txsMax", effectiveHeight - 1), 5_000, "the default holds before the effective height");
    assert.equal(await parameterAt(chain, "block.txsMax", effectiveHeight), 2, "the new value from the effective height on");
    await advanceTo(chain, admins[0], effectiveHeight);
    const alice = admins[1];
    const nonce = (await chain.get(`/v1/accounts/${alice.address}`)).body.nonce as number;
    const txs = [];
    for (let offset = 0; offset < 5; offset++) {
      txs.push(await chain.sign(alice, { module: "governance", type: "approve", payload: { id: "small-blocks" } }, { nonce: nonce + offset }));
    }
    assert.equal((await chain.post("/v1/txs/batch", { txs: txs.map((tx) => tx.hex) })).body.accepted, 5);
    await waitForCommitted(chain, (txs.at(-1) as { hash: string }).hash);
    const sizes: number[] = [];
    for (let height = effectiveHeight; height <= head(chain); height++) sizes.push(chain.node.store.getBlock(height)?.txs.length ?? 0);
    assert.ok(sizes.every((size) => size <= 2), `blocks from the effective height hold at most 2 transactions: ${sizes.join(", ")}`);
    assert.ok(sizes.reduce((sum, size) => sum + size, 0) >= 5, "the five transactions were committed after it");
  } finally {
    await chain.close();
  }
});

test("behavior: a change vetoed in its review window is never applied", async () => {
  const { chain, admins } = await startGovernedChain();
  try {
    const effectiveHeight = head(chain) + 8;
    assert.equal(await send(chain, admins[0], "propose_parameters", { id: "vetoed", description: "", changes: { "block.txsMax": 3 }, effectiveHeight }), "ok");
    assert.equal(await send(chain, admins[0], "veto", { id: "vetoed" }), "GOVERNANCE_VETO_OUTSIDE_WINDOW", "not before its approval");
    assert.equal(await send(chain, admins[1], "approve", { id: "vetoed" }), "ok");
    assert.equal(await send(chain, admins[2], "approve", { id: "vetoed" }), "ok");
    assert.equal(await send(chain, admins[1], "veto", { id: "vetoed" }), "ok");
    assert.equal(await send(chain, admins[1], "veto", { id: "vetoed" }), "GOVERNANCE_ALREADY_VETOED");
    assert.equal((await chain.get("/v1/query/governance/proposal?id=vetoed")).body.status, "approved", "one veto of three organisations is not enough");
    assert.equal(await send(chain, admins[2], "veto", { id: "vetoed" }), "ok");
    const proposal = (await chain.get("/v1/query/governance/proposal?id=vetoed")).body;
    assert.deepEqual([proposal.status, proposal.vetoes], ["vetoed", ["hospital", "notary"]]);
    assert.equal(await send(chain, admins[0], "veto", { id: "vetoed" }), "GOVERNANCE_VETO_OUTSIDE_WINDOW", "not once vetoed");
    assert.deepEqual((await chain.get("/v1/query/governance/scheduled_parameters?after=0")).body, [], "nothing remains scheduled");
    await advanceTo(chain, admins[0], effectiveHeight);
    assert.equal(await parameterAt(chain, "block.txsMax", effectiveHeight), 5_000, "the default still holds at the effective height");
  } finally {
    await chain.close();
  }
});

test("error: non-admins, unknown parameters, values out of bounds, too early heights and second approvals are refused with their codes", async () => {
  const { chain, admins, clerk } = await startGovernedChain();
  try {
    const later = head(chain) + 20;
    const proposal = (id: string, changes: Record<string, number>, effectiveHeight = later) => ({ id, description: "", changes, effectiveHeight });
    assert.equal(await send(chain, clerk, "propose_parameters", proposal("by-member", { "block.txsMax": 10 })), "TX_NOT_AUTHORISED");
    assert.equal(await send(chain, admins[0], "propose_parameters", proposal("unknown", { "block.colour": 1 })), "GOVERNANCE_UNKNOWN_PARAMETER");
    assert.equal(await send(chain, admins[0], "propose_parameters", proposal("no-tx-fits", { "block.bytesMax": 1_000 })), "GOVERNANCE_PARAMETER_OUT_OF_BOUNDS", "a block byte limit no transaction fits");
    assert.equal(await send(chain, admins[0], "propose_parameters", proposal("empty-blocks", { "block.txsMax": 0 })), "GOVERNANCE_PARAMETER_OUT_OF_BOUNDS");
    assert.equal(await send(chain, admins[0], "propose_parameters", proposal("too-early", { "block.txsMax": 10 }, head(chain) + 2)), "GOVERNANCE_EFFECTIVE_TOO_EARLY");
    const proposals = (await chain.get("/v1/query/governance/proposals")).body.proposals as unknown[];
    assert.deepEqual(proposals, [], "no refused proposal was recorded");
    assert.equal(await send(chain, admins[0], "propose_parameters", proposal("twice", { "governance.validatorChangeDelayBlocks": 7 })), "ok");
    assert.equal(await send(chain, admins[0], "approve", { id: "twice" }), "GOVERNANCE_ALREADY_APPROVED");
    assert.equal(await send(chain, admins[1], "veto", { id: "missing" }), "GOVERNANCE_UNKNOWN_PROPOSAL");
  } finally {
    await chain.close();
  }
});
