import type { TxCall } from "../call.ts";
import { requireAddress, requirePositiveAmount } from "../validation.ts";

export type IssuePayload = { readonly to: string; readonly amount: number };
export type IssueCall = TxCall<"points", "issue", IssuePayload>;

/** Issues the signer's organisation's points to `to`; the signer needs the `merchant` role. */
export function issue(parameters: IssuePayload): IssueCall {
  const context = "points.issue";
  return {
    module: "points",
    type: "issue",
    payload: {
      to: requireAddress(context, "to", parameters.to),
      amount: requirePositiveAmount(context, "amount", parameters.amount),
    },
  };
}
