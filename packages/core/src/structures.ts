import { bytesEqual, toHex } from "./bytes.ts";
import { type CborValue, decodeCanonical, encodeCanonical } from "./codec.ts";
import type { CryptoSuite } from "./crypto/suite.ts";
import { KexinError } from "./errors.ts";
import { protocolLimits } from "./limits.ts";
import type {
  BlockHeader,
  Commit,
  CommitSignature,
  SignedTx,
  TxBody,
  TxEvent,
  TxResult,
  TxStatus,
  Validator,
} from "./types.ts";

export type StructureErrorType = { code: "STRUCTURE_INVALID"; structure: string; field: string; reason: string };
export class StructureError extends KexinError<StructureErrorType> {}

/** Domain-separation tags: the first element of every signed or hashed array, so no signature can be replayed as another kind. */
export const domains = {
  tx: "kexin/tx/1",
  vote: "kexin/vote/1",
  validators: "kexin/validators/1",
  header: "kexin/header/1",
} as const;

export const VoteType = { prevote: 1, precommit: 2 } as const;
export type VoteType = (typeof VoteType)[keyof typeof VoteType];

type CborMap = { readonly [key: string]: CborValue };

class FieldReader {
  constructor(
    private readonly structure: string,
    private readonly map: CborMap,
  ) {}

  static of(structure: string, value: CborValue, keys: readonly string[]): FieldReader {
    if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Uint8Array) {
      throw new StructureError({ code: "STRUCTURE_INVALID", structure, field: "", reason: "not a map" }, `${structure} must be a CBOR map`);
    }
    const map = value as CborMap;
    for (const key of Object.keys(map)) {
      if (!keys.includes(key)) {
        throw new StructureError(
          { code: "STRUCTURE_INVALID", structure, field: key, reason: "unknown field" },
          `${structure} has an unknown field "${key}"`,
        );
      }
    }
    for (const key of keys) {
      if (!(key in map)) {
        throw new StructureError(
          { code: "STRUCTURE_INVALID", structure, field: key, reason: "missing" },
          `${structure} is missing the field "${key}"`,
        );
      }
    }
    return new FieldReader(structure, map);
  }

  fail(field: string, reason: string): never {
    throw new StructureError({ code: "STRUCTURE_INVALID", structure: this.structure, field, reason }, `${this.structure}.${field} ${reason}`);
  }

  raw(field: string): CborValue {
    return this.map[field] as CborValue;
  }

  string(field: string, lengthMax: number, pattern?: RegExp): string {
    const value = this.map[field];
    if (typeof value !== "string") this.fail(field, "must be a text string");
    if (value.length > lengthMax) this.fail(field, `must be at most ${lengthMax} characters`);
    if (pattern && !pattern.test(value)) this.fail(field, `must match ${pattern.source}`);
    return value;
  }

  integer(field: string, minimum = 0, maximum = Number.MAX_SAFE_INTEGER): number {
    const value = this.map[field];
    if (typeof value !== "number" || !Number.isSafeInteger(value)) this.fail(field, "must be an integer");
    if (value < minimum || value > maximum) this.fail(field, `must be between ${minimum} and ${maximum}`);
    return value;
  }

  bytes(field: string, lengthExact?: number, lengthMax = protocolLimits.bytesFieldBytesMax): Uint8Array {
    const value = this.map[field];
    if (!(value instanceof Uint8Array)) this.fail(field, "must be a byte string");
    if (lengthExact !== undefined && value.length !== lengthExact) this.fail(field, `must be exactly ${lengthExact} bytes`);
    if (value.length > lengthMax) this.fail(field, `must be at most ${lengthMax} bytes`);
    return value;
  }

  array(field: string, lengthMax: number): readonly CborValue[] {
    const value = this.map[field];
    if (!Array.isArray(value)) this.fail(field, "must be an array");
    if (value.length > lengthMax) this.fail(field, `must have at most ${lengthMax} items`);
    return value as readonly CborValue[];
  }
}

export const namePattern = /^[a-z][a-z0-9_]{0,31}$/;
const chainIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const hashBytes = 32;

function txBodyMap(body: TxBody): CborMap {
  return {
    chainId: body.chainId,
    signer: body.signer,
    nonce: body.nonce,
    module: body.module,
    type: body.type,
    payload: body.payload,
    expiry: body.expiry,
  };
}

export function txSigningBytes(body: TxBody): Uint8Array {
  return encodeCanonical([domains.tx, txBodyMap(body)]);
}

