import { type SuiteId, TxStatus, addressOf, decodeCommit, fromHex, getSuite, toHex, verifyReceipt } from "@kexin/core";
import { invalidProof } from "./errors.ts";

/** The format of the proof a certificate is drawn from (GET /v1/evidence/:hash/proof). */
export const certifiedProofFormat = "kexin-evidence-proof/1";

/** What a certificate states: every value is read from the proof's verified receipt. */
export interface CertificateFacts {
  readonly suite: SuiteId;
  /** The content hash, 64 lower-case hex digits, and its algorithm ("SHA-256" or "SM3"). */
  readonly hash: string;
  readonly hashAlgorithm: "SHA-256" | "SM3";
  readonly size: number;
  readonly mediaType: string;
  readonly title: string;
  readonly caseNumber: string;
  readonly tags: readonly string[];
  readonly submitter: { readonly org: string; readonly address: string };
  /** Block time, milliseconds since the Unix epoch. */
  readonly time: number;
  readonly height: number;
  readonly blockHash: string;
  readonly txHash: string;
  readonly chainId: string;
  /** The validators whose signatures over the block are in its commit, and their voting power. */
  readonly commit: { readonly signers: number; readonly signedPower: number; readonly validators: number; readonly totalPower: number };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const statedFields = ["hash", "size", "mediaType", "title", "caseNumber", "tags", "submitter", "height", "time", "txHash"] as const;

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

  const { tx, result, header } = verification;
  if (tx.module !== "evidence" || tx.type !== "anchor") throw invalidProof("anchor", `the receipt's transaction is ${tx.module}.${tx.type}, not evidence.anchor`);
  if (result.status !== TxStatus.ok) throw invalidProof("anchor", `the anchor transaction failed (${result.code}): nothing was anchored`);
  const payload = tx.payload as Record<string, unknown> | null;
  const { hash, size, mediaType, title, caseNumber, tags } = isRecord(payload) ? payload : {};
  if (typeof hash !== "string" || typeof size !== "number" || typeof mediaType !== "string" || typeof title !== "string" || typeof caseNumber !== "string" || !Array.isArray(tags) || !tags.every((tag) => typeof tag === "string")) {
    throw invalidProof("anchor", "the anchor transaction's payload lacks an anchor field");
  }
  const org = result.events.find((event) => event.module === "evidence" && event.type === "anchored")?.attributes.org;
  if (typeof org !== "string") throw invalidProof("anchor", "the anchor transaction's result has no anchored event naming the organisation");

  const signed = {
    hash,
    size,
    mediaType,
    title,
    caseNumber,
    tags: tags as string[],
    submitter: { org, address: addressOf(suite, tx.signer) },
    height: header.height,
    time: header.time,
    txHash: verification.txHash,
  };
  const stated = proof.anchor;
  const differing = statedFields.find((field) => JSON.stringify(stated[field]) !== JSON.stringify(signed[field]));
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
    chainId: header.chainId,
    commit: { signers: commit.signatures.length, signedPower, validators: verification.validators.length, totalPower },
  };
}
