import { drawWinnersViewSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import type { DrawWinnersView } from "./types.ts";
import { requireIdentifier } from "./validation.ts";

export type GetDrawWinnersParameters = { readonly drawId: string; readonly signal?: AbortSignal };
export type GetDrawWinnersReturnType = DrawWinnersView;

/** The node's answer for a draw's winners (status waiting until the draw block is committed). verifyLotteryDraw recomputes them. */
export function getDrawWinners(client: Client, parameters: GetDrawWinnersParameters): Promise<GetDrawWinnersReturnType> {
  const drawId = requireIdentifier("evidence.draw_winners", "drawId", parameters.drawId);
  return queryAnswer(client, drawWinnersViewSchema, { module: "evidence", query: "draw_winners", parameters: { drawId }, signal: parameters.signal });
}
