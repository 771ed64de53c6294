import { type ComputeRecord, datashareSubjectReference, generateSubjectKey, getSuite } from "@kexin/core";
import { type KexinClient, type Wallet, contracts, datashare, identity } from "@kexin/sdk";
import { BenchFailure } from "../errors.ts";
import { log, round } from "../output.ts";
import { summariseLatencies } from "../stats.ts";
import type { CommitWatch } from "./commitWatch.ts";
import { commitCall } from "./workflowDepartments.ts";

/** The tax department's dataset the housing registry's model reads: income and debts per applicant. */
const computeDataset = "tax.income";
const computeOwner = "tax";
const computeModel = "mortgage-risk";
const computePurpose = "housing eligibility: mortgage risk";
/** Records published by the owner before the measured phase, and read by each request. */
const computeRecordsTotal = 64;
const computeRecordsPerRequest = 8;

const recordsArgs = { type: "object", properties: { records: { type: "array", maxItems: 256 } }, required: ["records"], additionalProperties: false };
/** The risk model: a read-only method summing each record's factors; integers in, integers out. */
const riskModelSource = `
export const methods = { score: { args: ${JSON.stringify(recordsArgs)}, readOnly: true } };
export function score(args) {
  let total = 0;
  for (const record of args.records) total += record.debts * 3 - record.income;
  return { score: total, records: args.records.length };
}
`;

