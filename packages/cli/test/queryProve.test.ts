import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fromHex, toHex } from "@kexin/core";
import { type TestChain, startTestChain, waitForCommitted } from "../../node/test/support.ts";
import { parseJson, runCli } from "./runCli.ts";

let chain: TestChain;
let directory: string;
let genesisPath: string;
before(async () => {
  directory = await mkdtemp(join(tmpdir(), "kexin-cli-prove-"));
  chain = await startTestChain();
  const signed = await chain.sign(chain.accounts.alice, { module: "points", type: "issue", payload: { to: "ab".repeat(20), amount: 1 } });
  await chain.post("/v1/txs", { tx: signed.hex });
  await waitForCommitted(chain, signed.hash);
  genesisPath = join(directory, "genesis.json");
  await writeFile(genesisPath, JSON.stringify({ chainId: chain.genesis.chainId, validators: chain.genesis.validators.map((validator) => ({ publicKey: validator.publicKey, power: validator.power })) }));
});
after(async () => {
  await chain?.close();
  await rm(directory, { recursive: true, force: true });
});

test("default: kexin query --prove --out saves a state proof that kexin verify checks against the genesis", async () => {
  const out = join(directory, "member.proof.json");
  const query = await runCli(["query", "identity", "member", `address=${chain.accounts.alice.address}`, "--prove", "--out", out, "--node", chain.url, "--json"]);
  assert.equal(query.code, 0, query.stderr);
  assert.equal((parseJson(query.stdout).result as { address: string }).address, chain.accounts.alice.address);
  const verify = await runCli(["verify", out, "--genesis", genesisPath, "--node", "http://127.0.0.1:9"]);
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stdout, /signed by 1 of 1 validators/);
});

test("error: a state proof with a changed value, or checked against another chain, is refused", async () => {
  const out = join(directory, "stranger.proof.json");
  const query = await runCli(["query", "identity", "member", `address=${chain.accounts.stranger.address}`, "--prove", "--out", out, "--node", chain.url, "--json"]);
  assert.equal(query.code, 0, query.stderr);
  const proof = JSON.parse(await readFile(out, "utf8")) as { entries: { value: string | null }[] };
  proof.entries[0]!.value = toHex(fromHex("f6"));
  const tampered = join(directory, "tampered.json");
  await writeFile(tampered, JSON.stringify(proof));
  const refused = await runCli(["verify", tampered, "--genesis", genesisPath, "--json"]);
  assert.equal(refused.code, 1);
  // An absent key's path ends in another key's leaf or in an empty slot, as the random addresses fall.
  assert.match((parseJson(refused.stdout).error as { code: string }).code, /^STATE_PROOF_(LEAF_MISPLACED|ROOT_MISMATCH)$/);
  const otherGenesis = join(directory, "other.json");
  await writeFile(otherGenesis, JSON.stringify({ chainId: "another-chain", validators: JSON.parse(await readFile(genesisPath, "utf8")).validators }));
  const otherChain = await runCli(["verify", out, "--genesis", otherGenesis, "--json"]);
  assert.equal(otherChain.code, 1);
  assert.equal((parseJson(otherChain.stdout).error as { code: string }).code, "STATE_PROOF_WRONG_CHAIN");
});
