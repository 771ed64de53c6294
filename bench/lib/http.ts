import { Agent, request } from "node:http";
import { TimeoutError } from "./wait.ts";

export class HttpError extends Error {
  override readonly name = "HttpError";

  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  readonly method?: "GET" | "POST";
  readonly body?: unknown;
  readonly timeoutMs: number;
}

/**
 * node:http rather than fetch: fetch (undici) silently gives up on answers that take longer than
 * 300 s, and a peer that answers a batch only after mining it can legitimately take that long.
 * Here the only bound is the caller's. Connections are kept alive, like a real client's.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One JSON request with a bound; non-2xx answers throw HttpError carrying the parsed body. */
export function requestJson(url: string, options: RequestOptions): Promise<unknown> {
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        agent,
        headers: payload === undefined ? {} : { "content-type": "application/json", "content-length": payload.length },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown = text;
          try {
            body = text.length === 0 ? null : JSON.parse(text);
          } catch {
            // Not JSON: keep the text for the error message.
          }
          const status = response.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            reject(new HttpError(status, body, `${method} ${url} answered ${status}: ${text.slice(0, 500)}`));
            return;
          }
          resolve(body);
        });
      },
    );
    const timer = setTimeout(() => {
      outgoing.destroy(new TimeoutError(`timed out after ${options.timeoutMs} ms waiting for ${method} ${url}`));
    }, options.timeoutMs);
    outgoing.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.end(payload);
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
