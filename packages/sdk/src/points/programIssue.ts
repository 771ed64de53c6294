import { type ProgramIssuePayload, programIssuePayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { pointsCall } from "./payload.ts";

export type ProgramIssueCall = TxCall<"points", "program_issue", ProgramIssuePayload>;

/** Issues points of a program to an account, as one lot expiring under the program's policy; the signer is an admin or `merchant` member of the program's merchant. */
export function programIssue(parameters: ProgramIssuePayload): ProgramIssueCall {
  return pointsCall("program_issue", programIssuePayloadSchema, { ...parameters });
}
