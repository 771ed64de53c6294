import { type ExchangePayload, exchangePayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { pointsCall } from "./payload.ts";

export type ExchangeCall = TxCall<"points", "exchange", ExchangePayload>;

/** Exchanges `amount` points of an agreement's source program (fee included) for points of its target program; getExchangeQuote tells what it gives first. */
export function exchange(parameters: ExchangePayload): ExchangeCall {
  return pointsCall("exchange", exchangePayloadSchema, { agreement: parameters.agreement, amount: parameters.amount });
}
