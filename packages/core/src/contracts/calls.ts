import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";
import { contractCodeHashHexSchema, contractMethodNameSchema } from "./records.ts";

/** The `calls` query answers at most this many calls, newest first; 20 when no limit is given. */
export const contractCallsLimitMax = 100;
export const contractCallsLimitDefault = 20;

/**
 * One committed call of a contract as the node's derived index keeps it, successful or failed. A
 * failed call changed nothing; it is listed with its code (its receipt has the message).
 */
export const contractCallRecordSchema = Type.Object(
  {
    txHash: Type.String({ pattern: "^[0-9a-f]{64}$", description: "the call's transaction, whose receipt GET /v1/txs/:hash answers" }),
    height: Type.Integer({ minimum: 1 }),
    method: contractMethodNameSchema,
    caller: Type.String({ pattern: "^[0-9a-f]{40}$", description: "the calling member's address" }),
    /** The contract's version (its code) the call ran. */
    version: Type.Integer({ minimum: 1 }),
    codeHash: contractCodeHashHexSchema,
    /** Gas the call used; for a failed call, what it used before failing (0 when it failed before running). */
    gasUsed: Type.Integer({ minimum: 0 }),
    status: Type.Union([Type.Literal("ok"), Type.Literal("failed")]),
    /** The failure's code, as in the receipt; "" for a successful call. */
    code: Type.String({ maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type ContractCallRecord = WireStatic<typeof contractCallRecordSchema>;

/** The answer of the `calls` query: how many calls the contract has had (failed ones included), and the newest of them first. */
export const contractCallsAnswerSchema = Type.Object({ total: Type.Integer({ minimum: 0 }), calls: Type.Array(contractCallRecordSchema) }, { additionalProperties: false });
export type ContractCallsAnswer = WireStatic<typeof contractCallsAnswerSchema>;
