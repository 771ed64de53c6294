import { type CborValue, KexinError, VoteType, decodeCanonical, encodeCanonical, protocolLimits } from "@kexin/core";
import type { VoteKind } from "./types.ts";

export type ConsensusMessageErrorType = { code: "CONSENSUS_MESSAGE_INVALID"; reason: string };
export class ConsensusMessageError extends KexinError<ConsensusMessageErrorType> {}

export const proposalDomain = "kexin/proposal/1";
const hashBytesMax = 64;
/** Length of a transaction hash in a compact proposal: SHA-256 and SM3 digests are both 32 bytes. */
export const txHashBytes = 32;
const publicKeyBytesMax = 128;
const signatureBytesMax = 128;

/** A proposal as the replica handles it: with the whole block. */
export interface ProposalMessage {
  readonly type: "proposal";
  readonly height: number;
  readonly round: number;
  readonly validRound: number;
  /** The whole block, as the application encodes it. */
  readonly block: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * A proposal as it travels between nodes: the block's header and the hashes of its transactions.
 * Validators already hold nearly all of them from transaction gossip, so a block's transactions
 * cross the network once; a receiver fetches the few it lacks with a `txsRequest`.
 */
export interface CompactProposalMessage {
  readonly type: "proposal";
  readonly height: number;
  readonly round: number;
  readonly validRound: number;
  readonly header: Uint8Array;
  /** The transactions' hashes in block order, each txHashBytes long, concatenated. */
  readonly txHashes: Uint8Array;
  readonly signature: Uint8Array;
}

/** Asks a peer for the transactions of a proposal that this node lacks. */
export interface TxsRequestMessage {
  readonly type: "txsRequest";
  readonly height: number;
  /** Concatenated hashes, as in a compact proposal. */
  readonly txHashes: Uint8Array;
}

/** The requested transactions the peer holds, in any order; the requester matches them by hash. */
export interface TxsResponseMessage {
  readonly type: "txsResponse";
  readonly height: number;
  readonly txs: readonly Uint8Array[];
}

export interface VoteMessage {
  readonly type: "vote";
  readonly kind: VoteKind;
  readonly height: number;
  readonly round: number;
  readonly blockHash: Uint8Array | null;
  readonly validator: Uint8Array;
  readonly signature: Uint8Array;
}

/** Where a peer is, sent periodically so a peer that fell behind learns it should sync. */
export interface StatusMessage {
  readonly type: "status";
  /** The height the sender is deciding (its committed height + 1). */
  readonly height: number;
  readonly round: number;
}

export interface CertifiedBlock {
  readonly block: Uint8Array;
  /** The encoded commit: 2f+1 precommit signatures over the block's hash. */
  readonly commit: Uint8Array;
}

export interface SyncRequestMessage {
  readonly type: "syncRequest";
  readonly fromHeight: number;
  readonly count: number;
}

export interface SyncResponseMessage {
  readonly type: "syncResponse";
  readonly blocks: readonly CertifiedBlock[];
}

/** The messages the replica sends and receives. */
export type ConsensusMessage = ProposalMessage | VoteMessage | StatusMessage | SyncRequestMessage | SyncResponseMessage;

/** The messages on the wire: proposals travel compact, and transactions they name can be fetched. */
export type WireMessage = CompactProposalMessage | VoteMessage | StatusMessage | SyncRequestMessage | SyncResponseMessage | TxsRequestMessage | TxsResponseMessage;

export function proposalSigningBytes(chainId: string, height: number, round: number, validRound: number, blockHash: Uint8Array): Uint8Array {
  return encodeCanonical([proposalDomain, { chainId, height, round, validRound, blockHash }]);
}

export const voteKindCode = { prevote: VoteType.prevote, precommit: VoteType.precommit } as const;

export function encodeConsensusMessage(message: WireMessage): Uint8Array {
  switch (message.type) {
    case "vote":
      return encodeCanonical({ ...message, kind: voteKindCode[message.kind] });
    case "syncResponse":
      return encodeCanonical({ type: message.type, blocks: message.blocks.map((entry) => ({ block: entry.block, commit: entry.commit })) });
    case "txsResponse":
      return encodeCanonical({ type: message.type, height: message.height, txs: [...message.txs] });
    default:
      return encodeCanonical(message);
  }
}

function fail(reason: string): never {
  throw new ConsensusMessageError({ code: "CONSENSUS_MESSAGE_INVALID", reason }, `consensus message: ${reason}`);
}

class Fields {
  constructor(private readonly map: Record<string, CborValue>) {}

  static of(value: CborValue, keys: readonly string[]): Fields {
    if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Uint8Array) fail("not a map");
    const map = value as Record<string, CborValue>;
    for (const key of Object.keys(map)) if (!keys.includes(key)) fail(`unknown field "${key}"`);
    for (const key of keys) if (!(key in map)) fail(`missing field "${key}"`);
    return new Fields(map);
  }

