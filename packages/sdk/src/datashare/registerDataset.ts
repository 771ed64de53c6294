import { type RegisterDatasetPayload, registerDatasetPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { datashareCall } from "./payload.ts";

export type RegisterDatasetCall = TxCall<"datashare", "register_dataset", RegisterDatasetPayload>;

/** Registers a dataset owned by the signer's organisation (the signer must be its admin); the record schema is JSON Schema text. */
export function registerDataset(parameters: RegisterDatasetPayload): RegisterDatasetCall {
  return datashareCall("register_dataset", registerDatasetPayloadSchema, { ...parameters, title: { ...parameters.title } });
}
