import { type CborValue, type ContractCallRecord, type ContractCallsAnswer, ContractError, contractCallsLimitDefault } from "@kexin/core";
import type { DeferredList, FailureContext, StateRead, TxContext, TxFailure } from "../../execution/interface.ts";
import { type PagedList, countedPagedList, listPageEntries, pagedListReader, readCounter } from "../../execution/pagedList.ts";
import { type StoredContract, readContract } from "./registry.ts";

/*
 * Each contract's calls, in the module's derived index: a list per contract, appended to by every
 * `contracts.call` (a failed one through the transaction type's failure hook, with its code) and
 * read newest first by the `calls` query. Being derived from the executed transactions it stays
 * out of the app hash and is rebuilt with the rest of the index; nothing read from it ever
 * decides a call's result.
 */

const callCountKey = (contract: string): string => `calls/${contract}/count`;

function callList(contract: string): PagedList {
  return { pageEntries: listPageEntries, pageKey: (page) => `calls/${contract}/page/${page}` };
}

/**
 * A call as its page stores it: the fields in a fixed order, a list being smaller and quicker to
 * encode than a map. A failed call adds its code; a successful one has none, as before failures
 * were listed, so entries written then read the same.
 */
type StoredCall = readonly [txHash: string, height: number, method: string, caller: string, version: number, codeHash: string, gasUsed: number, failureCode?: string];

/** Each contract's deferred call list, made once: every call of every block appends to it. */
const callListsByContract = new Map<string, DeferredList>();
const callListsCachedMax = 1_024;

function deferredCallList(contract: string): DeferredList {
  let list = callListsByContract.get(contract);
  if (list === undefined) {
    if (callListsByContract.size >= callListsCachedMax) callListsByContract.clear();
    list = countedPagedList(callCountKey(contract), callList(contract));
    callListsByContract.set(contract, list);
  }
  return list;
}

function appendCall(context: TxContext | FailureContext, contract: StoredContract, entry: StoredCall): void {
  context.index.append(deferredCallList(contract.name), entry as unknown as CborValue);
}

/** Appends a successful call at the end of the block; a failed transaction's appends are dropped with it. */
export function recordCall(context: TxContext, contract: StoredContract, method: string, gasUsed: number): void {
  appendCall(context, contract, [context.tx.hash, context.block.height, method, context.caller.address, contract.version, contract.codeHash, gasUsed]);
}

/**
 * Appends a failed call with its code, from the call type's failure hook. A call to a name no
 * contract has is not listed anywhere. The version and code hash are those the call would have
 * run, as state stood before it.
 */
export function recordFailedCall(context: FailureContext, payload: { readonly contract: string; readonly method: string }, failure: TxFailure): void {
  const contract = readContract(context.state, payload.contract);
  if (contract === undefined) return;
  const gasUsed = failure.error instanceof ContractError ? (failure.error.type.gasUsed ?? 0) : 0;
  appendCall(context, contract, [context.tx.hash, context.block.height, payload.method, context.caller.address, contract.version, contract.codeHash, gasUsed, failure.code]);
}

/** The contract's newest `limit` calls, newest first, and how many it has had. */
export function readCalls(index: StateRead, contract: string, limit = contractCallsLimitDefault): ContractCallsAnswer {
  const total = readCounter(index, callCountKey(contract));
  const entryAt = pagedListReader<StoredCall>(index, callList(contract));
  const calls: ContractCallRecord[] = [];
  for (let position = total - 1; position >= 0 && calls.length < limit; position--) {
    const [txHash, height, method, caller, version, codeHash, gasUsed, failureCode] = entryAt(position);
    calls.push({ txHash, height, method, caller, version, codeHash, gasUsed, status: failureCode === undefined ? "ok" : "failed", code: failureCode ?? "" });
  }
  return { total, calls };
}
