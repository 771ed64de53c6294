import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import type { KexinError} from "@kexin/core";
import { type AccessEntry, type CborValue, type ComputeRecord, addressOf, datashareSubjectReference, generateSubjectKey, getSuite, toHex } from "@kexin/core";
import { ApiError, type KexinClient, createKexinClient, datashare, walletFromPrivateKey } from "@kexin/sdk";
import { bundleContract } from "../../../cli/src/commands/contract/bundle.ts";
import { type ChainAccount, type ContractsChain, type Outcome, codeFields, startContractsChain } from "../contracts/chain.ts";

// Compute-to-data on a solo node (real LMDB, real HTTP, the real sandbox): two departments hold
// records of an applicant; a bank runs approved models over them and receives only signed results.

const empty = { type: "object", additionalProperties: false };
const recordsArgs = { type: "object", properties: { records: { type: "array", maxItems: 256 } }, required: ["records"], additionalProperties: false };

// Sums each record's integer factors: the department's part of the applicant's risk score.
const riskModel = `
export const methods = { score: { args: ${JSON.stringify(recordsArgs)}, readOnly: true }, write: { args: ${JSON.stringify(empty)} } };
export function score(args) {
  let total = 0;
  for (const record of args.records) total += record.debts * 3 - record.income;
  return { score: total, records: args.records.length };
}
export function write(args, ctx) { ctx.state.set("x", 1); }
`;
const spinModel = `
export const methods = { run: { args: ${JSON.stringify(recordsArgs)}, readOnly: true } };
export function run(args) { let x = 0; for (;;) x++; }
`;
const floatModel = `
export const methods = { run: { args: ${JSON.stringify(recordsArgs)}, readOnly: true } };
export function run(args) { return args.records.length / 3; }
`;

const run = promisify(execFile);
let chain: ContractsChain;
let client: KexinClient;
const subjectKey = generateSubjectKey(getSuite("intl"));

function assertOk(outcome: Outcome): Extract<Outcome, { stage: "committed" }> {
  assert.equal(outcome.stage, "committed", JSON.stringify(outcome));
  assert.equal(outcome.status, "ok", JSON.stringify(outcome));
  return outcome as Extract<Outcome, { stage: "committed" }>;
}

function assertFailed(outcome: Outcome, code: string): Extract<Outcome, { stage: "committed" }> {
  assert.deepEqual([outcome.stage, outcome.stage === "committed" ? outcome.status : "", outcome.code], ["committed", "failed", code], JSON.stringify(outcome));
  return outcome as Extract<Outcome, { stage: "committed" }>;
}

async function deploy(name: string, source: string): Promise<string> {
  const { bureau, hospital, bank } = chain.admins;
  const fields = codeFields(chain.suite, source);
  assertOk(await chain.send(bureau, "propose", { id: `deploy-${name}`, action: { kind: "deploy", name, ...fields, policy: {} } }));
  assertOk(await chain.send(hospital, "approve", { id: `deploy-${name}` }));
  assertOk(await chain.send(bank, "approve", { id: `deploy-${name}` }));
  return toHex(fields.codeHash);
}

async function share(owner: ChainAccount, dataset: string, id: string, record: Record<string, CborValue>, subject: string): Promise<void> {
  const shared = await client.datashare.shareRecord({ wallet: walletFromPrivateKey(chain.suite, owner.privateKey), dataset, id, record, subject });
  assertOk(await chain.send(owner, "publish_record", shared.call.payload as CborValue, "datashare"));
}

/** The owner organisation's compute key, registered by its admin as one of its nodes. */
async function registerComputeKey(organisation: "hospital" | "bureau"): Promise<void> {
  const answer = (await (await fetch(`${chain.node.url}/v1/datashare/compute-key/${organisation}`, { signal: AbortSignal.timeout(5_000) })).json()) as { publicKey: string; registered: boolean };
  assert.equal(answer.registered, false);
  assertOk(await chain.send(chain.admins[organisation], "register_node", { org: organisation, publicKey: answer.publicKey, name: `${organisation} compute` }, "identity"));
}

