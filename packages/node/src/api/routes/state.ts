import { toHex } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { nodeLimits } from "../../limits.ts";
import type { ApiContext } from "../context.ts";
import { errorBody } from "../errorStatus.ts";

/**
 * Raw reads of one module's committed state key. With `height` the value must be the one the tree
 * of that version holds; with `prove=true` the answer carries the proof document for it.
 */
export function registerStateRoutes(app: FastifyInstance, context: ApiContext): void {
  const { store, registry, stateProofs } = context;
  app.get(
    "/v1/state/:module/*",
    {
      schema: {
        summary: "A module's state key: its value (hex of canonical CBOR) or null, optionally proven against a signed header",
        tags: ["modules"],
        params: Type.Object({ module: Type.String({ maxLength: 32 }), "*": Type.String({ minLength: 1, maxLength: nodeLimits.stateKeyBytesMax }) }),
        querystring: Type.Object(
          {
            height: Type.Optional(Type.String({ pattern: "^(0|[1-9][0-9]{0,15})$" })),
            prove: Type.Optional(Type.Union([Type.Literal("true"), Type.Literal("false")])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { module, "*": key } = request.params as { module: string; "*": string };
      const { height, prove } = request.query as { height?: string; prove?: string };
      if (!registry.moduleNames().includes(module)) return reply.status(404).send(errorBody("MODULE_NOT_FOUND", `there is no module "${module}"`));
      const fullKey = `${module}/${key}`;
      if (height === undefined && prove !== "true") {
        const value = store.getState(fullKey);
        return { key: fullKey, height: store.head()?.height ?? 0, value: value === undefined ? null : toHex(value) };
      }
      const proof = stateProofs.prove([fullKey], height === undefined ? undefined : Number(height));
      const entry = proof.entries[0]!;
      return { key: fullKey, height: proof.height, value: entry.value, ...(prove === "true" ? { proof } : {}) };
    },
  );
}
