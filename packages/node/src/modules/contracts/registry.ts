import type { ContractDetail, ContractSummary } from "@kexin/core";
import type { StateRead, StateWrite } from "../../execution/interface.ts";
import { contractError } from "./errors.ts";
import { contractsKeys } from "./keys.ts";

/** A contract as stored: its summary and its declared methods. */
export type StoredContract = ContractDetail;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export function readContract(state: StateRead, name: string): StoredContract | undefined {
  return state.get(contractsKeys.contract(name)) as unknown as StoredContract | undefined;
}

export function listContracts(state: StateRead, limit: number): StoredContract[] {
  return state.list(contractsKeys.contractPrefix, limit).map((entry) => entry.value as unknown as StoredContract);
}

export function summaryOf(contract: StoredContract): ContractSummary {
  return { name: contract.name, status: contract.status, codeHash: contract.codeHash, version: contract.version, policy: contract.policy, activatedAt: contract.activatedAt };
}

/** An active contract, or the refusal saying why it cannot run: unknown, only proposed, or frozen. */
export function requireCallable(state: StateRead, name: string): StoredContract {
  const contract = readContract(state, name);
  if (contract === undefined) {
    if (state.get(contractsKeys.pendingName(name)) !== undefined) throw contractError("CONTRACT_NOT_ACTIVE", `contract "${name}" is proposed but not approved yet`, { contract: name });
    throw contractError("CONTRACT_NOT_FOUND", `no contract "${name}"`, { contract: name });
  }
  if (contract.status === "frozen") throw contractError("CONTRACT_FROZEN", `contract "${name}" is frozen`, { contract: name });
  return contract;
}

/** Stores code under its hash unless the same code is already there. */
export function storeCode(state: StateWrite, codeHashHex: string, code: Uint8Array): void {
  if (state.get(contractsKeys.code(codeHashHex)) === undefined) state.set(contractsKeys.code(codeHashHex), code);
}

export function readCodeBytes(state: StateRead, codeHashHex: string): Uint8Array | undefined {
  return state.get(contractsKeys.code(codeHashHex)) as Uint8Array | undefined;
}

/** The source text of code as submitted; undefined when it is not UTF-8. */
export function codeText(code: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(code);
  } catch {
    return undefined;
  }
}

/** Source text of stored code; code is checked when it is proposed, so stored code always decodes. */
export function readCodeText(state: StateRead, codeHashHex: string): string | undefined {
  const bytes = readCodeBytes(state, codeHashHex);
  return bytes === undefined ? undefined : codeText(bytes);
}