function computeKeyAccount(organisation: string): ChainAccount {
  const privateKey = new Uint8Array(readFileSync(join(chain.dataDir, "datashare-keys", "compute", organisation)));
  return { name: `${organisation} node`, privateKey, address: addressOf(chain.suite, chain.suite.publicKeyOf(privateKey)) };
}

async function computed(tx: string): Promise<ComputeRecord> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const record = await client.datashare.getComputeResult({ tx });
    if (record.result !== undefined) return record;
    if (Date.now() > deadline) throw new Error(`no result of compute ${tx} within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function requestCompute(contract: string, method: string, dataset: string, records: string[]): Promise<Outcome> {
  return chain.send(chain.admins.bank, "compute", { contract, method, dataset, records, purpose: "mortgage risk assessment" }, "datashare");
}

const subject = (number: string) => datashareSubjectReference(chain.suite, subjectKey, number);
let riskCodeHash = "";

before(async () => {
  chain = await startContractsChain();
  client = createKexinClient({ url: chain.node.url });
  const { hospital, bureau } = chain.admins;
  const factors = JSON.stringify({ type: "object", properties: { income: { type: "integer" }, debts: { type: "integer" }, district: { type: "string" }, weight: { type: "number" } }, additionalProperties: false });
  const dataset = (id: string, groupSizeMin?: number) => ({ id, title: { zh: id, en: id }, recordSchema: factors, classification: "important", price: 0, ...(groupSizeMin === undefined ? {} : { groupSizeMin }) });
  assertOk(await chain.send(hospital, "register_dataset", dataset("hospital.finance"), "datashare"));
  assertOk(await chain.send(bureau, "register_dataset", dataset("bureau.residents", 3), "datashare"));
  for (const [admin, id] of [[hospital, "hospital.finance"], [bureau, "bureau.residents"]] as const) {
    assertOk(await chain.send(admin, "grant", { dataset: id, grantee: { kind: "organisation", id: "bank" }, purpose: "mortgage risk assessment", expiresAt: 100_000, accessesMax: 100 }, "datashare"));
  }
  await share(hospital, "hospital.finance", "h-1", { income: 40, debts: 30 }, subject("A1"));
  for (const [id, district] of [["r-1", "east"], ["r-2", "east"], ["r-3", "east"], ["r-4", "west"]] as const) await share(bureau, "bureau.residents", id, { income: 10, debts: 5, district }, subject(id));
  await share(bureau, "bureau.residents", "r-5", { income: 1, debts: 0, weight: 0.5 }, subject("r-5"));
  await registerComputeKey("hospital");
  await registerComputeKey("bureau");
  riskCodeHash = await deploy("applicant-risk", riskModel);
  // The example model, bundled as `kexin contract build` bundles it.
  await deploy("district-count", await bundleContract(fileURLToPath(new URL("../../../../examples/contracts/district-count/contract.ts", import.meta.url))));
  await deploy("spin-model", spinModel);
  await deploy("float-model", floatModel);
});

after(async () => {
  await chain?.close();
});

test("default: the risk model scores an applicant over two departments' records; each result verifies offline with the model's code hash", async () => {
  const atHospital = assertOk(await requestCompute("applicant-risk", "score", "hospital.finance", ["h-1"]));
  const atBureau = assertOk(await requestCompute("applicant-risk", "score", "bureau.residents", ["r-1"]));
  const scores: number[] = [];
  for (const request of [atHospital, atBureau]) {
    const record = await computed(request.txHash);
    const outcome = datashare.verifyComputeResult({ suite: chain.suite, chainId: chain.genesis.chainId, compute: record, codeHash: riskCodeHash });
    assert.equal(outcome.status, "ok", JSON.stringify(outcome));
    scores.push((outcome as unknown as { value: { score: number } }).value.score);
  }
  assert.deepEqual(scores, [30 * 3 - 40, 5 * 3 - 10]);
  const record = await computed(atHospital.txHash);
  assert.deepEqual(record.records.map((item) => item.id), ["h-1"]);
  assert.throws(() => datashare.verifyComputeResult({ suite: chain.suite, chainId: chain.genesis.chainId, compute: record, codeHash: "00".repeat(32) }), (error: KexinError) => (error.type as { code: string }).code === "DATASHARE_COMPUTE_RESULT_INVALID");
  const changed = { ...record, result: { ...record.result!, outcome: { status: "ok" as const, value: { score: 0, records: 1 } } } };
  assert.throws(() => datashare.verifyComputeResult({ suite: chain.suite, chainId: chain.genesis.chainId, compute: changed }), (error: KexinError) => (error.type as { code: string }).code === "DATASHARE_COMPUTE_RESULT_INVALID");
});

test("behavior: a compute is audited as an access: in the dataset's, the requester's and each read subject's lists, with its model and status", async () => {
  const request = assertOk(await requestCompute("district-count", "count", "bureau.residents", ["r-1", "r-2", "r-3"]));
  const inList = (accesses: readonly AccessEntry[]) => accesses.find((entry) => entry.tx === request.txHash);
  const pending = inList((await client.datashare.getAccesses({ dataset: "bureau.residents", limit: 500 })).accesses);
  assert.deepEqual(pending && pending.kind === "compute" ? [pending.records, pending.contract, pending.owner, pending.organisation] : [], [["r-1", "r-2", "r-3"], "district-count", "bureau", "bank"]);
  await computed(request.txHash);
  const byRequester = inList((await client.datashare.getAccesses({ requester: chain.admins.bank.address, limit: 500 })).accesses);
  assert.deepEqual(byRequester?.kind === "compute" ? [byRequester.status, byRequester.method, byRequester.codeHash.length] : [], ["ok", "count", 64]);
  const owner = walletFromPrivateKey(chain.suite, chain.admins.bureau.privateKey);
  for (const id of ["r-1", "r-3"]) {
    const audit = await client.datashare.getSubjectAudit({ wallet: owner, organisation: "bureau", subject: subject(id) });
    assert.equal(inList(audit.accesses)?.kind, "compute", `the audit list of ${id}'s subject shows the compute`);
  }
  const untouched = await client.datashare.getSubjectAudit({ wallet: owner, organisation: "bureau", subject: subject("r-4") });
  assert.equal(inList(untouched.accesses), undefined, "a subject whose records were not read does not see it");
});

