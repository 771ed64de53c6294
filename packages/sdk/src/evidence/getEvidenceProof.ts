import { evidenceProofSchema } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import type { ApiError, SdkError } from "../errors.ts";
import { checkAnswer } from "../transport/checkAnswer.ts";
import { request } from "../transport/request.ts";
import { requireCount, requireHash } from "../validation.ts";
import { type EvidenceProof, evidenceLimits } from "./types.ts";

export type GetEvidenceProofParameters = {
  readonly hash: string;
  /** Which anchoring of the hash (default 0, the first-seen one). */
  readonly index?: number;
  readonly signal?: AbortSignal;
};
export type GetEvidenceProofReturnType = EvidenceProof;
/** ApiError NOT_FOUND (404) when the hash has no such anchor. */
export type GetEvidenceProofErrorType = ApiError | SdkError;

/** The portable proof of an anchor, to keep beside the file: GET /v1/evidence/:hash/proof. Check it with verifyEvidenceProof. */
export function getEvidenceProof(client: Client, parameters: GetEvidenceProofParameters): Promise<GetEvidenceProofReturnType> {
  const context = "evidence.getEvidenceProof";
  const hash = requireHash(context, "hash", parameters.hash);
  const index = parameters.index === undefined ? undefined : requireCount(context, "index", parameters.index, 0, evidenceLimits.anchorsPerHashMax - 1);
  const path = `/v1/evidence/${hash}/proof`;
  return request<unknown>(client, { method: "GET", path, query: { index }, signal: parameters.signal }).then((proof) => checkAnswer(evidenceProofSchema, proof, `${client.url}${path}`, context));
}
