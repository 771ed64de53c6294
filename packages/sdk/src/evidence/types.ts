import type { ReceiptJson, SuiteId } from "@kexin/core";

/**
 * The node's bounds of the evidence module (docs/api.md, "evidence"), mirrored so that builders
 * refuse what the node would refuse before anything is signed.
 */
export const evidenceLimits = {
  chunksPerTransactionMax: 200,
  anchorsPerHashMax: 1_000,
  titleLengthMax: 256,
  caseNumberLengthMax: 128,
  tagsMax: 16,
  tagLengthMax: 64,
  listPageMax: 100,
  chunkPageMax: 1_000,
  winnersPerDrawMax: 10_000,
} as const;

export const evidenceProofFormat = "kexin-evidence-proof/1";

export interface SubmitterView {
  readonly org: string;
  readonly address: string;
}

/** One anchoring of a content hash, as the evidence module stores it. */
export interface AnchorView {
  readonly hash: string;
  /** 0 for the first-seen anchoring of the hash. */
  readonly index: number;
  /** Position among every anchor of the chain; the cursor of anchors by time. */
  readonly sequence: number;
  readonly size: number;
  readonly mediaType: string;
  readonly title: string;
  readonly caseNumber: string;
  readonly tags: readonly string[];
  readonly submitter: SubmitterView;
  readonly height: number;
  readonly time: number;
  /** The anchor transaction's hash: its receipt is the anchor's proof. */
  readonly txHash: string;
}

export interface SessionView {
  readonly sessionId: string;
  readonly device: string;
  readonly org: string;
  readonly operator: string;
  readonly caseNumber: string;
  readonly startTimeMs: number;
  readonly status: "open" | "closed";
  readonly chunkCount: number;
  readonly lastLink: string;
  readonly openedHeight: number;
  readonly openedTime: number;
  readonly closedHeight?: number;
  readonly closedTime?: number;
  readonly endTimeMs?: number;
}

export interface ChunkView {
  readonly sequence: number;
  readonly chunkHash: string;
  readonly deviceTimeMs: number;
  readonly height: number;
  readonly latitudeMicrodegrees?: number;
  readonly longitudeMicrodegrees?: number;
  readonly batteryPercent?: number;
}

export interface DrawView {
  readonly drawId: string;
  readonly organiser: SubmitterView;
  readonly participantsRoot: string;
  readonly participantCount: number;
  readonly winnerCount: number;
  readonly rulesText: string;
  readonly drawHeight: number;
  readonly registeredHeight: number;
  readonly registeredTime: number;
  readonly status: "waiting" | "drawn";
  /** The node's committed height when it answered. */
  readonly height: number;
}

export type DrawWinnersView =
  | { readonly drawId: string; readonly status: "waiting"; readonly drawHeight: number; readonly height: number; readonly blocksToGo: number }
  | {
      readonly drawId: string;
      readonly status: "drawn";
      readonly drawHeight: number;
      readonly blockHash: string;
      readonly participantsRoot: string;
      readonly participantCount: number;
      readonly winnerCount: number;
      readonly winnerIndices: readonly number[];
    };

/** The anchor fields a proof states; every one is checked against the signed transaction, its result or its block. */
export interface EvidenceProofAnchor {
  readonly hash: string;
  readonly size: number;
  readonly mediaType: string;
  readonly title: string;
  readonly caseNumber: string;
  readonly tags: readonly string[];
  readonly submitter: SubmitterView;
  readonly height: number;
  readonly time: number;
  readonly txHash: string;
}

/** The portable proof of one anchor: GET /v1/evidence/:hash/proof, or built from a committed anchor transaction. */
export interface EvidenceProof {
  readonly format: typeof evidenceProofFormat;
  readonly suite: SuiteId;
  readonly anchor: EvidenceProofAnchor;
  readonly receipt: ReceiptJson;
}

export interface PageView {
  readonly total: number;
  readonly start: number;
  /** The start of the following page, or null after the last. */
  readonly next: number | null;
}
