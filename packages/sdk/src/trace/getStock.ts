import { stockAnswerSchema, type StockAnswer } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { queryText } from "./queryText.ts";
import { requireGtin, requireRegion } from "./validation.ts";

export type GetStockParameters = {
  readonly gtin?: string;
  readonly region?: string;
  /** "csv" answers the node's CSV text `gtin,region,quantity`. */
  readonly format?: "json" | "csv";
  readonly signal?: AbortSignal;
};
export type GetStockReturnType = StockAnswer;
export type GetStockErrorType = ApiError | SdkError;

/** Units in stock per product and region: active, not in transit, at a registered location, and available. */
export function getStock(client: Client, parameters: GetStockParameters & { readonly format: "csv" }): Promise<string>;
export function getStock(client: Client, parameters?: GetStockParameters & { readonly format?: "json" }): Promise<GetStockReturnType>;
export function getStock(client: Client, parameters: GetStockParameters = {}): Promise<GetStockReturnType | string> {
  const context = "trace.stock";
  const gtin = parameters.gtin === undefined ? undefined : requireGtin(context, "gtin", parameters.gtin);
  const region = parameters.region === undefined ? undefined : requireRegion(context, "region", parameters.region);
  if (parameters.format === "csv") return queryText(client, "stock", { gtin, region, format: "csv" }, parameters.signal);
  return queryAnswer(client, stockAnswerSchema, { module: "trace", query: "stock", parameters: { gtin, region }, signal: parameters.signal });
}
