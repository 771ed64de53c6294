import { type CryptoSuite, type ReceiptCheck, type ReceiptTrust, getSuite } from "@kexin/core";
import { evidence } from "@kexin/sdk";

export interface ContentHash {
  readonly hash: string;
  readonly size: number;
}

/** One line of the evidence steps: a receipt check or a check of the proof; `ok` undefined while it waits for the file. */
export interface EvidenceStep {
  readonly check: evidence.EvidenceProofCheck | "receipt-step";
  readonly receiptCheck?: ReceiptCheck;
  readonly ok: boolean | undefined;
  readonly detail: string;
}

export interface EvidenceCheck {
  readonly steps: readonly EvidenceStep[];
  /** Every step that ran passed. */
  readonly ok: boolean;
  /** The file was given and compared; without it, `ok` speaks of the proof alone. */
  readonly fileChecked: boolean;
  readonly result: evidence.VerifyEvidenceProofReturnType | undefined;
}

/** Stands in for the file's hash when there is no file: the file checks it feeds are then left out. */
const noFileHash = "00".repeat(32);

/** The proof's suite, or undefined when it names none the page knows (the format check then says so). */
export function suiteOfProof(proof: unknown): CryptoSuite | undefined {
  const suite = (proof as { suite?: unknown } | null)?.suite;
  try {
    return typeof suite === "string" ? getSuite(suite) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks an evidence proof with the SDK's verifyEvidenceProof, offline, against the file's hash
 * (computed here with the proof's suite) or, with no file yet, the proof alone. The receipt's own
 * checks are listed one by one, so the reader sees inclusion and signatures as separate steps.
 */
export function checkEvidence(proof: unknown, content: ContentHash | undefined, trust: ReceiptTrust): EvidenceCheck {
  let result: evidence.VerifyEvidenceProofReturnType;
  try {
    result = evidence.verifyEvidenceProof({ proof, contentHash: content?.hash ?? noFileHash, ...(content ? { contentSize: content.size } : {}), trust });
  } catch (error) {
    // A proof malformed in a way the checks did not foresee is still a proof that fails, not a broken page.
    const detail = `proof is not valid: ${error instanceof Error ? error.message : String(error)}`;
    return { steps: [{ check: "proof-format", ok: false, detail }], ok: false, fileChecked: content !== undefined, result: undefined };
  }
  const steps: EvidenceStep[] = [];
  for (const outcome of result.checks) {
    if (outcome.check === "receipt" && result.receipt) {
      for (const receiptOutcome of result.receipt.checks) steps.push({ check: "receipt-step", receiptCheck: receiptOutcome.check, ok: receiptOutcome.ok, detail: receiptOutcome.detail });
    } else if (outcome.check === "file-hash" && !content) {
      steps.push({ check: "file-hash", ok: undefined, detail: "" });
    } else {
      steps.push({ check: outcome.check, ok: outcome.ok, detail: outcome.detail });
    }
  }
  return { steps, ok: steps.every((step) => step.ok !== false), fileChecked: content !== undefined, result };
}
