import type { AnchorRecord, CborValue, DrawRecord, SessionRecord } from "@kexin/core";
import type { StateRead } from "../../execution/interface.ts";
import { evidenceIndexKeys, evidenceKeys } from "./keys.ts";
import { type PagedList, pagedListReader } from "../../execution/pagedList.ts";

// The records the queries answer are defined once, as schemas in @kexin/core (evidence/records.ts).
export type { AnchorRecord, DrawRecord, SessionRecord, Submitter } from "@kexin/core";

/** An entry of a case's list: an anchor's sequence, or a recording session's id. */
export type CaseEntry = number | string;

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

export function asCbor(value: object): CborValue {
  return value as unknown as CborValue;
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
