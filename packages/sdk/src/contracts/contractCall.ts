import type { CborValue } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { requireContractName, requireContractValue, requireGasLimit, requireMethodName } from "./validation.ts";

export type ContractCallParameters = {
  readonly contract: string;
  readonly method: string;
  /** The method's argument object (checked against its declared schema on chain); integers only. */
  readonly args?: unknown;
  /** At most the chain's callGasMax. */
  readonly gasLimit: number;
};
export type ContractCallPayload = { readonly contract: string; readonly method: string; readonly args: CborValue; readonly gasLimit: number };
export type ContractCallCall = TxCall<"contracts", "call", ContractCallPayload>;

/** The transaction calling a contract's method; callContract signs, sends it and waits for its answer. */
export function contractCall(parameters: ContractCallParameters): ContractCallCall {
  const context = "contracts.call";
  return {
    module: "contracts",
    type: "call",
    payload: {
      contract: requireContractName(context, "contract", parameters.contract),
      method: requireMethodName(context, "method", parameters.method),
      args: requireContractValue(context, "args", parameters.args ?? {}),
      gasLimit: requireGasLimit(context, parameters.gasLimit),
    },
  };
}
