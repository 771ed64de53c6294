import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { concatBytes, fromHex, toHex, utf8 } from "../../src/bytes.ts";
import { getSuite } from "../../src/crypto/index.ts";
import {
  type ChunkRecord,
  EvidenceError,
  type LinkedChunkRecord,
  chainChunks,
  chunkLink,
  evidenceLimits,
  microdegreesFromDegrees,
  sessionAnchor,
  sessionStart,
  validateChunkBatch,
} from "../../src/evidence/index.ts";
import { chunkHashesOf, suites, throwsKexinError } from "./fixtures.ts";

const sessionId = "session-0001";
const deviceStartMs = 1_714_550_400_000;

function recordsOf(hashes: readonly Uint8Array[], firstSequence = 0): ChunkRecord[] {
  return hashes.map((chunkHash, index) => ({
    sequence: firstSequence + index,
    chunkHash,
    deviceTimeMs: deviceStartMs + (firstSequence + index) * 1000,
    latitudeMicrodegrees: 39_908_722,
    longitudeMicrodegrees: 116_397_499,
    batteryPercent: 100 - Math.floor((firstSequence + index) / 1000),
  }));
}

function linked(records: readonly ChunkRecord[], links: readonly Uint8Array[]): LinkedChunkRecord[] {
  return records.map((record, index) => ({ ...record, link: links[index] as Uint8Array }));
}

const vectors = {
  intl: {
    anchor: "ed4abea4db371db7857603161e78e744fb1ab5ecbe0e32e2f780e827ef12ab80",
    link0: "29670c547c1aa13c7b49faf12775db90e20ae308a6e63371b705dded213fb963",
    link1: "8550dc176cfe7a1e6293328aaa18e329995690048b44c2e4eabeacb21978b931",
  },
  gm: {
    anchor: "9fef7f91fe07e014620889fa2a3c3b84043a2b0a1b7e510b170355a6d5dd1072",
    link0: "b3f8284041e2ee01c8376f7535d9438bd142b938fae0d6621635ca929145e39c",
    link1: "60728ad3e19188bc941bbd35302d6677809ad75c80334733d733496ca3a1e497",
  },
};

test("vector: the session anchor hashes the canonical CBOR written out by hand", () => {
  // [ "kexin/evidence/session/1", "session-0001" ]: array(2), text(24), text(12).
  const preimage = concatBytes(fromHex("82" + "78" + "18"), utf8("kexin/evidence/session/1"), fromHex("6c"), utf8(sessionId));
  const expected = new Uint8Array(createHash("sha256").update(preimage).digest());
  assert.equal(toHex(sessionAnchor(getSuite("intl"), sessionId)), toHex(expected), "anchor is SHA-256 of the hand-built encoding");
});

test("vector: chunk links of the first two chunks of a session written out by hand", () => {
  const suite = getSuite("intl");
  const [hash0, hash1] = chunkHashesOf(suite, 2) as [Uint8Array, Uint8Array];
  const anchor = sessionAnchor(suite, sessionId);
  // [ "kexin/evidence/chunk/1", sessionId, 0, bytes(32), bytes(32) ]: array(5), text(22), text(12), uint 0, bytes(32) twice.
  const preimage = concatBytes(
    fromHex("85" + "76"),
    utf8("kexin/evidence/chunk/1"),
    fromHex("6c"),
    utf8(sessionId),
    fromHex("00" + "5820"),
    hash0,
    fromHex("5820"),
    anchor,
  );
  const expected = new Uint8Array(createHash("sha256").update(preimage).digest());
  const link0 = chunkLink(suite, sessionId, { sequence: 0, chunkHash: hash0 }, anchor);
  assert.equal(toHex(link0), toHex(expected), "link 0 is SHA-256 of the hand-built encoding");
  assert.notEqual(toHex(chunkLink(suite, sessionId, { sequence: 1, chunkHash: hash1 }, link0)), toHex(link0), "link 1 differs");
});

