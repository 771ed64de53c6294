import { applicationAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetApplicationParameters = { readonly id: string } & { readonly signal?: AbortSignal };

/** An application's progress at the newest block: status, each step's attestation (who, when, outcome, reason) or state, what is missing, why it was refused. */
export function getApplication(client: Client, parameters: GetApplicationParameters) {
  return queryAnswer(client, applicationAnswerSchema, { module: "workflows", query: "application", parameters: { id: parameters.id }, signal: parameters.signal });
}
