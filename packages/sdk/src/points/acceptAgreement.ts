import { type AcceptAgreementPayload, acceptAgreementPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { pointsCall } from "./payload.ts";

export type AcceptAgreementCall = TxCall<"points", "accept_agreement", AcceptAgreementPayload>;

/** Accepts a proposed exchange agreement as it stands on chain; the signer administers the merchant that did not propose it. */
export function acceptAgreement(parameters: AcceptAgreementPayload): AcceptAgreementCall {
  return pointsCall("accept_agreement", acceptAgreementPayloadSchema, { id: parameters.id });
}
