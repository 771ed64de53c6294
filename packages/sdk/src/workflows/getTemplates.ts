import { templatesAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetTemplatesParameters = { readonly start?: number; readonly limit?: number } & { readonly signal?: AbortSignal };

/** The workflow templates in the order proposed, a page at a time (`next` starts the following page). */
export function getTemplates(client: Client, parameters: GetTemplatesParameters = {}) {
  return queryAnswer(client, templatesAnswerSchema, { module: "workflows", query: "templates", parameters: { start: parameters.start, limit: parameters.limit }, signal: parameters.signal });
}
