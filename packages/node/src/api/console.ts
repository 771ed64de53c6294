import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";

/** Where `npm run build -w @kexin/console` (run by `npm install`) writes the web console. */
export const defaultConsoleDirectory = fileURLToPath(new URL("../../../console/dist/", import.meta.url));

/** Paths the console must never answer for, so a typo in an API path still gets the API's JSON 404. */
const apiPrefixes = ["/v1", "/docs", "/metrics", "/healthz"];

function isApiPath(path: string): boolean {
  return apiPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Kinds of file a browser fetches by name. A path ending in one names a file that is not there; any
 * other path is a page of the app, even with a dot in it (a dataset called `housing.property`).
 */
const fileExtensions = /\.(?:js|mjs|css|map|html|json|txt|ico|png|jpe?g|gif|svg|webp|woff2?|ttf|wasm|webmanifest)$/i;

function namesMissingFile(path: string): boolean {
  return path.startsWith("/assets/") || fileExtensions.test(path);
}

/**
 * Serves the built web console at `/`: its files as they are, and index.html for any other GET
 * path, so that a deep link such as /explorer/tx/<hash> opens the single-page app. API paths and
 * paths that name a missing file keep the JSON 404.
 */
export async function registerConsoleRoutes(app: FastifyInstance, logger: Logger, directory = defaultConsoleDirectory): Promise<void> {
  const log = logger.child({ module: "console" });
  if (!existsSync(`${directory}/index.html`)) {
    log.warn({ directory }, "web console not built, so / serves nothing; build it with `npm run build -w @kexin/console` (npm install does this)");
    return;
  }
  await app.register(fastifyStatic, {
    root: directory,
    // Routes for the files present at start, not a wildcard: the SPA fallback below owns the wildcard.
    wildcard: false,
    index: false,
    // Vite names every asset after its content hash, so a cached copy is never stale; index.html names the current ones.
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header("cache-control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    if (isApiPath(path) || namesMissingFile(path)) return reply.callNotFound();
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
  log.info({ directory }, "serving the web console at /");
}