for (const suite of suites) {
  const pinned = vectors[suite.id];

  test(`vector ${suite.id}: anchor and first links are pinned`, () => {
    const [hash0, hash1] = chunkHashesOf(suite, 2) as [Uint8Array, Uint8Array];
    const anchor = sessionAnchor(suite, sessionId);
    const link0 = chunkLink(suite, sessionId, { sequence: 0, chunkHash: hash0 }, anchor);
    const link1 = chunkLink(suite, sessionId, { sequence: 1, chunkHash: hash1 }, link0);
    assert.equal(toHex(anchor), pinned.anchor, "session anchor");
    assert.equal(toHex(link0), pinned.link0, "link of sequence 0");
    assert.equal(toHex(link1), pinned.link1, "link of sequence 1");
  });

  test(`default ${suite.id}: chainChunks links each record over the previous link, starting at the anchor`, () => {
    const records = recordsOf(chunkHashesOf(suite, 5));
    const links = chainChunks(suite, sessionId, records);
    let previous = sessionAnchor(suite, sessionId);
    records.forEach((record, index) => {
      previous = chunkLink(suite, sessionId, record, previous);
      assert.deepEqual(links[index], previous, `link ${index}`);
    });
  });

  test(`behavior ${suite.id}: links depend on the session, the sequence, the chunk and the previous link`, () => {
    const [hash0, hash1] = chunkHashesOf(suite, 2) as [Uint8Array, Uint8Array];
    const anchor = sessionAnchor(suite, sessionId);
    const base = toHex(chunkLink(suite, sessionId, { sequence: 0, chunkHash: hash0 }, anchor));
    const variants = [
      chunkLink(suite, "session-0002", { sequence: 0, chunkHash: hash0 }, anchor),
      chunkLink(suite, sessionId, { sequence: 1, chunkHash: hash0 }, anchor),
      chunkLink(suite, sessionId, { sequence: 0, chunkHash: hash1 }, anchor),
      chunkLink(suite, sessionId, { sequence: 0, chunkHash: hash0 }, hash1),
    ].map(toHex);
    assert.equal(new Set([base, ...variants]).size, 5, "every input changes the link");
  });

  test(`behavior ${suite.id}: chainChunks continues from a tip exactly as it runs from the start`, () => {
    const records = recordsOf(chunkHashesOf(suite, 20));
    const whole = chainChunks(suite, sessionId, records);
    const first = chainChunks(suite, sessionId, records.slice(0, 8));
    const rest = chainChunks(suite, sessionId, records.slice(8), { nextSequence: 8, lastLink: first[7] as Uint8Array });
    assert.deepEqual([...first, ...rest], whole, "links from two calls equal links from one");
  });

  test(`default ${suite.id}: a 10,000-chunk stream is accepted batch by batch and the tip advances`, () => {
    const records = recordsOf(chunkHashesOf(suite, 10_000));
    const links = chainChunks(suite, sessionId, records);
    const submissions = linked(records, links);
    let tip = sessionStart(suite, sessionId);
    for (let start = 0; start < submissions.length; start += evidenceLimits.chunkBatchMax) {
      const batch = submissions.slice(start, start + evidenceLimits.chunkBatchMax);
      const result = validateChunkBatch(suite, sessionId, tip.nextSequence, tip.lastLink, batch);
      assert.equal(result.nextSequence, start + batch.length, `next sequence after batch at ${start}`);
      assert.deepEqual(result.links, links.slice(start, start + batch.length), `links of batch at ${start}`);
      tip = result;
    }
    assert.equal(tip.nextSequence, 10_000, "every chunk recorded");
    assert.deepEqual(tip.lastLink, links[9_999], "the tip is the last link");
  });

  test(`default ${suite.id}: position and battery are optional`, () => {
    const [chunkHash] = chunkHashesOf(suite, 1) as [Uint8Array];
    const record: ChunkRecord = { sequence: 0, chunkHash, deviceTimeMs: 0 };
    const anchor = sessionAnchor(suite, sessionId);
    const link = chunkLink(suite, sessionId, record, anchor);
    const result = validateChunkBatch(suite, sessionId, 0, anchor, [{ ...record, link }]);
    assert.equal(result.nextSequence, 1, "a bare record is accepted");
    const extremes = { ...record, latitudeMicrodegrees: -90_000_000, longitudeMicrodegrees: 180_000_000, batteryPercent: 0, link };
    assert.equal(validateChunkBatch(suite, sessionId, 0, anchor, [extremes]).nextSequence, 1, "the range ends are accepted");
  });
}

const suite = getSuite("intl");
const anchor = sessionAnchor(suite, sessionId);

