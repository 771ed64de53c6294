import type { TxCall } from "../call.ts";
import { requireAddress, requirePositiveAmount, requireText } from "../validation.ts";

export type TransferPayload = { readonly to: string; readonly program: string; readonly amount: number };
export type TransferCall = TxCall<"points", "transfer", TransferPayload>;

/** Moves `amount` points of `program` (an organisation id) from the signer to `to`. */
export function transfer(parameters: TransferPayload): TransferCall {
  const context = "points.transfer";
  return {
    module: "points",
    type: "transfer",
    payload: {
      to: requireAddress(context, "to", parameters.to),
      program: requireText(context, "program", parameters.program, 64),
      amount: requirePositiveAmount(context, "amount", parameters.amount),
    },
  };
}
