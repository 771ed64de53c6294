import { toHex } from "./bytes.ts";
import type { CborValue } from "./codec.ts";
import type { CryptoSuite } from "./crypto/index.ts";
import { addressOf } from "./structures.ts";
import { type BlockHeader, type Commit, type SignedTx, type TxEvent, type TxResult, TxStatus } from "./types.ts";

/*
 * The JSON forms of ledger values that the node's API answers with. They live here, beside the
 * values, so that a saved answer can be checked against what its receipt proves anywhere a
 * receipt can be verified: the CLI, the SDK and the browser.
 */

/** JSON form of a CBOR value: byte strings become hex, bigints become decimal strings. */
export function cborToJson(value: CborValue): unknown {
  if (value instanceof Uint8Array) return toHex(value);
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map((item: CborValue) => cborToJson(item));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cborToJson(item as CborValue)]));
  }
  return value;
}

export function txView(suite: CryptoSuite, tx: SignedTx) {
  return {
    chainId: tx.chainId,
    signer: toHex(tx.signer),
    signerAddress: addressOf(suite, tx.signer),
    nonce: tx.nonce,
    module: tx.module,
    type: tx.type,
    payload: cborToJson(tx.payload),
    expiry: tx.expiry,
    signature: toHex(tx.signature),
  };
}

export function eventView(event: TxEvent) {
  return { module: event.module, type: event.type, attributes: cborToJson(event.attributes) };
}

export function resultView(result: TxResult) {
  return {
    status: result.status === TxStatus.ok ? "ok" : "failed",
    code: result.code,
    message: result.message,
    events: result.events.map(eventView),
    cost: result.cost,
  };
}

export function headerView(header: BlockHeader) {
  return {
    chainId: header.chainId,
    height: header.height,
    time: header.time,
    prevHash: toHex(header.prevHash),
    txCount: header.txCount,
    txRoot: toHex(header.txRoot),
    resultsRoot: toHex(header.resultsRoot),
    appHash: toHex(header.appHash),
    validatorsHash: toHex(header.validatorsHash),
    proposer: toHex(header.proposer),
  };
}

export function commitView(commit: Commit) {
  return {
    height: commit.height,
    round: commit.round,
    blockHash: toHex(commit.blockHash),
    signatures: commit.signatures.map((entry) => ({ validator: toHex(entry.validator), signature: toHex(entry.signature) })),
  };
}
