import { type ComputeRecord, computeRecordSchema } from "@kexin/core";
import { queryAnswer } from "../actions/query.ts";
import type { Client } from "../clients/createClient.ts";

export type GetComputeResultParameters = { readonly tx: string } & { readonly signal?: AbortSignal };
export type GetComputeResultReturnType = ComputeRecord;

/** A compute request by its transaction hash, with the owner node's signed result once posted (`result` absent before). */
export async function getComputeResult(client: Client, parameters: GetComputeResultParameters): Promise<GetComputeResultReturnType> {
  return (await queryAnswer(client, computeRecordSchema, { module: "datashare", query: "compute", parameters: { tx: parameters.tx }, signal: parameters.signal })) as unknown as ComputeRecord;
}
