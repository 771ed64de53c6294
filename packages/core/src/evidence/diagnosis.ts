import { EvidenceError } from "./errors.ts";
import { HashIndex } from "./hash-index.ts";
import { isSafeIntegerInRange } from "./identifiers.ts";
import { evidenceLimits } from "./limits.ts";
import { increasingSubsequenceMembership } from "./subsequence.ts";

export interface OnChainChunk {
  readonly sequence: number;
  readonly chunkHash: Uint8Array;
}

export interface ReorderedChunk {
  readonly sequence: number;
  readonly presentedIndex: number;
}

/** A presented chunk unknown to the chain, sitting where the missing chunk `sequence` belongs. */
export interface AlteredChunk {
  readonly sequence: number;
  readonly presentedIndex: number;
}

export interface ExtraChunk {
  readonly presentedIndex: number;
}

/** A presented copy of chunk `sequence` beyond the number of times that content was recorded. */
export interface DuplicatedChunk {
  readonly sequence: number;
  readonly presentedIndex: number;
}

export interface RecordingDiagnosis {
  /** True when the presented chunks are exactly the recorded ones, in the recorded order. */
  readonly ok: boolean;
  readonly onChainCount: number;
  readonly presentedCount: number;
  /** Sequences recorded on chain and absent from the presented recording, ascending. */
  readonly missing: number[];
  /** Ascending by sequence. */
  readonly reordered: ReorderedChunk[];
  /** Ascending by sequence. */
  readonly altered: AlteredChunk[];
  /** Ascending by presented index. */
  readonly extra: ExtraChunk[];
  /** Ascending by presented index. */
  readonly duplicated: DuplicatedChunk[];
}

const none = -1;

/** The on-chain chunks grouped by equal hash: group g holds positions[groupStart[g] … groupStart[g + 1]), ascending. */
interface HashGroups {
  readonly index: HashIndex;
  readonly groupStart: Int32Array;
  readonly positions: Int32Array;
}

/** Which on-chain position each presented chunk stands for, and how sure that is. */
interface Pairing {
  readonly positionOfPresented: Int32Array;
  readonly presentedOfPosition: Int32Array;
  /** 1 for a presented chunk paired on every longest in-order run. */
  readonly isAnchor: Uint8Array;
  /** 1 for a presented chunk counted as in order: an anchor, or a chunk in its anchor-relative place. */
  readonly isInOrder: Uint8Array;
}

/**
 * Compares a presented recording (its chunk hashes in the order presented) with the chunks
 * recorded on chain, and says exactly what differs. docs/evidence.md defines each step; in short:
 * 1. pair presented chunks with on-chain chunks of equal hash;
 * 2. the pairs on every longest in-order run are certainly in order ("anchors");
 * 3. other presented copies take the remaining on-chain chunks of their hash by rank, and any
 *    copy left over is a duplicate;
 * 4. such a chunk is still in order when it sits at the same distance from the preceding anchor
 *    in both lists, otherwise it is reordered;
 * 5. between two consecutive in-order chunks, unknown presented chunks and missing on-chain
 *    chunks are paired in order as altered; the rest are extra or missing.
 * Runs in O(n log n) for n on-chain plus presented chunks.
 */
export function diagnoseRecording(onChain: readonly OnChainChunk[], presented: readonly Uint8Array[]): RecordingDiagnosis {
  requireOnChain(onChain);
  requirePresented(presented);
  const groups = groupOnChainHashes(onChain);
  const groupOfPresented = new Int32Array(presented.length);
  for (let presentedIndex = 0; presentedIndex < presented.length; presentedIndex++) {
    const hash = presented[presentedIndex] as Uint8Array;
    groupOfPresented[presentedIndex] = hash.length === evidenceLimits.hashBytes ? groups.index.find(hash) : none;
  }
  const pairing = pairAnchors(groups, groupOfPresented, onChain.length);
  const duplicatedIndices = pairRemainingCopies(groups, groupOfPresented, pairing);
  const reorderedIndices = placeNonAnchors(pairing, onChain.length);
  const { missingPositions, altered, extraIndices } = pairUnknownsWithMissing(pairing, groupOfPresented);

  const sequenceAt = (position: number): number => (onChain[position] as OnChainChunk).sequence;
  const missing = missingPositions.map(sequenceAt);
  const reordered = reorderedIndices
    .map((presentedIndex) => ({ sequence: sequenceAt(pairing.positionOfPresented[presentedIndex] as number), presentedIndex }))
    .sort((a, b) => a.sequence - b.sequence);
  const duplicated = duplicatedIndices.map((presentedIndex) => {
    const group = groupOfPresented[presentedIndex] as number;
    return { sequence: sequenceAt(groups.positions[groups.groupStart[group] as number] as number), presentedIndex };
  });
  const alteredChunks = altered.map(([position, presentedIndex]) => ({ sequence: sequenceAt(position), presentedIndex }));
  const extra = extraIndices.map((presentedIndex) => ({ presentedIndex }));
  const ok = missing.length === 0 && reordered.length === 0 && alteredChunks.length === 0 && extra.length === 0 && duplicated.length === 0;
  return { ok, onChainCount: onChain.length, presentedCount: presented.length, missing, reordered, altered: alteredChunks, extra, duplicated };
}

