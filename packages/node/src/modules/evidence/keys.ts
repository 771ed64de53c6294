/**
 * Every key of the evidence module, so nobody builds keys elsewhere. Counters are padded to a
 * fixed width so that a key-ordered listing is in counter order. Keys never hold free text: a
 * case number may contain "/" and would break prefix boundaries, so it is keyed by its hash.
 */

const pad = (value: number, width: number): string => String(value).padStart(width, "0");

/** Wide enough for any safe counter the module keeps (they grow by one per transaction at most). */
const counterWidth = 15;
/** Chunk sequences are below core's chunksPerSessionMax (1,000,000), so seven digits suffice. */
const sequenceWidth = 7;

/** Keys of the module's state, which the app hash commits to. */
export const evidenceKeys = {
  /**
   * What execution needs of anchors, and no more: how many there are (the next anchor's
   * sequence) and, per content hash, the sequences of its anchorings (their number is the next
   * anchoring's index and is bounded). The anchors themselves are in the derived index, by
   * sequence; their content is in their transactions, which txRoot commits.
   */
  anchorTotal: "anchor_total",
  anchorSequences: (hash: string): string => `anchor_sequences/${hash}`,
  session: (sessionId: string): string => `session/${sessionId}`,
  chunk: (sessionId: string, sequence: number): string => `chunk/${sessionId}/${pad(sequence, sequenceWidth)}`,
  deviceSessionCount: (device: string): string => `device_session_count/${device}`,
  deviceSession: (device: string, position: number): string => `device_session/${device}/${pad(position, counterWidth)}`,
  draw: (drawId: string): string => `draw/${drawId}`,
  organiserDrawCount: (organiser: string): string => `organiser_draw_count/${organiser}`,
  organiserDraw: (organiser: string, position: number): string => `organiser_draw/${organiser}/${pad(position, counterWidth)}`,
} as const;

/**
 * Keys of the module's derived index (records and lists for queries, outside the app hash). Lists
 * are stored in pages (pagination.ts), so that appending to a list rewrites one page per block
 * rather than writing one entry per transaction.
 */
export const evidenceIndexKeys = {
  /** Every anchor on the chain by sequence (commit order, hence block-time order), 32 to a page. */
  anchorPage: (page: number): string => `anchor_page/${pad(page, counterWidth)}`,
  /** An account's anchors, as sequences. */
  submitterCount: (address: string): string => `submitter_count/${address}`,
  submitterPage: (address: string, page: number): string => `submitter_page/${address}/${pad(page, counterWidth)}`,
  /** A case's entries: an anchor's sequence (a number) or a session id (a string). */
  caseCount: (caseDigest: string): string => `case_count/${caseDigest}`,
  casePage: (caseDigest: string, page: number): string => `case_page/${caseDigest}/${pad(page, counterWidth)}`,
} as const;
