import { isDeepStrictEqual } from "node:util";
import { type ReceiptVerification, getSuite } from "@kexin/core";
import { resultView, txView } from "@kexin/node";

/** The fields of a saved transaction answer (`kexin tx get <hash> --json`) beside its receipt. */
const answerFields = ["hash", "status", "height", "index", "tx", "result"] as const;

/**
 * A saved answer's readable fields are not covered by the receipt's proofs: an amount changed
 * there would sit beside a valid receipt. Checked against what the verified receipt proves, they
 * either say exactly the same or the file is refused. Returns why they differ, or undefined.
 */
export function answerFieldsMismatch(answer: Record<string, unknown>, receipt: Record<string, unknown>, verification: ReceiptVerification): string | undefined {
  const { tx, result, header, txHash } = verification;
  if (tx === undefined || result === undefined || header === undefined || txHash === undefined) return "the receipt did not verify, so its answer's fields cannot be checked";
  const proven: Record<(typeof answerFields)[number], unknown> = {
    hash: txHash,
    status: "committed",
    height: header.height,
    index: receipt.txIndex,
    tx: txView(getSuite(String(receipt.suite)), tx),
    result: resultView(result),
  };
  for (const key of Object.keys(answer)) {
    if (key === "receipt") continue;
    if (!(answerFields as readonly string[]).includes(key)) return `"${key}" is not a field of a transaction answer`;
    const field = key as (typeof answerFields)[number];
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(proven[field])), answer[field])) return `"${field}" differs from what the receipt proves`;
  }
  return undefined;
}
