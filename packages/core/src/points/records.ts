import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";

/** The points module's balance query answer, shared by the node and the SDK. */
export const balanceAnswerSchema = Type.Object({ address: Type.String(), program: Type.String(), amount: Type.Integer({ minimum: 0 }) });
export type BalanceAnswer = WireStatic<typeof balanceAnswerSchema>;
