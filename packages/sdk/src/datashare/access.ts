import { type AccessPayload, accessPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { datashareCall } from "./payload.ts";

export type AccessCall = TxCall<"datashare", "access", AccessPayload>;

/** Reads a record (or a subject's records of a dataset) for a purpose: the chain checks the grant and moves the price in credits. */
export function access(parameters: AccessPayload): AccessCall {
  return datashareCall("access", accessPayloadSchema, { ...parameters });
}
