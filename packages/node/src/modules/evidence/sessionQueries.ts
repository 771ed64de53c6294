import { toHex } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { type QueryDefinition, defineQuery } from "../../execution/interface.ts";
import { address, digits, pageLimit, sessionId } from "./fields.ts";
import { evidenceKeys } from "./keys.ts";
import { evidenceModuleLimits } from "./limits.ts";
import { pageParameters, readPage } from "./pagination.ts";
import { type SessionRecord, readChunk, readSession } from "./records.ts";

export const sessionQueries: { readonly [name: string]: QueryDefinition } = {
  session: defineQuery({
    description: "A recording session: device, operator, case, status, chunk count and last link.",
    parameters: Type.Object({ sessionId }, { additionalProperties: false }),
    run: (state, query) => readSession(state, query.sessionId) ?? null,
  }),
  chunks: defineQuery({
    description: `A session's recorded chunks in sequence order, at most ${evidenceModuleLimits.chunkPageMax} from \`from\`; pass the answer's next as from for the following page.`,
    parameters: Type.Object(
      {
        sessionId,
        from: Type.Optional(digits("first sequence (default 0)")),
        limit: Type.Optional(pageLimit("chunks in the page")),
      },
      { additionalProperties: false },
    ),
    run: (state, query) => {
      const session = readSession(state, query.sessionId);
      if (!session) return null;
      const from = Math.min(Number(query.from ?? "0"), session.chunkCount);
      const limit = Math.min(Number(query.limit ?? String(evidenceModuleLimits.chunkPageMax)), evidenceModuleLimits.chunkPageMax);
      const end = Math.min(from + limit, session.chunkCount);
      const chunks = [];
      for (let sequence = from; sequence < end; sequence++) {
        const chunk = readChunk(state, query.sessionId, sequence);
        if (!chunk) throw new Error(`evidence state is inconsistent: chunk ${sequence} of session ${query.sessionId} is missing below its count ${session.chunkCount}`);
        chunks.push({ sequence, ...chunk, chunkHash: toHex(chunk.chunkHash) });
      }
      return { sessionId: query.sessionId, chunkCount: session.chunkCount, from, chunks, next: end < session.chunkCount ? end : null };
    },
  }),
  sessions_by_device: defineQuery({
    description: "Sessions recorded by one device, oldest first.",
    parameters: Type.Object({ device: address, ...pageParameters }, { additionalProperties: false }),
    run: (state, query) => {
      const page = readPage<string>(state, evidenceKeys.deviceSessionCount(query.device), (position) => evidenceKeys.deviceSession(query.device, position), query, evidenceModuleLimits.listPageMax);
      const sessions = page.entries.map((id) => readSession(state, id) as SessionRecord);
      return { device: query.device, total: page.total, start: page.start, sessions, next: page.next };
    },
  }),
};
