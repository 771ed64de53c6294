import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type CborValue, type ChunkRecord, type OnChainChunk, chainChunks, diagnoseRecording, evidenceLimits, fromHex, gmSuite, protocolLimits, sessionStart, signTx, toHex, utf8 } from "@kexin/core";
import { evidenceModuleLimits } from "../../src/modules/evidence/index.ts";
import { type EvidenceChain, startEvidenceChain } from "./fixture.ts";

let fixture: EvidenceChain;
before(async () => {
  fixture = await startEvidenceChain();
});
after(async () => {
  await fixture.close();
});

const recordingStartMs = 1_718_000_000_000;

function chunkContent(sessionId: string, sequence: number): Uint8Array {
  return utf8(`${sessionId} chunk ${sequence}`);
}

function recordsOf(sessionId: string, count: number, from = 0): ChunkRecord[] {
  return Array.from({ length: count }, (_, offset) => {
    const sequence = from + offset;
    return {
      sequence,
      chunkHash: fixture.suite.hash(chunkContent(sessionId, sequence)),
      deviceTimeMs: recordingStartMs + sequence * 1_000,
      ...(sequence % 10 === 0 ? { latitudeMicrodegrees: 39_904_200, longitudeMicrodegrees: 116_407_400, batteryPercent: 90 } : {}),
    };
  });
}

/** The append_chunks payloads of a recording: records linked from the session start, cut into transactions. */
function appendCalls(sessionId: string, records: readonly ChunkRecord[], links: readonly Uint8Array[]) {
  const calls = [];
  for (let start = 0; start < records.length; start += evidenceModuleLimits.chunksPerTxMax) {
    const chunks = records.slice(start, start + evidenceModuleLimits.chunksPerTxMax).map((record, offset) => ({
      ...record,
      chunkHash: toHex(record.chunkHash),
      link: toHex(links[start + offset] as Uint8Array),
    }));
    calls.push({ type: "append_chunks", payload: { sessionId, chunks } });
  }
  return calls;
}

function openCall(sessionId: string, caseNumber = "") {
  return { type: "open_session", payload: { sessionId, operator: fixture.officer.address, caseNumber, startTimeMs: recordingStartMs } };
}

/** Reads a session's chunks page by page through the API, as a verifier would. */
async function onChainChunks(sessionId: string): Promise<OnChainChunk[]> {
  const chunks: OnChainChunk[] = [];
  let from: number | null = 0;
  while (from !== null) {
    const page = await fixture.query("chunks", { sessionId, from });
    assert.equal(page.status, 200, JSON.stringify(page.body));
    for (const chunk of page.body.chunks as { sequence: number; chunkHash: string }[]) chunks.push({ sequence: chunk.sequence, chunkHash: fromHex(chunk.chunkHash) });
    from = page.body.next as number | null;
  }
  return chunks;
}

