import { bytesEqual } from "../bytes.ts";
import { encodeCanonical } from "../codec.ts";
import type { CryptoSuite } from "../crypto/suite.ts";
import { type ChunkSequenceProblem, EvidenceError } from "./errors.ts";
import { identifierProblem, isSafeIntegerInRange } from "./identifiers.ts";
import { evidenceLimits } from "./limits.ts";

export const evidenceDomains = {
  session: "kexin/evidence/session/1",
  chunk: "kexin/evidence/chunk/1",
} as const;

/**
 * One recorded chunk as a device reports it. Positions are integers in millionths of a degree
 * because canonical CBOR refuses floating-point numbers; 1e-6° is about 11 cm on the ground.
 */
export interface ChunkRecord {
  /** 0-based position of the chunk in its session. */
  readonly sequence: number;
  /** The suite's hash of the chunk content. */
  readonly chunkHash: Uint8Array;
  /** The device's own clock, in milliseconds since the Unix epoch; untrusted, kept as reported. */
  readonly deviceTimeMs: number;
  readonly latitudeMicrodegrees?: number;
  readonly longitudeMicrodegrees?: number;
  readonly batteryPercent?: number;
}

export interface LinkedChunkRecord extends ChunkRecord {
  /** chunkLink of this record over the previous record's link. */
  readonly link: Uint8Array;
}

/** Where a session's chain of links stands: the next sequence to record and the link it must extend. */
export interface ChainTip {
  readonly nextSequence: number;
  readonly lastLink: Uint8Array;
}

export interface ChunkBatchResult extends ChainTip {
  readonly links: Uint8Array[];
}

const microdegreesPerDegree = 1_000_000;
const latitudeMicrodegreesMax = 90 * microdegreesPerDegree;
const longitudeMicrodegreesMax = 180 * microdegreesPerDegree;
const batteryPercentMax = 100;

const chunkRecordFields = new Set(["sequence", "chunkHash", "deviceTimeMs", "latitudeMicrodegrees", "longitudeMicrodegrees", "batteryPercent"]);
const linkedChunkRecordFields = new Set([...chunkRecordFields, "link"]);

/** Decimal degrees to the integer microdegrees a ChunkRecord carries, rounded to the nearest. */
export function microdegreesFromDegrees(degrees: number): number {
  return Math.round(degrees * microdegreesPerDegree);
}

/** The link the first chunk of a session extends: H(["kexin/evidence/session/1", sessionId]). */
export function sessionAnchor(suite: CryptoSuite, sessionId: string): Uint8Array {
  requireSessionId(sessionId);
  return suite.hash(encodeCanonical([evidenceDomains.session, sessionId]));
}

/** The start of a session's chain: sequence 0 extends the session anchor. */
export function sessionStart(suite: CryptoSuite, sessionId: string): ChainTip {
  return { nextSequence: 0, lastLink: sessionAnchor(suite, sessionId) };
}

/** H(["kexin/evidence/chunk/1", sessionId, sequence, chunkHash, previousLink]). */
export function chunkLink(
  suite: CryptoSuite,
  sessionId: string,
  record: Pick<ChunkRecord, "sequence" | "chunkHash">,
  previousLink: Uint8Array,
): Uint8Array {
  requireSessionId(sessionId);
  requireLink("previousLink", previousLink);
  const sequenceProblem = sequenceFieldProblem(record.sequence);
  if (sequenceProblem !== undefined) throw argumentError("record.sequence", sequenceProblem);
  const hashProblem = hashFieldProblem(record.chunkHash);
  if (hashProblem !== undefined) throw argumentError("record.chunkHash", hashProblem);
  return chunkLinkUnchecked(suite, sessionId, record.sequence, record.chunkHash, previousLink);
}

/**
 * The links of consecutive records, as a device computes them before submitting: by default from
 * the start of the session, or from `from` to continue a session already partly linked.
 */
