import { LotteryError, fromHex, validateDrawRegistration } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { invalidParameter } from "../errors.ts";
import { requireHash } from "../validation.ts";
import { evidenceLimits } from "./types.ts";

export type RegisterDrawParameters = {
  readonly drawId: string;
  /** core's participantsRoot(suite, ids) of the published list, as hex. */
  readonly participantsRoot: string;
  readonly participantCount: number;
  readonly winnerCount: number;
  readonly rulesText: string;
  /** The height whose block hash decides the draw: at least 10 blocks above the height it is committed at. */
  readonly drawHeight: number;
};
export type RegisterDrawPayload = RegisterDrawParameters;
export type RegisterDrawCall = TxCall<"evidence", "register_draw", RegisterDrawPayload>;

/** Registers a notarised draw (公证摇号); the signer needs the notary role. */
export function registerDraw(parameters: RegisterDrawParameters): RegisterDrawCall {
  const context = "evidence.register_draw";
  const participantsRoot = requireHash(context, "participantsRoot", parameters.participantsRoot);
  const payload: RegisterDrawPayload = {
    drawId: parameters.drawId,
    participantsRoot,
    participantCount: parameters.participantCount,
    winnerCount: parameters.winnerCount,
    rulesText: parameters.rulesText,
    drawHeight: parameters.drawHeight,
  };
  try {
    validateDrawRegistration({ ...payload, participantsRoot: fromHex(participantsRoot) });
  } catch (error) {
    const type = error instanceof LotteryError ? error.type : undefined;
    if (type?.code === "LOTTERY_DRAW_FIELD") throw invalidParameter(context, type.field, type.reason);
    throw error;
  }
  if (payload.winnerCount > evidenceLimits.winnersPerDrawMax) {
    throw invalidParameter(context, "winnerCount", `must be at most ${evidenceLimits.winnersPerDrawMax}, the node's bound on one draw's winners`);
  }
  return { module: "evidence", type: "register_draw", payload };
}