describe("evidence recording sessions", () => {
  test("default: a 10,000-chunk recording is recorded in batches and verified, and each tampering is diagnosed", async () => {
    const sessionId = "bc7-2024-06-10T08:00Z";
    const count = 10_000;
    const records = recordsOf(sessionId, count);
    const links = chainChunks(fixture.suite, sessionId, records);
    const lastLink = toHex(links[count - 1] as Uint8Array);
    const startedMs = performance.now();
    const committed = await fixture.commitMany(fixture.camera, [
      openCall(sessionId, "(2024)京0105刑初123号"),
      ...appendCalls(sessionId, records, links),
      { type: "close_session", payload: { sessionId, endTimeMs: recordingStartMs + count * 1_000, chunkCount: count, lastLink } },
    ]);
    const recordedMs = performance.now() - startedMs;
    for (const entry of committed) assert.equal(entry.result.status, "ok", `${entry.hash}: ${entry.result.message}`);
    assert.equal(committed.length, 2 + count / evidenceModuleLimits.chunksPerTxMax, "one open, the batches, one close");

    const session = await fixture.query("session", { sessionId });
    assert.equal(session.body.status, "closed");
    assert.equal(session.body.chunkCount, count);
    assert.equal(session.body.lastLink, lastLink, "the chain's last link is the device's");
    assert.equal(session.body.device, fixture.camera.address);
    assert.equal(session.body.operator, fixture.officer.address);

    const readStartedMs = performance.now();
    const onChain = await onChainChunks(sessionId);
    assert.equal(onChain.length, count, "every chunk is readable");
    const relinked = chainChunks(fixture.suite, sessionId, onChain.map((chunk, index) => ({ ...chunk, deviceTimeMs: (records[index] as ChunkRecord).deviceTimeMs })));
    assert.equal(toHex(relinked[count - 1] as Uint8Array), lastLink, "the served chunks re-link to the session's last link");
    const presented = Array.from({ length: count }, (_, sequence) => fixture.suite.hash(chunkContent(sessionId, sequence)));
    assert.equal(diagnoseRecording(onChain, presented).ok, true, "the recording as made verifies");
    const verifiedMs = performance.now() - readStartedMs;

    const dropped = presented.filter((_, index) => index !== 4321);
    assert.deepEqual(diagnoseRecording(onChain, dropped).missing, [4321], "a dropped chunk is missing");
    const range = presented.filter((_, index) => index < 5000 || index >= 5100);
    assert.deepEqual(diagnoseRecording(onChain, range).missing, Array.from({ length: 100 }, (_, index) => 5000 + index), "a dropped range is missing");

    const swapped = [...presented];
    [swapped[1000], swapped[8000]] = [swapped[8000] as Uint8Array, swapped[1000] as Uint8Array];
    const swap = diagnoseRecording(onChain, swapped);
    assert.deepEqual(swap.reordered, [{ sequence: 1000, presentedIndex: 8000 }, { sequence: 8000, presentedIndex: 1000 }], "a swap reports both chunks");
    assert.deepEqual([swap.missing, swap.altered, swap.extra, swap.duplicated], [[], [], [], []], "and nothing else");

    const neighbours = [...presented];
    [neighbours[300], neighbours[301]] = [neighbours[301] as Uint8Array, neighbours[300] as Uint8Array];
    assert.deepEqual(diagnoseRecording(onChain, neighbours).reordered, [{ sequence: 300, presentedIndex: 301 }, { sequence: 301, presentedIndex: 300 }], "a swap of neighbours too");

    const altered = [...presented];
    altered[2500] = fixture.suite.hash(utf8("other content"));
    const alteration = diagnoseRecording(onChain, altered);
    assert.deepEqual(alteration.altered, [{ sequence: 2500, presentedIndex: 2500 }], "a replaced chunk is altered");
    assert.deepEqual([alteration.missing, alteration.reordered, alteration.extra], [[], [], []], "and nothing else");

    const alteredAndDropped = altered.filter((_, index) => index !== 2501);
    const both = diagnoseRecording(onChain, alteredAndDropped);
    assert.deepEqual([both.altered, both.missing], [[{ sequence: 2500, presentedIndex: 2500 }], [2501]], "an altered chunk next to a dropped one");

    const diagnosis = { recordedMs: Math.round(recordedMs), readAndVerifiedMs: Math.round(verifiedMs) };
    console.log(`10,000-chunk stream: ${JSON.stringify(diagnosis)}`);
  });

  test("behavior: the case lists the session and the device lists its sessions", async () => {
    const sessionId = "bc7-case-listing";
    const [opened] = await fixture.commitMany(fixture.camera, [openCall(sessionId, "case-listed")]);
    assert.equal(opened?.result.status, "ok", opened?.result.message);
    const byCase = await fixture.query("case", { caseNumber: "case-listed" });
    assert.deepEqual((byCase.body.entries as { kind: string; session: { sessionId: string } }[]).map((entry) => [entry.kind, entry.session.sessionId]), [["session", sessionId]]);
    const byDevice = await fixture.query("sessions_by_device", { device: fixture.camera.address });
    assert.ok((byDevice.body.sessions as { sessionId: string }[]).some((session) => session.sessionId === sessionId), "the device lists the session");
  });

  test("error: bad batches fail with core's code and change nothing", async () => {
    const sessionId = "bc7-bad-batches";
    const records = recordsOf(sessionId, 30);
    const links = chainChunks(fixture.suite, sessionId, records);
    const [first] = appendCalls(sessionId, records.slice(0, 10), links.slice(0, 10));
    const [opened, appended] = await fixture.commitMany(fixture.camera, [openCall(sessionId), first as { type: string; payload: never }]);
    assert.equal(opened?.result.status, "ok");
    assert.equal(appended?.result.status, "ok", appended?.result.message);
    const tip = { nextSequence: 10, lastLink: links[9] as Uint8Array };

    const continuation = (from: number, count: number) => {
      const next = records.slice(from, from + count);
      const nextLinks = chainChunks(fixture.suite, sessionId, next, from === 10 ? tip : { nextSequence: from, lastLink: links[from - 1] as Uint8Array });
      return appendCalls(sessionId, next, nextLinks)[0] as { type: string; payload: { sessionId: string; chunks: Record<string, CborValue>[] } };
    };
    const gap = await fixture.commit(fixture.camera, "append_chunks", continuation(12, 3).payload);
    assert.deepEqual([gap.result.status, gap.result.code], ["failed", "EVIDENCE_CHUNK_SEQUENCE"], "a gap is refused");
    assert.match(gap.result.message, /sequence 12 where 10 was expected \(gap\)/);

    const badLink = continuation(10, 3);
    (badLink.payload.chunks[2] as { link: string }).link = "00".repeat(32);
    const link = await fixture.commit(fixture.camera, "append_chunks", badLink.payload);
    assert.deepEqual([link.result.status, link.result.code], ["failed", "EVIDENCE_CHUNK_LINK"], "a broken link is refused");

    const fromStart = continuation(10, 2);
    (fromStart.payload.chunks[0] as { link: string }).link = toHex(sessionStart(fixture.suite, sessionId).lastLink);
    const relinked = await fixture.commit(fixture.camera, "append_chunks", fromStart.payload);
    assert.equal(relinked.result.code, "EVIDENCE_CHUNK_LINK", "a link to the wrong predecessor is refused");

    const session = await fixture.query("session", { sessionId });
    assert.deepEqual([session.body.chunkCount, session.body.lastLink], [10, toHex(links[9] as Uint8Array)], "refused batches changed nothing");

    const good = await fixture.commit(fixture.camera, "append_chunks", continuation(10, 20).payload);
    assert.equal(good.result.status, "ok", "the right continuation is taken");

    const mismatch = await fixture.commit(fixture.camera, "close_session", { sessionId, endTimeMs: recordingStartMs, chunkCount: 29, lastLink: toHex(links[29] as Uint8Array) });
    assert.equal(mismatch.result.code, "EVIDENCE_SESSION_MISMATCH", "closing with the wrong count is refused");
    const closed = await fixture.commit(fixture.camera, "close_session", { sessionId, endTimeMs: recordingStartMs, chunkCount: 30, lastLink: toHex(links[29] as Uint8Array) });
    assert.equal(closed.result.status, "ok", closed.result.message);
    const late = await fixture.commit(fixture.camera, "append_chunks", continuation(10, 1).payload);
    assert.equal(late.result.code, "EVIDENCE_SESSION_CLOSED", "a closed session takes no more chunks");
  });

  test("error: only a registered device records, only its own sessions, for an operator of its organisation", async () => {
    const sessionId = "bc7-permissions";
    const byMember = await fixture.chain.sign(fixture.officer, { module: "evidence", ...openCall(sessionId) });
    const refused = await fixture.chain.post("/v1/txs", { tx: byMember.hex });
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    assert.equal((refused.body.error as { code: string }).code, "TX_NOT_AUTHORISED", "a member key cannot open a session");

    const foreign = await fixture.chain.sign(fixture.camera, { module: "evidence", type: "open_session", payload: { ...openCall(sessionId).payload, operator: fixture.clerk.address } });
    const foreignOperator = await fixture.chain.post("/v1/txs", { tx: foreign.hex });
    assert.equal(foreignOperator.status, 400, JSON.stringify(foreignOperator.body));
    assert.equal((foreignOperator.body.error as { code: string }).code, "EVIDENCE_UNKNOWN_OPERATOR", "the operator must belong to the device's organisation");

    const opened = await fixture.commit(fixture.camera, "open_session", openCall(sessionId).payload);
    assert.equal(opened.result.status, "ok", opened.result.message);
    const again = await fixture.commit(fixture.camera, "open_session", openCall(sessionId).payload);
    assert.equal(again.result.code, "EVIDENCE_SESSION_EXISTS", "a session id is used once");

    const records = recordsOf(sessionId, 201);
    const tooMany = { sessionId, chunks: records.map((record, index) => ({ ...record, chunkHash: toHex(record.chunkHash), link: toHex(chainChunks(fixture.suite, sessionId, records)[index] as Uint8Array) })) };
    const signed = await fixture.chain.sign(fixture.camera, { module: "evidence", type: "append_chunks", payload: tooMany });
    const oversized = await fixture.chain.post("/v1/txs", { tx: signed.hex });
    assert.ok(oversized.status === 400 || oversized.status === 413, JSON.stringify(oversized.body));
    assert.match((oversized.body.error as { code: string }).code, /TX_PAYLOAD_INVALID|TX_TOO_LARGE/, "a batch over the limit is refused at admission");

    const unknown = await fixture.commit(fixture.camera, "append_chunks", appendCalls("bc7-never-opened", recordsOf("bc7-never-opened", 1), chainChunks(fixture.suite, "bc7-never-opened", recordsOf("bc7-never-opened", 1)))[0]?.payload as never);
    assert.equal(unknown.result.code, "EVIDENCE_UNKNOWN_SESSION", "chunks need an open session");
  });

  test("behavior: a full batch with every optional field fits one transaction, even on the gm suite", () => {
    const sessionId = `s${"x".repeat(evidenceLimits.sessionIdLengthMax - 1)}`;
    const from = evidenceLimits.chunksPerSessionMax - evidenceModuleLimits.chunksPerTxMax;
    const records: ChunkRecord[] = Array.from({ length: evidenceModuleLimits.chunksPerTxMax }, (_, offset) => ({
      sequence: from + offset,
      chunkHash: gmSuite.hash(utf8(String(offset))),
      deviceTimeMs: Number.MAX_SAFE_INTEGER,
      latitudeMicrodegrees: -90_000_000,
      longitudeMicrodegrees: -180_000_000,
      batteryPercent: 100,
    }));
    const links = chainChunks(gmSuite, sessionId, records, { nextSequence: from, lastLink: gmSuite.hash(utf8("previous")) });
    const [call] = appendCalls(sessionId, records, links);
    const signed = signTx(gmSuite, gmSuite.generatePrivateKey(), { chainId: "x".repeat(64), nonce: Number.MAX_SAFE_INTEGER, module: "evidence", type: "append_chunks", payload: call?.payload as never, expiry: Number.MAX_SAFE_INTEGER });
    assert.ok(signed.bytes.length <= protocolLimits.txBytesMax, `${signed.bytes.length} bytes fit in ${protocolLimits.txBytesMax}`);
  });
});
