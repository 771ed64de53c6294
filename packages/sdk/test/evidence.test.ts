import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type ChunkRecord, TxStatus, gmSuite, intlSuite, sessionStart, toHex, utf8 } from "@kexin/core";
import { SdkError, createClient, evidence } from "../src/index.ts";
import { blockTime, buildEvidenceProof, flipHexByte } from "./evidenceFixture.ts";
import { type FakeNode, json, startFakeNode } from "./fakeNode.ts";

const content = utf8("frame data of recording 7 … ".repeat(100));

function changedByte(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = (copy[index] as number) ^ 0x01;
  return copy;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe("verifyEvidenceProof (offline)", () => {
  for (const suite of [intlSuite, gmSuite]) {
    test(`default: a proof verifies against its file (${suite.id})`, () => {
      const { proof } = buildEvidenceProof(suite, content);
      const verification = evidence.verifyEvidenceProof({ proof, content });
      assert.equal(verification.ok, true, verification.error);
      assert.deepEqual(verification.checks.map((outcome) => outcome.check), ["proof-format", "receipt", "anchor", "file-hash", "file-size"]);
      assert.equal(verification.contentHash, toHex(suite.hash(content)));
      assert.equal(verification.anchor?.time, blockTime);
    });

    test(`error: one changed byte of the file is a file hash mismatch (${suite.id})`, () => {
      const { proof } = buildEvidenceProof(suite, content);
      for (const index of [0, 1_000, content.length - 1]) {
        const verification = evidence.verifyEvidenceProof({ proof, content: changedByte(content, index) });
        assert.equal(verification.ok, false, `byte ${index} changed is detected`);
        assert.match(verification.error ?? "", /^file hash mismatch: the file's (sha256|sm3) is [0-9a-f]{64}, but the anchor is for [0-9a-f]{64}$/);
        assert.deepEqual(verification.checks.filter((outcome) => !outcome.ok).map((outcome) => outcome.check), ["file-hash"], "only the file hash fails");
      }
    });
  }

  test("error: a shorter file fails hash and size", () => {
    const { proof } = buildEvidenceProof(intlSuite, content);
    const verification = evidence.verifyEvidenceProof({ proof, content: content.slice(1) });
    assert.deepEqual(verification.checks.filter((outcome) => !outcome.ok).map((outcome) => outcome.check), ["file-hash", "file-size"]);
    assert.match(verification.checks.find((outcome) => outcome.check === "file-size")?.detail ?? "", new RegExp(`file size mismatch: the file has ${content.length - 1} bytes, the anchor records ${content.length}`));
  });

  test("error: every changed byte of the receipt fails, naming the receipt check", () => {
    const { proof } = buildEvidenceProof(intlSuite, content);
    const fields = ["tx", "result", "header", "commit", "validators"] as const;
    let flips = 0;
    for (const field of fields) {
      const hex = proof.receipt[field];
      for (let index = 0; index < hex.length / 2; index++) {
        const tampered = clone(proof);
        (tampered.receipt as unknown as Record<string, string>)[field] = flipHexByte(hex, index);
        const verification = evidence.verifyEvidenceProof({ proof: tampered, content });
        assert.equal(verification.ok, false, `byte ${index} of receipt.${field} changed is detected`);
        assert.match(verification.error ?? "", /^receipt check "[a-z-]+" failed: /, `receipt.${field} byte ${index}: ${verification.error}`);
        flips++;
      }
    }
    for (const [field, position] of [["txProof", 0], ["resultProof", 1]] as const) {
      const tampered = clone(proof);
      (tampered.receipt as unknown as Record<string, string[]>)[field]![position] = flipHexByte(proof.receipt[field][position] as string, 5);
      assert.match(evidence.verifyEvidenceProof({ proof: tampered, content }).error ?? "", /^receipt check "(tx|result)-included" failed/, `${field} changed is detected`);
    }
    assert.ok(flips > 500, `${flips} single-byte changes tried`);
  });

  test("error: a changed header names commit-signed, a changed transaction names format", () => {
    const { proof } = buildEvidenceProof(intlSuite, content);
    const header = clone(proof);
    const appHash = header.receipt.header.indexOf("6761707048617368"); // "appHash" as CBOR text, followed by its byte string
    (header.receipt as { header: string }).header = flipHexByte(proof.receipt.header, (appHash + 16) / 2 + 10);
    assert.equal(evidence.verifyEvidenceProof({ proof: header, content }).error, `receipt check "commit-signed" failed: commit signs a different block hash than this header's`);
    const tx = clone(proof);
    (tx.receipt as { tx: string }).tx = flipHexByte(proof.receipt.tx, proof.receipt.tx.length / 2 - 1);
    assert.match(evidence.verifyEvidenceProof({ proof: tx, content }).error ?? "", /^receipt check "format" failed: receipt txHash \w+ is not the hash of its transaction/);
  });

  test("error: every changed anchor field fails, naming the field", () => {
    const { proof } = buildEvidenceProof(intlSuite, content);
    const changes: [string, (anchor: Record<string, unknown>) => void][] = [
      ["title", (anchor) => (anchor.title = "执法记录 recording 8")],
      ["caseNumber", (anchor) => (anchor.caseNumber = "")],
      ["mediaType", (anchor) => (anchor.mediaType = "video/mpeg")],
      ["tags", (anchor) => (anchor.tags = ["bodycam"])],
      ["size", (anchor) => (anchor.size = content.length + 1)],
      ["submitter", (anchor) => (anchor.submitter = { org: "hospital", address: (anchor.submitter as { address: string }).address })],
      ["height", (anchor) => (anchor.height = 13)],
      ["time", (anchor) => (anchor.time = blockTime + 1)],
      ["txHash", (anchor) => (anchor.txHash = "00".repeat(32))],
    ];
    for (const [field, change] of changes) {
      const tampered = clone(proof);
      change(tampered.anchor as unknown as Record<string, unknown>);
      const verification = evidence.verifyEvidenceProof({ proof: tampered, content });
      assert.equal(verification.ok, false, `a changed ${field} is detected`);
      assert.match(verification.error ?? "", new RegExp(`^anchor field "${field}" in the proof .* differs from what the signed transaction and its block say`), `${field}: ${verification.error}`);
    }
    const rehashed = clone(proof);
    const otherContent = utf8("another file");
    (rehashed.anchor as { hash: string }).hash = toHex(intlSuite.hash(otherContent));
    const swapped = evidence.verifyEvidenceProof({ proof: rehashed, content: otherContent });
    assert.match(swapped.error ?? "", /^anchor field "hash"/, "a proof re-pointed at another file fails on the anchor");
    assert.ok(swapped.checks.some((outcome) => outcome.check === "file-hash" && !outcome.ok), "and the other file does not match what was signed");
  });

  test("error: malformed proofs, failed anchors and untrusted validators", () => {
    const { proof, validatorsHash } = buildEvidenceProof(intlSuite, content);
    assert.match(evidence.verifyEvidenceProof({ proof: { ...proof, format: "kexin-evidence-proof/2" }, content }).error ?? "", /^proof is not valid: unsupported proof format/);
    assert.match(evidence.verifyEvidenceProof({ proof: { ...proof, suite: "gm" }, content }).error ?? "", /^proof is not valid: the proof's suite "gm" is not its receipt's "intl"/);
    assert.match(evidence.verifyEvidenceProof({ proof: [], content }).error ?? "", /^proof is not valid: a proof must be a JSON object/);
    const failed = buildEvidenceProof(intlSuite, content, { status: TxStatus.failed }).proof;
    assert.match(evidence.verifyEvidenceProof({ proof: failed, content }).error ?? "", /^the anchor transaction failed \(EVIDENCE_TOO_MANY_ANCHORS\)/);
    assert.equal(evidence.verifyEvidenceProof({ proof, content, trust: { validatorsHash } }).ok, true, "the trusted set passes");
    assert.match(evidence.verifyEvidenceProof({ proof, content, trust: { validatorsHash: "00".repeat(32) } }).error ?? "", /^receipt check "trusted-validators" failed/);
    assert.throws(() => evidence.verifyEvidenceProof({ proof }), (error: unknown) => error instanceof SdkError && error.code === "SDK_INVALID_PARAMETER", "a file or its hash is required");
    const byHash = evidence.verifyEvidenceProof({ proof, contentHash: toHex(intlSuite.hash(content)).toUpperCase(), contentSize: content.length });
    assert.equal(byHash.ok, true, "a hash computed elsewhere verifies the same");
  });

  test("default: evidenceProofFromTransaction builds the proof from a committed answer", () => {
    const { proof } = buildEvidenceProof(gmSuite, content);
    const view = { hash: proof.receipt.txHash, status: "committed" as const, height: 12, index: 1, tx: {} as never, result: {} as never, receipt: proof.receipt };
    assert.deepEqual(evidence.evidenceProofFromTransaction(view), proof);
    const failed = buildEvidenceProof(gmSuite, content, { status: TxStatus.failed }).proof;
    assert.throws(() => evidence.evidenceProofFromTransaction({ ...view, receipt: failed.receipt }), /the anchor transaction failed/);
  });
});

describe("evidence builders", () => {
  test("default: anchor fills defaults and lower-cases the hash", () => {
    const hash = toHex(intlSuite.hash(content));
    assert.deepEqual(evidence.anchor({ hash: hash.toUpperCase(), size: 3 }), {
      module: "evidence",
      type: "anchor",
      payload: { hash, size: 3, mediaType: "application/octet-stream", title: "", caseNumber: "", tags: [] },
    });
    assert.equal(evidence.hashContent("gm", content), toHex(gmSuite.hash(content)));
  });

  test("error: anchor fields the node would refuse", () => {
    const hash = "ab".repeat(32);
    for (const [parameters, parameter] of [
      [{ hash, size: 1, mediaType: "Video/MP4" }, "mediaType"],
      [{ hash, size: 1, title: "two\nlines" }, "title"],
      [{ hash, size: 1, tags: ["a", "a"] }, "tags"],
      [{ hash, size: -1 }, "size"],
      [{ hash: "abc", size: 1 }, "hash"],
    ] as const) {
      assert.throws(() => evidence.anchor(parameters), (error: unknown) => error instanceof SdkError && (error.type as { parameter: string }).parameter === parameter, `${parameter} is refused`);
    }
  });

  test("default: chunkBatches links a recording and cuts it into transactions", () => {
    const records: ChunkRecord[] = Array.from({ length: 450 }, (_, sequence) => ({ sequence, chunkHash: intlSuite.hash(utf8(`chunk ${sequence}`)), deviceTimeMs: 1_000 * sequence }));
    const batches = evidence.chunkBatches("intl", { sessionId: "s-1", records });
    assert.deepEqual(batches.calls.map((call) => call.payload.chunks.length), [200, 200, 50], "at most 200 records per transaction");
    assert.equal(batches.chunkCount, 450);
    assert.equal(batches.lastLink, batches.calls[2]?.payload.chunks[49]?.link, "the last link closes the session");
    const continued = evidence.chunkBatches("intl", { sessionId: "s-1", records: records.slice(200), from: { chunkCount: 200, lastLink: batches.calls[0]?.payload.chunks[199]?.link as string } });
    assert.equal(continued.lastLink, batches.lastLink, "continuing from the chain's tip gives the same links");
    assert.equal(evidence.chunkBatches("intl", { sessionId: "s-1", records: [] }).lastLink, toHex(sessionStart(intlSuite, "s-1").lastLink), "an empty session ends at its anchor");
  });

  test("error: registerDraw checks the registration as the chain does", () => {
    const valid = { drawId: "draw-1", participantsRoot: "cd".repeat(32), participantCount: 5, winnerCount: 3, rulesText: "rules", drawHeight: 100 };
    assert.equal(evidence.registerDraw(valid).type, "register_draw");
    assert.throws(() => evidence.registerDraw({ ...valid, winnerCount: 6 }), (error: unknown) => error instanceof SdkError && (error.type as { parameter: string }).parameter === "winnerCount");
    assert.throws(() => evidence.registerDraw({ ...valid, drawId: "空" }), (error: unknown) => error instanceof SdkError && (error.type as { parameter: string }).parameter === "drawId");
  });
});

describe("getRecording against a node", () => {
  const sessionId = "bc-1";
  const records: ChunkRecord[] = Array.from({ length: 5 }, (_, sequence) => ({ sequence, chunkHash: intlSuite.hash(utf8(`chunk ${sequence}`)), deviceTimeMs: 1_000 * sequence }));
  const { calls, lastLink } = evidence.chunkBatches("intl", { sessionId, records });
  const chunks = calls[0]!.payload.chunks.map(({ link: _link, ...chunk }) => ({ ...chunk, height: 3 }));

  async function nodeServing(served: readonly unknown[]): Promise<FakeNode> {
    return startFakeNode({
      routes: {
        "GET /v1/status": json({ chainId: "c", suite: "intl", height: 9 }),
        "GET /v1/query/evidence/session": json({
          sessionId,
          device: "d".repeat(40),
          org: "police",
          operator: "e".repeat(40),
          caseNumber: "",
          startTimeMs: 0,
          status: "closed",
          chunkCount: 5,
          lastLink,
          openedHeight: 2,
          openedTime: 1,
          closedHeight: 4,
          closedTime: 2,
          endTimeMs: 5_000,
        }),
        "GET /v1/query/evidence/chunks": json({ sessionId, chunkCount: 5, from: 0, chunks: served, next: null }),
      },
    });
  }

  test("default: the served chunks re-link to the session's last link and diagnose", async () => {
    const node = await nodeServing(chunks);
    try {
      const client = createClient({ url: node.url });
      const recording = await evidence.getRecording(client, { sessionId });
      assert.equal(recording.chunks.length, 5);
      const presented = records.map((record) => record.chunkHash).filter((_, index) => index !== 2);
      const diagnosis = await evidence.verifyRecording(client, { sessionId, chunkHashes: presented });
      assert.deepEqual(diagnosis.missing, [2], "the dropped chunk is missing");
    } finally {
      await node.close();
    }
  });

  test("error: a node serving a chunk its chain did not record is caught", async () => {
    const node = await nodeServing(chunks.map((chunk, index) => (index === 3 ? { ...chunk, chunkHash: "00".repeat(32) } : chunk)));
    try {
      await assert.rejects(evidence.getRecording(createClient({ url: node.url }), { sessionId }), (error: unknown) => {
        assert.ok(error instanceof SdkError && error.code === "SDK_BAD_RESPONSE", `expected SDK_BAD_RESPONSE, got ${String(error)}`);
        assert.match(error.message, /do not re-link|link to [0-9a-f]{64}, not to the session's last link/);
        return true;
      });
    } finally {
      await node.close();
    }
  });
});

test("behavior: the evidence SDK imports nothing from Node, so it runs in browsers", () => {
  const directory = fileURLToPath(new URL("../src/evidence/", import.meta.url));
  const files = readdirSync(directory).filter((name) => name.endsWith(".ts"));
  assert.ok(files.length > 10, "evidence actions found");
  for (const name of files) assert.doesNotMatch(readFileSync(`${directory}${name}`, "utf8"), /from "node:/, `${name} imports a Node builtin`);
});
