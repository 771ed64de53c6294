import { templateRecordSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetTemplateParameters = { readonly id: string } & { readonly signal?: AbortSignal };

/** One workflow template: steps, rule, decider, hash, approvals and status. */
export function getTemplate(client: Client, parameters: GetTemplateParameters) {
  return queryAnswer(client, templateRecordSchema, { module: "workflows", query: "template", parameters: { id: parameters.id }, signal: parameters.signal });
}