/** `[domains.tx, {` with seven entries: how the signing bytes start. */
const txSigningHead = Uint8Array.of(0x82, ...encodeCanonical(domains.tx), 0xa7);
const signatureKey = encodeCanonical("signature");

/**
 * txSigningBytes(tx) for a transaction decodeSignedTx read from `bytes`, cut from those bytes
 * instead of encoded again: in canonical order "signature" is the last of the eight keys, so the
 * body is the same map without that final entry. Falls back to encoding when `bytes` are not
 * that transaction's encoding.
 */
export function txSigningBytesOfEncoded(tx: SignedTx, bytes: Uint8Array): Uint8Array {
  const signatureHead = tx.signature.length < 24 ? 1 : tx.signature.length < 256 ? 2 : 3;
  const bodyEnd = bytes.length - signatureKey.length - signatureHead - tx.signature.length;
  if (bytes[0] !== 0xa8 || bodyEnd < 1 || !bytesEqual(bytes.subarray(bodyEnd, bodyEnd + signatureKey.length), signatureKey) || !bytesEqual(bytes.subarray(bytes.length - tx.signature.length), tx.signature)) {
    return txSigningBytes(tx);
  }
  const signingBytes = new Uint8Array(txSigningHead.length + bodyEnd - 1);
  signingBytes.set(txSigningHead);
  signingBytes.set(bytes.subarray(1, bodyEnd), txSigningHead.length);
  return signingBytes;
}

export function encodeSignedTx(tx: SignedTx): Uint8Array {
  return encodeCanonical({ ...txBodyMap(tx), signature: tx.signature });
}

const signedTxKeys = ["chainId", "signer", "nonce", "module", "type", "payload", "expiry", "signature"] as const;

/** Decodes a signed transaction, checking canonical form and every field's type and bound; does not check the signature. */
export function decodeSignedTx(bytes: Uint8Array): SignedTx {
  const reader = FieldReader.of("tx", decodeCanonical(bytes, protocolLimits.txBytesMax), signedTxKeys);
  return {
    chainId: reader.string("chainId", 64, chainIdPattern),
    signer: reader.bytes("signer", undefined, 128),
    nonce: reader.integer("nonce"),
    module: reader.string("module", 32, namePattern),
    type: reader.string("type", 32, namePattern),
    payload: reader.raw("payload"),
    expiry: reader.integer("expiry"),
    signature: reader.bytes("signature", undefined, 128),
  };
}

export function signTx(suite: CryptoSuite, privateKey: Uint8Array, body: Omit<TxBody, "signer">): { tx: SignedTx; bytes: Uint8Array; hash: Uint8Array } {
  const full: TxBody = { ...body, signer: suite.publicKeyOf(privateKey) };
  const tx: SignedTx = { ...full, signature: suite.sign(privateKey, txSigningBytes(full)) };
  const bytes = encodeSignedTx(tx);
  return { tx, bytes, hash: suite.hash(bytes) };
}

export function verifyTxSignature(suite: CryptoSuite, tx: SignedTx): boolean {
  return suite.verify(tx.signer, txSigningBytes(tx), tx.signature);
}

/** An account's address: the first 20 bytes of the suite hash of its public key, as lower-case hex. */
export function addressOf(suite: CryptoSuite, publicKey: Uint8Array): string {
  return toHex(suite.hash(publicKey).subarray(0, 20));
}

export const addressPattern = /^[0-9a-f]{40}$/;

const headerKeys = ["chainId", "height", "time", "prevHash", "txCount", "txRoot", "resultsRoot", "appHash", "validatorsHash", "proposer"] as const;

export function encodeHeader(header: BlockHeader): Uint8Array {
  return encodeCanonical({
    chainId: header.chainId,
    height: header.height,
    time: header.time,
    prevHash: header.prevHash,
    txCount: header.txCount,
    txRoot: header.txRoot,
    resultsRoot: header.resultsRoot,
    appHash: header.appHash,
    validatorsHash: header.validatorsHash,
    proposer: header.proposer,
  });
}

export function decodeHeader(bytes: Uint8Array): BlockHeader {
  const reader = FieldReader.of("header", decodeCanonical(bytes, protocolLimits.headerBytesMax), headerKeys);
  return {
    chainId: reader.string("chainId", 64, chainIdPattern),
    height: reader.integer("height", 1),
    time: reader.integer("time"),
    prevHash: reader.bytes("prevHash", hashBytes),
    txCount: reader.integer("txCount"),
    txRoot: reader.bytes("txRoot", hashBytes),
    resultsRoot: reader.bytes("resultsRoot", hashBytes),
    appHash: reader.bytes("appHash", hashBytes),
    validatorsHash: reader.bytes("validatorsHash", hashBytes),
    proposer: reader.bytes("proposer", undefined, 128),
  };
}

