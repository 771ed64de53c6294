import { type ProgramBurnPayload, programBurnPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { pointsCall } from "./payload.ts";

export type ProgramBurnCall = TxCall<"points", "program_burn", ProgramBurnPayload>;

/** Gives up points of a program (spent with the merchant outside the chain); the signer's oldest points go first. */
export function programBurn(parameters: ProgramBurnPayload): ProgramBurnCall {
  return pointsCall("program_burn", programBurnPayloadSchema, { ...parameters });
}
