import { type ProposeAgreementPayload, proposeAgreementPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { pointsCall } from "./payload.ts";

export type ProposeAgreementCall = TxCall<"points", "propose_agreement", ProposeAgreementPayload>;

/** Proposes an exchange agreement from one program to another; the signer administers either program's merchant, and an admin of the other accepts (acceptAgreement). */
export function proposeAgreement(parameters: ProposeAgreementPayload): ProposeAgreementCall {
  return pointsCall("propose_agreement", proposeAgreementPayloadSchema, { ...parameters, rate: { ...parameters.rate }, fee: { ...parameters.fee } });
}
