import { shortageAnswerSchema, type ShortageAnswer } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { queryAnswer } from "../actions/query.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { queryText } from "./queryText.ts";
import { requireGtin } from "./validation.ts";

export type GetShortageParameters = {
  readonly gtin?: string;
  /** "csv" answers CSV text: `gtin,region,stock,demand,balance`, or with table "transfers" `gtin,from_region,to_region,quantity`. */
  readonly format?: "json" | "csv";
  readonly table?: "regions" | "transfers";
  readonly signal?: AbortSignal;
};
export type GetShortageReturnType = ShortageAnswer;
export type GetShortageErrorType = ApiError | SdkError;

/** Hospitals' registered demand against stock per region, with suggested transfers from surplus regions. */
export function getShortage(client: Client, parameters: GetShortageParameters & { readonly format: "csv" }): Promise<string>;
export function getShortage(client: Client, parameters?: GetShortageParameters & { readonly format?: "json" }): Promise<GetShortageReturnType>;
export function getShortage(client: Client, parameters: GetShortageParameters = {}): Promise<GetShortageReturnType | string> {
  const gtin = parameters.gtin === undefined ? undefined : requireGtin("trace.shortage", "gtin", parameters.gtin);
  if (parameters.format === "csv") return queryText(client, "shortage", { gtin, format: "csv", table: parameters.table }, parameters.signal);
  return queryAnswer(client, shortageAnswerSchema, { module: "trace", query: "shortage", parameters: { gtin }, signal: parameters.signal });
}
