import { KexinError } from "@kexin/core";

/**
 * Refusals of the evidence module. Chunk batches and draw registrations are checked by
 * @kexin/core, whose own codes (EVIDENCE_CHUNK_FIELD, EVIDENCE_CHUNK_SEQUENCE, EVIDENCE_CHUNK_LINK,
 * EVIDENCE_BATCH_SIZE, EVIDENCE_ARGUMENT, LOTTERY_DRAW_FIELD) reach the caller unchanged.
 */
export type EvidenceModuleErrorType =
  | { code: "EVIDENCE_FIELD"; field: string; reason: string }
  | { code: "EVIDENCE_TOO_MANY_ANCHORS"; hash: string; limit: number }
  | { code: "EVIDENCE_UNKNOWN_OPERATOR"; operator: string; org: string }
  | { code: "EVIDENCE_SESSION_EXISTS"; sessionId: string }
  | { code: "EVIDENCE_UNKNOWN_SESSION"; sessionId: string }
  | { code: "EVIDENCE_SESSION_CLOSED"; sessionId: string }
  | { code: "EVIDENCE_SESSION_MISMATCH"; sessionId: string; field: string; expected: string; got: string }
  | { code: "EVIDENCE_DRAW_EXISTS"; drawId: string }
  | { code: "EVIDENCE_TOO_MANY_WINNERS"; winnerCount: number; limit: number };
export class EvidenceModuleError extends KexinError<EvidenceModuleErrorType> {}

export function fieldError(field: string, reason: string): EvidenceModuleError {
  return new EvidenceModuleError({ code: "EVIDENCE_FIELD", field, reason }, `${field} ${reason}`);
}
