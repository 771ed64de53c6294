import type { TxCall } from "../call.ts";
import { traceLimits } from "./types.ts";
import { requireBoundedText, requireGtin, requireLot } from "./validation.ts";

export type RecallParameters = {
  readonly gtin: string;
  /** Without a lot, every lot of the product is recalled. */
  readonly lot?: string;
  readonly reason: string;
};
export type RecallPayload = { readonly gtin: string; readonly lot?: string; readonly reason: string };
export type RecallCall = TxCall<"trace", "recall", RecallPayload>;

/** Recalls a product or one lot; lookups of its units are flagged RECALLED. The signer needs the `regulator` role. */
export function recall(parameters: RecallParameters): RecallCall {
  const context = "trace.recall";
  const gtin = requireGtin(context, "gtin", parameters.gtin);
  return {
    module: "trace",
    type: "recall",
    payload: {
      gtin,
      ...(parameters.lot === undefined ? {} : { lot: requireLot(context, "lot", parameters.lot, gtin) }),
      reason: requireBoundedText(context, "reason", parameters.reason, traceLimits.textLengthMax),
    },
  };
}
