import { buffer } from "node:stream/consumers";
import {
  type CborValue,
  type ComputeOutcome,
  type ComputeRecord,
  ContractError,
  KexinError,
  addressOf,
  checkGroupSizes,
  contractsModuleName,
  datashareError,
  decodeTxResult,
  TxStatus,
  datashareModuleName,
  encodeCanonical,
  integersOnly,
  openRecordFields,
  signComputeResult,
  signTx,
  toHex,
} from "@kexin/core";
import type { ApiContext } from "../../api/context.ts";
import type { BlobStore } from "../../blobs/index.ts";
import { readContract } from "../contracts/index.ts";
import { identityModuleName, readNodeOrganisation } from "../identity/index.ts";
import { readComputeRecord } from "./compute.ts";
import type { ComputeKeys } from "./computeKeys.ts";
import { datashareKeys } from "./keys.ts";
import type { DataKeyStore } from "./keyStore.ts";

/** How often the worker looks for new committed blocks. */
const computePollIntervalMs = 100;
/** Pending requests read per look; the rest wait for the next. */
const computePendingPerPollMax = 64;
/** Blocks a posted result stays valid for admission. */
const computeResultExpiryBlocks = 1_000;
/** Blocks after which a result neither committed nor waiting in the mempool is posted again. */
const computeResultLostBlocks = 20;
/** Results posted per request, the first included, before the worker gives up and leaves it pending. */
const computeResultAttemptsMax = 3;

/** A result this node posted for a request still pending on chain. */
interface PostedResult {
  readonly hash: Uint8Array;
  readonly height: number;
  readonly attempts: number;
}

export interface ComputeWorkerDependencies {
  readonly api: ApiContext;
  readonly blobs: BlobStore;
  readonly keys: DataKeyStore;
  readonly computeKeys: ComputeKeys;
  readonly submit: (tx: Uint8Array) => Promise<void>;
}

/**
 * The owner's side of compute-to-data, off the consensus path: after each committed block it reads
 * the compute requests awaiting a result, and for those of an organisation whose registered node
 * key it holds, decrypts the records, runs the model (the contract's read-only method, in the
 * contract sandbox, within the chain's call gas limit) and posts the result, or the refusal with
 * its code, in a compute_result transaction signed with that key. Only the result leaves the node.
 */
export class ComputeWorker {
  private readonly timer: NodeJS.Timeout;
  /** Requests answered and not yet seen answered on chain, so none is answered twice while its result is on the way. */
  private readonly posted = new Map<string, PostedResult>();
  private seenHeight = -1;
  private polling = false;
  private readonly log;

  constructor(private readonly dependencies: ComputeWorkerDependencies) {
    this.log = dependencies.api.logger.child({ module: "datashare-compute" });
    this.timer = setInterval(() => void this.poll(), computePollIntervalMs);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    const height = this.dependencies.api.store.head()?.height ?? 0;
    if (this.polling || height === this.seenHeight) return;
    this.polling = true;
    try {
      this.seenHeight = height;
      const state = this.dependencies.api.executor.readCommitted(datashareModuleName);
      const pending = state.list(datashareKeys.computePendingPrefix, computePendingPerPollMax).map((entry) => entry.key.slice(datashareKeys.computePendingPrefix.length));
      for (const request of this.posted.keys()) if (!pending.includes(request)) this.posted.delete(request);
      for (const request of pending) {
        const posted = this.posted.get(request);
        if (posted !== undefined && !this.answerAgain(request, posted, height)) continue;
        const record = readComputeRecord(state, request);
        if (record !== undefined) await this.answer(record, (posted?.attempts ?? 0) + 1);
      }
    } catch (error) {
      this.log.warn({ err: error }, "compute worker could not read pending requests");
    } finally {
      this.polling = false;
    }
  }

  /**
   * Whether a request this node answered, and still pending on chain, is to be answered again: its
   * result was refused at execution (logged with the code), or was lost (neither committed nor in
   * the mempool for some blocks). After the last attempt the request is left pending, logged once.
   */
  private answerAgain(request: string, posted: PostedResult, height: number): boolean {
    const { store, mempool } = this.dependencies.api;
    const resultBytes = store.getResult(posted.hash);
    const committed = resultBytes === undefined ? undefined : decodeTxResult(resultBytes);
    // Committed and accepted: the pending list read before the block that holds it.
    if (committed?.status === TxStatus.ok) return false;
    const refused = committed;
    const lost = refused === undefined && height - posted.height >= computeResultLostBlocks && !mempool.has(toHex(posted.hash));
    if (refused === undefined && !lost) return false;
    const reason = refused === undefined ? { lost: true } : { code: refused.code, message: refused.message };
    if (posted.attempts >= computeResultAttemptsMax) {
      if (posted.attempts === computeResultAttemptsMax) this.log.error({ request, attempts: posted.attempts, ...reason }, "compute result not accepted; the request stays pending");
      // Marked so the error is logged once; the request is not answered again by this process.
      this.posted.set(request, { ...posted, attempts: posted.attempts + 1 });
      return false;
    }
    this.log.warn({ request, tx: toHex(posted.hash), attempt: posted.attempts, ...reason }, "compute result not accepted; posting it again");
    return true;
  }

