import { bytesEqual, fromHex, isHex, utf8 } from "./bytes.ts";
import { type CborValue, decodeCanonical } from "./codec.ts";
import { getSuite } from "./crypto/index.ts";
import { tallyCommit } from "./receipt.ts";
import { StateProofError } from "./stateTree/errors.ts";
import { verifyStateTreeProof } from "./stateTree/proof.ts";
import { decodeHeader, headerHash, validatorsHash } from "./structures.ts";
import type { Validator } from "./types.ts";

export const stateProofFormat = "kexin-state-proof/1";

/** Bounds what a verifier reads: keys per document, and each key's and value's size. */
export const stateProofEntriesMax = 256;
const keyLengthMax = 1024;
const valueBytesMax = 256 * 1024;

/** One state key (module/key, as stored) with its value (hex of canonical CBOR) or null when absent, and its tree proof (hex). */
export interface StateProofEntryJson {
  readonly key: string;
  readonly value: string | null;
  readonly proof: string;
}

/**
 * The state after block `height`, for some keys: block `height + 1`'s header commits to it in its
 * appHash, and its commit carries the validators' signatures over that header. Binary fields are hex.
 */
export interface StateProofJson {
  readonly format: typeof stateProofFormat;
  readonly suite: string;
  readonly chainId: string;
  readonly height: number;
  readonly entries: readonly StateProofEntryJson[];
  readonly header: string;
  readonly commit: string;
}

export interface StateProofTrust {
  readonly chainId: string;
  /** The validator set that signs block height + 1. */
  readonly validators: readonly Validator[];
}

export interface StateProofEntry {
  readonly key: string;
  /** The decoded value, or null when the key is absent. */
  readonly value: CborValue | null;
}

export interface StateProofVerification {
  readonly height: number;
  readonly entries: readonly StateProofEntry[];
  /** How many of the trusted validators signed the header. */
  readonly signers: number;
  readonly validators: number;
}

function malformed(reason: string): never {
  throw new StateProofError({ code: "STATE_PROOF_MALFORMED", reason }, `the state proof is malformed: ${reason}`);
}

function hexField(record: Record<string, unknown>, field: string): Uint8Array {
  const value = record[field];
  if (!isHex(value)) return malformed(`"${field}" must be a hex string`);
  return fromHex(value);
}

/** Whether a parsed JSON document is a state proof rather than something else (a receipt). */
export function isStateProofDocument(document: unknown): boolean {
  return document !== null && typeof document === "object" && (document as Record<string, unknown>).format === stateProofFormat;
}

function parseEntry(item: unknown): { key: string; value: Uint8Array | null; proof: Uint8Array } {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return malformed("an entry is not an object");
  const entry = item as Record<string, unknown>;
  if (typeof entry.key !== "string" || entry.key.length === 0 || entry.key.length > keyLengthMax) return malformed("an entry's key must be a non-empty string");
  const value = entry.value === null ? null : hexField(entry, "value");
  if (value !== null && value.length > valueBytesMax) return malformed(`the value of "${entry.key}" is larger than ${valueBytesMax} bytes`);
  return { key: entry.key, value, proof: hexField(entry, "proof") };
}

/**
 * Checks a state proof against a chain and validator set the caller trusts: the header is the
 * trusted chain's block height + 1, signed by validators of the trusted set holding more than two
 * thirds of its power, and every key's value (or absence) leads to the header's appHash.
 * Throws StateProofError with the reason otherwise.
 */
export function verifyStateProof(document: unknown, trust: StateProofTrust): StateProofVerification {
  if (!isStateProofDocument(document)) return malformed(`not a state proof (format "${stateProofFormat}")`);
  const record = document as Record<string, unknown>;
  if (typeof record.suite !== "string") return malformed('"suite" must be a string');
  let suite;
  try {
    suite = getSuite(record.suite);
  } catch (error) {
    return malformed(error instanceof Error ? error.message : "unknown suite");
  }
  const headerBytes = hexField(record, "header");
  let header;
  try {
    header = decodeHeader(headerBytes);
  } catch (error) {
    return malformed(`header: ${error instanceof Error ? error.message : String(error)}`);
  }
  const height = record.height;
  if (typeof height !== "number" || !Number.isSafeInteger(height) || height < 0 || header.height !== height + 1) {
    return malformed(`the header is block ${header.height}, which does not commit to the state after block ${String(height)}`);
  }
  if (record.chainId !== header.chainId) return malformed(`"chainId" is not the header's chain "${header.chainId}"`);
  if (header.chainId !== trust.chainId) {
    throw new StateProofError({ code: "STATE_PROOF_WRONG_CHAIN", chainId: header.chainId }, `the proof is from chain "${header.chainId}", not the trusted "${trust.chainId}"`);
  }
  const blockHash = headerHash(suite, header);
  // The commit signs the hash of the header's canonical encoding: other bytes for it are refused.
  if (!bytesEqual(suite.hash(headerBytes), blockHash)) return malformed("the header is not in canonical form");
  if (!bytesEqual(header.validatorsHash, validatorsHash(suite, trust.validators))) {
    throw new StateProofError({ code: "STATE_PROOF_WRONG_VALIDATORS" }, `block ${header.height} is signed by another validator set than the trusted one`);
  }
  const tally = tallyCommit(suite, hexField(record, "commit"), header, blockHash, trust.validators);
  if ("problem" in tally) throw new StateProofError({ code: "STATE_PROOF_COMMIT_INVALID", reason: tally.problem }, `the header's commit does not hold: ${tally.problem}`);
  const items = record.entries;
  if (!Array.isArray(items) || items.length === 0 || items.length > stateProofEntriesMax) return malformed(`"entries" must list 1 to ${stateProofEntriesMax} keys`);
  const entries = items.map((item) => {
    const entry = parseEntry(item);
    verifyStateTreeProof(suite.hash, header.appHash, utf8(entry.key), entry.value, entry.proof);
    return { key: entry.key, value: entry.value === null ? null : decodeValue(entry.key, entry.value) };
  });
  return { height, entries, signers: tally.signers, validators: trust.validators.length };
}

function decodeValue(key: string, bytes: Uint8Array): CborValue {
  try {
    return decodeCanonical(bytes, valueBytesMax);
  } catch (error) {
    return malformed(`the value of "${key}" is not canonical CBOR: ${error instanceof Error ? error.message : String(error)}`);
  }
}
