import { applicationsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetApplicationsParameters = ({ readonly applicant: string; readonly subject?: undefined } | { readonly subject: string; readonly applicant?: undefined }) & { readonly start?: number; readonly limit?: number; readonly signal?: AbortSignal };

/** The applications of an applicant's account or of a subject reference, in the order filed, a page at a time. */
export function getApplications(client: Client, parameters: GetApplicationsParameters) {
  return queryAnswer(client, applicationsAnswerSchema, {
    module: "workflows",
    query: "applications",
    parameters: { applicant: parameters.applicant, subject: parameters.subject, start: parameters.start, limit: parameters.limit },
    signal: parameters.signal,
  });
}
