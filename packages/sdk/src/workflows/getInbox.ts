import { inboxAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetInboxParameters = { readonly organisation: string; readonly start?: number; readonly limit?: number } & { readonly signal?: AbortSignal };

/** What awaits an organisation's signature: steps ready to attest and decisions to issue, by application id, a page at a time. */
export function getInbox(client: Client, parameters: GetInboxParameters) {
  return queryAnswer(client, inboxAnswerSchema, { module: "workflows", query: "inbox", parameters: { organisation: parameters.organisation, start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
