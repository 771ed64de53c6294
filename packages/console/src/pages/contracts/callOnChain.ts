import type { CborValue } from "@kexin/core";
import { type CommittedTransactionView, type JsonValue, type Wallet, contracts } from "@kexin/sdk";
import { client } from "../../api.ts";

export type CallPhase = "submitting" | "committing";

export interface CallOutcome {
  readonly committed: CommittedTransactionView;
  /** The method's answer when the call succeeded. */
  readonly value: JsonValue;
  readonly gasUsed: number | undefined;
}

/** Blocks come every second or so; a minute means the node is stuck, and the reader should be told. */
const commitTimeoutMs = 60_000;

/**
 * Signs `contracts.call` with the wallet here in the browser, submits it and waits for its block.
 * A call that failed on chain is answered too (its code and message are in the committed result):
 * its transaction, nonce and receipt exist like any other.
 */
export async function callOnChain(wallet: Wallet, parameters: { readonly contract: string; readonly method: string; readonly args: { readonly [name: string]: CborValue }; readonly gasLimit: number }, onPhase: (phase: CallPhase) => void): Promise<CallOutcome> {
  // The builder checks every field as the node would, before anything is signed.
  const call = contracts.contractCall(parameters);
  onPhase("submitting");
  const sent = await client.buildAndSend(wallet, call);
  onPhase("committing");
  const committed = await client.waitForCommit({ hash: sent.hash, timeoutMs: commitTimeoutMs });
  const result = committed.result.events.find((event) => event.module === contracts.contractsModule && event.type === contracts.contractResultEventType);
  const gasUsed = result?.attributes.gasUsed;
  return { committed, value: contracts.contractCallValue(committed), gasUsed: typeof gasUsed === "number" ? gasUsed : undefined };
}
