import { type RegisterProgramPayload, registerProgramPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { pointsCall } from "./payload.ts";

export type RegisterProgramCall = TxCall<"points", "register_program", RegisterProgramPayload>;

/** Registers a points program of the signer's organisation (the signer must be its admin): names, face value in fen, expiry policy, transferability. */
export function registerProgram(parameters: RegisterProgramPayload): RegisterProgramCall {
  return pointsCall("register_program", registerProgramPayloadSchema, { ...parameters, name: { ...parameters.name }, expiry: { ...parameters.expiry } });
}
