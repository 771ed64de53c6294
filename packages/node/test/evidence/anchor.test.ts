import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { decodeHeader, decodeTrusted, fromHex, toHex, utf8, verifyReceipt } from "@kexin/core";
import { type EvidenceChain, startEvidenceChain } from "./fixture.ts";

let fixture: EvidenceChain;
before(async () => {
  fixture = await startEvidenceChain();
});
after(async () => {
  await fixture.close();
});

function anchorPayload(content: string, overrides: Record<string, unknown> = {}) {
  return {
    hash: toHex(fixture.suite.hash(utf8(content))),
    size: utf8(content).length,
    mediaType: "text/plain",
    title: "笔录 statement",
    caseNumber: "(2024)京0105刑初123号",
    tags: ["interview", "audio"],
    ...overrides,
  };
}

describe("evidence anchors", () => {
  test("default: an anchor is recorded with its fields, submitter and block", async () => {
    const payload = anchorPayload("statement of witness A");
    const committed = await fixture.commit(fixture.officer, "anchor", payload);
    assert.equal(committed.result.status, "ok", committed.result.message);
    const answer = await fixture.query("anchors", { hash: payload.hash });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const anchors = answer.body.anchors as Record<string, unknown>[];
    assert.equal(answer.body.total, 1, "one anchoring so far");
    assert.deepEqual(anchors[0], {
      ...payload,
      index: 0,
      sequence: anchors[0]?.sequence,
      submitter: { org: "police", address: fixture.officer.address },
      height: committed.height,
      time: decodeHeader(fromHex(committed.receipt.header as string)).time,
      txHash: committed.hash,
    });
    assert.deepEqual(answer.body.firstSeen, { height: committed.height, time: anchors[0]?.time }, "first seen is the first anchor's block");
    const event = committed.result.events.find((candidate) => candidate.type === "anchored");
    assert.deepEqual(event?.attributes, { hash: payload.hash, index: 0, org: "police", submitter: fixture.officer.address, caseNumber: payload.caseNumber }, "the event carries the organisation");
  });

  test("behavior: state holds an anchor's sequence under its hash; its record is in the derived index", async () => {
    const payload = anchorPayload("statement of witness C");
    const committed = await fixture.commit(fixture.officer, "anchor", payload);
    assert.equal(committed.result.status, "ok", committed.result.message);
    const { store } = fixture.chain.node;
    const stateKeys = [...store.stateRange("evidence/", 10_000)].map((entry) => entry.key).filter((key) => key.includes(payload.hash));
    assert.deepEqual(stateKeys, [`evidence/anchor_sequences/${payload.hash}`], "one state entry per content hash");
    const [record] = (await fixture.query("anchors", { hash: payload.hash })).body.anchors as { sequence: number }[];
    assert.deepEqual(decodeTrusted(store.getState(`evidence/anchor_sequences/${payload.hash}`) as Uint8Array), [record?.sequence], "it lists the anchor's sequence");
    const page = decodeTrusted(store.getState(`~index/evidence/anchor_page/${String(Math.floor((record?.sequence ?? 0) / 32)).padStart(15, "0")}`) as Uint8Array) as unknown[][];
    assert.ok(page.some((stored) => stored[0] === payload.hash && stored[11] === committed.hash), "the record is in its page of the derived index, with its transaction's hash");
  });

  test("behavior: re-anchoring the same hash is listed and the first-seen time stays first", async () => {
    const payload = anchorPayload("photo of the scene", { mediaType: "image/jpeg", tags: [] });
    const first = await fixture.commit(fixture.officer, "anchor", payload);
    const second = await fixture.commit(fixture.clerk, "anchor", { ...payload, title: "copy filed by the hospital", caseNumber: "" });
    assert.equal(second.result.status, "ok", second.result.message);
    assert.ok(second.height > first.height, "the second anchor is in a later block");
    const answer = await fixture.query("anchors", { hash: payload.hash });
    const anchors = answer.body.anchors as { index: number; height: number; submitter: { org: string }; title: string }[];
    assert.equal(answer.body.total, 2, "both anchorings are listed");
    assert.deepEqual(anchors.map((anchor) => [anchor.index, anchor.height, anchor.submitter.org]), [
      [0, first.height, "police"],
      [1, second.height, "hospital"],
    ]);
    assert.equal((answer.body.firstSeen as { height: number }).height, first.height, "first seen stays the first anchor");
    const paged = await fixture.query("anchors", { hash: payload.hash, start: 1, limit: 1 });
    assert.deepEqual((paged.body.anchors as { index: number }[]).map((anchor) => anchor.index), [1], "a page starts where asked");
    assert.equal(paged.body.next, null, "the last page has no next");
  });

  test("default: anchors by submitter, by case number and by time range", async () => {
    const caseNumber = "case/2024/0042";
    const payloads = [0, 1, 2].map((index) => anchorPayload(`exhibit ${index}`, { caseNumber, title: `exhibit ${index}` }));
    const committed = [];
    for (const payload of payloads) committed.push(await fixture.commit(fixture.notary, "anchor", payload));
    const bySubmitter = await fixture.query("anchors_by_submitter", { address: fixture.notary.address });
    assert.deepEqual((bySubmitter.body.anchors as { title: string }[]).map((anchor) => anchor.title), ["exhibit 0", "exhibit 1", "exhibit 2"]);
    const byCase = await fixture.query("case", { caseNumber, limit: 2 });
    assert.equal(byCase.body.total, 3, "a case number with a slash is its own key");
    assert.deepEqual((byCase.body.entries as { kind: string; anchor: { title: string } }[]).map((entry) => [entry.kind, entry.anchor.title]), [
      ["anchor", "exhibit 0"],
      ["anchor", "exhibit 1"],
    ]);
    assert.equal(byCase.body.next, 2, "the next page starts at 2");
    const otherCase = await fixture.query("case", { caseNumber: "case/2024" });
    assert.equal(otherCase.body.total, 0, "a prefix of a case number is a different case");

    const times = committed.map((entry) => decodeHeader(fromHex(entry.receipt.header as string)).time);
    const inRange = await fixture.query("anchors_by_time", { from: times[1] as number, to: times[2] as number });
    const titles = (inRange.body.anchors as { title: string; time: number }[]).filter((anchor) => anchor.title.startsWith("exhibit")).map((anchor) => anchor.title);
    assert.ok(titles.includes("exhibit 1") && titles.includes("exhibit 2"), `the range holds the anchors in it: ${titles.join(", ")}`);
    if ((times[0] as number) < (times[1] as number)) assert.ok(!titles.includes("exhibit 0"), "and not the one before it");
    for (const anchor of inRange.body.anchors as { time: number }[]) assert.ok(anchor.time >= (times[1] as number) && anchor.time <= (times[2] as number), "every anchor lies in the range");
    const latestTime = 999_999_999_999_999;
    const firstPage = await fixture.query("anchors_by_time", { from: 0, to: latestTime, limit: 2 });
    assert.equal((firstPage.body.anchors as unknown[]).length, 2, "a page holds at most limit anchors");
    const secondPage = await fixture.query("anchors_by_time", { from: 0, to: latestTime, limit: 2, start: firstPage.body.next as number });
    assert.equal((secondPage.body.anchors as { sequence: number }[])[0]?.sequence, firstPage.body.next, "the cursor continues where the first page stopped");
    const empty = await fixture.query("anchors_by_time", { from: 1, to: 2 });
    assert.deepEqual(empty.body.anchors, [], "no anchor in 1970");
  });

  test("default: the proof of an anchor carries its fields and a receipt that verifies offline", async () => {
    const payload = anchorPayload("signed contract", { mediaType: "application/pdf" });
    const committed = await fixture.commit(fixture.officer, "anchor", payload);
    const proof = await fixture.chain.get(`/v1/evidence/${payload.hash.toUpperCase()}/proof`);
    assert.equal(proof.status, 200, JSON.stringify(proof.body));
    assert.equal(proof.body.format, "kexin-evidence-proof/1");
    assert.equal(proof.body.suite, "intl");
    const anchor = proof.body.anchor as Record<string, unknown>;
    assert.deepEqual(anchor, {
      hash: payload.hash,
      size: payload.size,
      mediaType: payload.mediaType,
      title: payload.title,
      caseNumber: payload.caseNumber,
      tags: payload.tags,
      submitter: { org: "police", address: fixture.officer.address },
      height: committed.height,
      time: decodeHeader(fromHex(committed.receipt.header as string)).time,
      txHash: committed.hash,
    });
    assert.deepEqual(proof.body.receipt, committed.receipt, "the proof's receipt is the transaction's receipt");
    const verification = verifyReceipt(proof.body.receipt);
    assert.ok(verification.ok, verification.error);
  });

  test("behavior: two anchors of one hash in one block each get the proof of their own transaction", async () => {
    const payload = anchorPayload("two anchors in one block");
    const committed = await fixture.commitMany(fixture.clerk, [
      { type: "anchor", payload: { ...payload, title: "first" } },
      { type: "anchor", payload: { ...payload, title: "second" } },
    ]);
    assert.equal(committed[0]?.height, committed[1]?.height, "both are in one block");
    for (const [index, entry] of committed.entries()) {
      const proof = await fixture.chain.get(`/v1/evidence/${payload.hash}/proof?index=${index}`);
      assert.equal((proof.body.anchor as { txHash: string }).txHash, entry.hash, `anchor ${index} proves its own transaction`);
      assert.equal((proof.body.anchor as { title: string }).title, index === 0 ? "first" : "second", "with its own fields");
    }
    const missing = await fixture.chain.get(`/v1/evidence/${payload.hash}/proof?index=2`);
    assert.equal(missing.status, 404, "there is no third anchor");
  });

  test("error: malformed fields are refused at admission with the field named", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ mediaType: "Video/MP4" }, "EVIDENCE_FIELD", /mediaType must be a lower-case media type/],
      [{ title: "line\nbreak" }, "EVIDENCE_FIELD", /title must not contain control characters/],
      [{ caseNumber: " padded " }, "EVIDENCE_FIELD", /caseNumber must not start or end with white space/],
      [{ tags: ["a", "a"] }, "EVIDENCE_FIELD", /tags lists "a" twice/],
      [{ hash: "AB".repeat(32) }, "TX_PAYLOAD_INVALID", /hash/],
      [{ size: -1 }, "TX_PAYLOAD_INVALID", /size/],
    ];
    for (const [overrides, code, message] of cases) {
      const signed = await fixture.chain.sign(fixture.officer, { module: "evidence", type: "anchor", payload: anchorPayload("bad", overrides) as never });
      const answer = await fixture.chain.post("/v1/txs", { tx: signed.hex });
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      const error = answer.body.error as { code: string; message: string };
      assert.equal(error.code, code, `${JSON.stringify(overrides)} is refused with ${code}`);
      assert.match(error.message, message, "the message names the field");
    }
  });

  test("error: an unregistered signer may not anchor; unknown hashes are 404", async () => {
    const signed = await fixture.chain.sign(fixture.chain.accounts.stranger, { module: "evidence", type: "anchor", payload: anchorPayload("stranger") });
    const answer = await fixture.chain.post("/v1/txs", { tx: signed.hex });
    assert.equal(answer.status, 403, JSON.stringify(answer.body));
    assert.equal((answer.body.error as { code: string }).code, "TX_SIGNER_NOT_REGISTERED");
    const unknown = "ef".repeat(32);
    assert.equal((await fixture.query("anchors", { hash: unknown })).status, 404, "an unknown hash has no anchors");
    const proof = await fixture.chain.get(`/v1/evidence/${unknown}/proof`);
    assert.equal(proof.status, 404, "nor a proof");
    assert.equal((proof.body.error as { code: string }).code, "NOT_FOUND");
    const backwards = await fixture.query("anchors_by_time", { from: 10, to: 5 });
    assert.equal(backwards.status, 400, "a range that ends before it starts is refused");
    assert.equal((backwards.body.error as { code: string }).code, "EVIDENCE_FIELD");
  });

  test("default: the proof route is in the OpenAPI document", async () => {
    const openapi = await fixture.chain.get("/docs/json");
    assert.ok((openapi.body.paths as Record<string, unknown>)["/v1/evidence/{hash}/proof"], "the proof route is documented");
  });
});
