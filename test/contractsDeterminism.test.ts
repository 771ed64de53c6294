import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type CborValue, getSuite, toHex } from "@kexin/core";
import { type CommittedTransactionView, type KexinClient, type TxCall, type Wallet, ApiError, contracts, createKexinClient, importKeyFile, walletFromPrivateKey } from "@kexin/sdk";
import { bundleContract } from "../packages/cli/src/commands/contract/bundle.ts";
import { Random } from "../sim/random.ts";
import { type CallerAccount, CallSequence, type PlannedCall, riskFactors, subjectCount } from "./contractsDeterminism/callSequence.ts";
import { type FollowerKey, createFollowerKey, startFollower } from "./support/follower.ts";
import type { NodeProcess } from "./support/nodeProcess.ts";
import { WaitAbandoned, waitFor } from "./support/nodeProcess.ts";
import { type RunningTestnet, startTestnet } from "./support/testnet.ts";

// 2,000 random contract calls through a four-validator BFT testnet: every validator must reach the
// same app hash and block hash at every height, and a node that replays the chain afterwards from
// an empty data folder must produce byte-identical receipts.

const seedVariable = "KEXIN_CONTRACTS_DETERMINISM_SEED";
const seed = process.env[seedVariable] === undefined ? randomInt(2 ** 31) : Number(process.env[seedVariable]);
const callCount = 2_000;
const roundCalls = 250;
const queriesPerRound = 12;
const gasLimit = 150_000;
const callGasMax = 500_000;
const tokenSupply = 1_000_000;
const organisations = ["bureau", "hospital", "notary", "merchant"] as const;
const examples = new URL("../examples/contracts/", import.meta.url).pathname;
const suite = getSuite("intl");
/** Every transaction sent, in order, with the call it made (or the deploy step). */
const sent: { hash: string; kind: string }[] = [];

const memberSpecs = [
  { name: "assessor-bureau", org: "bureau", roles: ["assessor"] },
  { name: "assessor-hospital", org: "hospital", roles: ["assessor"] },
  { name: "clerk-notary", org: "notary", roles: [] },
  { name: "clerk-merchant", org: "merchant", roles: [] },
  { name: "clerk-bureau", org: "bureau", roles: [] },
  { name: "assessor-merchant", org: "merchant", roles: ["assessor"] },
  { name: "clerk-hospital", org: "hospital", roles: [] },
] as const;

let testnet: RunningTestnet | undefined;
let clients: KexinClient[] = [];
let follower: NodeProcess | undefined;
let followerKey: FollowerKey;
let members: CallerAccount[] = [];
let admins: Record<(typeof organisations)[number], CallerAccount>;
const nonces = new Map<string, number>();

