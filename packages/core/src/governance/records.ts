import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";

/** One validator of the set deciding a height, as the governance validators query answers it. */
export const validatorEntrySchema = Type.Object({ publicKey: Type.String({ pattern: "^[0-9a-f]+$" }), power: Type.Integer({ minimum: 1 }) });
export type ValidatorEntry = WireStatic<typeof validatorEntrySchema>;

export const validatorsAnswerSchema = Type.Array(validatorEntrySchema);
export type ValidatorsAnswer = WireStatic<typeof validatorsAnswerSchema>;
