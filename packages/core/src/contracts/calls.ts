import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";
import { contractCodeHashHexSchema, contractMethodNameSchema } from "./records.ts";

/** The `calls` query answers at most this many calls, newest first; 20 when no limit is given. */
export const contractCallsLimitMax = 100;
export const contractCallsLimitDefault = 20;

/**
 * One committed, successful call of a contract as the node's derived index keeps it. A failed
 * call is not kept: its transaction's index entries are dropped with its state writes.
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
    gasUsed: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type ContractCallRecord = WireStatic<typeof contractCallRecordSchema>;

/** The answer of the `calls` query: how many calls the contract has had, and the newest of them first. */
export const contractCallsAnswerSchema = Type.Object({ total: Type.Integer({ minimum: 0 }), calls: Type.Array(contractCallRecordSchema) }, { additionalProperties: false });
export type ContractCallsAnswer = WireStatic<typeof contractCallsAnswerSchema>;
