import { type OnChainChunk, chainChunks, evidenceLimits as coreEvidenceLimits, fromHex, toHex } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { SdkError } from "../errors.ts";
import { resolveSuite } from "../wallet/wallet.ts";
import { getStatus } from "../actions/getStatus.ts";
import { getChunks } from "./getChunks.ts";
import { getSession } from "./getSession.ts";
import type { SessionView } from "./types.ts";

export type GetRecordingParameters = { readonly sessionId: string; readonly signal?: AbortSignal };
export type GetRecordingReturnType = {
  readonly session: SessionView;
  /** Every recorded chunk in sequence order, as diagnoseRecording takes them. */
  readonly chunks: readonly OnChainChunk[];
};
/** SdkError SDK_BAD_RESPONSE when the chunks the node serves do not re-link to the session's last link. */
export type GetRecordingErrorType = SdkError;

/**
 * A session and all of its chunks, read page by page. The chunks are re-linked on the client
 * (docs/evidence.md) and must end at the session's last link, so a node cannot serve a chunk
 * list other than the one its chain recorded.
 */
export async function getRecording(client: Client, parameters: GetRecordingParameters): Promise<GetRecordingReturnType> {
  const [status, session] = await Promise.all([getStatus(client, { signal: parameters.signal }), getSession(client, parameters)]);
  const suite = resolveSuite(status.suite);
  const chunks: OnChainChunk[] = [];
  const deviceTimes: number[] = [];
  let from: number | null = 0;
  // Each page moves forward by at least one chunk, and sessions are bounded, so the loop ends.
  while (from !== null && chunks.length < coreEvidenceLimits.chunksPerSessionMax) {
    const page = await getChunks(client, { sessionId: session.sessionId, from, signal: parameters.signal });
    for (const chunk of page.chunks) {
      chunks.push({ sequence: chunk.sequence, chunkHash: fromHex(chunk.chunkHash) });
      deviceTimes.push(chunk.deviceTimeMs);
    }
    if (page.next !== null && page.next <= from) break;
    from = page.next;
  }
  const fail = (reason: string): never => {
    throw new SdkError({ code: "SDK_BAD_RESPONSE", url: client.url, status: 200, reason }, `session "${session.sessionId}": ${reason}`);
  };
  if (chunks.length !== session.chunkCount) fail(`the node served ${chunks.length} chunks but the session records ${session.chunkCount}`);
  if (chunks.length > 0) {
    const links = chainChunks(suite, session.sessionId, chunks.map((chunk, index) => ({ ...chunk, deviceTimeMs: deviceTimes[index] as number })));
    const lastLink = toHex(links[links.length - 1] as Uint8Array);
    if (lastLink !== session.lastLink) fail(`the served chunks link to ${lastLink}, not to the session's last link ${session.lastLink}`);
  }
  return { session, chunks };
}
