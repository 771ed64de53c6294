import { type CborValue, KexinError, VoteType, decodeCanonical, encodeCanonical } from "@kexin/core";
import type { VoteKind } from "./types.ts";

export type ConsensusMessageErrorType = { code: "CONSENSUS_MESSAGE_INVALID"; reason: string };
export class ConsensusMessageError extends KexinError<ConsensusMessageErrorType> {}

export const proposalDomain = "kexin/proposal/1";
const hashBytesMax = 64;
const publicKeyBytesMax = 128;
const signatureBytesMax = 128;

export interface ProposalMessage {
  readonly type: "proposal";
  readonly height: number;
  readonly round: number;
  readonly validRound: number;
  /** The whole block, as the application encodes it. */
  readonly block: Uint8Array;
  readonly signature: Uint8Array;
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

export type ConsensusMessage = ProposalMessage | VoteMessage | StatusMessage | SyncRequestMessage | SyncResponseMessage;

export function proposalSigningBytes(chainId: string, height: number, round: number, validRound: number, blockHash: Uint8Array): Uint8Array {
  return encodeCanonical([proposalDomain, { chainId, height, round, validRound, blockHash }]);
}

export const voteKindCode = { prevote: VoteType.prevote, precommit: VoteType.precommit } as const;

export function encodeConsensusMessage(message: ConsensusMessage): Uint8Array {
  switch (message.type) {
    case "vote":
      return encodeCanonical({ ...message, kind: voteKindCode[message.kind] });
    case "syncResponse":
      return encodeCanonical({ type: message.type, blocks: message.blocks.map((entry) => ({ block: entry.block, commit: entry.commit })) });
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
}

export interface MessageLimits {
  readonly messageBytesMax: number;
  readonly syncBlocksMax: number;
}

/** Decodes and checks the shape of a message from the network; signatures are checked by the replica. */
export function decodeConsensusMessage(bytes: Uint8Array, limits: MessageLimits): ConsensusMessage {
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
      const fields = Fields.of(value, ["type", "height", "round", "validRound", "block", "signature"]);
      return {
        type,
        height: fields.integer("height", 1),
        round: fields.integer("round", 0),
        validRound: fields.integer("validRound", -1),
        block: fields.bytes("block", limits.messageBytesMax),
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
    default:
      return fail(`unknown type ${JSON.stringify(type)}`);
  }
}
