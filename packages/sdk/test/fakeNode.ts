import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";

/** A request the fake node received, for assertions on URL and body. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly search: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: unknown;
}

export interface CannedAnswer {
  readonly status: number;
  /** Sent as JSON, or as-is when a string. */
  readonly body: unknown;
}

export type Route = (request: RecordedRequest) => CannedAnswer;

export interface FakeNode {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** WebSocket subscription messages received on /v1/ws. */
  readonly subscriptions: unknown[];
  close(): Promise<void>;
}

export interface FakeNodeOptions {
  /** Keyed by "METHOD /path" (no query string), or "METHOD /prefix/*" for any path below. Unknown routes answer 404 NOT_FOUND. */
  readonly routes: Readonly<Record<string, Route>>;
  /** Messages pushed to a WebSocket client after it subscribes. */
  readonly pushAfterSubscribe?: (subscription: unknown) => readonly unknown[];
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function answer(response: ServerResponse, canned: CannedAnswer): void {
  const isText = typeof canned.body === "string";
  response.writeHead(canned.status, { "content-type": isText ? "text/plain" : "application/json" });
  response.end(isText ? (canned.body as string) : JSON.stringify(canned.body));
}

/** A real HTTP and WebSocket server on 127.0.0.1 with a random port that returns canned answers. */
export async function startFakeNode(options: FakeNodeOptions): Promise<FakeNode> {
  const requests: RecordedRequest[] = [];
  const subscriptions: unknown[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", "http://fake");
      const recorded: RecordedRequest = {
        method: request.method ?? "GET",
        path: url.pathname,
        search: url.search,
        headers: request.headers,
        body: await readBody(request),
      };
      requests.push(recorded);
      const route = options.routes[`${recorded.method} ${recorded.path}`] ?? options.routes[`${recorded.method} ${recorded.path.replace(/\/[^/]*$/, "/*")}`];
      answer(response, route ? route(recorded) : { status: 404, body: { error: { code: "NOT_FOUND", message: `no route ${recorded.method} ${recorded.path}` } } });
    })();
  });
  const webSockets = new WebSocketServer({ server, path: "/v1/ws" });
  webSockets.on("connection", (socket) => {
    socket.on("message", (data) => {
      const subscription: unknown = JSON.parse(String(data));
      subscriptions.push(subscription);
      for (const message of options.pushAfterSubscribe?.(subscription) ?? []) socket.send(JSON.stringify(message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    subscriptions,
    close: async () => {
      for (const client of webSockets.clients) client.terminate();
      await new Promise<void>((resolve) => webSockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function json(body: unknown, status = 200): Route {
  return () => ({ status, body });
}

export function apiError(status: number, code: string, message: string, details?: Record<string, unknown>): Route {
  return () => ({ status, body: { error: { code, message, ...(details ? { details } : {}) } } });
}

/** A port nothing listens on: bound, then released. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
