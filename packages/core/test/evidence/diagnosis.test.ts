import assert from "node:assert/strict";
import { test } from "node:test";
import { utf8 } from "../../src/bytes.ts";
import { getSuite } from "../../src/crypto/index.ts";
import { EvidenceError, LotteryStream, type OnChainChunk, type RecordingDiagnosis, diagnoseRecording } from "../../src/evidence/index.ts";
import { chunkHashesOf, suites, throwsKexinError } from "./fixtures.ts";

const chunkCount = 10_000;

function onChainOf(hashes: readonly Uint8Array[]): OnChainChunk[] {
  return hashes.map((chunkHash, sequence) => ({ sequence, chunkHash }));
}

function intact(partial: Partial<RecordingDiagnosis> = {}): RecordingDiagnosis {
  const diagnosis = { onChainCount: chunkCount, presentedCount: chunkCount, missing: [], reordered: [], altered: [], extra: [], duplicated: [], ...partial };
  const ok = [diagnosis.missing, diagnosis.reordered, diagnosis.altered, diagnosis.extra, diagnosis.duplicated].every((list) => list.length === 0);
  return { ok, ...diagnosis };
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, index) => start + index);
}

for (const suite of suites) {
  const hashes = chunkHashesOf(suite, chunkCount);
  const onChain = onChainOf(hashes);
  const forged = (label: string): Uint8Array => suite.hash(utf8(`forged ${label}`));
  const edited = (edit: (presented: Uint8Array[]) => void): Uint8Array[] => {
    const presented = hashes.slice();
    edit(presented);
    return presented;
  };
  const cases: [string, Uint8Array[], RecordingDiagnosis][] = [
    ["the intact recording", hashes.slice(), intact()],
    ["one chunk dropped", edited((presented) => presented.splice(4321, 1)), intact({ presentedCount: 9_999, missing: [4321] })],
    ["a range dropped", edited((presented) => presented.splice(5000, 100)), intact({ presentedCount: 9_900, missing: range(5000, 5100) })],
    ["the first and last chunks dropped", hashes.slice(1, -1), intact({ presentedCount: 9_998, missing: [0, 9_999] })],
    [
      "two distant chunks swapped",
      edited((presented) => ([presented[1000], presented[8000]] = [hashes[8000]!, hashes[1000]!])),
      intact({ reordered: [{ sequence: 1000, presentedIndex: 8000 }, { sequence: 8000, presentedIndex: 1000 }] }),
    ],
    [
      "two neighbouring chunks swapped",
      edited((presented) => ([presented[300], presented[301]] = [hashes[301]!, hashes[300]!])),
      intact({ reordered: [{ sequence: 300, presentedIndex: 301 }, { sequence: 301, presentedIndex: 300 }] }),
    ],
    [
      "two chunks swapped across one",
      edited((presented) => ([presented[600], presented[602]] = [hashes[602]!, hashes[600]!])),
      intact({ reordered: [{ sequence: 600, presentedIndex: 602 }, { sequence: 602, presentedIndex: 600 }] }),
    ],
    [
      "one chunk moved later",
      edited((presented) => presented.splice(7000, 0, ...presented.splice(200, 1))),
      intact({ reordered: [{ sequence: 200, presentedIndex: 7000 }] }),
    ],
    [
      "one chunk moved earlier",
      edited((presented) => presented.splice(10, 0, ...presented.splice(9000, 1))),
      intact({ reordered: [{ sequence: 9000, presentedIndex: 10 }] }),
    ],
    ["one chunk altered", edited((presented) => (presented[2500] = forged("2500"))), intact({ altered: [{ sequence: 2500, presentedIndex: 2500 }] })],
    [
      "one chunk altered and a distant one dropped",
      edited((presented) => {
        presented[3000] = forged("3000");
        presented.splice(9000, 1);
      }),
      intact({ presentedCount: 9_999, missing: [9000], altered: [{ sequence: 3000, presentedIndex: 3000 }] }),
    ],
    [
      "one chunk altered and the next dropped",
      edited((presented) => {
        presented[100] = forged("100");
        presented.splice(101, 1);
      }),
      intact({ presentedCount: 9_999, missing: [101], altered: [{ sequence: 100, presentedIndex: 100 }] }),
    ],
    [
      "a chunk replaced by a longer forged run",
      edited((presented) => presented.splice(700, 1, forged("a"), forged("b"))),
      intact({ presentedCount: 10_001, altered: [{ sequence: 700, presentedIndex: 700 }], extra: [{ presentedIndex: 701 }] }),
    ],
    ["a forged chunk inserted", edited((presented) => presented.splice(50, 0, forged("x"))), intact({ presentedCount: 10_001, extra: [{ presentedIndex: 50 }] })],
    [
      "a chunk repeated later",
      edited((presented) => presented.splice(6000, 0, hashes[4000]!)),
      intact({ presentedCount: 10_001, duplicated: [{ sequence: 4000, presentedIndex: 6000 }] }),
    ],
    [
      "a chunk repeated earlier",
      edited((presented) => presented.splice(10, 0, hashes[5000]!)),
      intact({ presentedCount: 10_001, duplicated: [{ sequence: 5000, presentedIndex: 10 }] }),
    ],
    [
      "a chunk repeated in place",
      edited((presented) => presented.splice(501, 0, hashes[500]!, hashes[500]!)),
      intact({ presentedCount: 10_002, duplicated: [{ sequence: 500, presentedIndex: 501 }, { sequence: 500, presentedIndex: 502 }] }),
    ],
    ["an empty presentation", [], intact({ presentedCount: 0, missing: range(0, chunkCount) })],
  ];

  for (const [name, presented, expected] of cases) {
    test(`behavior ${suite.id}: ${name}`, () => {
      assert.deepEqual(diagnoseRecording(onChain, presented), expected, name);
    });
  }
}

