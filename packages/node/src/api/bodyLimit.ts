import type { FastifyRequest } from "fastify";

declare module "fastify" {
  interface FastifyContextConfig {
    /** What a client whose body is over this route's limit should know besides the limit itself. */
    readonly bodyLimitNote?: string;
  }
}

/** The refusal of a body over its route's limit, naming that limit and the route's note. */
export function bodyTooLargeMessage(request: FastifyRequest): string {
  const { bodyLimit, url, config } = request.routeOptions;
  const route = url === undefined ? "this route" : `${request.method} ${url}`;
  const note = config.bodyLimitNote === undefined ? "" : `; ${config.bodyLimitNote}`;
  return `the request body is larger than ${bodyLimit} bytes, the limit of ${route}${note}`;
}
