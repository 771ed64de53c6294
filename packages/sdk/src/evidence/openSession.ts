import type { TxCall } from "../call.ts";
import { requireAddress } from "../validation.ts";
import { evidenceLimits } from "./types.ts";
import { requireFreeText, requireIdentifier, requireMilliseconds } from "./validation.ts";

export type OpenSessionParameters = {
  readonly sessionId: string;
  /** The account (of the device's organisation) operating the device. */
  readonly operator: string;
  readonly caseNumber?: string;
  /** The device's clock when recording started. */
  readonly startTimeMs: number;
};
export type OpenSessionPayload = { readonly sessionId: string; readonly operator: string; readonly caseNumber: string; readonly startTimeMs: number };
export type OpenSessionCall = TxCall<"evidence", "open_session", OpenSessionPayload>;

/** Opens a recording session; the signer must be a registered device. */
export function openSession(parameters: OpenSessionParameters): OpenSessionCall {
  const context = "evidence.open_session";
  return {
    module: "evidence",
    type: "open_session",
    payload: {
      sessionId: requireIdentifier(context, "sessionId", parameters.sessionId),
      operator: requireAddress(context, "operator", parameters.operator),
      caseNumber: requireFreeText(context, "caseNumber", parameters.caseNumber ?? "", evidenceLimits.caseNumberLengthMax, true),
      startTimeMs: requireMilliseconds(context, "startTimeMs", parameters.startTimeMs),
    },
  };
}
