import { type CryptoSuite, type ReceiptTrust, type ReceiptVerification, anchorFactsOfReceipt, differingAnchorField, getSuite, isHex, toHex, verifyReceipt } from "@kexin/core";
import { invalidParameter } from "../errors.ts";
import { type EvidenceProofAnchor, evidenceProofFormat } from "./types.ts";

export type EvidenceProofCheck = "proof-format" | "receipt" | "anchor" | "file-hash" | "file-size";

export interface EvidenceProofCheckOutcome {
  readonly check: EvidenceProofCheck;
  readonly ok: boolean;
  readonly detail: string;
}

export type VerifyEvidenceProofParameters = {
  /** The proof as parsed JSON (format kexin-evidence-proof/1). */
  readonly proof: unknown;
  /** The file's bytes. Or give contentHash and contentSize instead, for a file hashed elsewhere (e.g. streamed) with the proof's suite. */
  readonly content?: Uint8Array;
  readonly contentHash?: string;
  readonly contentSize?: number;
  /** Chain id and validator-set hash to require, passed to the receipt check. */
  readonly trust?: ReceiptTrust;
};

export type VerifyEvidenceProofReturnType = {
  readonly ok: boolean;
  readonly checks: readonly EvidenceProofCheckOutcome[];
  /** What failed first, when not ok: "file hash mismatch: …", `receipt check "commit-signed" failed: …`, … */
  readonly error?: string;
  /** The anchor the proof states (checked field by field when ok). */
  readonly anchor?: EvidenceProofAnchor;
  readonly receipt?: ReceiptVerification;
  /** The file's hash under the proof's suite. */
  readonly contentHash?: string;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

/**
 * Checks an evidence proof fully offline: the proof is well formed; its receipt passes every
 * check of verifyReceipt (signature, inclusion, validators, commit); every anchor field it states
 * is what the signed transaction, its result and its block say; and the file hashes, under the
 * proof's suite, to the hash the transaction anchored, with the size it recorded. Any changed
 * byte of the file or of the proof fails, and `error` names what failed.
 */
export function verifyEvidenceProof(parameters: VerifyEvidenceProofParameters): VerifyEvidenceProofReturnType {
  const checks: EvidenceProofCheckOutcome[] = [];
  const record = (check: EvidenceProofCheck, ok: boolean, detail: string): void => {
    checks.push({ check, ok, detail });
  };
  const finish = (rest: Omit<VerifyEvidenceProofReturnType, "ok" | "checks" | "error">): VerifyEvidenceProofReturnType => {
    const failed = checks.find((outcome) => !outcome.ok);
    return { ok: failed === undefined, checks, ...(failed ? { error: failed.detail } : {}), ...rest };
  };

  const { proof } = parameters;
  let suite: CryptoSuite;
  try {
    if (!isRecord(proof)) throw new Error("a proof must be a JSON object");
    if (proof.format !== evidenceProofFormat) throw new Error(`unsupported proof format ${show(proof.format)}; expected "${evidenceProofFormat}"`);
    if (typeof proof.suite !== "string") throw new Error('proof field "suite" must be a string');
    suite = getSuite(proof.suite);
    if (!isRecord(proof.anchor)) throw new Error('proof field "anchor" must be an object');
    if (!isRecord(proof.receipt)) throw new Error('proof field "receipt" must be an object');
    if (proof.receipt.suite !== proof.suite) throw new Error(`the proof's suite ${show(proof.suite)} is not its receipt's ${show(proof.receipt.suite)}`);
  } catch (error) {
    record("proof-format", false, `proof is not valid: ${error instanceof Error ? error.message : String(error)}`);
    return finish({});
  }
  record("proof-format", true, `proof of format ${evidenceProofFormat}, suite ${suite.id}`);
  const stated = proof.anchor as unknown as EvidenceProofAnchor;

  const contentHash = hashOfContent(suite, parameters);
  const contentSize = parameters.content?.length ?? parameters.contentSize;

  const receipt = verifyReceipt(proof.receipt, parameters.trust ?? {});
  const failedReceiptCheck = receipt.checks.find((outcome) => !outcome.ok);
  record(
    "receipt",
    receipt.ok,
    failedReceiptCheck ? `receipt check "${failedReceiptCheck.check}" failed: ${failedReceiptCheck.detail}` : `receipt is valid: ${receipt.checks.map((outcome) => outcome.check).join(", ")}`,
  );

  let anchored: EvidenceProofAnchor | undefined;
  if (receipt.tx && receipt.result && receipt.header && receipt.txHash) {
    const made = anchorFactsOfReceipt(suite, { tx: receipt.tx, result: receipt.result, header: receipt.header, txHash: receipt.txHash });
    if ("problem" in made) record("anchor", false, made.problem);
    else {
      anchored = made.anchor;
      const differing = differingAnchorField(stated, made.anchor);
      record(
        "anchor",
        differing === undefined,
        differing === undefined
          ? `the proof's anchor is the one transaction ${made.anchor.txHash} made in block ${made.anchor.height}`
          : `anchor field "${differing}" in the proof (${show(stated[differing])}) differs from what the signed transaction and its block say (${show(made.anchor[differing])})`,
      );
    }
  } else {
    record("anchor", false, "the receipt's transaction cannot be read, so the anchor cannot be checked");
  }

  // The file is compared with what was signed; the proof's own statement only when the transaction is unreadable.
  const expectedHash = anchored?.hash ?? (typeof stated.hash === "string" ? stated.hash : "");
  record(
    "file-hash",
    contentHash === expectedHash,
    contentHash === expectedHash
      ? `the file's ${suite.hashName} is the anchored hash ${contentHash}`
      : `file hash mismatch: the file's ${suite.hashName} is ${contentHash}, but the anchor is for ${expectedHash}`,
  );
  const expectedSize = anchored?.size ?? stated.size;
  if (contentSize !== undefined) {
    record(
      "file-size",
      contentSize === expectedSize,
      contentSize === expectedSize ? `the file has the anchored size of ${contentSize} bytes` : `file size mismatch: the file has ${contentSize} bytes, the anchor records ${show(expectedSize)}`,
    );
  }
  return finish({ anchor: stated, receipt, contentHash });
}

function hashOfContent(suite: CryptoSuite, parameters: VerifyEvidenceProofParameters): string {
  const context = "evidence.verifyEvidenceProof";
  if (parameters.content !== undefined) {
    if (!(parameters.content instanceof Uint8Array)) throw invalidParameter(context, "content", "must be the file's bytes (a Uint8Array)");
    return toHex(suite.hash(parameters.content));
  }
  if (!isHex(parameters.contentHash, 32)) throw invalidParameter(context, "contentHash", "must be the file's hash as 64 hex digits when content is not given");
  if (parameters.contentSize !== undefined && (!Number.isSafeInteger(parameters.contentSize) || parameters.contentSize < 0)) {
    throw invalidParameter(context, "contentSize", "must be the file's length in bytes");
  }
  return parameters.contentHash.toLowerCase();
}
