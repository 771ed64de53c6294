import type { TxCall } from "../call.ts";
import { requireCount, requireHash } from "../validation.ts";
import { requireIdentifier, requireMilliseconds } from "./validation.ts";

export type CloseSessionParameters = {
  readonly sessionId: string;
  /** The device's clock when recording stopped. */
  readonly endTimeMs: number;
  /** What the device believes it recorded; the node refuses to close when the chain differs. */
  readonly chunkCount: number;
  readonly lastLink: string;
};
export type CloseSessionPayload = CloseSessionParameters;
export type CloseSessionCall = TxCall<"evidence", "close_session", CloseSessionPayload>;

/** Closes a session, confirming its chunk count and last link; signed by its device or an admin of its organisation. */
export function closeSession(parameters: CloseSessionParameters): CloseSessionCall {
  const context = "evidence.close_session";
  return {
    module: "evidence",
    type: "close_session",
    payload: {
      sessionId: requireIdentifier(context, "sessionId", parameters.sessionId),
      endTimeMs: requireMilliseconds(context, "endTimeMs", parameters.endTimeMs),
      chunkCount: requireCount(context, "chunkCount", parameters.chunkCount, 0, Number.MAX_SAFE_INTEGER),
      lastLink: requireHash(context, "lastLink", parameters.lastLink),
    },
  };
}