export function chainChunks(
  suite: CryptoSuite,
  sessionId: string,
  records: readonly ChunkRecord[],
  from: ChainTip = sessionStart(suite, sessionId),
): Uint8Array[] {
  requireSessionId(sessionId);
  requireTip(from);
  if (!Array.isArray(records)) throw argumentError("records", "must be an array");
  if (from.nextSequence + records.length > evidenceLimits.chunksPerSessionMax) {
    throw argumentError("records", `a session holds at most ${evidenceLimits.chunksPerSessionMax} chunks`);
  }
  const links: Uint8Array[] = [];
  let previousLink = from.lastLink;
  records.forEach((record, index) => {
    requireChunkRecord(record, index, chunkRecordFields);
    requireSequence(records, index, from.nextSequence + index);
    previousLink = chunkLinkUnchecked(suite, sessionId, record.sequence, record.chunkHash, previousLink);
    links.push(previousLink);
  });
  return links;
}

/**
 * Checks a submitted batch against the session's tip on chain: every record well formed, the
 * sequences exactly continuing the session, and every link recomputing. Throws EvidenceError at
 * the first problem, so a batch is taken whole or not at all.
 */
export function validateChunkBatch(
  suite: CryptoSuite,
  sessionId: string,
  expectedNextSequence: number,
  previousLink: Uint8Array,
  batch: readonly LinkedChunkRecord[],
): ChunkBatchResult {
  requireSessionId(sessionId);
  requireTip({ nextSequence: expectedNextSequence, lastLink: previousLink });
  if (!Array.isArray(batch)) throw argumentError("batch", "must be an array");
  if (batch.length === 0 || batch.length > evidenceLimits.chunkBatchMax) {
    throw new EvidenceError(
      { code: "EVIDENCE_BATCH_SIZE", size: batch.length, sizeMax: evidenceLimits.chunkBatchMax },
      `a chunk batch holds 1 to ${evidenceLimits.chunkBatchMax} records, not ${batch.length}: split the recording into several batches`,
    );
  }
  if (expectedNextSequence + batch.length > evidenceLimits.chunksPerSessionMax) {
    throw argumentError("batch", `a session holds at most ${evidenceLimits.chunksPerSessionMax} chunks: start a new session`);
  }
  const links: Uint8Array[] = [];
  let link = previousLink;
  batch.forEach((record, index) => {
    requireChunkRecord(record, index, linkedChunkRecordFields);
    const linkProblem = hashFieldProblem(record.link);
    if (linkProblem !== undefined) throw fieldError(index, "link", linkProblem);
    requireSequence(batch, index, expectedNextSequence + index);
    link = chunkLinkUnchecked(suite, sessionId, record.sequence, record.chunkHash, link);
    if (!bytesEqual(link, record.link)) {
      throw new EvidenceError(
        { code: "EVIDENCE_CHUNK_LINK", index, sequence: record.sequence },
        `record ${index} (sequence ${record.sequence}) has a link that does not extend the previous chunk's: recompute the links from the session's last link on chain`,
      );
    }
    links.push(link);
  });
  return { links, nextSequence: expectedNextSequence + batch.length, lastLink: link };
}

function chunkLinkUnchecked(
  suite: CryptoSuite,
  sessionId: string,
  sequence: number,
  chunkHash: Uint8Array,
  previousLink: Uint8Array,
): Uint8Array {
  return suite.hash(encodeCanonical([evidenceDomains.chunk, sessionId, sequence, chunkHash, previousLink]));
}

/** Names the way a sequence breaks the chain, so the device knows whether to resend, reorder or fill in. */
function requireSequence(records: readonly Pick<ChunkRecord, "sequence">[], index: number, expected: number): void {
  const got = (records[index] as ChunkRecord).sequence;
  if (got === expected) return;
  let problem: ChunkSequenceProblem;
  if (got < expected) problem = "duplicate";
  else problem = records.some((record, other) => other > index && sequenceOf(record) === expected) ? "out-of-order" : "gap";
  const advice = {
    duplicate: "it is already recorded; drop it from the batch",
    "out-of-order": "sort the batch by sequence",
    gap: `submit sequence ${expected} first`,
  }[problem];
  throw new EvidenceError(
    { code: "EVIDENCE_CHUNK_SEQUENCE", index, expected, got, problem },
    `record ${index} has sequence ${got} where ${expected} was expected (${problem}): ${advice}`,
  );
}

