import type { CryptoSuite } from "../crypto/index.ts";
import { addressOf } from "../structures.ts";
import { type BlockHeader, type SignedTx, type TxResult, TxStatus } from "../types.ts";
import type { EvidenceProofAnchor } from "./records.ts";

/** The parts of a receipt an anchor is read from (as verifyReceipt or the receipt decoders give them). */
export interface AnchorReceiptParts {
  readonly tx: SignedTx;
  readonly result: TxResult;
  readonly header: BlockHeader;
  readonly txHash: string;
}

export type AnchorFactsOutcome = { readonly anchor: EvidenceProofAnchor } | { readonly problem: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The anchor a committed evidence.anchor transaction made, read from the receipt's own bytes:
 * the fields from the signed payload, the submitter from the signature and the result's event,
 * the height and time from the header. Building a proof, verifying one and drawing a certificate
 * all use it, so none of them states anything its receipt does not prove.
 */
export function anchorFactsOfReceipt(suite: CryptoSuite, parts: AnchorReceiptParts): AnchorFactsOutcome {
  const { tx, result, header } = parts;
  if (tx.module !== "evidence" || tx.type !== "anchor") return { problem: `the receipt's transaction is ${tx.module}.${tx.type}, not evidence.anchor` };
  if (result.status !== TxStatus.ok) return { problem: `the anchor transaction failed (${result.code}): nothing was anchored` };
  if (!isRecord(tx.payload)) return { problem: "the anchor transaction's payload is not an object" };
  const { hash, size, mediaType, title, caseNumber, tags } = tx.payload;
  if (
    typeof hash !== "string" ||
    typeof size !== "number" ||
    typeof mediaType !== "string" ||
    typeof title !== "string" ||
    typeof caseNumber !== "string" ||
    !Array.isArray(tags) ||
    !tags.every((tag) => typeof tag === "string")
  ) {
    return { problem: "the anchor transaction's payload lacks an anchor field" };
  }
  const org = result.events.find((event) => event.module === "evidence" && event.type === "anchored")?.attributes.org;
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

const anchorFields = ["hash", "size", "mediaType", "title", "caseNumber", "tags", "submitter", "height", "time", "txHash"] as const;

/** The first anchor field a proof states differently from what its receipt proves, or undefined when all agree. */
export function differingAnchorField(stated: Readonly<Record<string, unknown>>, proven: EvidenceProofAnchor): (typeof anchorFields)[number] | undefined {
  return anchorFields.find((field) => JSON.stringify(stated[field]) !== JSON.stringify(proven[field]));
}
