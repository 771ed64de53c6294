import { type CborValue, type ContractCallRecord, type ContractCallsAnswer, contractCallsLimitDefault } from "@kexin/core";
import type { StateRead, TxContext } from "../../execution/interface.ts";
import { type PagedList, countedPagedList, listPageEntries, pagedListReader, readCounter } from "../../execution/pagedList.ts";
import type { StoredContract } from "./registry.ts";

/*
 * Each contract's calls, in the module's derived index: a list per contract, appended to by every
 * successful `contracts.call` and read newest first by the `calls` query. Being derived from the
 * executed transactions it stays out of the app hash and is rebuilt with the rest of the index;
 * nothing read from it ever decides a call's result.
 */

const callCountKey = (contract: string): string => `calls/${contract}/count`;

function callList(contract: string): PagedList {
  return { pageEntries: listPageEntries, pageKey: (page) => `calls/${contract}/page/${page}` };
}

/** A call as its page stores it: the fields in a fixed order, a list being smaller and quicker to encode than a map. */
type StoredCall = readonly [txHash: string, height: number, method: string, caller: string, version: number, codeHash: string, gasUsed: number];

/** Appends a successful call at the end of the block; a failed transaction's appends are dropped with it. */
export function recordCall(context: TxContext, contract: StoredContract, method: string, gasUsed: number): void {
  const entry: StoredCall = [context.tx.hash, context.block.height, method, context.caller.address, contract.version, contract.codeHash, gasUsed];
  context.index.append(countedPagedList(callCountKey(contract.name), callList(contract.name)), entry as unknown as CborValue);
}

/** The contract's newest `limit` calls, newest first, and how many it has had. */
export function readCalls(index: StateRead, contract: string, limit = contractCallsLimitDefault): ContractCallsAnswer {
  const total = readCounter(index, callCountKey(contract));
  const entryAt = pagedListReader<StoredCall>(index, callList(contract));
  const calls: ContractCallRecord[] = [];
  for (let position = total - 1; position >= 0 && calls.length < limit; position--) {
    const [txHash, height, method, caller, version, codeHash, gasUsed] = entryAt(position);
    calls.push({ txHash, height, method, caller, version, codeHash, gasUsed });
  }
  return { total, calls };
}
