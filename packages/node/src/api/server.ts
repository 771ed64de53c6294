import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import fastifyWebsocket from "@fastify/websocket";
import { KexinError } from "@kexin/core";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import { nodeLimits } from "../limits.ts";
import { registerConsoleRoutes } from "./console.ts";
import type { ApiContext } from "./context.ts";
import { errorBody, httpStatusOf } from "./errorStatus.ts";
import { registerBlockRoutes } from "./routes/blocks.ts";
import { registerChainRoutes } from "./routes/chain.ts";
import { registerEvidenceRoutes } from "./routes/evidence.ts";
import { registerEvidenceBlobRoutes } from "./routes/evidenceBlobs.ts";
import { registerTxRoutes } from "./routes/txs.ts";
import { registerWebsocketRoutes } from "./routes/websocket.ts";

export interface ApiOptions {
  readonly host: string;
  readonly port: number;
}

export const defaultApiOptions: ApiOptions = { host: "127.0.0.1", port: 7420 };

export async function createApiServer(context: ApiContext): Promise<FastifyInstance> {
  // Typed as the base instance so route modules need not repeat pino's logger type.
  const app = Fastify({
    loggerInstance: context.logger.child({ module: "api" }) as FastifyBaseLogger,
    // Clients poll and stream at high rates; per-request lines would drown the node's own log.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
  });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof KexinError) {
      return reply.status(httpStatusOf(error.code)).send(errorBody(error.code, error.message));
    }
    const fastifyError = error as { validation?: unknown; statusCode?: number; code?: string; message: string };
    if (fastifyError.validation) return reply.status(400).send(errorBody("API_BAD_REQUEST", fastifyError.message));
    if (fastifyError.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return reply.status(413).send(errorBody("API_BODY_TOO_LARGE", `request body is larger than allowed (batch bodies may be up to ${nodeLimits.apiBodyBytesMax} bytes)`));
    }
    if (fastifyError.statusCode !== undefined && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return reply.status(fastifyError.statusCode).send(errorBody("API_BAD_REQUEST", fastifyError.message));
    }
    context.logger.error({ err: error }, "unhandled API error");
    return reply.status(500).send(errorBody("INTERNAL_ERROR", "the node failed to answer; see its log"));
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send(errorBody("NOT_FOUND", `no route ${request.method} ${request.url}`)));

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Kexin node API", version: "1", description: "Submit signed transactions, read blocks, receipts and module state. Errors are { error: { code, message, details } }." },
      tags: [
        { name: "transactions" },
        { name: "blocks" },
        { name: "accounts" },
        { name: "modules" },
        { name: "evidence" },
        { name: "node" },
        { name: "subscriptions" },
      ],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs" });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  registerChainRoutes(app, context);
  registerTxRoutes(app, context);
  registerBlockRoutes(app, context);
  registerEvidenceRoutes(app, context);
  registerEvidenceBlobRoutes(app, context);
  registerWebsocketRoutes(app, context);
  await registerConsoleRoutes(app, context.logger);
  return app;
}
