import { type ConfirmSettlementPayload, confirmSettlementPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { pointsCall } from "./payload.ts";

export type ConfirmSettlementCall = TxCall<"points", "confirm_settlement", ConfirmSettlementPayload>;

/** Confirms one payment of a settlement period: `paid` by an admin of its payer, `received` by an admin of its payee. */
export function confirmSettlement(parameters: ConfirmSettlementPayload): ConfirmSettlementCall {
  return pointsCall("confirm_settlement", confirmSettlementPayloadSchema, { period: parameters.period, payment: parameters.payment, side: parameters.side });
}
