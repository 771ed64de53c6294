/**
 * Every state key of the evidence module, so nobody builds keys elsewhere. Counters are padded
 * to a fixed width so that a key-ordered listing is in counter order. Keys never hold free text:
 * a case number may contain "/" and would break prefix boundaries, so it is keyed by its hash.
 */

const pad = (value: number, width: number): string => String(value).padStart(width, "0");

/** Wide enough for any safe counter the module keeps (they grow by one per transaction at most). */
const counterWidth = 15;
/** Chunk sequences are below core's chunksPerSessionMax (1,000,000), so seven digits suffice. */
const sequenceWidth = 7;

export const evidenceKeys = {
  /** How many times a content hash was anchored. */
  anchorCount: (hash: string): string => `anchor_count/${hash}`,
  /** The index-th anchor of a content hash, in commit order. */
  anchor: (hash: string, index: number): string => `anchor/${hash}/${pad(index, 6)}`,
  /** Every anchor on the chain in commit order, hence in block-time order: the time index. */
  anchorTotal: "anchor_total",
  anchorSequence: (sequence: number): string => `anchor_sequence/${pad(sequence, counterWidth)}`,
  submitterCount: (address: string): string => `submitter_count/${address}`,
  submitterEntry: (address: string, position: number): string => `submitter/${address}/${pad(position, counterWidth)}`,
  caseCount: (caseDigest: string): string => `case_count/${caseDigest}`,
  caseEntry: (caseDigest: string, position: number): string => `case/${caseDigest}/${pad(position, counterWidth)}`,
  session: (sessionId: string): string => `session/${sessionId}`,
  chunk: (sessionId: string, sequence: number): string => `chunk/${sessionId}/${pad(sequence, sequenceWidth)}`,
  deviceSessionCount: (device: string): string => `device_session_count/${device}`,
  deviceSession: (device: string, position: number): string => `device_session/${device}/${pad(position, counterWidth)}`,
  draw: (drawId: string): string => `draw/${drawId}`,
  organiserDrawCount: (organiser: string): string => `organiser_draw_count/${organiser}`,
  organiserDraw: (organiser: string, position: number): string => `organiser_draw/${organiser}/${pad(position, counterWidth)}`,
} as const;