test("behavior: `kexin datashare compute-result` prints the result with its signature verified offline", async () => {
  const request = assertOk(await requestCompute("applicant-risk", "score", "hospital.finance", ["h-1"]));
  await computed(request.txHash);
  const cli = fileURLToPath(new URL("../../../cli/bin/kexin.js", import.meta.url));
  const { stdout } = await run(process.execPath, [cli, "--node", chain.node.url, "--json", "datashare", "compute-result", request.txHash], { timeout: 30_000 });
  const printed = JSON.parse(stdout) as ComputeRecord & { verified: boolean };
  assert.deepEqual([printed.verified, printed.codeHash, printed.result?.outcome], [true, riskCodeHash, { status: "ok", value: { score: 50, records: 1 } }]);
});

test("behavior: the requester can decrypt nothing: no data key is released against a compute request", async () => {
  const request = assertOk(await requestCompute("applicant-risk", "score", "hospital.finance", ["h-1"]));
  const wallet = walletFromPrivateKey(chain.suite, chain.admins.bank.privateKey);
  await assert.rejects(
    client.datashare.requestDataKey({ wallet, access: request.txHash, record: "h-1", encryptionKey: new Uint8Array(32).fill(7) }),
    (error: unknown) => error instanceof ApiError && error.type.code === "DATASHARE_COMPUTE_NO_KEYS",
  );
});

test("behavior: a grouped count is posted when every group reaches the dataset's floor, refused with DATASHARE_COMPUTE_GROUP_TOO_SMALL otherwise", async () => {
  const large = assertOk(await requestCompute("district-count", "count", "bureau.residents", ["r-1", "r-2", "r-3"]));
  const small = assertOk(await requestCompute("district-count", "count", "bureau.residents", ["r-1", "r-2", "r-3", "r-4"]));
  assert.deepEqual((await computed(large.txHash)).result?.outcome, { status: "ok", value: { groups: [["east", 3]] } });
  const refused = (await computed(small.txHash)).result?.outcome;
  assert.deepEqual([refused?.status, refused?.status === "refused" ? refused.code : ""], ["refused", "DATASHARE_COMPUTE_GROUP_TOO_SMALL"]);
  assert.ok(refused?.status === "refused" && !refused.message.includes("west") && !/\b1\b/.test(refused.message), "the refusal names neither the small group nor its size");
});

