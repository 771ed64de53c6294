import { anchorFactsOfReceipt, decodeHeader, decodeSignedTx, decodeTxResult, fromHex, getSuite } from "@kexin/core";
import { SdkError } from "../errors.ts";
import type { CommittedTransactionView } from "../types.ts";
import { type EvidenceProof, evidenceProofFormat } from "./types.ts";

export type EvidenceProofFromTransactionErrorType = SdkError;

/**
 * The proof of the anchor a committed transaction made (the answer of waitForCommit or
 * getTransaction), built from its receipt alone: use it right after anchoring, where
 * getEvidenceProof would return the hash's first-seen anchor, which may be someone else's.
 */
export function evidenceProofFromTransaction(view: CommittedTransactionView): EvidenceProof {
  const { receipt } = view;
  const suite = getSuite(receipt.suite);
  const made = anchorFactsOfReceipt(suite, {
    tx: decodeSignedTx(fromHex(receipt.tx)),
    result: decodeTxResult(fromHex(receipt.result)),
    header: decodeHeader(fromHex(receipt.header)),
    txHash: receipt.txHash,
  });
  if ("problem" in made) {
    throw new SdkError({ code: "SDK_INVALID_PARAMETER", parameter: "view", reason: made.problem }, `evidence.evidenceProofFromTransaction: ${made.problem}`);
  }
  return { format: evidenceProofFormat, suite: suite.id, anchor: made.anchor, receipt };
}
