import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";

/** The `events` query answers at most this many events, oldest first; 100 when no limit is given. */
export const contractEventsLimitMax = 1_000;
export const contractEventsLimitDefault = 100;
/** An event type is 1 to 64 bytes of UTF-8, as the sandbox allows them. */
export const contractEventTypeBytesMax = 64;

/** An event a contract emitted in a committed, successful transaction, as the node's derived index keeps it. */
export const contractEventEntrySchema = Type.Object(
  {
    /** The event's place among the contract's events (among those of its type when the query names one), counted from 0. */
    position: Type.Integer({ minimum: 0 }),
    height: Type.Integer({ minimum: 1 }),
    txHash: Type.String({ pattern: "^[0-9a-f]{64}$", description: "the emitting transaction, whose receipt GET /v1/txs/:hash answers" }),
    type: Type.String({ minLength: 1 }),
    data: Type.Unknown({ description: "the event's data in its JSON form (bytes as hex, big integers as decimal text)" }),
  },
  { additionalProperties: false },
);
export type ContractEventEntry = WireStatic<typeof contractEventEntrySchema>;

/**
 * The answer of the `events` query: how many events the contract has (of the type, when named),
 * those found from `start` on in height order, and `next`, the `start` that continues the
 * listing, absent when nothing more lies in the range asked for.
 */
export const contractEventsAnswerSchema = Type.Object(
  { total: Type.Integer({ minimum: 0 }), events: Type.Array(contractEventEntrySchema), next: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);
export type ContractEventsAnswer = WireStatic<typeof contractEventsAnswerSchema>;
