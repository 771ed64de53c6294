import { isRecord, requestJson } from "./http.ts";

export interface JsonRpcRequest {
  readonly jsonrpc: "2.0";
  readonly id: number;
  readonly method: string;
  readonly params: readonly unknown[];
}

export type JsonRpcResponse = { readonly id: number; readonly result: unknown } | { readonly id: number; readonly error: { readonly code: number; readonly message: string } };

function parseResponse(value: unknown): JsonRpcResponse {
  if (!isRecord(value) || typeof value.id !== "number") throw new Error(`malformed JSON-RPC response: ${JSON.stringify(value).slice(0, 300)}`);
  if (isRecord(value.error)) {
    return { id: value.id, error: { code: Number(value.error.code), message: String(value.error.message) } };
  }
  return { id: value.id, result: value.result };
}

/** A JSON-RPC 2.0 client over HTTP that sends batches as arrays and returns answers in request order. */
export class JsonRpcClient {
  private nextId = 1;

  constructor(
    readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async batch(calls: readonly { readonly method: string; readonly params: readonly unknown[] }[]): Promise<JsonRpcResponse[]> {
    if (calls.length === 0) return [];
    const requests: JsonRpcRequest[] = calls.map((call) => ({ jsonrpc: "2.0", id: this.nextId++, method: call.method, params: call.params }));
    const body = await requestJson(this.url, { method: "POST", body: requests, timeoutMs: this.timeoutMs });
    if (!Array.isArray(body)) throw new Error(`expected a JSON-RPC batch answer, got: ${JSON.stringify(body).slice(0, 300)}`);
    const byId = new Map<number, JsonRpcResponse>();
    for (const item of body) {
      const response = parseResponse(item);
      byId.set(response.id, response);
    }
    return requests.map((request) => {
      const response = byId.get(request.id);
      if (response === undefined) throw new Error(`JSON-RPC batch answer lacks id ${request.id} (${request.method})`);
      return response;
    });
  }

  async call(method: string, params: readonly unknown[] = []): Promise<unknown> {
    const [response] = await this.batch([{ method, params }]);
    if (response === undefined) throw new Error(`no answer to ${method}`);
    if ("error" in response) throw new Error(`${method} failed: ${response.error.message} (code ${response.error.code})`);
    return response.result;
  }
}
