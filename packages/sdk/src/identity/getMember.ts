import { type MemberAnswer, memberAnswerSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import { requireAddress } from "../validation.ts";

export type GetMemberParameters = { readonly address: string; readonly signal?: AbortSignal };
export type GetMemberReturnType = MemberAnswer;

/** A registered member or device; ApiError with status 404 when the address is not registered. */
export function getMember(client: Client, parameters: GetMemberParameters): Promise<GetMemberReturnType> {
  const address = requireAddress("identity.member", "address", parameters.address);
  return queryAnswer(client, memberAnswerSchema, { module: "identity", query: "member", parameters: { address }, signal: parameters.signal });
}