  integer(field: string, minimum: number): number {
    const value = this.map[field];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < minimum) fail(`${field} must be an integer ≥ ${minimum}`);
    return value;
  }

  bytes(field: string, lengthMax: number): Uint8Array {
    const value = this.map[field];
    if (!(value instanceof Uint8Array) || value.length > lengthMax) fail(`${field} must be a byte string of at most ${lengthMax} bytes`);
    return value;
  }

  array(field: string, lengthMax: number): CborValue[] {
    const value = this.map[field];
    if (!Array.isArray(value) || value.length > lengthMax) fail(`${field} must be an array of at most ${lengthMax} entries`);
    return value;
  }

  raw(field: string): CborValue {
    return this.map[field] as CborValue;
  }

  /** Concatenated transaction hashes: whole hashes only, at most countMax of them. */
  txHashes(field: string, countMax: number): Uint8Array {
    const value = this.bytes(field, countMax * txHashBytes);
    if (value.length % txHashBytes !== 0) fail(`${field} must be whole ${txHashBytes}-byte hashes`);
    return value;
  }
}

export interface MessageLimits {
  readonly messageBytesMax: number;
  readonly syncBlocksMax: number;
  /** Transactions a proposal may name, and a txsRequest or txsResponse may carry. */
  readonly blockTxsMax: number;
}

/** Decodes and checks the shape of a message from the network; signatures are checked by the replica. */
export function decodeConsensusMessage(bytes: Uint8Array, limits: MessageLimits): WireMessage {
  let value: CborValue;
  try {
    value = decodeCanonical(bytes, limits.messageBytesMax);
  } catch (error) {
    return fail(error instanceof Error ? error.message : "malformed CBOR");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Uint8Array) fail("not a map");
  const type = (value as Record<string, CborValue>).type;
  switch (type) {
    case "proposal": {
      const fields = Fields.of(value, ["type", "height", "round", "validRound", "header", "txHashes", "signature"]);
      return {
        type,
        height: fields.integer("height", 1),
        round: fields.integer("round", 0),
        validRound: fields.integer("validRound", -1),
        header: fields.bytes("header", protocolLimits.headerBytesMax),
        txHashes: fields.txHashes("txHashes", limits.blockTxsMax),
        signature: fields.bytes("signature", signatureBytesMax),
      };
    }
    case "vote": {
      const fields = Fields.of(value, ["type", "kind", "height", "round", "blockHash", "validator", "signature"]);
      const kindCode = fields.integer("kind", 1);
      const kind = kindCode === VoteType.prevote ? "prevote" : kindCode === VoteType.precommit ? "precommit" : fail("kind must be 1 (prevote) or 2 (precommit)");
      const blockHash = fields.raw("blockHash") === null ? null : fields.bytes("blockHash", hashBytesMax);
      return {
        type,
        kind,
        height: fields.integer("height", 1),
        round: fields.integer("round", 0),
        blockHash,
        validator: fields.bytes("validator", publicKeyBytesMax),
        signature: fields.bytes("signature", signatureBytesMax),
      };
    }
    case "status": {
      const fields = Fields.of(value, ["type", "height", "round"]);
      return { type, height: fields.integer("height", 1), round: fields.integer("round", 0) };
    }
    case "syncRequest": {
      const fields = Fields.of(value, ["type", "fromHeight", "count"]);
      const count = fields.integer("count", 1);
      if (count > limits.syncBlocksMax) fail(`count must be at most ${limits.syncBlocksMax}`);
      return { type, fromHeight: fields.integer("fromHeight", 1), count };
    }
    case "syncResponse": {
      const fields = Fields.of(value, ["type", "blocks"]);
      const blocks = fields.array("blocks", limits.syncBlocksMax).map((entry) => {
        const entryFields = Fields.of(entry, ["block", "commit"]);
        return { block: entryFields.bytes("block", limits.messageBytesMax), commit: entryFields.bytes("commit", limits.messageBytesMax) };
      });
      return { type, blocks };
    }
    case "txsRequest": {
      const fields = Fields.of(value, ["type", "height", "txHashes"]);
      return { type, height: fields.integer("height", 1), txHashes: fields.txHashes("txHashes", limits.blockTxsMax) };
    }
    case "txsResponse": {
      const fields = Fields.of(value, ["type", "height", "txs"]);
      const txs = fields.array("txs", limits.blockTxsMax).map((tx, index) => {
        if (!(tx instanceof Uint8Array) || tx.length > protocolLimits.txBytesMax) fail(`txs[${index}] must be a byte string of at most ${protocolLimits.txBytesMax} bytes`);
        return tx;
      });
      return { type, height: fields.integer("height", 1), txs };
    }
    default:
      return fail(`unknown type ${JSON.stringify(type)}`);
  }
}
