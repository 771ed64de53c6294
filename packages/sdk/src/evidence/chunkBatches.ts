import { type ChainTip, type ChunkRecord, type CryptoSuite, type SuiteId, chainChunks, fromHex, sessionStart, toHex } from "@kexin/core";
import { type AppendChunksCall, appendChunks } from "./appendChunks.ts";
import { resolveSuite } from "../wallet/wallet.ts";
import { evidenceLimits } from "./types.ts";

export type ChunkBatchesParameters = {
  readonly sessionId: string;
  readonly records: readonly ChunkRecord[];
  /** Where the session stands on chain (its chunkCount and lastLink); the session's start by default. */
  readonly from?: { readonly chunkCount: number; readonly lastLink: string };
};
export type ChunkBatchesReturnType = {
  readonly calls: AppendChunksCall[];
  /** Where the session will stand once every call is committed: what close_session confirms. */
  readonly chunkCount: number;
  readonly lastLink: string;
};

/**
 * Links a device's chunk records (docs/evidence.md: each link commits to every chunk before it)
 * and cuts them into append_chunks calls of at most 200 records, to be signed with consecutive
 * nonces. Throws core's EvidenceError for a record out of sequence or out of range.
 */
export function chunkBatches(suite: CryptoSuite | SuiteId, parameters: ChunkBatchesParameters): ChunkBatchesReturnType {
  const chainSuite = resolveSuite(suite);
  const tip: ChainTip = parameters.from
    ? { nextSequence: parameters.from.chunkCount, lastLink: fromHex(parameters.from.lastLink) }
    : sessionStart(chainSuite, parameters.sessionId);
  const links = chainChunks(chainSuite, parameters.sessionId, parameters.records, tip);
  const calls: AppendChunksCall[] = [];
  for (let start = 0; start < parameters.records.length; start += evidenceLimits.chunksPerTransactionMax) {
    const chunks = parameters.records
      .slice(start, start + evidenceLimits.chunksPerTransactionMax)
      .map((record, offset) => ({ ...record, link: links[start + offset] as Uint8Array }));
    calls.push(appendChunks({ sessionId: parameters.sessionId, chunks }));
  }
  const lastLink = links.length > 0 ? (links[links.length - 1] as Uint8Array) : tip.lastLink;
  return { calls, chunkCount: tip.nextSequence + parameters.records.length, lastLink: toHex(lastLink) };
}
