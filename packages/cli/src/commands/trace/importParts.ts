import { ApiError, type KexinClient, type Wallet, trace } from "@kexin/sdk";
import { importOutcome } from "./epcis.ts";

/** Waits for room in a full mempool before a transaction of an import is given up. */
const mempoolRetriesMax = 30;
const mempoolRetryDelayMs = 1_000;

function isMempoolFull(error: unknown): boolean {
  return error instanceof ApiError && (error.code === "MEMPOOL_FULL" || error.status === 503);
}

async function submitWithRoom(client: KexinClient, bytes: Uint8Array): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.sendTransaction({ tx: bytes });
      return;
    } catch (error) {
      if (!isMempoolFull(error) || attempt >= mempoolRetriesMax) throw error;
      await new Promise((resolveDelay) => setTimeout(resolveDelay, mempoolRetryDelayMs));
    }
  }
}

export interface PartResult {
  readonly part: number;
  readonly firstEvent: number;
  readonly events: number;
  readonly status: "ok" | "failed";
  readonly hash: string;
  readonly height: number;
  /** Position of the transaction in its block. */
  readonly index: number;
  readonly code?: string;
  readonly message?: string;
  readonly objects?: number;
  readonly alerts?: number;
}

/**
 * Signs the parts with consecutive nonces and keeps up to `window` of them submitted but not yet
 * committed. After a part fails nothing more is submitted: later events usually depend on it.
 */
export async function importParts(
  client: KexinClient,
  wallet: Wallet,
  parts: readonly trace.EpcisDocumentPart[],
  firstPart: number,
  options: { window: number; timeoutMs: number },
  onCommitted: (done: number, events: number) => void,
): Promise<{ results: PartResult[]; announcedAlerts: Readonly<Record<string, unknown>>[] }> {
  const { nonce } = await client.getAccount({ address: wallet.address });
  const inFlight: { index: number; hash: string }[] = [];
  const results: PartResult[] = [];
  const announcedAlerts: Readonly<Record<string, unknown>>[] = [];
  let next = 0;
  let failed = false;
  let eventsDone = 0;
  while (inFlight.length > 0 || (next < parts.length && !failed)) {
    while (!failed && next < parts.length && inFlight.length < options.window) {
      const part = parts[next] as trace.EpcisDocumentPart;
      const prepared = await client.prepareTransaction(wallet, trace.importEpcis({ document: part.document }), { nonce: nonce + next });
      await submitWithRoom(client, prepared.bytes);
      inFlight.push({ index: next, hash: prepared.hashHex });
      next++;
    }
    const oldest = inFlight.shift() as { index: number; hash: string };
    const part = parts[oldest.index] as trace.EpcisDocumentPart;
    const view = await client.waitForCommit({ hash: oldest.hash, timeoutMs: options.timeoutMs });
    const base = { part: firstPart + oldest.index, firstEvent: part.firstEvent, events: part.events, hash: view.hash, height: view.height, index: view.index };
    if (view.result.status === "ok") {
      const outcome = importOutcome(view);
      announcedAlerts.push(...outcome.announcedAlerts);
      results.push({ ...base, status: "ok", objects: outcome.objects, alerts: outcome.alerts });
      eventsDone += part.events;
    } else {
      failed = true;
      results.push({ ...base, status: "failed", code: view.result.code, message: view.result.message });
    }
    onCommitted(results.length, eventsDone);
  }
  return { results, announcedAlerts };
}
