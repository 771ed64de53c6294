import { type BlockHeader, type CryptoSuite, type SignedTx, type TxResult, TxStatus, addressOf } from "@kexin/core";
import type { EvidenceProofAnchor } from "./types.ts";

/**
 * The anchor a committed evidence.anchor transaction made, read from the receipt's own bytes:
 * the fields from the signed payload, the submitter from the signature and the result's event,
 * the height and time from the header. Both building a proof and verifying one use it, so a
 * proof states nothing its receipt does not prove.
 */
export function anchorOfTransaction(
  suite: CryptoSuite,
  parts: { readonly tx: SignedTx; readonly result: TxResult; readonly header: BlockHeader; readonly txHash: string },
): { readonly anchor: EvidenceProofAnchor } | { readonly problem: string } {
  const { tx, result, header } = parts;
  if (tx.module !== "evidence" || tx.type !== "anchor") return { problem: `the receipt's transaction is ${tx.module}.${tx.type}, not evidence.anchor` };
  if (result.status !== TxStatus.ok) return { problem: `the anchor transaction failed (${result.code}): nothing was anchored` };
  const payload = tx.payload as Record<string, unknown> | null;
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) return { problem: "the anchor transaction's payload is not an object" };
  const { hash, size, mediaType, title, caseNumber, tags } = payload;
  if (typeof hash !== "string" || typeof size !== "number" || typeof mediaType !== "string" || typeof title !== "string" || typeof caseNumber !== "string" || !Array.isArray(tags) || !tags.every((tag) => typeof tag === "string")) {
    return { problem: "the anchor transaction's payload lacks an anchor field" };
  }
  const event = result.events.find((candidate) => candidate.module === "evidence" && candidate.type === "anchored");
  const org = event?.attributes.org;
  if (typeof org !== "string") return { problem: "the anchor transaction's result has no anchored event naming the organisation" };
  return {
    anchor: {
      hash,
      size,
      mediaType,
      title,
      caseNumber,
      tags: tags as string[],
      submitter: { org, address: addressOf(suite, tx.signer) },
      height: header.height,
      time: header.time,
      txHash: parts.txHash,
    },
  };
}
