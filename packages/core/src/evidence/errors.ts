import { KexinError } from "../errors.ts";

export type ChunkSequenceProblem = "gap" | "duplicate" | "out-of-order";

export type EvidenceErrorType =
  | { code: "EVIDENCE_ARGUMENT"; name: string; reason: string }
  | { code: "EVIDENCE_BATCH_SIZE"; size: number; sizeMax: number }
  | { code: "EVIDENCE_CHUNK_FIELD"; index: number; field: string; reason: string }
  | { code: "EVIDENCE_CHUNK_SEQUENCE"; index: number; expected: number; got: number; problem: ChunkSequenceProblem }
  | { code: "EVIDENCE_CHUNK_LINK"; index: number; sequence: number };
export class EvidenceError extends KexinError<EvidenceErrorType> {}

export type LotteryErrorType =
  | { code: "LOTTERY_DRAW_FIELD"; field: string; reason: string }
  | { code: "LOTTERY_PARTICIPANT"; index: number; reason: string }
  | { code: "LOTTERY_CSV"; line: number; reason: string };
export class LotteryError extends KexinError<LotteryErrorType> {}
