import {
  type CborValue,
  type ComputeRecord,
  type ComputeResultPayload,
  type CryptoSuite,
  type DatasetRecord,
  checkGroupSizes,
  computePayloadSchema,
  computeResultPayloadSchema,
  computeResultSigningBytes,
  integersOnly,
  contractsModuleName,
  datashareError,
  fromHex,
  toHex,
} from "@kexin/core";
import { type ReadContext, type StateRead, defineTxType } from "../../execution/interface.ts";
import { readContract } from "../contracts/index.ts";
import { type Account, identityModuleName, readNodeOrganisation, requireRegistered } from "../identity/index.ts";
import { chargeUse } from "./access.ts";
import { requireDataset } from "./catalogue.ts";
import { datashareKeys } from "./keys.ts";
import { appendToAccessLists, datashareLists } from "./lists.ts";
import { requireSharedRecord } from "./records.ts";

export function readComputeRecord(state: StateRead, tx: string): ComputeRecord | undefined {
  return state.get(datashareKeys.compute(tx)) as unknown as ComputeRecord | undefined;
}

function requireComputeRecord(state: StateRead, tx: string): ComputeRecord {
  const record = readComputeRecord(state, tx);
  if (record === undefined) throw datashareError("DATASHARE_COMPUTE_NOT_FOUND", `no committed compute request ${tx}`, { request: tx });
  return record;
}

/** The model: a read-only method of an approved, active contract; its code hash is what the owner's node must run. */
function requireModel(context: ReadContext, name: string, method: string): string {
  const contract = readContract(context.readModule(contractsModuleName), name);
  if (contract === undefined) throw datashareError("DATASHARE_COMPUTE_MODEL_NOT_APPROVED", `no approved contract "${name}"; a model must be proposed and approved first`, { contract: name });
  if (contract.status === "frozen") throw datashareError("DATASHARE_COMPUTE_MODEL_FROZEN", `contract "${name}" is frozen`, { contract: name });
  const declared = Object.hasOwn(contract.methods, method) ? contract.methods[method] : undefined;
  // The owner's node runs the model off the consensus path, where nothing it writes could be kept.
  if (declared?.readOnly !== true) throw datashareError("DATASHARE_COMPUTE_MODEL_NOT_READ_ONLY", `${name}.${method} is not a declared read-only method`, { contract: name, method });
  return contract.codeHash;
}

/** The records read, and their subjects in the order first met (each once), for the subjects' audit lists. */
function requireRecordsOf(state: StateRead, dataset: DatasetRecord, records: readonly string[]): { readonly read: ComputeRecord["records"]; readonly subjects: readonly string[] } {
  const subjects = new Set<string>();
  const read = records.map((id) => {
    const record = requireSharedRecord(state, id);
    if (record.dataset !== dataset.id) throw datashareError("DATASHARE_COMPUTE_RECORD_NOT_IN_DATASET", `record "${id}" is in dataset "${record.dataset}", not "${dataset.id}"`, { record: id, dataset: dataset.id });
    subjects.add(record.subject);
    return { id, hash: record.hash };
  });
  return { read, subjects: [...subjects] };
}

const registeredByContext = new WeakMap<ReadContext, Account>();

