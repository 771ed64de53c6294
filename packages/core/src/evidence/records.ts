import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";
import type { ReceiptJson } from "../types.ts";

/*
 * The evidence module's records as its queries answer them: the one definition the node's module,
 * its routes and the SDK share. Answers may gain fields, so objects accept properties they do not
 * list; what they list must be there with its type.
 */

const count = Type.Integer({ minimum: 0 });
const hashHex = Type.String({ pattern: "^[0-9a-f]{64}$" });

/** Who submitted an anchor or registered a draw: the signer and its organisation at that time. */
export const submitterSchema = Type.Object({ org: Type.String(), address: Type.String() });
export type Submitter = WireStatic<typeof submitterSchema>;

/** The fields of an anchor that its transaction, result and block prove, and so a proof states. */
export const evidenceProofAnchorSchema = Type.Object({
  /** The suite's hash of the content, 64 hex digits. */
  hash: hashHex,
  size: count,
  mediaType: Type.String(),
  title: Type.String(),
  /** Empty when the anchor belongs to no case. */
  caseNumber: Type.String(),
  tags: Type.Array(Type.String()),
  submitter: submitterSchema,
  /** The block that committed the anchor and its time (milliseconds since the Unix epoch). */
  height: count,
  time: count,
  /** The anchor transaction's hash: its receipt is the anchor's proof. */
  txHash: hashHex,
});
export type EvidenceProofAnchor = WireStatic<typeof evidenceProofAnchorSchema>;

/** One anchoring of a content hash; the same hash may be anchored again, each time as a new record. */
export const anchorRecordSchema = Type.Object({
  ...evidenceProofAnchorSchema.properties,
  /** 0 for the first anchoring of this hash (its first-seen record), then 1, 2, … */
  index: count,
  /** Position among all anchors on the chain, in commit order; the cursor of anchors by time. */
  sequence: count,
});
export type AnchorRecord = WireStatic<typeof anchorRecordSchema>;

/** A recording session of one device (执法记录仪), from open_session to close_session. */
export const sessionRecordSchema = Type.Object({
  sessionId: Type.String(),
  device: Type.String(),
  org: Type.String(),
  operator: Type.String(),
  caseNumber: Type.String(),
  /** The device's clock when recording started; kept as reported. */
  startTimeMs: count,
  status: Type.Union([Type.Literal("open"), Type.Literal("closed")]),
  /** Chunks recorded so far, which is also the next expected sequence. */
  chunkCount: count,
  /** The link of the last chunk, or the session anchor while there is none; 64 hex digits. */
  lastLink: hashHex,
  openedHeight: count,
  openedTime: count,
  closedHeight: Type.Optional(count),
  closedTime: Type.Optional(count),
  endTimeMs: Type.Optional(count),
});
export type SessionRecord = WireStatic<typeof sessionRecordSchema>;

/** One recorded chunk of a session, as the chunks query answers it. */
export const chunkViewSchema = Type.Object({
  sequence: count,
  chunkHash: hashHex,
  deviceTimeMs: count,
  /** The block that recorded the chunk. */
  height: count,
  latitudeMicrodegrees: Type.Optional(Type.Integer()),
  longitudeMicrodegrees: Type.Optional(Type.Integer()),
  batteryPercent: Type.Optional(count),
});
export type ChunkView = WireStatic<typeof chunkViewSchema>;

/** A notarised draw (公证摇号) as registered. */
export const drawRecordSchema = Type.Object({
  drawId: Type.String(),
  organiser: submitterSchema,
  participantsRoot: hashHex,
  participantCount: count,
  winnerCount: count,
  rulesText: Type.String(),
  drawHeight: count,
  registeredHeight: count,
  registeredTime: count,
});
export type DrawRecord = WireStatic<typeof drawRecordSchema>;

/** A draw as the draw query answers it: whether its draw block is committed, at the node's height. */
export const drawViewSchema = Type.Object({
  ...drawRecordSchema.properties,
  status: Type.Union([Type.Literal("waiting"), Type.Literal("drawn")]),
  /** The node's committed height when it answered. */
  height: count,
});
export type DrawView = WireStatic<typeof drawViewSchema>;

export const drawWinnersViewSchema = Type.Union([
  Type.Object({ drawId: Type.String(), status: Type.Literal("waiting"), drawHeight: count, height: count, blocksToGo: count }),
  Type.Object({
    drawId: Type.String(),
    status: Type.Literal("drawn"),
    drawHeight: count,
    blockHash: hashHex,
    participantsRoot: hashHex,
    participantCount: count,
    winnerCount: count,
    winnerIndices: Type.Array(count),
  }),
]);
export type DrawWinnersView = WireStatic<typeof drawWinnersViewSchema>;

/** Where a page of a list starts, how long the list is, and where the following page starts (null after the last). */
export const pageViewSchema = Type.Object({ total: count, start: count, next: Type.Union([count, Type.Null()]) });
export type PageView = WireStatic<typeof pageViewSchema>;

export const anchorsAnswerSchema = Type.Object({
  ...pageViewSchema.properties,
  hash: hashHex,
  /** The block of the first anchoring: re-anchoring never changes it. */
  firstSeen: Type.Object({ height: count, time: count }),
  anchors: Type.Array(anchorRecordSchema),
});
export type AnchorsAnswer = WireStatic<typeof anchorsAnswerSchema>;

export const anchorsBySubmitterAnswerSchema = Type.Object({ ...pageViewSchema.properties, address: Type.String(), anchors: Type.Array(anchorRecordSchema) });
export type AnchorsBySubmitterAnswer = WireStatic<typeof anchorsBySubmitterAnswerSchema>;

export const anchorsByTimeAnswerSchema = Type.Object({ from: count, to: count, anchors: Type.Array(anchorRecordSchema), next: Type.Union([count, Type.Null()]) });
export type AnchorsByTimeAnswer = WireStatic<typeof anchorsByTimeAnswerSchema>;

export const caseEntryViewSchema = Type.Union([
  Type.Object({ kind: Type.Literal("anchor"), anchor: anchorRecordSchema }),
  Type.Object({ kind: Type.Literal("session"), session: sessionRecordSchema }),
]);
export type CaseEntryView = WireStatic<typeof caseEntryViewSchema>;

export const caseAnswerSchema = Type.Object({ ...pageViewSchema.properties, caseNumber: Type.String(), entries: Type.Array(caseEntryViewSchema) });
export type CaseAnswer = WireStatic<typeof caseAnswerSchema>;

export const chunksAnswerSchema = Type.Object({
  sessionId: Type.String(),
  chunkCount: count,
  from: count,
  chunks: Type.Array(chunkViewSchema),
  /** The `from` of the following page, or null after the last. */
  next: Type.Union([count, Type.Null()]),
});
export type ChunksAnswer = WireStatic<typeof chunksAnswerSchema>;

export const evidenceProofFormat = "kexin-evidence-proof/1";

/** The portable proof of one anchor: GET /v1/evidence/:hash/proof, or built from a committed anchor transaction. */
export const evidenceProofSchema = Type.Object({
  format: Type.Literal(evidenceProofFormat),
  suite: Type.Union([Type.Literal("intl"), Type.Literal("gm")]),
  anchor: evidenceProofAnchorSchema,
  /** Checked by verifyReceipt, not by this schema. */
  receipt: Type.Unsafe<ReceiptJson>(Type.Object({})),
});
export type EvidenceProof = WireStatic<typeof evidenceProofSchema>;
