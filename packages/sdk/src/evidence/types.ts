import type {
  AnchorRecord,
  ChunkView as CoreChunkView,
  DrawView as CoreDrawView,
  DrawWinnersView as CoreDrawWinnersView,
  EvidenceProof as CoreEvidenceProof,
  EvidenceProofAnchor as CoreEvidenceProofAnchor,
  PageView as CorePageView,
  SessionRecord,
  Submitter,
} from "@kexin/core";

export { evidenceProofFormat } from "@kexin/core";

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

// The records are defined once, as schemas in @kexin/core; these are their names in the SDK.
export type SubmitterView = Submitter;
/** One anchoring of a content hash, as the evidence module stores it. */
export type AnchorView = AnchorRecord;
export type SessionView = SessionRecord;
export type ChunkView = CoreChunkView;
export type DrawView = CoreDrawView;
export type DrawWinnersView = CoreDrawWinnersView;
/** The anchor fields a proof states; every one is checked against the signed transaction, its result or its block. */
export type EvidenceProofAnchor = CoreEvidenceProofAnchor;
/** The portable proof of one anchor: GET /v1/evidence/:hash/proof, or built from a committed anchor transaction. */
export type EvidenceProof = CoreEvidenceProof;
export type PageView = CorePageView;