function assertSeed(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${seedVariable} must be a non-negative integer, got ${process.env[seedVariable]}`);
  return value;
}

before(async () => {
  assertSeed(seed);
  console.log(`contracts determinism: seed ${seed} (run with ${seedVariable}=${seed} to draw the same calls)`);
  followerKey = createFollowerKey();
  const memberKeys = memberSpecs.map(() => suite.generatePrivateKey());
  testnet = await startTestnet(4, {
    amendGenesis: (genesis) => ({
      ...genesis,
      members: [...genesis.members, ...memberSpecs.map((spec, index) => ({ org: spec.org, name: spec.name, roles: [...spec.roles], address: walletFromPrivateKey(suite, memberKeys[index] as Uint8Array).address }))],
      nodes: [...genesis.nodes, { org: "bureau", name: "follower", publicKey: followerKey.publicKey }],
      sections: { contracts: { callGasMax } },
    }),
  });
  const running = testnet;
  clients = running.nodes.map((node) => createKexinClient({ url: node.url }));
  // Members send through validators 0, 1, 2, 3, 0, …; admins through their own organisation's validator.
  members = memberSpecs.map((spec, index) => ({ ...spec, wallet: walletFromPrivateKey(suite, memberKeys[index] as Uint8Array), validator: index % running.nodes.length }));
  const adminWallets = await Promise.all(organisations.map((org) => importKeyFile(readFileSync(join(running.dir, "keys", `${org}-admin.key`), "utf8"), "kexin-dev")));
  const adminOf = (org: (typeof organisations)[number]): CallerAccount => {
    const index = organisations.indexOf(org);
    return { name: `${org}-admin`, wallet: adminWallets[index] as Wallet, org, roles: ["admin"], validator: index };
  };
  admins = { bureau: adminOf("bureau"), hospital: adminOf("hospital"), notary: adminOf("notary"), merchant: adminOf("merchant") };
});

after(async () => {
  await follower?.kill();
  await testnet?.stop();
});

function sign(caller: CallerAccount, call: TxCall): { hex: string; hash: string } {
  const nonce = nonces.get(caller.wallet.address) ?? 0;
  nonces.set(caller.wallet.address, nonce + 1);
  const signed = caller.wallet.signTx({ chainId: testnet?.layout.chainId as string, nonce, module: call.module, type: call.type, payload: call.payload as CborValue, expiry: 1_000_000 });
  return { hex: toHex(signed.bytes), hash: toHex(signed.hash) };
}

/** Sends each validator its callers' transactions in one batch, and fails on any refusal at admission: every later nonce would be refused too. */
async function sendThroughValidators(txs: readonly { caller: CallerAccount; call: TxCall; kind: string }[]): Promise<string[]> {
  const signed = txs.map((tx) => ({ ...sign(tx.caller, tx.call), validator: tx.caller.validator, kind: tx.kind }));
  await Promise.all(
    clients.map(async (client, validator) => {
      const batch = signed.filter((tx) => tx.validator === validator);
      if (batch.length === 0) return;
      const answer = await client.sendTransactions({ txs: batch.map((tx) => tx.hex) });
      const refused = answer.results.flatMap((result, index) => (result.error ? [`${batch[index]?.kind}: ${result.error.code} ${result.error.message}`] : []));
      assert.deepEqual(refused, [], `validator ${validator + 1} admitted every transaction`);
    }),
  );
  for (const tx of signed) sent.push({ hash: tx.hash, kind: tx.kind });
  return signed.map((tx) => tx.hash);
}

async function committed(client: KexinClient, hash: string, timeoutMs = 60_000): Promise<CommittedTransactionView> {
  return waitFor(
    `transaction ${hash} to commit`,
    async () => {
      const view = await client.getTransaction({ hash });
      return view.status === "committed" ? view : undefined;
    },
    timeoutMs,
  );
}

/** Waits until node1 has committed every hash. */
async function allCommitted(hashes: readonly string[]): Promise<void> {
  await Promise.all(hashes.map((hash) => committed(clients[0] as KexinClient, hash, 90_000)));
}

async function deployExamples(): Promise<void> {
  const deployments: { name: string; example: string; policy: contracts.ContractPolicy; init: CborValue | undefined }[] = [
    { name: "token", example: "token", policy: { transfer: [], balanceOf: [], totalSupply: [] }, init: { owner: members[0]?.wallet.address as string, supply: tokenSupply } },
    { name: "approval", example: "approval", policy: { open: [], approve: [], status: [] }, init: undefined },
    {
      name: "risk",
      example: "risk-score",
      policy: { assess: ["assessor"], score: [], assessment: [] },
      init: { weights: { arrears: 40, income: -3, age: 2 }, base: 500, divisor: 10, bands: { medium: 400, high: 700 } },
    },
  ];
  const proposals = await Promise.all(
    deployments.map(async (deployment) => ({
      caller: admins.bureau,
      call: contracts.proposeDeploy({ id: `deploy-${deployment.name}`, name: deployment.name, suite, code: await bundleContract(join(examples, deployment.example, "contract.ts")), policy: deployment.policy, init: deployment.init }),
      kind: "propose",
    })),
  );
  const proposed = await sendThroughValidators(proposals);
  await allCommitted(proposed);
  // Bureau proposed, so hospital and notary make three organisations of four: more than two thirds.
  const approvals = deployments.flatMap((deployment) => [admins.hospital, admins.notary].map((caller) => ({ caller, call: contracts.approveProposal({ id: `deploy-${deployment.name}` }), kind: "approve deploy" })));
  const approved = await sendThroughValidators(approvals);
  await allCommitted(approved);
  for (const hash of [...proposed, ...approved]) {
    const view = await committed(clients[0] as KexinClient, hash);
    assert.equal(view.result.status, "ok", `${hash}: ${view.result.code} ${view.result.message}`);
  }
  const listed = await (clients[0] as KexinClient).contracts.listContracts();
  assert.deepEqual(listed.map((contract) => `${contract.name} ${contract.status}`).sort(), ["approval active", "risk active", "token active"]);
}

/** Runs a few queries on random validators while blocks are being made; each answers or refuses with a CONTRACT_ code, and never changes what the chain computes. */
async function interleavedQueries(sequence: CallSequence, random: Random, outcomes: Map<string, number>): Promise<void> {
  for (let index = 0; index < queriesPerRound; index += 1) {
    const query = sequence.query();
    const client = random.pick(clients);
    let outcome: string;
    try {
      await client.contracts.queryContract(query);
      outcome = "ok";
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      outcome = error.code;
    }
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
}

async function mapConcurrently<Item, Result>(items: readonly Item[], concurrency: number, work: (item: Item) => Promise<Result>): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as Item);
    }),
  );
  return results;
}

interface HeightRecord {
  readonly hash: string;
  readonly appHash: string;
  readonly resultsRoot: string;
}

async function headersUpTo(client: KexinClient, height: number): Promise<HeightRecord[]> {
  const records: HeightRecord[] = [];
  for (let before = height + 1; before > 1; before -= 100) {
    const { blocks } = await client.getBlocks({ before, limit: Math.min(100, before - 1) });
    for (const block of blocks) records[block.height - 1] = { hash: block.hash, appHash: block.header.appHash, resultsRoot: block.header.resultsRoot };
  }
  return records;
}

/** Waits for a node's head to reach `height`; a node that exited, halted or diverged (`problem`) ends the wait at once, with its reason. */
async function waitForHeight(client: KexinClient, height: number, timeoutMs: number, process?: NodeProcess, problem?: () => string | undefined): Promise<void> {
  await waitFor(
    `${client.url} to reach height ${height}`,
    async () => {
      if (process && process.child.exitCode !== null) throw new WaitAbandoned(`the node at ${client.url} exited (${process.child.exitCode}): ${process.output().slice(-4_000)}`);
      const found = problem?.();
      if (found !== undefined) throw new WaitAbandoned(`the node at ${client.url} cannot reach height ${height}: ${found}`);
      const status = await client.getStatus();
      if (status.consensusState?.halted) throw new WaitAbandoned(`the node at ${client.url} halted at height ${status.height}: ${status.consensusState.halted}`);
      return status.height >= height ? true : undefined;
    },
    timeoutMs,
  );
}

/** The first log line where a node refused a block because its own execution gave other results or another app hash. */
function divergence(output: string): string | undefined {
  return output.split("\n").find((line) => line.includes("BLOCK_RESULTS_ROOT_MISMATCH") || line.includes("BLOCK_APP_HASH_MISMATCH"));
}

/** Each validator's head, halt reason and first divergence, for a failure message when commits stop. */
async function validatorsState(): Promise<string> {
  const states = await Promise.all(
    clients.map(async (client, index) => {
      const status = await client.getStatus().catch((error: unknown) => ({ error: String(error) }));
      const diverged = divergence(testnet?.nodes[index]?.output() ?? "");
      const state = "error" in status ? status.error : `height ${status.height}, halted ${status.consensusState?.halted ?? "no"}`;
      return `node${index + 1}: ${state}${diverged === undefined ? "" : `, diverged: ${diverged}`}`;
    }),
  );
  return states.join("; ");
}

/** What must be byte-identical in a receipt on every node; the commit may carry a different set of precommits. */
function receiptBytes(view: CommittedTransactionView): string {
  const { tx, result, header, txProof, resultProof, txIndex, txCount } = view.receipt;
  return JSON.stringify({ height: view.height, tx, result, header, txProof, resultProof, txIndex, txCount });
}

let lastTxHeight = 0;
/** Set when the first test found all four validators in agreement; the replay is compared with them only then. */
let validatorsAgree = false;
/** Node1's view of every transaction sent, by hash: the reference the other nodes' receipts are held to. */
const referenceViews = new Map<string, CommittedTransactionView>();

test("behavior: 2,000 random contract calls from several members through every validator leave all four with the same app hash and block hash at every height", { timeout: 240_000 }, async () => {
  const started = Date.now();
  await deployExamples();
  const deployedMs = Date.now() - started;
  const random = new Random(seed);
  const sequence = new CallSequence(random.fork(), { members, admins: Object.values(admins), tokenOwner: members[0] as CallerAccount, tokenSupply, organisations, gasLimit, callGasMax });
  const queryRandom = random.fork();
  const queryOutcomes = new Map<string, number>();
  const callHashes: string[] = [];
  for (let round = 0; round * roundCalls < callCount; round += 1) {
    const height = (await (clients[0] as KexinClient).getStatus()).height;
    const calls: PlannedCall[] = Array.from({ length: Math.min(roundCalls, callCount - round * roundCalls) }, () => sequence.next(height));
    const hashes = await sendThroughValidators(calls.map((call) => ({ caller: call.caller, call: { module: "contracts", type: "call", payload: { contract: call.contract, method: call.method, args: call.args, gasLimit: call.gasLimit } }, kind: call.kind })));
    callHashes.push(...hashes);
    await interleavedQueries(sequence, queryRandom, queryOutcomes);
    // The next round's deadlines are drawn from the height this round ends at. An account's last transaction commits after all its others (nonces order them).
    const lastOfEach = new Map(calls.map((call, index) => [call.caller.wallet.address, hashes[index] as string]));
    await allCommitted([...lastOfEach.values()]).catch(async (error: unknown) => {
      throw new Error(`round ${round + 1} did not commit (${await validatorsState()}): ${String(error)}`);
    });
  }
  const sentMs = Date.now() - started - deployedMs;

  for (const view of await mapConcurrently(sent, 16, ({ hash }) => committed(clients[0] as KexinClient, hash))) referenceViews.set(view.hash, view);
  const views = callHashes.map((hash) => referenceViews.get(hash) as CommittedTransactionView);
  const fetchedMs = Date.now() - started - deployedMs - sentMs;
  lastTxHeight = Math.max(...views.map((view) => view.height));
  const codes = new Map<string, number>();
  for (const view of views) codes.set(view.result.code || "ok", (codes.get(view.result.code || "ok") ?? 0) + 1);
  const expired = views.filter((view) => /request \d+ is expired/.test(view.result.message)).length;
  const overdrafts = views.filter((view) => /insufficient balance/.test(view.result.message)).length;
  console.log(`contracts determinism: ${callCount} calls in ${lastTxHeight} blocks; deploy ${deployedMs} ms, calls ${sentMs} ms, reading results ${fetchedMs} ms; results ${JSON.stringify(Object.fromEntries([...codes].sort()))}; queries ${JSON.stringify(Object.fromEntries(queryOutcomes))}`);
  assert.equal(views.length, callCount);
  assert.ok((codes.get("ok") ?? 0) >= callCount / 4, "at least a quarter of the calls succeed");
  for (const code of ["CONTRACT_THREW", "CONTRACT_OUT_OF_GAS", "CONTRACT_ARGS_INVALID", "CONTRACT_METHOD_NOT_ALLOWED", "CONTRACT_GAS_LIMIT_TOO_HIGH"]) assert.ok((codes.get(code) ?? 0) > 0, `some calls fail with ${code}`);
  assert.ok(expired > 0, "some approvals arrive after their request's deadline");
  assert.ok(overdrafts > 0, "some transfers overdraw");
  assert.ok((queryOutcomes.get("ok") ?? 0) > 0, "queries answered while blocks were made");

  // The header of the next height carries the app hash after the last call.
  const common = lastTxHeight + 1;
  await Promise.all(clients.map((client, index) => waitForHeight(client, common, 60_000, undefined, () => divergence(testnet?.nodes[index]?.output() ?? ""))));
  const [reference, ...others] = await Promise.all(clients.map((client) => headersUpTo(client, common)));
  console.log(`contracts determinism: headers compared after ${Date.now() - started} ms`);
  assert.equal(reference?.length, common);
  for (const [index, records] of others.entries()) {
    for (let height = 1; height <= common; height += 1) {
      assert.deepEqual(records[height - 1], reference?.[height - 1], `node${index + 2} agrees with node1 at height ${height}`);
    }
  }
  validatorsAgree = true;
});

test("behavior: a node started afterwards from an empty data folder replays the chain and computes byte-identical receipts", { timeout: 180_000 }, async () => {
  assert.ok(validatorsAgree && testnet, "the validators committed the calls and agree on every height");
  const started = Date.now();
  follower = await startFollower(testnet, followerKey);
  const replaying = createKexinClient({ url: follower.url });
  const common = lastTxHeight + 1;
  const replayingProcess = follower;
  // A block whose results differ from the replaying node's own is refused at sync; the node logs it and asks again, so the first refusal ends the wait.
  await waitForHeight(replaying, common, 120_000, replayingProcess, () => divergence(replayingProcess.output()));
  const syncedMs = Date.now() - started;
  const [expected, replayed] = await Promise.all([headersUpTo(clients[0] as KexinClient, common), headersUpTo(replaying, common)]);
  assert.deepEqual(replayed, expected, "the replaying node has the same blocks and app hashes");

  const mismatches: string[] = [];
  const compare = (view: CommittedTransactionView, where: string): void => {
    const wanted = referenceViews.get(view.hash) as CommittedTransactionView;
    if (receiptBytes(view) !== receiptBytes(wanted) || JSON.stringify(view.result) !== JSON.stringify(wanted.result)) mismatches.push(`${view.hash} on ${where}`);
  };
  for (const view of await mapConcurrently(sent, 16, ({ hash }) => committed(replaying, hash, 10_000))) compare(view, "the replaying node");
  // The other validators' results are bound by the results roots of the headers compared above; a sample is read back as receipts too.
  const sample = new Random(seed).fork();
  for (const [index, client] of clients.entries()) {
    if (index === 0) continue;
    const picked = Array.from({ length: 50 }, () => sample.pick(sent).hash);
    for (const view of await mapConcurrently(picked, 8, (hash) => committed(client, hash, 10_000))) compare(view, `node${index + 1}`);
  }
  assert.deepEqual(mismatches, [], "every receipt (result bytes, events, gas) is identical on every node");
  console.log(`contracts determinism: the replaying node synced ${common} blocks in ${syncedMs} ms; receipts compared after ${Date.now() - started} ms`);

  // State read back through queries agrees too: balances and recorded assessments do not depend on the height they are read at.
  const reads = [
    ...members.map((member) => ({ contract: "token", method: "balanceOf", args: { owner: member.wallet.address } })),
    { contract: "token", method: "balanceOf", args: { owner: "contract:approval" } },
    ...Array.from({ length: subjectCount }, (_, index) => ({ contract: "risk", method: "assessment", args: { subject: `subject-${index + 1}` } })),
    { contract: "risk", method: "score", args: { record: Object.fromEntries(riskFactors.map((factor, index) => [factor, 100 * (index + 1)])) } },
  ];
  for (const read of reads) {
    const answers = await Promise.all([...clients, replaying].map((client) => client.contracts.queryContract(read)));
    for (const answer of answers.slice(1)) assert.deepEqual(answer, answers[0], `${read.contract}.${read.method} ${JSON.stringify(read.args)} answers alike on every node`);
  }
});
