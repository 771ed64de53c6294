import { type ProgramTransferPayload, programTransferPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { pointsCall } from "./payload.ts";

export type ProgramTransferCall = TxCall<"points", "program_transfer", ProgramTransferPayload>;

/** Gives points of a transferable program to another account; the signer's oldest points go first and keep their expiry. */
export function programTransfer(parameters: ProgramTransferPayload): ProgramTransferCall {
  return pointsCall("program_transfer", programTransferPayloadSchema, { ...parameters });
}
