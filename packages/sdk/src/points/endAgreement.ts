import { type EndAgreementPayload, endAgreementPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { pointsCall } from "./payload.ts";

export type EndAgreementCall = TxCall<"points", "end_agreement", EndAgreementPayload>;

/** Ends an exchange agreement (or withdraws a proposal); the signer administers either program's merchant. Exchanges under it are refused from the next block. */
export function endAgreement(parameters: EndAgreementPayload): EndAgreementCall {
  return pointsCall("end_agreement", endAgreementPayloadSchema, { id: parameters.id });
}
