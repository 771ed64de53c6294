import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";

/** The toy service's module name: a bell tower that counts its rings. */
export const toyModuleName = "toy";

/** A note left with one ring of the bell. */
export const toyNoteSchema = Type.String({ minLength: 1, maxLength: 140 });

/** The payload of a `toy.ring` transaction. */
export const toyRingPayloadSchema = Type.Object({ note: toyNoteSchema }, { additionalProperties: false });
export type ToyRingPayload = WireStatic<typeof toyRingPayloadSchema>;

/** `sections.toy` of genesis.json: how many times the bell had rung before block 1. */
export const toyGenesisSectionSchema = Type.Object({ bells: Type.Integer({ minimum: 0, maximum: 1_000_000 }) }, { additionalProperties: false });
export type ToyGenesisSection = WireStatic<typeof toyGenesisSectionSchema>;

/** The answer of the `toy.bells` query and of GET /v1/toy/bells, shared by the node and the SDK. */
export const toyBellsAnswerSchema = Type.Object(
  {
    bells: Type.Integer({ minimum: 0 }),
    lastNote: Type.Union([toyNoteSchema, Type.Null()]),
    lastRinger: Type.Union([Type.String({ pattern: "^[0-9a-f]{40}$" }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ToyBellsAnswer = WireStatic<typeof toyBellsAnswerSchema>;