test("behavior: a model that runs out of gas or returns a float gets a posted refusal with the sandbox's code", async () => {
  const spin = assertOk(await requestCompute("spin-model", "run", "bureau.residents", ["r-1"]));
  const float = assertOk(await requestCompute("float-model", "run", "bureau.residents", ["r-1"]));
  const floatInRecord = assertOk(await requestCompute("applicant-risk", "score", "bureau.residents", ["r-5"]));
  for (const [request, code] of [[spin, "CONTRACT_OUT_OF_GAS"], [float, "CONTRACT_FLOAT_REFUSED"], [floatInRecord, "CONTRACT_FLOAT_REFUSED"]] as const) {
    const outcome = (await computed(request.txHash)).result?.outcome;
    assert.deepEqual([outcome?.status, outcome?.status === "refused" ? outcome.code : ""], ["refused", code]);
  }
});

test("error: an unapproved, frozen or writing model is refused; nothing but the nonce is committed", async () => {
  const bank = chain.admins.bank;
  const nonce = await chain.nonce(bank);
  const unapproved = assertFailed(await requestCompute("no-such-model", "score", "hospital.finance", ["h-1"]), "DATASHARE_COMPUTE_MODEL_NOT_APPROVED");
  const writing = assertFailed(await requestCompute("applicant-risk", "write", "hospital.finance", ["h-1"]), "DATASHARE_COMPUTE_MODEL_NOT_READ_ONLY");
  const elsewhere = assertFailed(await requestCompute("applicant-risk", "score", "hospital.finance", ["r-1"]), "DATASHARE_COMPUTE_RECORD_NOT_IN_DATASET");
  const { bureau, hospital } = chain.admins;
  assertOk(await chain.send(bureau, "propose", { id: "freeze-float", action: { kind: "freeze", name: "float-model" } }));
  assertOk(await chain.send(hospital, "approve", { id: "freeze-float" }));
  assertOk(await chain.send(bank, "approve", { id: "freeze-float" }));
  const frozen = assertFailed(await requestCompute("float-model", "run", "hospital.finance", ["h-1"]), "DATASHARE_COMPUTE_MODEL_FROZEN");
  assert.equal(await chain.nonce(bank), nonce + 5);
  for (const outcome of [unapproved, writing, elsewhere, frozen]) {
    const answer = await fetch(`${chain.node.url}/v1/query/datashare/compute?tx=${outcome.txHash}`, { signal: AbortSignal.timeout(5_000) });
    assert.equal(answer.status, 404);
  }
});

test("error: a result from a node that is not the owner's is refused (DATASHARE_COMPUTE_NOT_OWNER_NODE), the owner's second one too (DATASHARE_COMPUTE_RESULT_EXISTS)", async () => {
  const request = assertOk(await requestCompute("applicant-risk", "score", "hospital.finance", ["h-1"]));
  const record = await computed(request.txHash);
  const outcome = { status: "ok", value: 1 };
  const payload = { request: request.txHash, outcome, signature: "00".repeat(64) };
  // Checked at admission: the bureau's registered node is a node, but of another organisation; a stranger's key is none.
  const refusedAtAdmission = async (from: ChainAccount, code: string) => {
    const outcome = await chain.send(from, "compute_result", payload, "datashare");
    assert.deepEqual([outcome.stage, outcome.code], ["admission", code], JSON.stringify(outcome));
  };
  await refusedAtAdmission(computeKeyAccount("bureau"), "DATASHARE_COMPUTE_NOT_OWNER_NODE");
  await refusedAtAdmission(chain.stranger, "DATASHARE_COMPUTE_NOT_OWNER_NODE");
  await refusedAtAdmission(computeKeyAccount("hospital"), "DATASHARE_COMPUTE_RESULT_EXISTS");
  assert.deepEqual(await client.datashare.getComputeResult({ tx: request.txHash }), record);
});
