import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type StateProofJson, StateProofError, decodeStateTreeProof, decodeValidators, encodeStateTreeProof, encodeValidators, fromHex, getSuite, toHex, verifyStateProof } from "@kexin/core";
import { type TestChain, startTestChain, waitForCommitted } from "./support.ts";

let chain: TestChain;
let trust: { chainId: string; validators: ReturnType<typeof decodeValidators> };
before(async () => {
  chain = await startTestChain();
  const signed = await chain.sign(chain.accounts.alice, { module: "points", type: "issue", payload: { to: "ab".repeat(20), amount: 42 } });
  await chain.post("/v1/txs", { tx: signed.hex });
  await waitForCommitted(chain, signed.hash);
  const validators = chain.genesis.validators.map((validator) => ({ publicKey: fromHex(validator.publicKey), power: validator.power }));
  trust = { chainId: chain.genesis.chainId, validators: decodeValidators(encodeValidators(validators)) };
});
after(async () => {
  await chain.close();
});

async function memberProof(address: string): Promise<{ result: unknown; proof: StateProofJson }> {
  const answer = await chain.get(`/v1/query/identity/member?address=${address}&prove=true`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body as unknown as { result: unknown; proof: StateProofJson };
}

test("default: a query's answer carries a proof of the key it read, which verifies against the trusted validators", async () => {
  const { result, proof } = await memberProof(chain.accounts.alice.address);
  assert.equal((result as { address: string }).address, chain.accounts.alice.address);
  const verified = verifyStateProof(proof, trust);
  assert.equal(verified.height, (chain.node.store.head()?.height ?? 0) - 1, "the newest height with a decided successor");
  assert.equal(verified.signers, 1);
  assert.equal(verified.validators, 1);
  assert.equal(verified.entries.length, 1);
  assert.notEqual(verified.entries[0]!.value, null, "alice is present");
});

test("behavior: an absent key is proven absent", async () => {
  const { result, proof } = await memberProof(chain.accounts.stranger.address);
  assert.equal(result, null);
  const verified = verifyStateProof(proof, trust);
  assert.equal(verified.entries[0]!.value, null);
});

test("behavior: GET /v1/state reads a raw key, and proves it on request", async () => {
  const { proof: queried } = await memberProof(chain.accounts.alice.address);
  const key = queried.entries[0]!.key;
  const plain = await chain.get(`/v1/state/${key}`);
  assert.equal(plain.status, 200);
  assert.equal(plain.body.value, queried.entries[0]!.value);
  assert.equal(plain.body.proof, undefined);
  const proven = await chain.get(`/v1/state/${key}?prove=true&height=0`);
  assert.equal(proven.status, 200, JSON.stringify(proven.body));
  assert.equal(verifyStateProof(proven.body.proof, trust).height, 0);
});

test("error: heights without a decided successor, queries that list, and unknown modules are refused with their codes", async () => {
  const head = chain.node.store.head()?.height ?? 0;
  const tooHigh = await chain.get(`/v1/state/identity/anything?prove=true&height=${head}`);
  assert.equal(tooHigh.status, 409);
  assert.equal((tooHigh.body.error as { code: string }).code, "STATE_HEIGHT_NOT_PROVABLE");
  const listing = await chain.get("/v1/query/identity/organisations?prove=true");
  assert.equal(listing.status, 400);
  assert.equal((listing.body.error as { code: string }).code, "QUERY_NOT_PROVABLE");
  const unknown = await chain.get("/v1/state/nosuchmodule/key");
  assert.equal(unknown.status, 404);
  assert.equal((unknown.body.error as { code: string }).code, "MODULE_NOT_FOUND");
});

function withByteChanged(hex: string, index: number, mask: number): string {
  const bytes = fromHex(hex);
  bytes[index]! ^= mask;
  return toHex(bytes);
}

function assertRefused(document: unknown, what: string): void {
  assert.throws(() => verifyStateProof(document, trust), StateProofError, what);
}

test("error: every single-byte change of the header, the commit, a value or a tree proof is refused", async () => {
  for (const address of [chain.accounts.alice.address, chain.accounts.stranger.address]) {
    const { proof } = await memberProof(address);
    verifyStateProof(proof, trust);
    for (const field of ["header", "commit"] as const) {
      for (let index = 0; index < fromHex(proof[field]).length; index++) {
        for (const mask of [0x01, 0x80]) assertRefused({ ...proof, [field]: withByteChanged(proof[field], index, mask) }, `byte ${index} of ${field} with mask ${mask}`);
      }
    }
    const entry = proof.entries[0]!;
    for (const part of ["proof", "value"] as const) {
      const hex = entry[part];
      if (hex === null) continue;
      for (let index = 0; index < fromHex(hex).length; index++) {
        for (const mask of [0x01, 0x80]) assertRefused({ ...proof, entries: [{ ...entry, [part]: withByteChanged(hex, index, mask) }] }, `byte ${index} of the entry's ${part} with mask ${mask}`);
      }
    }
    assertRefused({ ...proof, entries: [{ ...entry, value: entry.value === null ? "00" : null }] }, "presence and absence swapped");
    assertRefused({ ...proof, entries: [{ ...entry, key: `${entry.key}x` }] }, "another key");
    assertRefused({ ...proof, height: proof.height + 1 }, "another height");
    const path = decodeStateTreeProof(fromHex(entry.proof));
    const reshaped = [
      { siblings: path.siblings.slice(0, -1), leaf: path.leaf },
      { siblings: [...path.siblings].reverse(), leaf: path.leaf },
      { siblings: [...path.siblings, null], leaf: path.leaf },
    ].filter((candidate) => candidate.siblings.length !== path.siblings.length || candidate.siblings.some((sibling, index) => sibling !== path.siblings[index]));
    assert.ok(reshaped.length >= 2, "the path is long enough to truncate and reorder");
    for (const candidate of reshaped) assertRefused({ ...proof, entries: [{ ...entry, proof: toHex(encodeStateTreeProof(candidate)) }] }, "a truncated, reordered or lengthened path");
  }
});

test("error: another chain or another validator set is refused", async () => {
  const { proof } = await memberProof(chain.accounts.alice.address);
  assert.throws(() => verifyStateProof(proof, { ...trust, chainId: "another-chain" }), (error: unknown) => error instanceof StateProofError && error.code === "STATE_PROOF_WRONG_CHAIN");
  const suite = getSuite("intl");
  const other = [{ publicKey: suite.publicKeyOf(suite.generatePrivateKey()), power: 1 }];
  assert.throws(() => verifyStateProof(proof, { ...trust, validators: other }), (error: unknown) => error instanceof StateProofError && error.code === "STATE_PROOF_WRONG_VALIDATORS");
});
