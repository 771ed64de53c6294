import type { CborValue } from "@kexin/core";
import type { StateRead } from "../../execution/interface.ts";
import { evidenceKeys } from "./keys.ts";

/** Who submitted an anchor or registered a draw: the signer and its organisation at that time. */
export interface Submitter {
  readonly org: string;
  readonly address: string;
}

/** One anchoring of a content hash; the same hash may be anchored again, each time as a new record. */
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
}

/** Points at an anchor record from an index (by submitter, by time). */
export interface AnchorPointer {
  readonly hash: string;
  readonly index: number;
}

export type CaseEntry = { readonly kind: "anchor"; readonly hash: string; readonly index: number } | { readonly kind: "session"; readonly sessionId: string };

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

export function readAnchor(state: StateRead, hash: string, index: number): AnchorRecord | undefined {
  return state.get(evidenceKeys.anchor(hash, index)) as unknown as AnchorRecord | undefined;
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