/** A counting sort of positions by hash group, so no group needs an array of its own. */
function groupOnChainHashes(onChain: readonly OnChainChunk[]): HashGroups {
  const index = new HashIndex(onChain.length);
  const groupOfPosition = new Int32Array(onChain.length);
  for (let position = 0; position < onChain.length; position++) {
    groupOfPosition[position] = index.add((onChain[position] as OnChainChunk).chunkHash);
  }
  const groupStart = new Int32Array(index.size + 1);
  for (const group of groupOfPosition) groupStart[group + 1] = (groupStart[group + 1] as number) + 1;
  for (let group = 0; group < index.size; group++) groupStart[group + 1] = (groupStart[group + 1] as number) + (groupStart[group] as number);
  const fill = groupStart.slice(0, index.size);
  const positions = new Int32Array(onChain.length);
  for (let position = 0; position < onChain.length; position++) {
    const group = groupOfPosition[position] as number;
    positions[fill[group] as number] = position;
    fill[group] = (fill[group] as number) + 1;
  }
  return { index, groupStart, positions };
}

/**
 * Steps 1 and 2. A hash repeated on chain up to repeatedHashCandidatesMax times offers every one
 * of its positions to every presented copy; a hash repeated more often pairs its j-th presented
 * copy with its j-th on-chain chunk only, which bounds the number of pairs by 8 per presented
 * chunk. A presented chunk lists its candidates in descending position, so a strictly increasing
 * run uses at most one of them.
 */
function pairAnchors(groups: HashGroups, groupOfPresented: Int32Array, onChainCount: number): Pairing {
  const presentedCount = groupOfPresented.length;
  const pairPresentedIndex: number[] = [];
  const pairPosition: number[] = [];
  const copiesSeen = new Int32Array(groups.index.size);
  for (let presentedIndex = 0; presentedIndex < presentedCount; presentedIndex++) {
    const group = groupOfPresented[presentedIndex] as number;
    if (group === none) continue;
    const start = groups.groupStart[group] as number;
    const end = groups.groupStart[group + 1] as number;
    const rank = copiesSeen[group] as number;
    copiesSeen[group] = rank + 1;
    if (end - start <= evidenceLimits.repeatedHashCandidatesMax) {
      for (let candidate = end - 1; candidate >= start; candidate--) {
        pairPresentedIndex.push(presentedIndex);
        pairPosition.push(groups.positions[candidate] as number);
      }
    } else if (start + rank < end) {
      pairPresentedIndex.push(presentedIndex);
      pairPosition.push(groups.positions[start + rank] as number);
    }
  }
  const positionOfPresented = new Int32Array(presentedCount).fill(none);
  const presentedOfPosition = new Int32Array(onChainCount).fill(none);
  const isAnchor = new Uint8Array(presentedCount);
  const { onEvery } = increasingSubsequenceMembership(pairPosition);
  for (let pair = 0; pair < pairPosition.length; pair++) {
    if (onEvery[pair] !== 1) continue;
    const presentedIndex = pairPresentedIndex[pair] as number;
    const position = pairPosition[pair] as number;
    positionOfPresented[presentedIndex] = position;
    presentedOfPosition[position] = presentedIndex;
    isAnchor[presentedIndex] = 1;
  }
  return { positionOfPresented, presentedOfPosition, isAnchor, isInOrder: isAnchor.slice() };
}

/** Step 3: returns the presented indices of duplicates, ascending. */
function pairRemainingCopies(groups: HashGroups, groupOfPresented: Int32Array, pairing: Pairing): number[] {
  const { positionOfPresented, presentedOfPosition, isAnchor } = pairing;
  const duplicated: number[] = [];
  const nextCandidate = groups.groupStart.slice(0, groups.index.size);
  for (let presentedIndex = 0; presentedIndex < groupOfPresented.length; presentedIndex++) {
    const group = groupOfPresented[presentedIndex] as number;
    if (isAnchor[presentedIndex] === 1 || group === none) continue;
    const end = groups.groupStart[group + 1] as number;
    let candidate = nextCandidate[group] as number;
    while (candidate < end && presentedOfPosition[groups.positions[candidate] as number] !== none) candidate++;
    if (candidate < end) {
      const position = groups.positions[candidate] as number;
      positionOfPresented[presentedIndex] = position;
      presentedOfPosition[position] = presentedIndex;
      candidate++;
    } else {
      duplicated.push(presentedIndex);
    }
    nextCandidate[group] = candidate;
  }
  return duplicated;
}

/**
 * Step 4: a paired chunk that is not an anchor stays in order when its distance from the
 * preceding anchor is the same in both lists and it comes before the next anchor on chain;
 * this keeps the middle chunk of a swap across one chunk in order. Returns the presented
 * indices of reordered chunks. Anchors ascend in both lists, so one walk finds the neighbours.
 */