  /** Answers the request when this node holds a registered node key of its owner; leaves it to the owner's other nodes otherwise. */
  private async answer(record: ComputeRecord, attempts: number): Promise<void> {
    const { api, computeKeys, submit } = this.dependencies;
    const privateKey = await computeKeys.get(record.owner);
    if (privateKey === undefined) return;
    const publicKey = api.suite.publicKeyOf(privateKey);
    if (readNodeOrganisation(api.executor.readCommitted(identityModuleName), toHex(publicKey)) !== record.owner) return;
    const outcome = await this.run(record);
    const signature = signComputeResult(api.suite, privateKey, api.chainId, record, outcome);
    const nonce = api.mempool.nextNonce(addressOf(api.suite, publicKey));
    const expiry = (api.store.head()?.height ?? 0) + computeResultExpiryBlocks;
    const signed = signTx(api.suite, privateKey, { chainId: api.chainId, nonce, module: datashareModuleName, type: "compute_result", payload: { request: record.tx, outcome: outcome as unknown as CborValue, signature }, expiry });
    this.log.info({ request: record.tx, dataset: record.dataset, status: outcome.status, tx: toHex(signed.hash) }, "posting a compute result");
    this.posted.set(record.tx, { hash: signed.hash, height: api.store.head()?.height ?? 0, attempts });
    try {
      await submit(signed.bytes);
    } catch (error) {
      // Answered again after the next block.
      this.posted.delete(record.tx);
      this.log.warn({ err: error, request: record.tx }, "could not submit a compute result");
    }
  }

  /** The model's value over the decrypted records, or the refusal: a record this node cannot open, the model's failure, the privacy floor. */
  private async run(record: ComputeRecord): Promise<ComputeOutcome> {
    try {
      const records = await Promise.all(record.records.map((item) => this.decrypt(item.id, item.hash)));
      // A record's JSON may hold fractions its schema allows; the sandbox takes integers only, as from a transaction.
      const withFloat = record.records.find((_item, index) => !integersOnly(records[index]));
      if (withFloat !== undefined) throw new ContractError({ code: "CONTRACT_FLOAT_REFUSED", contract: record.contract }, `record "${withFloat.id}" holds a number that is not a safe integer; only integers cross the contract boundary`);
      const value = await this.runModel(record, records);
      const tooSmall = checkGroupSizes(value, record.groupSizeMin);
      if (tooSmall !== undefined) throw tooSmall;
      return { status: "ok", value };
    } catch (error) {
      if (!(error instanceof KexinError)) throw error;
      return { status: "refused", code: (error.type as { code: string }).code, message: error.message.slice(0, 512) };
    }
  }

  private async decrypt(id: string, hash: string): Promise<CborValue> {
    const { api, keys, blobs } = this.dependencies;
    const held = await keys.get(id);
    const blob = held?.hash === hash ? await blobs.read(hash) : undefined;
    if (held === undefined || blob === undefined) throw datashareError("DATASHARE_KEY_NOT_HELD", `this node holds no data key or ciphertext of record "${id}"`, { record: id });
    return openRecordFields(api.suite, id, new Uint8Array(await buffer(blob.stream)), { dataKey: held.dataKey }).value as CborValue;
  }

  /** Runs the method through the contracts service's read-only query, the same sandbox and gas limit as any query; a code that changed since the request is refused. */
  private async runModel(record: ComputeRecord, records: readonly CborValue[]): Promise<CborValue> {
    const { api } = this.dependencies;
    const contracts = api.executor.readCommitted(contractsModuleName);
    const current = readContract(contracts, record.contract)?.codeHash;
    if (current !== record.codeHash) {
      throw datashareError("DATASHARE_COMPUTE_MODEL_NOT_APPROVED", `contract "${record.contract}" no longer runs code ${record.codeHash}, the code the request named`, { contract: record.contract });
    }
    const query = api.registry.resolveQuery(contractsModuleName, "query");
    if (query === undefined) throw datashareError("DATASHARE_COMPUTE_MODEL_NOT_APPROVED", "this chain runs no contracts");
    await api.executor.ready(() => []);
    const head = api.store.head();
    const parameters = { contract: record.contract, method: record.method, args: toHex(encodeCanonical({ records: [...records] })) };
    const blocks = { height: head?.height ?? 0, time: head?.time ?? 0, blockHash: () => undefined };
    const answer = query.definition.run(contracts, parameters, (other) => api.executor.readCommitted(other), blocks, api.executor.readCommittedIndex(contractsModuleName)) as { value: CborValue };
    return answer.value;
  }
}
