import { type PublishRecordPayload, publishRecordPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { datashareCall } from "./payload.ts";

export type PublishRecordCall = TxCall<"datashare", "publish_record", PublishRecordPayload>;

/** Publishes an encrypted record (shareRecord prepares it): its ciphertext's hash and size and its keyed subject reference. */
export function publishRecord(parameters: PublishRecordPayload): PublishRecordCall {
  return datashareCall("publish_record", publishRecordPayloadSchema, { ...parameters });
}
