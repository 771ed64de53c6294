import type { Client } from "../clients/createClient.ts";
import { ApiError, SdkError, describeError } from "../errors.ts";

export interface RequestOptions {
  readonly method: "GET" | "POST";
  /** Path below the base URL, starting with "/". Path segments must already be encoded. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

export function buildUrl(client: Client, path: string, query?: RequestOptions["query"]): string {
  const url = new URL(client.url + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.href;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function apiErrorFrom(status: number, body: unknown): ApiError | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  const { code, message, details } = body.error;
  if (typeof code !== "string" || typeof message !== "string") return undefined;
  return new ApiError({ code, status, details: isRecord(details) ? details : undefined }, message);
}

/** One fetch bounded by the client's timeout; a failure to reach the node becomes SDK_NETWORK_ERROR. */
async function fetchBounded(client: Client, url: string, init: RequestInit, callerSignal: AbortSignal | undefined): Promise<Response> {
  const timeout = AbortSignal.timeout(client.requestTimeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
  try {
    return await client.fetch(url, { ...init, signal });
  } catch (error) {
    if (callerSignal?.aborted) throw error;
    const reason = timeout.aborted ? `no answer within ${client.requestTimeoutMs} ms` : describeCause(error);
    throw new SdkError({ code: "SDK_NETWORK_ERROR", url, reason }, `cannot reach the node at ${client.url}: ${reason}. Is the node running (kexin start) and the URL right?`);
  }
}

/** Sends one JSON request and returns the parsed answer; maps every failure to ApiError or SdkError. */
export async function request<Answer>(client: Client, options: RequestOptions): Promise<Answer> {
  const url = buildUrl(client, options.path, options.query);
  const response = await fetchBounded(
    client,
    url,
    {
      method: options.method,
      headers: options.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    },
    options.signal,
  );
  const text = await response.text();
  let body: unknown;
  try {
    body = text.length === 0 ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const apiError = apiErrorFrom(response.status, body);
    if (apiError) throw apiError;
    const reason = `HTTP ${response.status} without a Kexin error body`;
    throw new SdkError({ code: "SDK_BAD_RESPONSE", url, status: response.status, reason }, `${options.method} ${url} failed: ${reason}; is this a Kexin node?`);
  }
  if (body === undefined) {
    const reason = "the answer is not JSON";
    throw new SdkError({ code: "SDK_BAD_RESPONSE", url, status: response.status, reason }, `${options.method} ${url}: ${reason}; is this a Kexin node?`);
  }
  return body as Answer;
}

export interface BytesRequestOptions {
  readonly method: "GET" | "HEAD" | "PUT" | "POST";
  readonly path: string;
  readonly body?: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/**
 * Sends one request whose body, or answer, is raw bytes (application/octet-stream). Answers
 * the status, headers and body of a 2xx answer, or of a 404 without a body (HEAD); anything
 * else becomes ApiError (from the node's JSON error body) or SdkError.
 */
export async function requestBytes(client: Client, options: BytesRequestOptions): Promise<{ readonly status: number; readonly headers: Headers; readonly bytes: Uint8Array }> {
  const url = buildUrl(client, options.path);
  const response = await fetchBounded(
    client,
    url,
    {
      method: options.method,
      headers: { accept: "application/octet-stream, application/json", ...(options.body ? { "content-type": "application/octet-stream" } : {}), ...options.headers },
      // A view of the same bytes typed as fetch's BodyInit wants (an ArrayBuffer, not a shared one).
      body: options.body === undefined ? undefined : new Uint8Array(options.body.buffer as ArrayBuffer, options.body.byteOffset, options.body.byteLength),
    },
    options.signal,
  );
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.ok || (options.method === "HEAD" && response.status === 404)) return { status: response.status, headers: response.headers, bytes };
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    body = undefined;
  }
  const apiError = apiErrorFrom(response.status, body);
  if (apiError) throw apiError;
  const reason = `HTTP ${response.status} without a Kexin error body`;
  throw new SdkError({ code: "SDK_BAD_RESPONSE", url, status: response.status, reason }, `${options.method} ${url} failed: ${reason}; is this a Kexin node?`);
}

/** fetch hides the operating system's reason (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeCause(error: unknown): string {
  if (error instanceof Error && error.cause instanceof Error) {
    const code = (error.cause as Error & { code?: unknown }).code;
    return typeof code === "string" ? `${code} (${error.cause.message})` : error.cause.message;
  }
  return describeError(error);
}

export function encodePathSegment(value: string): string {
  return encodeURIComponent(value);
}
