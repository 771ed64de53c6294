import { isContractErrorCode } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { type ApiError, SdkError } from "../errors.ts";
import { buildAndSend } from "../actions/buildAndSend.ts";
import { waitForCommit } from "../actions/waitForCommit.ts";
import type { CommittedTransactionView, JsonValue } from "../types.ts";
import type { Wallet } from "../wallet/wallet.ts";
import { type ContractCallParameters, contractCall } from "./contractCall.ts";
import { type ContractEventView, contractEvents } from "./contractEvents.ts";
import { contractResultEventType, contractsModule } from "./types.ts";

export type CallContractParameters = ContractCallParameters & {
  /** How long to wait for the commit; defaults to waitForCommit's 30 s. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
};
export type CallContractReturnType = {
  /** The method's answer in its JSON form (bytes as hex, bigints as decimal strings); null when it returned nothing. */
  readonly value: JsonValue;
  readonly events: readonly ContractEventView[];
  readonly hash: string;
  readonly height: number;
  /** Cost units charged for the transaction (the call's gas is part of them). */
  readonly cost: number;
};
/** SdkError with the CONTRACT_ code when the call failed on chain (CONTRACT_OUT_OF_GAS, CONTRACT_THREW, …); the nonce counts either way. */
export type CallContractErrorType = ApiError | SdkError;

function callFailure(view: CommittedTransactionView, contract: string, method: string): SdkError {
  const { code, message } = view.result;
  const where = `transaction ${view.hash}, block ${view.height}`;
  if (isContractErrorCode(code)) {
    return new SdkError({ code, contract, method, hash: view.hash, height: view.height }, `${contract}.${method} failed: ${message || code} (${where})`);
  }
  return new SdkError({ code: "SDK_TRANSACTION_FAILED", resultCode: code, hash: view.hash, height: view.height }, `${contract}.${method} was refused: ${message || code} (${code}, ${where})`);
}

/** The answer a successful call recorded, or null when the method returned nothing. */
export function contractCallValue(view: CommittedTransactionView): JsonValue {
  const result = view.result.events.find((event) => event.module === contractsModule && event.type === contractResultEventType);
  return result?.attributes.value ?? null;
}

/** Signs a call of a contract's method, sends it, waits for its commit and answers the method's value; a failed call throws its CONTRACT_ code. */
export async function callContract(client: Client, wallet: Wallet, parameters: CallContractParameters): Promise<CallContractReturnType> {
  const call = contractCall(parameters);
  const sent = await buildAndSend(client, wallet, call, { signal: parameters.signal });
  const view = await waitForCommit(client, { hash: sent.hash, timeoutMs: parameters.timeoutMs, signal: parameters.signal });
  if (view.result.status !== "ok") throw callFailure(view, call.payload.contract, call.payload.method);
  return { value: contractCallValue(view), events: contractEvents(view), hash: view.hash, height: view.height, cost: view.result.cost };
}
