import { programTotalsAnswerSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetProgramTotalsParameters = { readonly program: string; readonly height?: number } & { readonly signal?: AbortSignal };

/**
 * A program's points issued, burnt, expired and outstanding, and its outstanding liability in fen,
 * as of the newest block with a points-platform transaction (`asOf`); with `height`, as the
 * program's last change at or below that height left them.
 */
export function getProgramTotals(client: Client, parameters: GetProgramTotalsParameters) {
  return queryAnswer(client, programTotalsAnswerSchema, { module: "points", query: "program_totals", parameters: { program: parameters.program, height: parameters.height }, signal: parameters.signal });
}