function submissionsOf(count: number): LinkedChunkRecord[] {
  const records = recordsOf(chunkHashesOf(suite, count));
  return linked(records, chainChunks(suite, sessionId, records));
}

test("error: a batch that skips a sequence is a gap", () => {
  const submissions = submissionsOf(4);
  throwsKexinError(
    () => validateChunkBatch(suite, sessionId, 0, anchor, [submissions[0]!, submissions[2]!]),
    EvidenceError,
    { code: "EVIDENCE_CHUNK_SEQUENCE", index: 1, expected: 1, got: 2, problem: "gap" },
    "sequence 1 skipped",
  );
  throwsKexinError(
    () => validateChunkBatch(suite, sessionId, 2, submissions[1]!.link, submissions.slice(3)),
    EvidenceError,
    { code: "EVIDENCE_CHUNK_SEQUENCE", index: 0, expected: 2, got: 3, problem: "gap" },
    "a batch starting past the tip",
  );
});

test("error: a repeated or already recorded sequence is a duplicate", () => {
  const submissions = submissionsOf(3);
  throwsKexinError(
    () => validateChunkBatch(suite, sessionId, 0, anchor, [submissions[0]!, submissions[0]!]),
    EvidenceError,
    { code: "EVIDENCE_CHUNK_SEQUENCE", index: 1, expected: 1, got: 0, problem: "duplicate" },
    "sequence 0 twice in one batch",
  );
  throwsKexinError(
    () => validateChunkBatch(suite, sessionId, 2, submissions[1]!.link, submissions.slice(1)),
    EvidenceError,
    { code: "EVIDENCE_CHUNK_SEQUENCE", index: 0, expected: 2, got: 1, problem: "duplicate" },
    "sequence 1 resubmitted after it was recorded",
  );
});

test("error: a batch whose expected sequence comes later is out of order", () => {
  const submissions = submissionsOf(3);
  throwsKexinError(
    () => validateChunkBatch(suite, sessionId, 0, anchor, [submissions[1]!, submissions[0]!, submissions[2]!]),
    EvidenceError,
    { code: "EVIDENCE_CHUNK_SEQUENCE", index: 0, expected: 0, got: 1, problem: "out-of-order" },
    "sequences 1, 0, 2",
  );
});

test("error: a link that does not extend the previous one is refused", () => {
  const submissions = submissionsOf(3);
  const swappedContent = { ...submissions[1]!, chunkHash: submissions[2]!.chunkHash };
  throwsKexinError(
    () => validateChunkBatch(suite, sessionId, 0, anchor, [submissions[0]!, swappedContent, submissions[2]!]),
    EvidenceError,
    { code: "EVIDENCE_CHUNK_LINK", index: 1, sequence: 1 },
    "chunk content replaced, link kept",
  );
  throwsKexinError(
    () => validateChunkBatch(suite, "session-0002", 0, sessionAnchor(suite, "session-0002"), submissions),
    EvidenceError,
    { code: "EVIDENCE_CHUNK_LINK", index: 0, sequence: 0 },
    "links of another session",
  );
  throwsKexinError(
    () => validateChunkBatch(suite, sessionId, 0, anchor, submissions.map((submission) => ({ ...submission, link: submissions[0]!.link }))),
    EvidenceError,
    { code: "EVIDENCE_CHUNK_LINK", index: 1, sequence: 1 },
    "every record carrying the first link",
  );
  throwsKexinError(
    () => validateChunkBatch(getSuite("gm"), sessionId, 0, sessionAnchor(getSuite("gm"), sessionId), submissions),
    EvidenceError,
    { code: "EVIDENCE_CHUNK_LINK", index: 0, sequence: 0 },
    "links made with the other suite",
  );
});

