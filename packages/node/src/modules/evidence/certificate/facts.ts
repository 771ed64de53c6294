import { type EvidenceProofAnchor, type SuiteId, anchorFactsOfReceipt, decodeCommit, differingAnchorField, evidenceProofFormat, fromHex, getSuite, toHex, verifyReceipt } from "@kexin/core";
import { invalidProof } from "./errors.ts";

/** The format of the proof a certificate is drawn from (GET /v1/evidence/:hash/proof). */
export const certifiedProofFormat = evidenceProofFormat;

/** What a certificate states: every value is read from the proof's verified receipt. */
/** What a certificate states: every value is read from the proof's verified receipt (the anchor's fields as @kexin/core derives them). */
export interface CertificateFacts extends EvidenceProofAnchor {
  readonly suite: SuiteId;
  /** The algorithm of the content hash: "SHA-256" or "SM3". */
  readonly hashAlgorithm: "SHA-256" | "SM3";
  readonly blockHash: string;
  readonly chainId: string;
  /** The validators whose signatures over the block are in its commit, and their voting power. */
  readonly commit: { readonly signers: number; readonly signedPower: number; readonly validators: number; readonly totalPower: number };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Checks a proof the way `verifyEvidenceProof` does, without the file: the receipt passes every
 * check of `verifyReceipt`, its transaction is a successful evidence.anchor, and every anchor field
 * the proof states is what the signed transaction, its result and its block say. The facts are then
 * taken from the receipt itself, so a certificate never shows a value the signatures do not cover.
 * Throws CertificateError CERTIFICATE_INVALID_PROOF naming what failed.
 */
export function certificateFacts(proof: unknown): CertificateFacts {
  if (!isRecord(proof) || proof.format !== certifiedProofFormat) throw invalidProof("proof-format", `a proof must be a "${certifiedProofFormat}" JSON object`);
  if (!isRecord(proof.anchor)) throw invalidProof("proof-format", 'proof field "anchor" must be an object');
  const verification = verifyReceipt(proof.receipt);
  const failed = verification.checks.find((outcome) => !outcome.ok);
  if (failed || !verification.tx || !verification.result || !verification.header || !verification.blockHash || !verification.validators || !verification.txHash) {
    throw invalidProof("receipt", `receipt check "${failed?.check ?? "format"}" failed: ${failed?.detail ?? "the receipt is incomplete"}`);
  }
  const suite = getSuite(String((proof.receipt as Record<string, unknown>).suite));
  if (proof.suite !== suite.id) throw invalidProof("proof-format", `the proof's suite ${JSON.stringify(proof.suite)} is not its receipt's "${suite.id}"`);

  const made = anchorFactsOfReceipt(suite, { tx: verification.tx, result: verification.result, header: verification.header, txHash: verification.txHash });
  if ("problem" in made) throw invalidProof("anchor", made.problem);
  const signed = made.anchor;
  const stated = proof.anchor;
  const differing = differingAnchorField(stated, signed);
  if (differing !== undefined) throw invalidProof("anchor", `anchor field "${differing}" in the proof differs from what the signed transaction and its block say`);

  // verifyReceipt has checked every signature of the commit and that the signers hold more than two thirds.
  const commit = decodeCommit(fromHex(String((proof.receipt as Record<string, unknown>).commit)));
  const powerOf = new Map(verification.validators.map((validator) => [toHex(validator.publicKey), validator.power]));
  let signedPower = 0;
  for (const entry of commit.signatures) signedPower += powerOf.get(toHex(entry.validator)) ?? 0;
  let totalPower = 0;
  for (const validator of verification.validators) totalPower += validator.power;

  return {
    ...signed,
    suite: suite.id,
    hashAlgorithm: suite.hashName === "sm3" ? "SM3" : "SHA-256",
    blockHash: verification.blockHash,
    chainId: verification.header.chainId,
    commit: { signers: commit.signatures.length, signedPower, validators: verification.validators.length, totalPower },
  };
}
