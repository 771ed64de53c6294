import type { Client } from "../clients/createClient.ts";
import { SdkError, describeError } from "../errors.ts";

/** The part of the WebSocket interface that both browsers and the `ws` package implement. */
interface MinimalWebSocket {
  send(data: string): void;
  close(code?: number): void;
  addEventListener(type: "open" | "close" | "error" | "message", listener: (event: { readonly data?: unknown }) => void): void;
}

type WebSocketConstructor = new (url: string) => MinimalWebSocket;

/** Browsers and Node 22 have a global WebSocket; Node 20 needs the `ws` package, loaded only there. */
async function webSocketConstructor(): Promise<WebSocketConstructor> {
  if (typeof globalThis.WebSocket === "function") return globalThis.WebSocket as unknown as WebSocketConstructor;
  const module = await import("ws");
  return module.default as unknown as WebSocketConstructor;
}

export function webSocketUrl(client: Client): string {
  return `${client.url.replace(/^http/, "ws")}/v1/ws`;
}

export interface SubscribeOptions {
  readonly message: Readonly<Record<string, string | number>>;
  readonly onMessage: (message: Readonly<Record<string, unknown>>) => void;
  readonly onError: (error: SdkError) => void;
}

/** Opens /v1/ws, sends one subscription, and hands every JSON object pushed back to onMessage. Returns a function that closes it. */
export function subscribe(client: Client, options: SubscribeOptions): () => void {
  const url = webSocketUrl(client);
  const fail = (reason: string): void => options.onError(new SdkError({ code: "SDK_WEBSOCKET_ERROR", url, reason }, `subscription to ${url} failed: ${reason}`));
  let closedByCaller = false;
  let socket: MinimalWebSocket | undefined;
  webSocketConstructor()
    .then((WebSocketClass) => {
      if (closedByCaller) return;
      socket = new WebSocketClass(url);
      const opened = socket;
      opened.addEventListener("open", () => opened.send(JSON.stringify(options.message)));
      opened.addEventListener("message", (event) => handleMessage(event.data, options, fail));
      opened.addEventListener("error", () => {
        if (!closedByCaller) fail("connection error; is the node running?");
      });
      opened.addEventListener("close", () => {
        if (!closedByCaller) fail("the node closed the connection");
      });
    })
    .catch((error: unknown) => fail(describeError(error)));
  return () => {
    closedByCaller = true;
    socket?.close();
  };
}

function handleMessage(data: unknown, options: SubscribeOptions, fail: (reason: string) => void): void {
  let message: unknown;
  try {
    message = JSON.parse(String(data));
  } catch {
    fail("the node sent a message that is not JSON");
    return;
  }
  if (message === null || typeof message !== "object" || Array.isArray(message)) {
    fail("the node sent a message that is not a JSON object");
    return;
  }
  const record = message as Record<string, unknown>;
  const error = record.error as { message?: unknown } | undefined;
  if (error !== undefined) {
    fail(typeof error?.message === "string" ? error.message : "the node reported an error");
    return;
  }
  options.onMessage(record);
}