test("error: out-of-range and malformed fields name the record and the field", () => {
  const [valid] = submissionsOf(1) as [LinkedChunkRecord];
  const cases: [string, Record<string, unknown>, string][] = [
    ["latitude above 90°", { latitudeMicrodegrees: 90_000_001 }, "latitudeMicrodegrees"],
    ["latitude as a float", { latitudeMicrodegrees: 39.9 }, "latitudeMicrodegrees"],
    ["longitude below -180°", { longitudeMicrodegrees: -180_000_001 }, "longitudeMicrodegrees"],
    ["latitude without longitude", { longitudeMicrodegrees: undefined }, "longitudeMicrodegrees"],
    ["battery above 100", { batteryPercent: 101 }, "batteryPercent"],
    ["battery below 0", { batteryPercent: -1 }, "batteryPercent"],
    ["battery not an integer", { batteryPercent: 50.5 }, "batteryPercent"],
    ["negative device time", { deviceTimeMs: -1 }, "deviceTimeMs"],
    ["device time as a string", { deviceTimeMs: "2024-05-01" }, "deviceTimeMs"],
    ["short chunk hash", { chunkHash: new Uint8Array(31) }, "chunkHash"],
    ["chunk hash as hex", { chunkHash: toHex(valid.chunkHash) }, "chunkHash"],
    ["long link", { link: new Uint8Array(33) }, "link"],
    ["fractional sequence", { sequence: 0.5 }, "sequence"],
    ["sequence beyond a session", { sequence: evidenceLimits.chunksPerSessionMax }, "sequence"],
    ["unknown field", { note: "hello" }, "note"],
  ];
  for (const [name, change, field] of cases) {
    const record = { ...valid, ...change } as unknown as LinkedChunkRecord;
    throwsKexinError(() => validateChunkBatch(suite, sessionId, 0, anchor, [record]), EvidenceError, { code: "EVIDENCE_CHUNK_FIELD", index: 0, field }, name);
  }
  throwsKexinError(
    () => validateChunkBatch(suite, sessionId, 0, anchor, [null as unknown as LinkedChunkRecord]),
    EvidenceError,
    { code: "EVIDENCE_CHUNK_FIELD", index: 0, field: "" },
    "a record that is not an object",
  );
});

test("error: a batch is 1 to chunkBatchMax records", () => {
  throwsKexinError(() => validateChunkBatch(suite, sessionId, 0, anchor, []), EvidenceError, { code: "EVIDENCE_BATCH_SIZE", size: 0 }, "empty batch");
  const oversized = submissionsOf(evidenceLimits.chunkBatchMax + 1);
  throwsKexinError(
    () => validateChunkBatch(suite, sessionId, 0, anchor, oversized),
    EvidenceError,
    { code: "EVIDENCE_BATCH_SIZE", size: evidenceLimits.chunkBatchMax + 1, sizeMax: evidenceLimits.chunkBatchMax },
    "one record too many",
  );
});

test("error: session ids, previous links and tips are checked", () => {
  const [chunkHash] = chunkHashesOf(suite, 1) as [Uint8Array];
  for (const badId of ["", "has space", "斜杠", "-leading-dash", "a".repeat(evidenceLimits.sessionIdLengthMax + 1)]) {
    throwsKexinError(() => sessionAnchor(suite, badId), EvidenceError, { code: "EVIDENCE_ARGUMENT", name: "sessionId" }, `session id "${badId}"`);
  }
  throwsKexinError(
    () => chunkLink(suite, sessionId, { sequence: 0, chunkHash }, new Uint8Array(16)),
    EvidenceError,
    { code: "EVIDENCE_ARGUMENT", name: "previousLink" },
    "short previous link",
  );
  throwsKexinError(
    () => chunkLink(suite, sessionId, { sequence: -1, chunkHash }, anchor),
    EvidenceError,
    { code: "EVIDENCE_ARGUMENT", name: "record.sequence" },
    "negative sequence",
  );
  throwsKexinError(
    () => validateChunkBatch(suite, sessionId, -1, anchor, submissionsOf(1)),
    EvidenceError,
    { code: "EVIDENCE_ARGUMENT", name: "expectedNextSequence" },
    "negative expected sequence",
  );
  throwsKexinError(
    () => chainChunks(suite, sessionId, recordsOf([chunkHash], 1)),
    EvidenceError,
    { code: "EVIDENCE_CHUNK_SEQUENCE", expected: 0, got: 1, problem: "gap" },
    "chainChunks from the start must begin at sequence 0",
  );
});

test("default: microdegreesFromDegrees rounds decimal degrees to integers", () => {
  assert.equal(microdegreesFromDegrees(39.9087221), 39_908_722, "Tiananmen latitude");
  assert.equal(microdegreesFromDegrees(-33.8567844), -33_856_784, "Sydney latitude");
  assert.equal(microdegreesFromDegrees(180), 180_000_000, "antimeridian");
});
