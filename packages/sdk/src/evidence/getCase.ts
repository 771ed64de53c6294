import { type CaseAnswer, caseAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { requireCount } from "../validation.ts";
import { evidenceLimits } from "./types.ts";
import { requireFreeText } from "./validation.ts";

export type GetCaseParameters = { readonly caseNumber: string; readonly start?: number; readonly limit?: number; readonly signal?: AbortSignal };
export type { CaseEntryView } from "@kexin/core";
export type GetCaseReturnType = CaseAnswer;

/** Anchors and recording sessions filed under a case number, oldest first. */
export function getCase(client: Client, parameters: GetCaseParameters): Promise<GetCaseReturnType> {
  const context = "evidence.case";
  const caseNumber = requireFreeText(context, "caseNumber", parameters.caseNumber, evidenceLimits.caseNumberLengthMax, false);
  const start = parameters.start === undefined ? undefined : requireCount(context, "start", parameters.start, 0, Number.MAX_SAFE_INTEGER);
  const limit = parameters.limit === undefined ? undefined : requireCount(context, "limit", parameters.limit, 1, evidenceLimits.listPageMax);
  return queryAnswer(client, caseAnswerSchema, { module: "evidence", query: "case", parameters: { caseNumber, start, limit }, signal: parameters.signal });
}
