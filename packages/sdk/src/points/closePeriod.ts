import { type ClosePeriodPayload, closePeriodPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { pointsCall } from "./payload.ts";

export type ClosePeriodCall = TxCall<"points", "close_period", ClosePeriodPayload>;

/** Closes the current settlement period: what programs came to owe each other since the previous close is netted into payments. The signer is any organisation's admin. */
export function closePeriod(): ClosePeriodCall {
  return pointsCall("close_period", closePeriodPayloadSchema, {});
}
