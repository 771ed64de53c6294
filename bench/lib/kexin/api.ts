import { BenchFailure } from "../errors.ts";
import { HttpError, isRecord, requestJson } from "../http.ts";

/** The parts of the node's answers (docs/api.md) the bench relies on, checked at run time. */
export interface NodeStatus {
  readonly chainId: string;
  readonly suite: string;
  readonly height: number;
  readonly consensus: string;
}

export interface AccountView {
  readonly address: string;
  readonly nonce: number;
  readonly member: { readonly org: string; readonly roles: readonly string[] } | null;
}

/** GET /v1/blocks/:height, reduced to what tells where a block's time went. */
export interface BlockView {
  readonly height: number;
  /** The proposer's clock when it built the block, Unix milliseconds. */
  readonly time: number;
  readonly txCount: number;
  /** Proposer's validator public key (hex). */
  readonly proposer: string;
  /** Consensus round the block was decided in; above 0 means earlier rounds timed out or failed. */
  readonly round: number;
}

export type BatchEntry = { readonly hash: string; readonly status: string } | { readonly error: { readonly code: string; readonly message: string } };

export type TxLookup =
  | { readonly status: "pending" | "unknown" }
  | {
      readonly status: "committed";
      readonly height: number;
      readonly resultStatus: string;
      readonly resultCode: string;
      readonly resultMessage: string;
      /** The receipt's cost units, and its events (module, type, attributes) as the node renders them. */
      readonly resultCost: number;
      readonly events: readonly TxEventView[];
    };

export interface TxEventView {
  readonly module: string;
  readonly type: string;
  readonly attributes: unknown;
}

function field<T>(value: unknown, name: string, check: (item: unknown) => item is T, where: string): T {
  const item = isRecord(value) ? value[name] : undefined;
  if (!check(item)) throw new BenchFailure(`the node's answer to ${where} has no valid "${name}": ${JSON.stringify(value).slice(0, 300)}`);
  return item;
}

const isString = (value: unknown): value is string => typeof value === "string";
const isInteger = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value);

/** A thin client for the routes the bench uses; the SDK is not a dependency so the bench measures only the public API. */
export class KexinApi {
  constructor(
    readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  get websocketUrl(): string {
    return `${this.url.replace(/^http/, "ws")}/v1/ws`;
  }

  async healthz(): Promise<number> {
    const body = await requestJson(`${this.url}/healthz`, { timeoutMs: 2_000 });
    return field(body, "height", isInteger, "GET /healthz");
  }

  async status(): Promise<NodeStatus> {
    const body = await requestJson(`${this.url}/v1/status`, { timeoutMs: this.timeoutMs });
    const where = "GET /v1/status";
    return {
      chainId: field(body, "chainId", isString, where),
      suite: field(body, "suite", isString, where),
      height: field(body, "height", isInteger, where),
      consensus: field(body, "consensus", isString, where),
    };
  }

  async account(address: string): Promise<AccountView> {
    const where = `GET /v1/accounts/${address}`;
    const body = await requestJson(`${this.url}/v1/accounts/${address}`, { timeoutMs: this.timeoutMs });
    const member = isRecord(body) && isRecord(body.member) ? body.member : null;
    return {
      address: field(body, "address", isString, where),
      nonce: field(body, "nonce", isInteger, where),
      member:
        member === null
          ? null
          : { org: String(member.org), roles: Array.isArray(member.roles) ? member.roles.map((role) => String(role)) : [] },
    };
  }

  /** POST /v1/txs, as a client sends one transaction; refusals surface as HttpError. Resolves to the hash the node admitted. */
  async submit(txHex: string): Promise<string> {
    const body = await requestJson(`${this.url}/v1/txs`, { method: "POST", body: { tx: txHex }, timeoutMs: this.timeoutMs });
    return field(body, "hash", isString, "POST /v1/txs");
  }

  /** POST /v1/txs/batch. Whole-request refusals (503 and the like) surface as HttpError for the caller to classify. */
  async submitBatch(txsHex: readonly string[]): Promise<BatchEntry[]> {
    const where = "POST /v1/txs/batch";
    const body = await requestJson(`${this.url}/v1/txs/batch`, { method: "POST", body: { txs: txsHex }, timeoutMs: this.timeoutMs });
    const results = field(body, "results", Array.isArray, where) as unknown[];
    if (results.length !== txsHex.length) throw new BenchFailure(`${where} answered ${results.length} results for ${txsHex.length} transactions`);
    return results.map((entry): BatchEntry => {
      if (isRecord(entry) && isRecord(entry.error)) {
        return { error: { code: String(entry.error.code), message: String(entry.error.message) } };
      }
      return { hash: field(entry, "hash", isString, where), status: field(entry, "status", isString, where) };
    });
  }

  async tx(hash: string): Promise<TxLookup> {
    let body: unknown;
    try {
      body = await requestJson(`${this.url}/v1/txs/${hash}`, { timeoutMs: this.timeoutMs });
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return { status: "unknown" };
      throw error;
    }
    const where = `GET /v1/txs/${hash}`;
    const status = field(body, "status", isString, where);
    if (status !== "committed") return { status: "pending" };
    const result = field(body, "result", isRecord, where);
    return {
      status: "committed",
      height: field(body, "height", isInteger, where),
      resultStatus: String(result.status),
      resultCode: String(result.code ?? ""),
      resultMessage: String(result.message ?? ""),
      resultCost: field(result, "cost", isInteger, where),
      events: (Array.isArray(result.events) ? result.events : []).map((event: unknown) => ({
        module: field(event, "module", isString, where),
        type: field(event, "type", isString, where),
        attributes: isRecord(event) ? event.attributes : undefined,
      })),
    };
  }

  async block(height: number): Promise<BlockView> {
    const where = `GET /v1/blocks/${height}`;
    const body = await requestJson(`${this.url}/v1/blocks/${height}`, { timeoutMs: this.timeoutMs });
    const header = field(body, "header", isRecord, where);
    const commit = field(body, "commit", isRecord, where);
    return {
      height: field(body, "height", isInteger, where),
      time: field(header, "time", isInteger, where),
      txCount: field(body, "txCount", isInteger, where),
      proposer: field(header, "proposer", isString, where),
      round: field(commit, "round", isInteger, where),
    };
  }

  async query(module: string, query: string, parameters: Record<string, string>): Promise<unknown> {
    const search = new URLSearchParams(parameters).toString();
    return requestJson(`${this.url}/v1/query/${module}/${query}?${search}`, { timeoutMs: this.timeoutMs });
  }
}

/** Parses an amount the node may render as a JSON number or, for large values, a decimal string. */
export function parseAmount(value: unknown, where: string): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^\d+$/.test(value)) return BigInt(value);
  throw new BenchFailure(`${where}: expected an amount, got ${JSON.stringify(value)}`);
}