/** Later records are not validated yet when an earlier one fails, so they are read defensively. */
function sequenceOf(record: unknown): unknown {
  return record !== null && typeof record === "object" ? (record as { sequence?: unknown }).sequence : undefined;
}

function requireChunkRecord(record: unknown, index: number, allowedFields: ReadonlySet<string>): void {
  if (record === null || typeof record !== "object" || Array.isArray(record)) throw fieldError(index, "", "must be an object");
  for (const key of Object.keys(record)) {
    if (!allowedFields.has(key)) throw fieldError(index, key, "is not a field of a chunk record");
  }
  const fields = record as Partial<Record<string, unknown>>;
  const sequenceProblem = sequenceFieldProblem(fields.sequence);
  if (sequenceProblem !== undefined) throw fieldError(index, "sequence", sequenceProblem);
  const hashProblem = hashFieldProblem(fields.chunkHash);
  if (hashProblem !== undefined) throw fieldError(index, "chunkHash", hashProblem);
  if (!isSafeIntegerInRange(fields.deviceTimeMs, 0, Number.MAX_SAFE_INTEGER)) {
    throw fieldError(index, "deviceTimeMs", "must be a non-negative integer number of milliseconds");
  }
  const latitude = fields.latitudeMicrodegrees;
  const longitude = fields.longitudeMicrodegrees;
  if ((latitude === undefined) !== (longitude === undefined)) {
    throw fieldError(index, latitude === undefined ? "latitudeMicrodegrees" : "longitudeMicrodegrees", "must be given together with the other coordinate");
  }
  if (latitude !== undefined && !isSafeIntegerInRange(latitude, -latitudeMicrodegreesMax, latitudeMicrodegreesMax)) {
    throw fieldError(index, "latitudeMicrodegrees", `must be an integer from -${latitudeMicrodegreesMax} to ${latitudeMicrodegreesMax} (±90°)`);
  }
  if (longitude !== undefined && !isSafeIntegerInRange(longitude, -longitudeMicrodegreesMax, longitudeMicrodegreesMax)) {
    throw fieldError(index, "longitudeMicrodegrees", `must be an integer from -${longitudeMicrodegreesMax} to ${longitudeMicrodegreesMax} (±180°)`);
  }
  if (fields.batteryPercent !== undefined && !isSafeIntegerInRange(fields.batteryPercent, 0, batteryPercentMax)) {
    throw fieldError(index, "batteryPercent", "must be an integer from 0 to 100");
  }
}

function sequenceFieldProblem(sequence: unknown): string | undefined {
  if (isSafeIntegerInRange(sequence, 0, evidenceLimits.chunksPerSessionMax - 1)) return undefined;
  return `must be an integer from 0 to ${evidenceLimits.chunksPerSessionMax - 1}`;
}

function hashFieldProblem(hash: unknown): string | undefined {
  if (hash instanceof Uint8Array && hash.length === evidenceLimits.hashBytes) return undefined;
  return `must be ${evidenceLimits.hashBytes} bytes`;
}

function requireSessionId(sessionId: unknown): asserts sessionId is string {
  const problem = identifierProblem(sessionId, evidenceLimits.sessionIdLengthMax);
  if (problem !== undefined) throw argumentError("sessionId", problem);
}

function requireLink(name: string, link: unknown): asserts link is Uint8Array {
  const problem = hashFieldProblem(link);
  if (problem !== undefined) throw argumentError(name, problem);
}

function requireTip(tip: ChainTip): void {
  if (!isSafeIntegerInRange(tip.nextSequence, 0, evidenceLimits.chunksPerSessionMax)) {
    throw argumentError("expectedNextSequence", `must be an integer from 0 to ${evidenceLimits.chunksPerSessionMax}`);
  }
  requireLink("previousLink", tip.lastLink);
}

function argumentError(name: string, reason: string): EvidenceError {
  return new EvidenceError({ code: "EVIDENCE_ARGUMENT", name, reason }, `${name} ${reason}`);
}

function fieldError(index: number, field: string, reason: string): EvidenceError {
  const place = field === "" ? `record ${index}` : `record ${index} field "${field}"`;
  return new EvidenceError({ code: "EVIDENCE_CHUNK_FIELD", index, field, reason }, `${place} ${reason}`);
}
