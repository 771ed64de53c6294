import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type CborValue, type ComputeRecord, datashareSubjectReference, generateSubjectKey, toHex } from "@kexin/core";
import { type KexinClient, createKexinClient, datashare, walletFromPrivateKey } from "@kexin/sdk";
import { type ContractsChain, type Outcome, codeFields, startContractsChain } from "../contracts/chain.ts";

// Compute-to-data on a gm chain: SM4-sealed records, an SM2 compute key, SM3 code hash and signature.

const recordsArgs = { type: "object", properties: { records: { type: "array", maxItems: 16 } }, required: ["records"], additionalProperties: false };
const model = `
export const methods = { total: { args: ${JSON.stringify(recordsArgs)}, readOnly: true } };
export function total(args) { let sum = 0; for (const record of args.records) sum += record.income; return { total: sum }; }
`;

let chain: ContractsChain;
let client: KexinClient;

function assertOk(outcome: Outcome): Extract<Outcome, { stage: "committed" }> {
  assert.deepEqual([outcome.stage, outcome.stage === "committed" ? outcome.status : ""], ["committed", "ok"], JSON.stringify(outcome));
  return outcome as Extract<Outcome, { stage: "committed" }>;
}

before(async () => {
  chain = await startContractsChain({ suite: "gm" });
  client = createKexinClient({ url: chain.node.url });
  const { hospital, bureau, bank } = chain.admins;
  assertOk(await chain.send(hospital, "register_dataset", { id: "hospital.finance", title: { zh: "财务", en: "finance" }, recordSchema: JSON.stringify({ type: "object" }), classification: "important", price: 0 }, "datashare"));
  assertOk(await chain.send(hospital, "grant", { dataset: "hospital.finance", grantee: { kind: "organisation", id: "bank" }, purpose: "mortgage risk assessment", expiresAt: 100_000, accessesMax: 10 }, "datashare"));
  const subjectKey = generateSubjectKey(chain.suite);
  for (const [id, income] of [["h-1", 40], ["h-2", 2]] as const) {
    const shared = await client.datashare.shareRecord({ wallet: walletFromPrivateKey(chain.suite, hospital.privateKey), dataset: "hospital.finance", id, record: { income }, subject: datashareSubjectReference(chain.suite, subjectKey, id) });
    assertOk(await chain.send(hospital, "publish_record", shared.call.payload as CborValue, "datashare"));
  }
  const key = (await (await fetch(`${chain.node.url}/v1/datashare/compute-key/hospital`, { signal: AbortSignal.timeout(5_000) })).json()) as { publicKey: string };
  assertOk(await chain.send(hospital, "register_node", { org: "hospital", publicKey: key.publicKey, name: "hospital compute" }, "identity"));
  const fields = codeFields(chain.suite, model);
  assertOk(await chain.send(bureau, "propose", { id: "deploy-income", action: { kind: "deploy", name: "income-total", ...fields, policy: {} } }));
  assertOk(await chain.send(hospital, "approve", { id: "deploy-income" }));
  assertOk(await chain.send(bank, "approve", { id: "deploy-income" }));
});

after(async () => {
  await chain?.close();
});

test("default: on a gm chain the owner's node runs the model and posts an SM2-signed result that verifies offline with the SM3 code hash", async () => {
  const request = assertOk(await chain.send(chain.admins.bank, "compute", { contract: "income-total", method: "total", dataset: "hospital.finance", records: ["h-1", "h-2"], purpose: "mortgage risk assessment" }, "datashare"));
  const deadline = Date.now() + 20_000;
  let record: ComputeRecord = await client.datashare.getComputeResult({ tx: request.txHash });
  while (record.result === undefined) {
    if (Date.now() > deadline) throw new Error("no compute result within 20 s");
    await new Promise((resolve) => setTimeout(resolve, 50));
    record = await client.datashare.getComputeResult({ tx: request.txHash });
  }
  assert.equal(chain.suite.id, "gm");
  assert.match(record.result.publicKey, /^04[0-9a-f]{128}$/, "an SM2 node key");
  assert.equal(record.codeHash, toHex(codeFields(chain.suite, model).codeHash), "the SM3 hash of the code");
  const outcome = datashare.verifyComputeResult({ suite: chain.suite, chainId: chain.genesis.chainId, compute: record, codeHash: record.codeHash });
  assert.deepEqual(outcome, { status: "ok", value: { total: 42 } });
  const changed = { ...record, result: { ...record.result, outcome: { status: "ok" as const, value: { total: 43 } } } };
  assert.throws(() => datashare.verifyComputeResult({ suite: chain.suite, chainId: chain.genesis.chainId, compute: changed }), /DATASHARE_COMPUTE_RESULT_INVALID|not signed/);
});
