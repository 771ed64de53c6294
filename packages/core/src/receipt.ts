import { bytesEqual, fromHex, isHex, toHex } from "./bytes.ts";
import { getSuite } from "./crypto/index.ts";
import type { CryptoSuite } from "./crypto/suite.ts";
import { protocolLimits } from "./limits.ts";
import { merkleLeafHash, verifyMerkleInclusion } from "./merkle.ts";
import {
  VoteType,
  decodeCommit,
  decodeHeader,
  decodeSignedTx,
  decodeTxResult,
  decodeValidators,
  headerHash,
  validatorsHash,
  verifyTxSignature,
  voteSigningBytes,
} from "./structures.ts";
import { type BlockHeader, type SignedTx, type TxResult, type Validator, receiptFormat } from "./types.ts";

export type ReceiptCheck =
  | "format"
  | "tx-signature"
  | "tx-included"
  | "result-included"
  | "validators-match-header"
  | "commit-signed"
  | "trusted-chain"
  | "trusted-validators";

export interface ReceiptCheckOutcome {
  readonly check: ReceiptCheck;
  readonly ok: boolean;
  readonly detail: string;
}

export interface ReceiptVerification {
  readonly ok: boolean;
  readonly checks: readonly ReceiptCheckOutcome[];
  /** The first failed check's detail, when not ok. */
  readonly error?: string;
  readonly tx?: SignedTx;
  readonly txHash?: string;
  readonly result?: TxResult;
  readonly header?: BlockHeader;
  readonly blockHash?: string;
  readonly validators?: readonly Validator[];
}

export interface ReceiptTrust {
  /** When given, the receipt must be from this chain. */
  readonly chainId?: string;
  /** When given (hex), the block must be signed by exactly this validator set. */
  readonly validatorsHash?: string;
}

class ReceiptInvalid extends Error {}

function requireHex(receipt: Record<string, unknown>, field: string): Uint8Array {
  const value = receipt[field];
  if (!isHex(value)) throw new ReceiptInvalid(`receipt field "${field}" must be a hex string`);
  return fromHex(value);
}

function requireHexList(receipt: Record<string, unknown>, field: string): Uint8Array[] {
  const value = receipt[field];
  if (!Array.isArray(value) || value.length > protocolLimits.merkleProofLengthMax || !value.every((item) => isHex(item, 32))) {
    throw new ReceiptInvalid(`receipt field "${field}" must be a list of at most ${protocolLimits.merkleProofLengthMax} 32-byte hex hashes`);
  }
  return value.map((item: string) => fromHex(item));
}

function requireCount(receipt: Record<string, unknown>, field: string): number {
  const value = receipt[field];
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw new ReceiptInvalid(`receipt field "${field}" must be a non-negative integer`);
  return value;
}

/**
 * Checks a receipt with nothing but its own bytes: the transaction's signature, its inclusion in
 * the header's txRoot, its result's inclusion in resultsRoot, that the listed validator set is the
 * header's, and that validators holding more than two thirds of the voting power signed the header.
 * Without `trust`, the verdict is relative to the validator set the receipt names; pass the chain's
 * validator-set hash to anchor it.
 */