const suite = getSuite("intl");

test("behavior: a presented chunk of the wrong length is unknown, not an error", () => {
  const hashes = chunkHashesOf(suite, 3);
  const diagnosis = diagnoseRecording(onChainOf(hashes), [hashes[0]!, new Uint8Array(5), hashes[2]!]);
  assert.deepEqual(diagnosis.altered, [{ sequence: 1, presentedIndex: 1 }], "the short hash sits in chunk 1's slot");
});

test("behavior: the sequences reported are the on-chain ones, not positions", () => {
  const hashes = chunkHashesOf(suite, 3);
  const onChain = hashes.map((chunkHash, position) => ({ sequence: 100 + position, chunkHash }));
  const diagnosis = diagnoseRecording(onChain, [hashes[0]!, hashes[2]!]);
  assert.deepEqual(diagnosis.missing, [101], "sequence 101 is missing");
});

test("behavior: chunks recorded with identical content are paired by order", () => {
  const silence = suite.hash(utf8("silence"));
  const hashes = chunkHashesOf(suite, 30);
  for (let sequence = 10; sequence < 25; sequence++) hashes[sequence] = silence;
  const onChain = onChainOf(hashes);
  assert.equal(diagnoseRecording(onChain, hashes.slice()).ok, true, "intact recording with 15 identical chunks");
  const dropped = hashes.slice();
  dropped.splice(12, 1);
  assert.deepEqual(diagnoseRecording(onChain, dropped).missing, [24], "one identical chunk fewer: the last of the run counts as missing");
  const extraCopy = hashes.slice();
  extraCopy.splice(12, 0, silence);
  assert.deepEqual(diagnoseRecording(onChain, extraCopy).duplicated, [{ sequence: 10, presentedIndex: 25 }], "one copy too many");

  const shortRun = chunkHashesOf(suite, 10);
  shortRun[3] = shortRun[4] = shortRun[5] = silence;
  const shortRunDropped = shortRun.slice();
  shortRunDropped.splice(4, 1);
  const shortRunDiagnosis = diagnoseRecording(onChainOf(shortRun), shortRunDropped);
  assert.deepEqual(shortRunDiagnosis.missing, [5], "a run of three identical chunks one short: the last of the run is missing");
  assert.deepEqual(shortRunDiagnosis.reordered, [], "the remaining copies stay in order");
});