function placeNonAnchors(pairing: Pairing, onChainCount: number): number[] {
  const { positionOfPresented, isAnchor, isInOrder } = pairing;
  const presentedCount = positionOfPresented.length;
  const reordered: number[] = [];
  let previousAnchorIndex = none;
  let previousAnchorPosition = none;
  let nextAnchorIndex = none;
  for (let presentedIndex = 0; presentedIndex < presentedCount; presentedIndex++) {
    const position = positionOfPresented[presentedIndex] as number;
    if (isAnchor[presentedIndex] === 1) {
      previousAnchorIndex = presentedIndex;
      previousAnchorPosition = position;
      continue;
    }
    if (position === none) continue;
    if (nextAnchorIndex <= presentedIndex) {
      nextAnchorIndex = presentedIndex + 1;
      while (nextAnchorIndex < presentedCount && isAnchor[nextAnchorIndex] !== 1) nextAnchorIndex++;
    }
    const nextAnchorPosition = nextAnchorIndex < presentedCount ? (positionOfPresented[nextAnchorIndex] as number) : onChainCount;
    const inPlace = presentedIndex - previousAnchorIndex === position - previousAnchorPosition && position < nextAnchorPosition;
    if (inPlace) isInOrder[presentedIndex] = 1;
    else reordered.push(presentedIndex);
  }
  return reordered;
}

/**
 * Step 5. The in-order chunks ascend in both lists, so numbering the gaps between them by how
 * many in-order chunks precede an index numbers corresponding gaps alike in both lists.
 */
function pairUnknownsWithMissing(
  pairing: Pairing,
  groupOfPresented: Int32Array,
): { missingPositions: number[]; altered: [position: number, presentedIndex: number][]; extraIndices: number[] } {
  const { presentedOfPosition, isInOrder } = pairing;
  const unknownIndices: number[] = [];
  const unknownGaps: number[] = [];
  let gap = 0;
  for (let presentedIndex = 0; presentedIndex < groupOfPresented.length; presentedIndex++) {
    if (isInOrder[presentedIndex] === 1) gap++;
    else if (groupOfPresented[presentedIndex] === none) {
      unknownIndices.push(presentedIndex);
      unknownGaps.push(gap);
    }
  }
  const absentPositions: number[] = [];
  const absentGaps: number[] = [];
  gap = 0;
  for (let position = 0; position < presentedOfPosition.length; position++) {
    const presentedIndex = presentedOfPosition[position] as number;
    if (presentedIndex === none) {
      absentPositions.push(position);
      absentGaps.push(gap);
    } else if (isInOrder[presentedIndex] === 1) gap++;
  }

  const missingPositions: number[] = [];
  const altered: [number, number][] = [];
  const extraIndices: number[] = [];
  let unknown = 0;
  let absent = 0;
  while (unknown < unknownIndices.length || absent < absentPositions.length) {
    const unknownGap = unknownGaps[unknown] ?? Number.POSITIVE_INFINITY;
    const absentGap = absentGaps[absent] ?? Number.POSITIVE_INFINITY;
    if (unknownGap === absentGap) altered.push([absentPositions[absent++] as number, unknownIndices[unknown++] as number]);
    else if (unknownGap < absentGap) extraIndices.push(unknownIndices[unknown++] as number);
    else missingPositions.push(absentPositions[absent++] as number);
  }
  return { missingPositions, altered, extraIndices };
}

function requireOnChain(onChain: readonly OnChainChunk[]): void {
  if (!Array.isArray(onChain)) throw argumentError("onChain", "must be an array");
  if (onChain.length > evidenceLimits.chunksPerSessionMax) {
    throw argumentError("onChain", `holds more than ${evidenceLimits.chunksPerSessionMax} chunks`);
  }
  let previousSequence = -1;
  onChain.forEach((chunk: unknown, position) => {
    const fields = (chunk !== null && typeof chunk === "object" ? chunk : {}) as Partial<Record<string, unknown>>;
    const sequence = fields.sequence;
    if (!isSafeIntegerInRange(sequence, previousSequence + 1, Number.MAX_SAFE_INTEGER)) {
      throw argumentError(`onChain[${position}].sequence`, "must be an integer greater than the previous chunk's: pass the chunks in recorded order");
    }
    previousSequence = sequence;
    const hash = fields.chunkHash;
    if (!(hash instanceof Uint8Array) || hash.length !== evidenceLimits.hashBytes) {
      throw argumentError(`onChain[${position}].chunkHash`, `must be ${evidenceLimits.hashBytes} bytes`);
    }
  });
}

function requirePresented(presented: readonly Uint8Array[]): void {
  if (!Array.isArray(presented)) throw argumentError("presented", "must be an array");
  if (presented.length > evidenceLimits.presentedChunksMax) {
    throw argumentError("presented", `holds more than ${evidenceLimits.presentedChunksMax} chunks`);
  }
  presented.forEach((hash: unknown, index) => {
    if (!(hash instanceof Uint8Array)) throw argumentError(`presented[${index}]`, "must be bytes (the chunk's hash)");
  });
}

function argumentError(name: string, reason: string): EvidenceError {
  return new EvidenceError({ code: "EVIDENCE_ARGUMENT", name, reason }, `${name} ${reason}`);
}