export function verifyReceipt(input: unknown, trust: ReceiptTrust = {}): ReceiptVerification {
  const checks: ReceiptCheckOutcome[] = [];
  const partial: { -readonly [K in keyof ReceiptVerification]?: ReceiptVerification[K] } = {};
  const finish = (): ReceiptVerification => {
    const failed = checks.find((outcome) => !outcome.ok);
    return { ...partial, ok: failed === undefined, checks, ...(failed ? { error: failed.detail } : {}) };
  };
  const record = (check: ReceiptCheck, ok: boolean, detail: string): boolean => {
    checks.push({ check, ok, detail });
    return ok;
  };

  let suite: CryptoSuite;
  let receipt: Record<string, unknown>;
  let tx: SignedTx;
  let txBytes: Uint8Array;
  let header: BlockHeader;
  let result: TxResult;
  let validators: Validator[];
  let commitBytes: Uint8Array;
  try {
    if (input === null || typeof input !== "object" || Array.isArray(input)) throw new ReceiptInvalid("a receipt must be a JSON object");
    receipt = input as Record<string, unknown>;
    if (receipt.format !== receiptFormat) throw new ReceiptInvalid(`unsupported receipt format ${JSON.stringify(receipt.format)}; expected "${receiptFormat}"`);
    if (typeof receipt.suite !== "string") throw new ReceiptInvalid('receipt field "suite" must be a string');
    suite = getSuite(receipt.suite);
    txBytes = requireHex(receipt, "tx");
    tx = decodeSignedTx(txBytes);
    result = decodeTxResult(requireHex(receipt, "result"));
    header = decodeHeader(requireHex(receipt, "header"));
    validators = decodeValidators(requireHex(receipt, "validators"));
    commitBytes = requireHex(receipt, "commit");
  } catch (error) {
    record("format", false, error instanceof Error ? error.message : String(error));
    return finish();
  }
  const txHash = suite.hash(txBytes);
  const blockHash = headerHash(suite, header);
  Object.assign(partial, { tx, txHash: toHex(txHash), result, header, blockHash: toHex(blockHash), validators });
  if (receipt.txHash !== toHex(txHash)) {
    record("format", false, `receipt txHash ${String(receipt.txHash)} is not the hash of its transaction (${toHex(txHash)})`);
    return finish();
  }
  if (tx.chainId !== header.chainId) {
    record("format", false, `transaction is for chain "${tx.chainId}" but the header is from chain "${header.chainId}"`);
    return finish();
  }
  record("format", true, "receipt is well-formed");

  record("tx-signature", verifyTxSignature(suite, tx), verifyTxSignature(suite, tx) ? "transaction signature is valid" : "transaction signature does not match its signer and contents");

  let txIndex: number;
  let txCount: number;
  let txProof: Uint8Array[];
  let resultProof: Uint8Array[];
  try {
    txIndex = requireCount(receipt, "txIndex");
    txCount = requireCount(receipt, "txCount");
    txProof = requireHexList(receipt, "txProof");
    resultProof = requireHexList(receipt, "resultProof");
  } catch (error) {
    record("tx-included", false, error instanceof Error ? error.message : String(error));
    return finish();
  }
  // The header signs the count, and with a fixed count a proof fits one index only: the position is bound too.
  if (txCount !== header.txCount || txIndex >= txCount) {
    record("tx-included", false, `receipt claims index ${txIndex} of ${txCount}, but block ${header.height}'s header signs ${header.txCount} transaction${header.txCount === 1 ? "" : "s"}`);
    return finish();
  }
  const included = verifyMerkleInclusion(suite.hash, merkleLeafHash(suite.hash, txBytes), txIndex, txCount, txProof, header.txRoot);
  record(
    "tx-included",
    included,
    included
      ? `transaction is in block ${header.height} (txRoot ${toHex(header.txRoot)})`
      : `inclusion proof does not lead from the transaction to block ${header.height}'s txRoot`,
  );
  const resultMatches = bytesEqual(result.txHash, txHash);
  const resultIncluded =
    resultMatches && verifyMerkleInclusion(suite.hash, merkleLeafHash(suite.hash, requireHex(receipt, "result")), txIndex, txCount, resultProof, header.resultsRoot);
  record(
    "result-included",
    resultIncluded,
    resultIncluded
      ? `result (${result.status === 0 ? "ok" : `failed: ${result.code}`}) is in block ${header.height}'s resultsRoot`
      : resultMatches
        ? `result proof does not lead to block ${header.height}'s resultsRoot`
        : "result belongs to a different transaction",
  );

  const setHash = validatorsHash(suite, validators);
  const setMatches = bytesEqual(setHash, header.validatorsHash);
  record(
    "validators-match-header",
    setMatches,
    setMatches ? `validator set of ${validators.length} matches the header` : "validator set in the receipt is not the one named by the header",
  );

  record("commit-signed", ...checkCommit(suite, commitBytes, header, blockHash, validators));

  if (trust.chainId !== undefined) {
    const ok = header.chainId === trust.chainId;
    record("trusted-chain", ok, ok ? `chain is "${trust.chainId}"` : `block is from chain "${header.chainId}", not the trusted "${trust.chainId}"`);
  }
  if (trust.validatorsHash !== undefined) {
    const ok = toHex(setHash) === trust.validatorsHash.toLowerCase();
    record("trusted-validators", ok, ok ? "validator set is the trusted one" : "validator set is not the trusted one");
  }
  return finish();
}

function checkCommit(suite: CryptoSuite, commitBytes: Uint8Array, header: BlockHeader, blockHash: Uint8Array, validators: readonly Validator[]): [boolean, string] {
  const tally = tallyCommit(suite, commitBytes, header, blockHash, validators);
  if ("problem" in tally) return [false, tally.problem];
  return [true, `signed by ${tally.signers} of ${validators.length} validators holding ${tally.signedPower} of ${tally.totalPower} voting power`];
}

/**
 * Checks that validators of `validators` holding more than two thirds of its voting power signed
 * `header` (whose hash is `blockHash`) in `commitBytes`; says how many did, or why the commit fails.
 */
export function tallyCommit(
  suite: CryptoSuite,
  commitBytes: Uint8Array,
  header: BlockHeader,
  blockHash: Uint8Array,
  validators: readonly Validator[],
): { readonly signers: number; readonly signedPower: number; readonly totalPower: number } | { readonly problem: string } {
  let commit;
  try {
    commit = decodeCommit(commitBytes);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  if (commit.height !== header.height) return { problem: `commit is for height ${commit.height}, header is ${header.height}` };
  if (!bytesEqual(commit.blockHash, blockHash)) return { problem: "commit signs a different block hash than this header's" };
  const message = voteSigningBytes({ chainId: header.chainId, height: commit.height, round: commit.round, type: VoteType.precommit, blockHash });
  let totalPower = 0;
  for (const validator of validators) totalPower += validator.power;
  let signedPower = 0;
  const counted = new Set<string>();
  for (const entry of commit.signatures) {
    const key = toHex(entry.validator);
    const validator = validators.find((candidate) => bytesEqual(candidate.publicKey, entry.validator));
    if (!validator) return { problem: `commit has a signature from ${key}, which is not in the validator set` };
    if (counted.has(key)) return { problem: `commit has two signatures from validator ${key}` };
    if (!suite.verify(entry.validator, message, entry.signature)) return { problem: `signature of validator ${key} on the header is invalid` };
    counted.add(key);
    signedPower += validator.power;
  }
  if (signedPower * 3 <= totalPower * 2) {
    return { problem: `validators with ${signedPower} of ${totalPower} voting power signed; more than two thirds is required` };
  }
  return { signers: counted.size, signedPower, totalPower };
}
