import { Type } from "@sinclair/typebox";
import { type QueryDefinition, defineQuery } from "../../execution/interface.ts";
import { readComputeRecord } from "./compute.ts";

export const computeQueries: Readonly<Record<string, QueryDefinition>> = {
  compute: defineQuery({
    description: "A compute request by its transaction: the model and its code hash, the records read (ids and ciphertext hashes), and the owner node's signed result once posted.",
    parameters: Type.Object({ tx: Type.String({ pattern: "^[0-9a-f]{64}$" }) }, { additionalProperties: false }),
    run: (state, parameters) => readComputeRecord(state, parameters.tx) ?? null,
  }),
};
