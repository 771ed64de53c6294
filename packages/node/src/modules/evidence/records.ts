import type { CborValue } from "@kexin/core";
import type { StateRead } from "../../execution/interface.ts";
import { evidenceIndexKeys, evidenceKeys } from "./keys.ts";
import { type PagedList, pagedListReader } from "./pagination.ts";

/** Who submitted an anchor or registered a draw: the signer and its organisation at that time. */
export interface Submitter {
  readonly org: string;
  readonly address: string;
}

/**
 * One anchoring of a content hash; the same hash may be anchored again, each time as a new
 * record. Kept in the derived index: every field follows from the anchor transaction, its
 * result and its block.
 */
export interface AnchorRecord {
  /** The suite's hash of the content, 64 hex digits. */
  readonly hash: string;
  /** 0 for the first anchoring of this hash (its first-seen record), then 1, 2, … */
  readonly index: number;
  /** Position among all anchors on the chain, in commit order. */
  readonly sequence: number;
  readonly size: number;
  readonly mediaType: string;
  readonly title: string;
  /** Empty when the anchor belongs to no case. */
  readonly caseNumber: string;
  readonly tags: readonly string[];
  readonly submitter: Submitter;
  /** The block that committed the anchor and its time (milliseconds since the Unix epoch). */
  readonly height: number;
  readonly time: number;
  /** The anchor transaction's hash, 64 hex digits: its receipt is the anchor's proof. */
  readonly txHash: string;
}

/** An entry of a case's list: an anchor's sequence, or a recording session's id. */
export type CaseEntry = number | string;

/** A recording session of one device (执法记录仪), from open_session to close_session. */
export interface SessionRecord {
  readonly sessionId: string;
  readonly device: string;
  readonly org: string;
  readonly operator: string;
  readonly caseNumber: string;
  /** The device's clock when recording started; kept as reported. */
  readonly startTimeMs: number;
  readonly status: "open" | "closed";
  /** Chunks recorded so far, which is also the next expected sequence. */
  readonly chunkCount: number;
  /** The link of the last chunk, or the session anchor while there is none; 64 hex digits. */
  readonly lastLink: string;
  readonly openedHeight: number;
  readonly openedTime: number;
  readonly closedHeight?: number;
  readonly closedTime?: number;
  readonly endTimeMs?: number;
}

/** One chunk as stored; its link is not stored because it follows from the chunk hashes. */
export interface StoredChunk {
  readonly chunkHash: Uint8Array;
  readonly deviceTimeMs: number;
  /** The block that recorded the chunk. */
  readonly height: number;
  readonly latitudeMicrodegrees?: number;
  readonly longitudeMicrodegrees?: number;
  readonly batteryPercent?: number;
}

/** A notarised draw (公证摇号) as registered. */
export interface DrawRecord {
  readonly drawId: string;
  readonly organiser: Submitter;
  readonly participantsRoot: string;
  readonly participantCount: number;
  readonly winnerCount: number;
  readonly rulesText: string;
  readonly drawHeight: number;
  readonly registeredHeight: number;
  readonly registeredTime: number;
}

export function asCbor(value: object): CborValue {
  return value as unknown as CborValue;
}

export function readCounter(state: StateRead, key: string): number {
  return (state.get(key) as number | undefined) ?? 0;
}

/**
 * How the derived index stores an anchor, in its page of the list of all anchors: its fields in a
 * fixed order (its sequence is its position). A list encodes several times faster than a map,
 * whose keys are sorted on every encoding, and anchors are written far more often than read.
 */
type StoredAnchor = readonly [
  hash: string,
  index: number,
  size: number,
  mediaType: string,
  title: string,
  caseNumber: string,
  tags: readonly string[],
  org: string,
  address: string,
  height: number,
  time: number,
  txHash: string,
];

/** Every anchor of the chain by sequence, in pages of 32 (a page of full records is a few kilobytes). */
export const anchorList: PagedList = { pageEntries: 32, pageKey: evidenceIndexKeys.anchorPage };

export function storedAnchor(record: AnchorRecord): CborValue {
  const { hash, index, size, mediaType, title, caseNumber, tags, submitter, height, time, txHash } = record;
  return [hash, index, size, mediaType, title, caseNumber, tags, submitter.org, submitter.address, height, time, txHash] satisfies StoredAnchor;
}

/** Reads anchors by sequence from the derived index (Executor.readCommittedIndex, or a query's `index`). */
export function anchorsBySequence(index: StateRead): (sequence: number) => AnchorRecord {
  const storedAt = pagedListReader<StoredAnchor>(index, anchorList);
  return (sequence) => {
    const [hash, anchorIndex, size, mediaType, title, caseNumber, tags, org, address, height, time, txHash] = storedAt(sequence);
    return { hash, index: anchorIndex, sequence, size, mediaType, title, caseNumber, tags, submitter: { org, address }, height, time, txHash };
  };
}

/** The sequences of a content hash's anchorings, from state; empty when it was never anchored. */
export function anchorSequences(state: StateRead, hash: string): readonly number[] {
  return (state.get(evidenceKeys.anchorSequences(hash)) as readonly number[] | undefined) ?? [];
}

/** The `anchorIndex`-th anchoring of a content hash: its sequence from state, its record from the derived index. */
export function readAnchor(state: StateRead, index: StateRead, hash: string, anchorIndex: number): AnchorRecord | undefined {
  const sequence = anchorSequences(state, hash)[anchorIndex];
  return sequence === undefined ? undefined : anchorsBySequence(index)(sequence);
}

export function readSession(state: StateRead, sessionId: string): SessionRecord | undefined {
  return state.get(evidenceKeys.session(sessionId)) as unknown as SessionRecord | undefined;
}

export function readDraw(state: StateRead, drawId: string): DrawRecord | undefined {
  return state.get(evidenceKeys.draw(drawId)) as unknown as DrawRecord | undefined;
}

export function readChunk(state: StateRead, sessionId: string, sequence: number): StoredChunk | undefined {
  return state.get(evidenceKeys.chunk(sessionId, sequence)) as unknown as StoredChunk | undefined;
}