export function headerHash(suite: CryptoSuite, header: BlockHeader): Uint8Array {
  return suite.hash(encodeHeader(header));
}

export interface VoteTarget {
  readonly chainId: string;
  readonly height: number;
  readonly round: number;
  readonly type: VoteType;
  /** Null for a vote for no block (nil). */
  readonly blockHash: Uint8Array | null;
}

export function voteSigningBytes(vote: VoteTarget): Uint8Array {
  return encodeCanonical([
    domains.vote,
    { chainId: vote.chainId, height: vote.height, round: vote.round, type: vote.type, blockHash: vote.blockHash },
  ]);
}

export function encodeCommit(commit: Commit): Uint8Array {
  return encodeCanonical({
    height: commit.height,
    round: commit.round,
    blockHash: commit.blockHash,
    signatures: commit.signatures.map((entry) => ({ validator: entry.validator, signature: entry.signature })),
  });
}

export function decodeCommit(bytes: Uint8Array): Commit {
  const reader = FieldReader.of("commit", decodeCanonical(bytes, protocolLimits.commitBytesMax), ["height", "round", "blockHash", "signatures"]);
  const signatures: CommitSignature[] = reader.array("signatures", protocolLimits.validatorsMax).map((item, index) => {
    const entry = FieldReader.of(`commit.signatures[${index}]`, item, ["validator", "signature"]);
    return { validator: entry.bytes("validator", undefined, 128), signature: entry.bytes("signature", undefined, 128) };
  });
  return {
    height: reader.integer("height", 1),
    round: reader.integer("round"),
    blockHash: reader.bytes("blockHash", hashBytes),
    signatures,
  };
}

export function encodeValidators(validators: readonly Validator[]): Uint8Array {
  return encodeCanonical(validators.map((validator) => ({ publicKey: validator.publicKey, power: validator.power })));
}

export function decodeValidators(bytes: Uint8Array): Validator[] {
  const value = decodeCanonical(bytes, protocolLimits.validatorsMax * 256);
  if (!Array.isArray(value)) {
    throw new StructureError({ code: "STRUCTURE_INVALID", structure: "validators", field: "", reason: "not an array" }, "validators must be a CBOR array");
  }
  if (value.length === 0 || value.length > protocolLimits.validatorsMax) {
    throw new StructureError(
      { code: "STRUCTURE_INVALID", structure: "validators", field: "", reason: "bad length" },
      `validators must list between 1 and ${protocolLimits.validatorsMax} validators`,
    );
  }
  return (value as CborValue[]).map((item, index) => {
    const reader = FieldReader.of(`validators[${index}]`, item, ["publicKey", "power"]);
    return { publicKey: reader.bytes("publicKey", undefined, 128), power: reader.integer("power", 1, protocolLimits.votingPowerMax) };
  });
}

export function validatorsHash(suite: CryptoSuite, validators: readonly Validator[]): Uint8Array {
  return suite.hash(encodeCanonical([domains.validators, validators.map((validator) => ({ publicKey: validator.publicKey, power: validator.power }))]));
}

function eventMap(event: TxEvent): CborMap {
  return { module: event.module, type: event.type, attributes: event.attributes };
}

export function encodeTxResult(result: TxResult): Uint8Array {
  return encodeCanonical({
    txHash: result.txHash,
    status: result.status,
    code: result.code,
    message: result.message,
    events: result.events.map(eventMap),
    cost: result.cost,
  });
}

export function decodeTxResult(bytes: Uint8Array): TxResult {
  const reader = FieldReader.of("result", decodeCanonical(bytes), ["txHash", "status", "code", "message", "events", "cost"]);
  const events = reader.array("events", protocolLimits.eventsPerTxMax).map((item, index) => {
    const event = FieldReader.of(`result.events[${index}]`, item, ["module", "type", "attributes"]);
    const attributes = event.raw("attributes");
    if (attributes === null || typeof attributes !== "object" || Array.isArray(attributes) || attributes instanceof Uint8Array) {
      event.fail("attributes", "must be a map");
    }
    return { module: event.string("module", 32), type: event.string("type", 64), attributes: attributes as CborMap };
  });
  return {
    txHash: reader.bytes("txHash", hashBytes),
    status: reader.integer("status", 0, 1) as TxStatus,
    code: reader.string("code", 64),
    message: reader.string("message", 1024),
    events,
    cost: reader.integer("cost"),
  };
}
