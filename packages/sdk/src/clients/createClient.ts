import { invalidParameter } from "../errors.ts";

export type FetchFunction = typeof globalThis.fetch;

export interface ClientOptions {
  /** Base URL of a node's API, e.g. http://127.0.0.1:7420. */
  readonly url: string;
  /** Defaults to the global fetch; pass one to add headers, retries or a test double. */
  readonly fetch?: FetchFunction;
  /** Upper bound for one HTTP request. */
  readonly requestTimeoutMs?: number;
}

/** What every action receives: where the node is and how to reach it. Holds no connection. */
export interface Client {
  readonly url: string;
  readonly fetch: FetchFunction;
  readonly requestTimeoutMs: number;
}

export const defaultRequestTimeoutMs = 30_000;

export function createClient(options: ClientOptions): Client {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw invalidParameter("createClient", "url", `must be an absolute http(s) URL, got ${JSON.stringify(options.url)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalidParameter("createClient", "url", `must use http or https, got ${url.protocol}`);
  }
  // Bound to globalThis because some runtimes refuse fetch called with another receiver.
  const fetchFunction = options.fetch ?? (typeof globalThis.fetch === "function" ? globalThis.fetch.bind(globalThis) : undefined);
  if (fetchFunction === undefined) {
    throw invalidParameter("createClient", "fetch", "is required where no global fetch exists");
  }
  const requestTimeoutMs = options.requestTimeoutMs ?? defaultRequestTimeoutMs;
  if (!Number.isSafeInteger(requestTimeoutMs) || requestTimeoutMs <= 0) {
    throw invalidParameter("createClient", "requestTimeoutMs", "must be a positive whole number of milliseconds");
  }
  return {
    url: url.href.replace(/\/+$/, ""),
    fetch: fetchFunction,
    requestTimeoutMs,
  };
}
