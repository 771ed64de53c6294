import { type CborValue, type Commit, bytesEqual, decodeCanonical, encodeCanonical, encodeCommit, toHex } from "@kexin/core";
import type { CertifiedBlock, ReplicaApplication, ValidatorSet } from "./imports.ts";
import { sha256 } from "./crypto.ts";
import type { Random } from "./random.ts";

export interface SimulatedBlock {
  readonly height: number;
  readonly round: number;
  readonly proposer: number;
  readonly prevHash: Uint8Array;
  readonly payload: Uint8Array;
}

export const genesisHash = new Uint8Array(32);

export function encodeSimulatedBlock(block: SimulatedBlock): Uint8Array {
  return encodeCanonical({ height: block.height, round: block.round, proposer: block.proposer, prevHash: block.prevHash, payload: block.payload });
}

export function decodeSimulatedBlock(bytes: Uint8Array): SimulatedBlock | undefined {
  try {
    const value = decodeCanonical(bytes, 4096) as Record<string, CborValue>;
    const { height, round, proposer, prevHash, payload } = value;
    if (typeof height !== "number" || typeof round !== "number" || typeof proposer !== "number") return undefined;
    if (!(prevHash instanceof Uint8Array) || !(payload instanceof Uint8Array)) return undefined;
    return { height, round, proposer, prevHash, payload };
  } catch {
    return undefined;
  }
}

export interface CommittedRecord {
  readonly block: Uint8Array;
  readonly hash: Uint8Array;
  readonly commit: Commit;
}

/** A node's durable chain in the simulator: it outlives crashes, like the LMDB store does. */
export class SimulatedChain {
  readonly committed: CommittedRecord[] = [];

  get height(): number {
    return this.committed.length;
  }

  lastHash(): Uint8Array {
    return this.committed.at(-1)?.hash ?? genesisHash;
  }
}

/** A chain of opaque blocks, each valid when it extends the committed chain. */
export class SimulatedApplication implements ReplicaApplication {
  constructor(
    private readonly chain: SimulatedChain,
    private readonly validators: ValidatorSet,
    private readonly selfIndex: number,
    private readonly random: Random,
    private readonly onCommit: (height: number, hash: Uint8Array, block: Uint8Array) => void,
  ) {}

  committedHeight(): number {
    return this.chain.height;
  }

  validatorsFor(): ValidatorSet {
    return this.validators;
  }

  buildBlock(height: number, round: number): Uint8Array {
    return encodeSimulatedBlock({ height, round, proposer: this.selfIndex, prevHash: this.chain.lastHash(), payload: this.random.bytes(8) });
  }

  identifyBlock(block: Uint8Array): { height: number; hash: Uint8Array } | undefined {
    const decoded = decodeSimulatedBlock(block);
    return decoded ? { height: decoded.height, hash: sha256(block) } : undefined;
  }

  validateBlock(height: number, block: Uint8Array): string | undefined {
    const decoded = decodeSimulatedBlock(block);
    if (!decoded) return "does not decode";
    if (decoded.height !== height) return `is for height ${decoded.height}`;
    if (!bytesEqual(decoded.prevHash, this.chain.lastHash())) return `does not extend ${toHex(this.chain.lastHash()).slice(0, 8)}`;
    if (decoded.payload.length !== 8) return "payload must be 8 bytes";
    return undefined;
  }

  commitBlock(height: number, block: Uint8Array, commit: Commit): void {
    if (height !== this.chain.height + 1) throw new Error(`commit of height ${height} on a chain at ${this.chain.height}`);
    const hash = sha256(block);
    this.chain.committed.push({ block, hash, commit });
    this.onCommit(height, hash, block);
  }

  certifiedBlock(height: number): CertifiedBlock | undefined {
    const record = this.chain.committed[height - 1];
    return record ? { block: record.block, commit: encodeCommit(record.commit) } : undefined;
  }
}
