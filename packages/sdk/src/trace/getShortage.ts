import type { Client } from "../clients/createClient.ts";
import { query } from "../actions/query.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { queryText } from "./queryText.ts";
import type { RegionBalanceView, TransferSuggestionView } from "./types.ts";
import { requireGtin } from "./validation.ts";

export type GetShortageParameters = {
  readonly gtin?: string;
  /** "csv" answers CSV text: `gtin,region,stock,demand,balance`, or with table "transfers" `gtin,from_region,to_region,quantity`. */
  readonly format?: "json" | "csv";
  readonly table?: "regions" | "transfers";
  readonly signal?: AbortSignal;
};
export type GetShortageReturnType = {
  readonly regions: readonly RegionBalanceView[];
  /** The regions whose balance is negative. */
  readonly shortages: readonly RegionBalanceView[];
  /** Suggested transfers, covering shortages from the largest surplus first. */
  readonly transfers: readonly TransferSuggestionView[];
};
export type GetShortageErrorType = ApiError | SdkError;

/** Hospitals' registered demand against stock per region, with suggested transfers from surplus regions. */
export function getShortage(client: Client, parameters: GetShortageParameters & { readonly format: "csv" }): Promise<string>;
export function getShortage(client: Client, parameters?: GetShortageParameters & { readonly format?: "json" }): Promise<GetShortageReturnType>;
export function getShortage(client: Client, parameters: GetShortageParameters = {}): Promise<GetShortageReturnType | string> {
  const gtin = parameters.gtin === undefined ? undefined : requireGtin("trace.shortage", "gtin", parameters.gtin);
  if (parameters.format === "csv") return queryText(client, "shortage", { gtin, format: "csv", table: parameters.table }, parameters.signal);
  return query<GetShortageReturnType>(client, { module: "trace", query: "shortage", parameters: { gtin }, signal: parameters.signal });
}
