import { type ReceiptCheck, type ReceiptCheckOutcome, type ReceiptTrust, type ReceiptVerification, verifyReceipt } from "./receipt.ts";
import { getSuite } from "./crypto/index.ts";
import { receiptFormat } from "./types.ts";
import { resultView, txView } from "./views.ts";

/** A receipt's checks, and for a saved transaction answer one more: its readable fields say what the receipt proves. */
export type ReceiptDocumentCheck = ReceiptCheck | "answer-matches-receipt";

export interface ReceiptDocumentCheckOutcome {
  readonly check: ReceiptDocumentCheck;
  readonly ok: boolean;
  readonly detail: string;
}

export interface ReceiptDocumentVerification extends Omit<ReceiptVerification, "checks"> {
  readonly checks: readonly ReceiptDocumentCheckOutcome[];
  /** Whether the document was a transaction answer holding the receipt, rather than a bare receipt. */
  readonly answer: boolean;
}

/** The fields of a transaction answer (GET /v1/txs/:hash, what `kexin tx get <hash> --json` saves) beside its receipt. */
const answerFields = ["hash", "status", "height", "index", "tx", "result"] as const;

/**
 * What a receipt file holds: a bare receipt, or a transaction answer with its receipt inside. A
 * document that is neither gets the reason, worded to follow "this file is" or "it is".
 */
export function receiptOfDocument(document: unknown): { readonly receipt: unknown; readonly answer?: Record<string, unknown> } | { readonly problem: string } {
  if (document === null || typeof document !== "object" || Array.isArray(document)) return { problem: "JSON but not a receipt object" };
  const record = document as Record<string, unknown>;
  if ("format" in record) return { receipt: record };
  if ("receipt" in record) return { receipt: record.receipt, answer: record };
  const error = record.error as { code?: unknown; message?: unknown } | undefined;
  if (error !== undefined) return { problem: `an error answer, not a receipt: ${String(error?.message)} (${String(error?.code)})` };
  if (record.status === "pending") return { problem: "an answer saved while the transaction was pending; fetch it again once committed" };
  return { problem: `neither a receipt (format "${receiptFormat}") nor a transaction answer with a "receipt" field` };
}

/**
 * A saved answer's readable fields are not covered by the receipt's proofs: an amount changed
 * there would sit beside a valid receipt. Checked against what the verified receipt proves, they
 * either say exactly the same or the answer is refused. Returns why they differ, or undefined.
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
    if (!jsonEqual(JSON.parse(JSON.stringify(proven[field])) as unknown, answer[field])) return `"${field}" differs from what the receipt proves`;
  }
  return undefined;
}

/** Equality of parsed JSON values: same types, same array order, same keys whatever their order. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const keys = Object.keys(aRecord);
  return keys.length === Object.keys(bRecord).length && keys.every((key) => Object.hasOwn(bRecord, key) && jsonEqual(aRecord[key], bRecord[key]));
}

/**
 * Verifies a receipt file as people save it: a bare receipt, or a transaction answer, whose
 * readable fields must then also say exactly what its receipt proves (check
 * "answer-matches-receipt"). A document that is neither fails the "format" check with the reason.
 */
export function verifyReceiptDocument(document: unknown, trust: ReceiptTrust = {}): ReceiptDocumentVerification {
  const found = receiptOfDocument(document);
  if ("problem" in found) {
    const detail = `this is ${found.problem}`;
    return { ok: false, checks: [{ check: "format", ok: false, detail }], error: detail, answer: false };
  }
  const verification = verifyReceipt(found.receipt, trust);
  if (found.answer === undefined || !verification.ok) return { ...verification, answer: found.answer !== undefined };
  const mismatch = answerFieldsMismatch(found.answer, found.receipt as Record<string, unknown>, verification);
  const outcome: ReceiptDocumentCheckOutcome = {
    check: "answer-matches-receipt",
    ok: mismatch === undefined,
    detail: mismatch ?? "the answer's hash, height, transaction and result are the receipt's",
  };
  const checks: ReceiptDocumentCheckOutcome[] = [...(verification.checks as readonly ReceiptCheckOutcome[]), outcome];
  return { ...verification, ok: outcome.ok, checks, ...(outcome.ok ? {} : { error: outcome.detail }), answer: true };
}
