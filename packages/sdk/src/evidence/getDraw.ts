import { drawViewSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import type { DrawView } from "./types.ts";
import { requireIdentifier } from "./validation.ts";

export type GetDrawParameters = { readonly drawId: string; readonly signal?: AbortSignal };
export type GetDrawReturnType = DrawView;

/** A registered draw and whether its draw block exists yet; ApiError NOT_FOUND (404) for an unknown draw. */
export function getDraw(client: Client, parameters: GetDrawParameters): Promise<GetDrawReturnType> {
  const drawId = requireIdentifier("evidence.draw", "drawId", parameters.drawId);
  return queryAnswer(client, drawViewSchema, { module: "evidence", query: "draw", parameters: { drawId }, signal: parameters.signal });
}
