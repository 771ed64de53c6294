import { agreementAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetAgreementParameters = { readonly id: string } & { readonly signal?: AbortSignal };

/** One exchange agreement, proposed or active: its programs, rate, rounding, fee, settlement value, daily caps and validity. */
export function getAgreement(client: Client, parameters: GetAgreementParameters) {
  return queryAnswer(client, agreementAnswerSchema, { module: "points", query: "agreement", parameters: { id: parameters.id }, signal: parameters.signal });
}
