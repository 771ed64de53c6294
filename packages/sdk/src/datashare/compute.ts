import { type ComputePayload, computePayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { datashareCall } from "./payload.ts";

export type ComputeCall = TxCall<"datashare", "compute", ComputePayload>;

/**
 * Asks the dataset owner's node to run an approved read-only model over records of the dataset:
 * the chain checks the grant and moves the price as for an access; the owner's node posts only
 * the result (getComputeResult), and no data key is ever released for the request.
 */
export function compute(parameters: ComputePayload): ComputeCall {
  return datashareCall("compute", computePayloadSchema, { ...parameters, records: [...parameters.records] });
}