test("behavior: every chunk is accounted for exactly once under random edits", () => {
  // Edits are drawn from the lottery's hash stream, so the run is the same every time.
  const random = new LotteryStream(suite, suite.hash(utf8("diagnosis edits")));
  const hashes = chunkHashesOf(suite, 300);
  const onChain = onChainOf(hashes);
  for (let round = 0; round < 200; round++) {
    const presented = hashes.slice();
    const edits = 1 + random.nextIndexBelow(6);
    for (let edit = 0; edit < edits; edit++) {
      const at = random.nextIndexBelow(presented.length);
      const kind = random.nextIndexBelow(5);
      if (kind === 0) presented.splice(at, 1);
      else if (kind === 1) presented.splice(random.nextIndexBelow(presented.length), 0, ...presented.splice(at, 1));
      else if (kind === 2) presented[at] = suite.hash(utf8(`forged ${round} ${edit}`));
      else if (kind === 3) presented.splice(at, 0, hashes[random.nextIndexBelow(hashes.length)]!);
      else presented.splice(at, 0, suite.hash(utf8(`inserted ${round} ${edit}`)));
    }
    const diagnosis = diagnoseRecording(onChain, presented);
    const reorderedSequences = diagnosis.reordered.map((chunk) => chunk.sequence);
    const alteredSequences = diagnosis.altered.map((chunk) => chunk.sequence);
    const unaccountedPresented = new Set(range(0, presented.length));
    for (const chunk of [...diagnosis.reordered, ...diagnosis.altered, ...diagnosis.extra, ...diagnosis.duplicated]) {
      assert.ok(unaccountedPresented.delete(chunk.presentedIndex), `round ${round}: presented index ${chunk.presentedIndex} reported once`);
    }
    const inOrderSequences: number[] = [];
    for (const presentedIndex of unaccountedPresented) {
      const sequence = hashes.findIndex((hash) => hash === presented[presentedIndex]);
      assert.ok(sequence >= 0, `round ${round}: unreported presented index ${presentedIndex} is a recorded chunk`);
      inOrderSequences.push(sequence);
    }
    assert.deepEqual(inOrderSequences, inOrderSequences.slice().sort((a, b) => a - b), `round ${round}: unreported chunks are in recorded order`);
    const allSequences = [...diagnosis.missing, ...reorderedSequences, ...alteredSequences, ...inOrderSequences].sort((a, b) => a - b);
    assert.deepEqual(allSequences, range(0, hashes.length), `round ${round}: each recorded chunk is in order, reordered, altered or missing`);
    assert.equal(diagnosis.ok, presented.length === hashes.length && presented.every((hash, index) => hash === hashes[index]), `round ${round}: ok`);
  }
});

test("behavior: 100,000 chunks with edits are diagnosed in well under two seconds", () => {
  const hashes = chunkHashesOf(suite, 100_000);
  const onChain = onChainOf(hashes);
  const presented = hashes.slice();
  presented.splice(500, 100);
  [presented[3000], presented[90_000]] = [presented[90_000]!, presented[3000]!];
  presented[50_000] = suite.hash(utf8("forged"));
  const startedMs = performance.now();
  const diagnosis = diagnoseRecording(onChain, presented);
  const elapsedMs = performance.now() - startedMs;
  assert.deepEqual(diagnosis.missing, range(500, 600), "the dropped range");
  assert.deepEqual(diagnosis.reordered, [{ sequence: 3100, presentedIndex: 90_000 }, { sequence: 90_100, presentedIndex: 3000 }], "the swap");
  assert.deepEqual(diagnosis.altered, [{ sequence: 50_100, presentedIndex: 50_000 }], "the forgery");
  assert.ok(elapsedMs < 2000, `took ${elapsedMs.toFixed(0)} ms`);
  const reversedStartedMs = performance.now();
  assert.equal(diagnoseRecording(onChain, hashes.slice().reverse()).reordered.length, 100_000, "every chunk of a reversed recording is reordered");
  assert.ok(performance.now() - reversedStartedMs < 2000, "the reversed recording is diagnosed quickly too");
});

test("error: on-chain chunks must come in recorded order with 32-byte hashes", () => {
  const hashes = chunkHashesOf(suite, 3);
  throwsKexinError(
    () => diagnoseRecording([{ sequence: 1, chunkHash: hashes[1]! }, { sequence: 0, chunkHash: hashes[0]! }], []),
    EvidenceError,
    { code: "EVIDENCE_ARGUMENT", name: "onChain[1].sequence" },
    "descending sequences",
  );
  throwsKexinError(
    () => diagnoseRecording([{ sequence: 0, chunkHash: new Uint8Array(3) }], []),
    EvidenceError,
    { code: "EVIDENCE_ARGUMENT", name: "onChain[0].chunkHash" },
    "short on-chain hash",
  );
  throwsKexinError(
    () => diagnoseRecording(onChainOf(hashes), ["abc" as unknown as Uint8Array]),
    EvidenceError,
    { code: "EVIDENCE_ARGUMENT", name: "presented[0]" },
    "presented hash as a string",
  );
});
