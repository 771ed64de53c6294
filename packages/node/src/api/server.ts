import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import fastifyWebsocket from "@fastify/websocket";
import { KexinError } from "@kexin/core";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifySchema, LogController } from "fastify";
import { integerBoundsKey, parseIntegerParameters } from "../execution/index.ts";
import { nodeLimits } from "../limits.ts";
import { bodyTooLargeMessage } from "./bodyLimit.ts";
import { answerClientError } from "./clientErrors.ts";
import { registerConsoleRoutes } from "./console.ts";
import { refuseWritesOnceHalted } from "./haltedNode.ts";
import type { ApiContext } from "./context.ts";
import { errorBody, httpStatusTable, kexinErrorBody } from "./errorStatus.ts";
import { assertJsonCharset, jsonMediaTypeAccepted, unsupportedMediaType } from "./mediaType.ts";
import { registerBlockRoutes } from "./routes/blocks.ts";
import { registerChainRoutes } from "./routes/chain.ts";
import { registerStateRoutes } from "./routes/state.ts";
import { registerTxRoutes } from "./routes/txs.ts";
import { registerWebsocketRoutes } from "./routes/websocket.ts";

export interface ApiOptions {
  readonly host: string;
  readonly port: number;
  /** Committed blocks one WebSocket subscription may ask to have replayed. */
  readonly websocketReplayBlocksMax: number;
}

export const defaultApiOptions: ApiOptions = { host: "127.0.0.1", port: 7420, websocketReplayBlocksMax: nodeLimits.websocketReplayBlocksMax };

export async function createApiServer(context: ApiContext, options: ApiOptions = defaultApiOptions): Promise<FastifyInstance> {
  // Typed as the base instance so route modules need not repeat pino's logger type.
  const httpStatusOf = httpStatusTable(context.services.map((open) => open.service));
  const app: FastifyInstance = Fastify({
    loggerInstance: context.logger.child({ module: "api" }) as FastifyBaseLogger,
    // Clients poll and stream at high rates; per-request lines would drown the node's own log.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: nodeLimits.apiBodyBytesMaxDefault,
    http: { maxHeaderSize: nodeLimits.apiHeaderBytesMax },
    clientErrorHandler: answerClientError(() => app.server, nodeLimits.apiHeaderBytesMax),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false, keywords: [integerBoundsKey] } },
    // The plugins are in-process and finish quickly, but a node catching up executes synced blocks
    // on the same event loop while they load: fastify's 10 s default turned a busy start into a crash.
    pluginTimeout: nodeLimits.apiPluginStartMsMax,
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof KexinError) {
      return reply.status(httpStatusOf(error.code)).send(kexinErrorBody(error));
    }
    const fastifyError = error as { validation?: unknown; statusCode?: number; code?: string; message: string };
    if (fastifyError.validation) return reply.status(400).send(errorBody("API_BAD_REQUEST", fastifyError.message));
    if (fastifyError.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return reply.status(httpStatusOf("API_BODY_TOO_LARGE")).send(errorBody("API_BODY_TOO_LARGE", bodyTooLargeMessage(request)));
    }
    if (fastifyError.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      const refusal = unsupportedMediaType(request.headers["content-type"], jsonMediaTypeAccepted);
      return reply.status(httpStatusOf(refusal.code)).send(errorBody(refusal.code, refusal.message));
    }
    if (fastifyError.statusCode !== undefined && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return reply.status(fastifyError.statusCode).send(errorBody("API_BAD_REQUEST", fastifyError.message));
    }
    context.logger.error({ err: error }, "unhandled API error");
    return reply.status(500).send(errorBody("INTERNAL_ERROR", "the node failed to answer; see its log"));
  });
  // Every body the API takes is JSON, or bytes on the routes that say so; text bodies are refused as such, not read.
  app.removeContentTypeParser("text/plain");
  // Before the body is read: the JSON parser would read any charset as UTF-8.
  app.addHook("preParsing", async (request, _reply, payload) => {
    const hasBody = request.headers["transfer-encoding"] !== undefined || Number(request.headers["content-length"] ?? 0) > 0;
    if (hasBody) assertJsonCharset(request.headers["content-type"]);
    return payload;
  });
  // After the schema has checked the rest: integer parameters are text until here, so that no schema rule answers for them.
  app.addHook("preHandler", async (request) => {
    const schema = request.routeOptions.schema as FastifySchema | undefined;
    if (schema === undefined) return;
    Object.assign(request.query as object, parseIntegerParameters(schema.querystring as never, request.query as Record<string, unknown>));
    Object.assign(request.params as object, parseIntegerParameters(schema.params as never, request.params as Record<string, unknown>));
  });
  refuseWritesOnceHalted(app, context);
  app.setNotFoundHandler((request, reply) => reply.status(404).send(errorBody("NOT_FOUND", `no route ${request.method} ${request.url}`)));

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Kexin node API", version: "1", description: "Submit signed transactions, read blocks, receipts and module state. Errors are { error: { code, message, details } }." },
      tags: [
        { name: "transactions" },
        { name: "blocks" },
        { name: "accounts" },
        { name: "modules" },
        ...context.services.flatMap((open) => (open.service.api ? [open.service.api.tag] : [])),
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
  registerStateRoutes(app, context);
  for (const { service, resources } of context.services) service.api?.register(app, context, resources);
  registerWebsocketRoutes(app, context, options.websocketReplayBlocksMax);
  await registerConsoleRoutes(app, context.logger);
  return app;
}
