import { creditsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetCreditsParameters = { readonly organisation: string } & { readonly signal?: AbortSignal };

/** An organisation's credit balance. */
export function getCredits(client: Client, parameters: GetCreditsParameters) {
  return queryAnswer(client, creditsAnswerSchema, { module: "datashare", query: "credits", parameters: { organisation: parameters.organisation }, signal: parameters.signal });
}
