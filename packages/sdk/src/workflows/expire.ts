import { type ExpirePayload, expirePayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { workflowsCall } from "./payload.ts";

export type ExpireCall = TxCall<"workflows", "expire", ExpirePayload>;

/** Closes an application that expired by the block's time, clearing what of it awaited the departments; any registered account may send it. */
export function expire(parameters: ExpirePayload): ExpireCall {
  return workflowsCall("expire", expirePayloadSchema, { application: parameters.application });
}
