import { type CommittedTransactionView, type Wallet, evidence } from "@kexin/sdk";
import { client } from "../../api.ts";

export type AnchorPhase = "submitting" | "committing" | "proof";

export interface AnchorOutcome {
  readonly committed: CommittedTransactionView;
  /** Which anchoring of the hash this one is (0 for the first ever). */
  readonly index: number;
  /** The node's proof of exactly this anchoring, to save beside the file. */
  readonly proof: evidence.EvidenceProof;
}

/** The transaction was committed but its execution failed (e.g. EVIDENCE_TOO_MANY_ANCHORS): nothing was anchored. */
export class AnchorRejectedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Blocks come every second or so; a minute means the node is stuck, and the reader should be told. */
const commitTimeoutMs = 60_000;

/**
 * Signs `evidence.anchor` with the wallet here in the browser, submits it, waits for its block and
 * fetches the proof of this very anchoring (by its index, so a hash anchored before by someone
 * else gives this clerk's proof, not the first one).
 */
export async function anchorOnChain(wallet: Wallet, parameters: evidence.AnchorParameters, onPhase: (phase: AnchorPhase) => void): Promise<AnchorOutcome> {
  // The builder checks every field as the node would, before anything is signed.
  const call = evidence.anchor(parameters);
  onPhase("submitting");
  const sent = await client.buildAndSend(wallet, call);
  onPhase("committing");
  const committed = await client.waitForCommit({ hash: sent.hash, timeoutMs: commitTimeoutMs });
  if (committed.result.status !== "ok") throw new AnchorRejectedError(committed.result.code, committed.result.message);
  const event = committed.result.events.find((candidate) => candidate.module === "evidence" && candidate.type === "anchored");
  const index = event?.attributes.index;
  if (typeof index !== "number") throw new AnchorRejectedError("EVIDENCE_NO_EVENT", `transaction ${committed.hash} was committed without an anchored event`);
  onPhase("proof");
  const proof = await evidence.getEvidenceProof(client, { hash: call.payload.hash, index });
  return { committed, index, proof };
}

/** Tags as typed: split at commas (ASCII or Chinese), trimmed, empty and repeated ones left out. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(/[,，、]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
  return tags.filter((tag, index) => tags.indexOf(tag) === index);
}

/** The file's type as the browser reports it, without parameters; the generic type when it reports none. */
export function mediaTypeOf(file: File): string {
  const type = file.type.split(";")[0]?.trim().toLowerCase() ?? "";
  return type.length > 0 ? type : evidence.defaultMediaType;
}

/** Names of downloaded files: a hash prefix is enough to tell them apart and short enough to read. */
export function proofFileName(hash: string): string {
  return `evidence-${hash.slice(0, 16)}.proof.json`;
}

export function certificatePath(hash: string, index: number): string {
  return `/v1/evidence/${hash}/certificate.pdf?index=${index}`;
}

/** The name the node gives the certificate too (its Content-Disposition wins over the link's). */
export function certificateFileName(hash: string, index: number): string {
  return `evidence-certificate-${hash.slice(0, 16)}${index === 0 ? "" : `-${index}`}.pdf`;
}

export function verifyPath(hash: string, index: number): string {
  return index === 0 ? `/verify?hash=${hash}` : `/verify?hash=${hash}&index=${index}`;
}