export interface ComputeFigures {
  readonly computes: number;
  readonly computePerS: number;
  /** From the request's submission to the arrival of the block holding its result, per request. */
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Records of the dataset, in request order. */
function recordId(index: number): string {
  return `tax-${index}`;
}

/**
 * Setup (not measured): the tax department publishes records of its dataset, grants the
 * requesters' organisation, registers its node's compute key; the requesters' organisation
 * proposes the risk model and organisations approve it until it is deployed.
 */
export async function prepareCompute(
  client: KexinClient,
  nodeUrl: string,
  suiteId: "intl" | "gm",
  admins: Readonly<Record<string, Wallet>>,
  requesterOrganisation: string,
  otherAdmins: readonly Wallet[],
  timeoutMs: number,
): Promise<void> {
  const suite = getSuite(suiteId);
  const owner = admins[computeOwner];
  if (owner === undefined) throw new BenchFailure(`the template has no ${computeOwner} department`);
  const subjectKey = generateSubjectKey(suite);
  for (let index = 0; index < computeRecordsTotal; index++) {
    const record = { income: 100 + index, debts: index % 17 };
    const shared = await client.datashare.shareRecord({ wallet: owner, dataset: computeDataset, id: recordId(index), record, subject: datashareSubjectReference(suite, subjectKey, `bench-taxpayer-${index}`) });
    await commitCall(client, owner, shared.call, timeoutMs);
  }
  const grantee = { kind: "organisation", id: requesterOrganisation } as const;
  await commitCall(client, owner, datashare.grant({ dataset: computeDataset, grantee, purpose: computePurpose, expiresAt: Number.MAX_SAFE_INTEGER, accessesMax: 1_000_000_000 }), timeoutMs);

  const response = await fetch(`${nodeUrl}/v1/datashare/compute-key/${computeOwner}`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new BenchFailure(`GET compute-key/${computeOwner}: ${response.status}`);
  const { publicKey } = (await response.json()) as { publicKey: string };
  await commitCall(client, owner, identity.registerNode({ org: computeOwner, publicKey, name: `${computeOwner} compute` }), timeoutMs);

  const proposer = admins[requesterOrganisation];
  if (proposer === undefined) throw new BenchFailure(`no admin of ${requesterOrganisation}`);
  const proposal = `deploy-${computeModel}`;
  await commitCall(client, proposer, contracts.proposeDeploy({ id: proposal, name: computeModel, suite: suiteId, code: riskModelSource, policy: {} }), timeoutMs);
  const approvers = [...Object.entries(admins).filter(([organisation]) => organisation !== requesterOrganisation).map(([, wallet]) => wallet), ...otherAdmins];
  for (const approver of approvers) {
    if ((await client.contracts.getProposal({ id: proposal })).status !== "open") break;
    await commitCall(client, approver, contracts.approveProposal({ id: proposal }), timeoutMs);
  }
  const { status } = await client.contracts.getProposal({ id: proposal });
  if (status !== "approved") throw new BenchFailure(`the model's proposal is ${status} after every organisation approved`);
}

/**
 * Measured: `computes` compute-to-data requests, one in flight per requester: a requester sends
 * `compute` over eight of the tax department's records; the tax department's node runs the model
 * and posts the signed result; the request is done when the block holding the result arrives.
 * Every result must be `ok` and the last must verify offline against the model's code hash.
 */
export async function completeComputes(
  client: KexinClient,
  watch: CommitWatch,
  requesters: readonly Wallet[],
  parameters: { readonly computes: number; readonly suite: "intl" | "gm"; readonly chainId: string; readonly timeoutMs: number },
  abortIf: () => void,
): Promise<ComputeFigures> {
  const results = new Map<string, (atMs: number) => void>();
  const arrived = new Map<string, number>();
  const stopWatching = client.watchEvents({
    module: "datashare",
    type: "compute_result",
    onEvent: ({ event }) => {
      const request = event.attributes.request as string;
      const atMs = performance.now();
      const waiting = results.get(request);
      if (waiting === undefined) arrived.set(request, atMs);
      else waiting(atMs);
    },
    onError: (error) => log("workflow: compute result subscription failed", { error: error.message }),
  });
  const resultOf = (request: string): Promise<number> => {
    const seen = arrived.get(request);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new BenchFailure(`no result of compute ${request} within ${parameters.timeoutMs} ms`)), parameters.timeoutMs);
      results.set(request, (atMs) => {
        clearTimeout(timer);
        resolve(atMs);
      });
    });
  };
  const latencies = new Float64Array(parameters.computes);
  const requests: string[] = [];
  const computeOne = async (requester: Wallet, index: number): Promise<void> => {
    abortIf();
    const first = (index * computeRecordsPerRequest) % computeRecordsTotal;
    const records = Array.from({ length: computeRecordsPerRequest }, (_unused, offset) => recordId((first + offset) % computeRecordsTotal));
    const submittedAt = performance.now();
    const sent = await client.buildAndSend(requester, datashare.compute({ contract: computeModel, method: "score", dataset: computeDataset, records, purpose: computePurpose }));
    requests[index] = sent.hash;
    await watch.committed(sent.hash);
    latencies[index] = (await resultOf(sent.hash)) - submittedAt;
  };
  let next = 0;
  let completed = 0;
  const startedAt = performance.now();
  const progress = setInterval(() => log("workflow: compute progress", { completed, of: parameters.computes }), 5_000);
  try {
    await Promise.all(
      requesters.slice(0, Math.min(requesters.length, parameters.computes)).map(async (requester) => {
        for (let index = next++; index < parameters.computes; index = next++) {
          await computeOne(requester, index);
          completed++;
        }
      }),
    );
  } finally {
    clearInterval(progress);
    stopWatching();
  }
  const spanMs = performance.now() - startedAt;

  for (const request of requests) {
    const { result } = await client.datashare.getComputeResult({ tx: request });
    if (result?.outcome.status !== "ok") throw new BenchFailure(`compute ${request}: ${JSON.stringify(result?.outcome)}`);
  }
  const last = await client.datashare.getComputeResult({ tx: requests[requests.length - 1]! });
  const { codeHash } = await client.contracts.getContract({ name: computeModel });
  verifyLast(parameters.suite, parameters.chainId, last, codeHash);

  const summary = summariseLatencies(latencies);
  log("workflow: computes done", { computes: parameters.computes, spanMs: round(spanMs, 0), p50Ms: round(summary.p50Ms, 1), maxMs: round(summary.maxMs, 1) });
  return { computes: parameters.computes, computePerS: (parameters.computes * 1000) / spanMs, p50Ms: summary.p50Ms, p99Ms: summary.p99Ms };
}

function verifyLast(suiteId: "intl" | "gm", chainId: string, compute: ComputeRecord, codeHash: string): void {
  try {
    datashare.verifyComputeResult({ suite: getSuite(suiteId), chainId, compute, codeHash });
  } catch (error) {
    throw new BenchFailure(`the result of compute ${compute.tx} does not verify offline: ${(error as Error).message}`);
  }
}