export const compute = defineTxType({
  description: "A member asks the owner's node to run an approved read-only model over records of a dataset: checks grant, expiry, quota and credits as an access does; only the result is ever posted.",
  schema: computePayloadSchema,
  costUnits: 10,
  authorise: (context) => {
    registeredByContext.set(context, requireRegistered(context));
  },
  execute: (context, payload) => {
    const requester = registeredByContext.get(context) ?? requireRegistered(context);
    const codeHash = requireModel(context, payload.contract, payload.method);
    const dataset = requireDataset(context.state, payload.dataset);
    const { read: records, subjects } = requireRecordsOf(context.state, dataset, payload.records);
    const { price } = chargeUse(context, requester, dataset);
    const tx = context.tx.hash;
    const record: ComputeRecord = {
      tx,
      requester: context.caller.address,
      organisation: requester.org,
      dataset: dataset.id,
      owner: dataset.owner,
      contract: payload.contract,
      method: payload.method,
      codeHash,
      records,
      purpose: payload.purpose,
      height: context.block.height,
      price,
      ...(dataset.groupSizeMin === undefined ? {} : { groupSizeMin: dataset.groupSizeMin }),
    };
    context.state.set(datashareKeys.compute(tx), record as unknown as CborValue);
    context.state.set(datashareKeys.computePending(tx), dataset.owner);
    // Audited where an access is: the dataset's, the requesting department's and account's lists, and each subject's whose records the model reads.
    appendToAccessLists(context, [tx, context.block.time, "compute"], [
      datashareLists.datasetAccesses(dataset.id),
      datashareLists.organisationAccesses(requester.org),
      datashareLists.requesterAccesses(context.caller.address),
      ...subjects.map((subject) => datashareLists.subjectAccesses(dataset.owner, subject)),
    ]);
    context.emit("compute_requested", { dataset: dataset.id, owner: dataset.owner, contract: payload.contract, method: payload.method, records: records.length, price });
  },
});

/** The request, checked to be awaiting a result and to be answered by a node key of its dataset's owner. */
function requireAnswerable(context: ReadContext, request: string): ComputeRecord {
  const record = requireComputeRecord(context.state, request);
  const signer = toHex(context.caller.publicKey);
  const organisation = readNodeOrganisation(context.readModule(identityModuleName), signer);
  if (organisation !== record.owner) {
    throw datashareError("DATASHARE_COMPUTE_NOT_OWNER_NODE", `only a node key registered by "${record.owner}" posts the result of compute ${request}; ${signer} is ${organisation === undefined ? "no registered node key" : `a node of "${organisation}"`}`, {
      request,
      owner: record.owner,
    });
  }
  if (record.result !== undefined) throw datashareError("DATASHARE_COMPUTE_RESULT_EXISTS", `compute ${request} has its result already (height ${record.result.height})`, { request });
  return record;
}

export function createComputeResultTxType(suite: CryptoSuite, chainId: string) {
  return defineTxType({
    description: "The owner's node posts a compute's result (or why there is none), signed with its node key over the model's code hash, the records read and the result; once per request.",
    schema: computeResultPayloadSchema,
    costUnits: 10,
    authorise: (context, payload) => {
      requireAnswerable(context, payload.request);
    },
    execute: (context, untyped) => {
      const payload = untyped as unknown as ComputeResultPayload;
      const record = requireAnswerable(context, payload.request);
      const { outcome } = payload;
      if (outcome.status === "ok") {
        if (!integersOnly(outcome.value)) throw datashareError("DATASHARE_COMPUTE_RESULT_INVALID", "a compute result holds integers and strings, never floats", { request: payload.request });
        // The floor is the dataset's rule, so the chain holds a posted result to it as the owner's node does.
        const tooSmall = checkGroupSizes(outcome.value, record.groupSizeMin);
        if (tooSmall !== undefined) throw tooSmall;
      }
      const signed = context.caller.publicKey;
      if (!suite.verify(signed, computeResultSigningBytes(chainId, record, outcome), fromHex(payload.signature))) {
        throw datashareError("DATASHARE_COMPUTE_RESULT_INVALID", `the signature does not cover compute ${payload.request}'s code hash, records and this outcome under the sender's key`, { request: payload.request });
      }
      const result = { outcome, publicKey: toHex(signed), signature: payload.signature, height: context.block.height, tx: context.tx.hash };
      context.state.set(datashareKeys.compute(payload.request), { ...record, result } as unknown as CborValue);
      context.state.delete(datashareKeys.computePending(payload.request));
      context.emit("compute_result", { request: payload.request, status: outcome.status, ...(outcome.status === "refused" ? { code: outcome.code } : {}) });
    },
  });
}
