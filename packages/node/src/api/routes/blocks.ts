import { decodeCommit, decodeHeader, fromHex, toHex, commitView, headerView } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { integerParameter, parseIntegerParameter } from "../../execution/index.ts";
import { nodeLimits } from "../../limits.ts";
import type { ApiContext } from "../context.ts";
import { errorBody } from "../errorStatus.ts";

export function registerBlockRoutes(app: FastifyInstance, context: ApiContext): void {
  const { store, suite } = context;

  function blockView(height: number, withTxs: boolean) {
    const block = store.getBlock(height);
    if (!block) return undefined;
    const header = decodeHeader(block.header);
    return {
      height,
      hash: toHex(suite.hash(block.header)),
      header: headerView(header),
      txCount: block.txs.length,
      ...(withTxs ? { txs: block.txs.map((tx) => toHex(suite.hash(tx))) } : {}),
      commit: commitView(decodeCommit(block.commit)),
    };
  }

  function resolveHeight(id: string): number | undefined {
    if (id === "latest") return store.head()?.height;
    if (/^[0-9a-fA-F]{64}$/.test(id)) return store.heightOfBlockHash(fromHex(id));
    return parseIntegerParameter("id (a height, a 64-hex block hash, or latest)", id, { minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
  }

  app.get(
    "/v1/blocks/:id",
    {
      schema: {
        summary: "A block by height, by hash, or the latest",
        tags: ["blocks"],
        params: Type.Object({ id: Type.String({ description: "a height, a 64-hex block hash, or latest" }) }),
      },
    },
    async (request, reply) => {
      const id = (request.params as { id: string }).id;
      const height = resolveHeight(id);
      const view = height === undefined || height < 1 ? undefined : blockView(height, true);
      if (!view) return reply.status(404).send(errorBody("BLOCK_NOT_FOUND", `no block ${id} on this node`));
      return reply.send(view);
    },
  );

  app.get(
    "/v1/blocks",
    {
      schema: {
        summary: "Recent blocks, newest first",
        tags: ["blocks"],
        querystring: Type.Object({
          before: Type.Optional(integerParameter({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }, "list blocks below this height (default: from the latest)")),
          limit: Type.Optional(integerParameter({ minimum: 1, maximum: nodeLimits.apiBlockListMax }, "blocks in the page (default 20)")),
        }),
      },
    },
    async (request, reply) => {
      const query = request.query as { before?: number; limit?: number };
      const headHeight = store.head()?.height ?? 0;
      const start = Math.min(query.before === undefined ? headHeight : query.before - 1, headHeight);
      const limit = query.limit ?? 20;
      const blocks = [];
      for (let height = start; height >= 1 && blocks.length < limit; height--) {
        const view = blockView(height, false);
        if (view) blocks.push(view);
      }
      return reply.send({ blocks });
    },
  );
}
