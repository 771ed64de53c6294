import { sessionRecordSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import type { SessionView } from "./types.ts";
import { requireIdentifier } from "./validation.ts";

export type GetSessionParameters = { readonly sessionId: string; readonly signal?: AbortSignal };
export type GetSessionReturnType = SessionView;

/** A recording session; ApiError NOT_FOUND (404) when there is none with this id. */
export function getSession(client: Client, parameters: GetSessionParameters): Promise<GetSessionReturnType> {
  const sessionId = requireIdentifier("evidence.session", "sessionId", parameters.sessionId);
  return queryAnswer(client, sessionRecordSchema, { module: "evidence", query: "session", parameters: { sessionId }, signal: parameters.signal });
}
