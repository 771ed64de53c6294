import type { Client } from "../clients/createClient.ts";
import { ApiError, SdkError, describeError } from "../errors.ts";
import { buildUrl, encodePathSegment } from "../transport/request.ts";

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * A trace query whose answer is CSV text (format=csv) rather than JSON. Errors still arrive as the
 * node's JSON error body and become ApiError, like every other action's.
 */
export async function queryText(
  client: Client,
  name: string,
  parameters: Readonly<Record<string, string | number | undefined>>,
  signal: AbortSignal | undefined,
): Promise<string> {
  const url = buildUrl(client, `/v1/query/trace/${encodePathSegment(name)}`, parameters);
  const timeout = AbortSignal.timeout(client.requestTimeoutMs);
  let response: Response;
  try {
    response = await client.fetch(url, { method: "GET", headers: { accept: "text/csv, application/json" }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (error) {
    if (signal?.aborted) throw error;
    const reason = timeout.aborted ? `no answer within ${client.requestTimeoutMs} ms` : describeError(error);
    throw new SdkError({ code: "SDK_NETWORK_ERROR", url, reason }, `cannot reach the node at ${client.url}: ${reason}. Is the node running (kexin start) and the URL right?`);
  }
  const text = await response.text();
  if (response.ok) return text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isRecord(body) && isRecord(body.error) && typeof body.error.code === "string" && typeof body.error.message === "string") {
    throw new ApiError({ code: body.error.code, status: response.status, details: isRecord(body.error.details) ? body.error.details : undefined }, body.error.message);
  }
  const reason = `HTTP ${response.status} without a Kexin error body`;
  throw new SdkError({ code: "SDK_BAD_RESPONSE", url, status: response.status, reason }, `GET ${url} failed: ${reason}; is this a Kexin node?`);
}
