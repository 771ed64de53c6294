import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { toHex, utf8 } from "@kexin/core";
import QRCode from "qrcode";
import { CertificateError, CertificateRenderer, certificateFacts, qrMatrix, renderEvidenceCertificate, shanghaiTime, verifyUrl } from "../../src/modules/evidence/certificate/index.ts";
import { type EvidenceChain, startEvidenceChain } from "./fixture.ts";

let fixture: EvidenceChain;
before(async () => {
  fixture = await startEvidenceChain();
});
after(async () => {
  await fixture.close();
});

/** Anchors `content` with the given fields and returns the node's proof of it. */
async function anchoredProof(content: string, fields: { title?: string; caseNumber?: string; tags?: string[] } = {}): Promise<Record<string, unknown>> {
  const hash = toHex(fixture.suite.hash(utf8(content)));
  const committed = await fixture.commit(fixture.officer, "anchor", { hash, size: utf8(content).length, mediaType: "text/plain", title: fields.title ?? "笔录 statement", caseNumber: fields.caseNumber ?? "", tags: fields.tags ?? [] });
  assert.equal(committed.result.status, "ok", committed.result.message);
  const answer = await fixture.chain.get(`/v1/evidence/${hash}/proof`);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

function pageCount(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString("latin1").match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

function certificateCode(error: unknown): string {
  assert.ok(error instanceof CertificateError, `a CertificateError, got ${String(error)}`);
  return error.code;
}

describe("evidence certificates", () => {
  test("default: the facts are the signed ones, and the same proof and link always give the same bytes", async () => {
    const proof = await anchoredProof("certificate facts", { caseNumber: "C-1", tags: ["a"] });
    const facts = certificateFacts(proof);
    const anchor = proof.anchor as Record<string, unknown>;
    assert.deepEqual(
      [facts.hash, facts.hashAlgorithm, facts.title, facts.caseNumber, facts.tags, facts.submitter, facts.height, facts.time, facts.txHash, facts.chainId],
      [anchor.hash, "SHA-256", "笔录 statement", "C-1", ["a"], { org: "police", address: fixture.officer.address }, anchor.height, anchor.time, anchor.txHash, "kexin-evidence-test"],
      "every fact is the anchor's",
    );
    assert.deepEqual(facts.commit, { signers: 1, signedPower: 1, validators: 1, totalPower: 1 }, "the one validator signed");
    const block = await fixture.chain.get(`/v1/blocks/${facts.height}`);
    assert.equal(facts.blockHash, block.body.hash, "the block hash is recomputed from the receipt's header");

    const first = await renderEvidenceCertificate({ proof, baseUrl: "https://kexin.example.org/" });
    const second = await renderEvidenceCertificate({ proof, baseUrl: "https://kexin.example.org/" });
    assert.equal(first.verifyUrl, `https://kexin.example.org/verify?hash=${facts.hash}`, "a trailing slash of the base URL is not doubled");
    assert.ok(Buffer.from(first.pdf).equals(Buffer.from(second.pdf)), "the bytes are reproducible");
    assert.equal(pageCount(first.pdf), 1, "one page");
  });

  test("default: the route is described in the OpenAPI document as a PDF answer", async () => {
    const document = await fixture.chain.get("/docs/json");
    const paths = document.body.paths as Record<string, { get?: { parameters?: { name: string }[]; responses?: Record<string, { content?: Record<string, unknown> }> } }>;
    const route = paths["/v1/evidence/{hash}/certificate.pdf"]?.get;
    assert.ok(route, "the route is listed");
    assert.deepEqual(route.parameters?.map((parameter) => parameter.name).sort(), ["baseUrl", "hash", "index"], "with its parameters");
    assert.ok(route.responses?.["200"]?.content?.["application/pdf"], "answering application/pdf");
  });

  test("behavior: the longest title, case number and tags the chain accepts still fit on one page", async () => {
    const proof = await anchoredProof("certificate with the longest fields", {
      title: "证".repeat(256),
      caseNumber: `(2024)${"京".repeat(122)}`,
      tags: Array.from({ length: 16 }, (_, index) => `${String(index).padStart(2, "0")}${"t".repeat(62)}`),
    });
    const { pdf } = await renderEvidenceCertificate({ proof, baseUrl: "http://127.0.0.1:7420" });
    assert.equal(pageCount(pdf), 1, "the table shrinks instead of spilling onto a second page");
  });

  test("error: a proof whose anchor field or receipt was changed is not certified", async () => {
    const proof = await anchoredProof("certificate tamper");
    const anchor = proof.anchor as Record<string, unknown>;
    const receipt = proof.receipt as Record<string, string>;
    const retitled = { ...proof, anchor: { ...anchor, title: "另一个标题" } };
    await assert.rejects(renderEvidenceCertificate({ proof: retitled, baseUrl: "http://127.0.0.1:7420" }), (error: unknown) => {
      assert.equal(certificateCode(error), "CERTIFICATE_INVALID_PROOF");
      assert.match((error as Error).message, /anchor field "title" in the proof differs/, "the changed field is named");
      return true;
    });
    const commit = receipt.commit as string;
    const resigned = { ...proof, receipt: { ...receipt, commit: `${commit.slice(0, -2)}${(Number.parseInt(commit.slice(-2), 16) ^ 1).toString(16).padStart(2, "0")}` } };
    assert.throws(() => certificateFacts(resigned), (error: unknown) => certificateCode(error) === "CERTIFICATE_INVALID_PROOF" && /receipt check "commit-signed" failed/.test((error as Error).message));
    assert.throws(() => certificateFacts({ format: "something-else" }), (error: unknown) => certificateCode(error) === "CERTIFICATE_INVALID_PROOF", "not a proof");
  });

  test("error: base URLs that are not absolute http(s) URLs without query, fragment or credentials are refused", () => {
    const hash = "ab".repeat(32);
    assert.equal(verifyUrl("http://127.0.0.1:7420", hash), `http://127.0.0.1:7420/verify?hash=${hash}`, "a node address");
    assert.equal(verifyUrl("https://example.org/kexin/console//", hash), `https://example.org/kexin/console/verify?hash=${hash}`, "a path prefix");
    for (const bad of ["127.0.0.1:7420", "ftp://example.org", "javascript:alert(1)", "https://user:secret@example.org", "https://example.org/?a=1", "https://example.org/#x", `https://example.org/${"a".repeat(600)}`]) {
      assert.throws(() => verifyUrl(bad, hash), (error: unknown) => certificateCode(error) === "CERTIFICATE_BAD_BASE_URL", `refuses ${bad.slice(0, 40)}`);
    }
  });

  test("behavior: Asia/Shanghai time is UTC+8, and the QR runs cover exactly the dark modules", () => {
    assert.equal(shanghaiTime(1_700_000_000_123), "2023-11-15 06:13:20.123 (UTC+08:00)", "ISO 2023-11-14T22:13:20.123Z in Beijing");
    const text = `https://kexin.example.org/verify?hash=${"cd".repeat(32)}`;
    const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
    const matrix = qrMatrix(text);
    const drawn = new Set<string>();
    for (const run of matrix.runs) for (let column = run.column; column < run.column + run.length; column++) drawn.add(`${run.row},${column}`);
    let dark = 0;
    for (let row = 0; row < modules.size; row++) {
      for (let column = 0; column < modules.size; column++) {
        const isDark = modules.get(row, column) === 1;
        if (isDark) dark++;
        assert.equal(drawn.has(`${row},${column}`), isDark, `module ${row},${column}`);
      }
    }
    assert.equal(drawn.size, dark, "no module is drawn twice");
  });

  test("behavior: the node's renderer draws on a worker, keeps recent certificates and refuses work beyond its bound", async () => {
    const proof = await anchoredProof("certificate on a worker");
    const renderer = new CertificateRenderer({ pendingMax: 1, cachedMax: 1 });
    try {
      const inline = await renderEvidenceCertificate({ proof, baseUrl: "http://127.0.0.1:7420" });
      const drawn = await renderer.render({ proof, baseUrl: "http://127.0.0.1:7420" });
      assert.ok(Buffer.from(drawn.pdf).equals(Buffer.from(inline.pdf)), "the worker draws what the caller's thread draws");
      const again = renderer.render({ proof, baseUrl: "http://127.0.0.1:7420" });
      assert.equal((await again).pdf, drawn.pdf, "a repeated request is answered from the cache");

      const busy = [renderer.render({ proof, baseUrl: "http://127.0.0.1:7421" }), renderer.render({ proof, baseUrl: "http://127.0.0.1:7422" })];
      const [first, second] = await Promise.allSettled(busy);
      assert.equal(first?.status, "fulfilled", "the first is drawn");
      assert.equal(second?.status === "rejected" ? certificateCode(second.reason) : "drawn", "CERTIFICATE_BUSY", "the second waits for nobody: it is refused");

      await assert.rejects(renderer.render({ proof: { ...proof, format: "x" }, baseUrl: "http://127.0.0.1:7420" }), (error: unknown) => certificateCode(error) === "CERTIFICATE_INVALID_PROOF", "the worker's refusals keep their code");
    } finally {
      await renderer.close();
    }
  });

  test("behavior: on a gm chain the certificate names SM3", async () => {
    const gm = await startEvidenceChain({ suite: "gm" });
    try {
      const content = utf8("gm certificate");
      const hash = toHex(gm.suite.hash(content));
      const committed = await gm.commit(gm.officer, "anchor", { hash, size: content.length, mediaType: "text/plain", title: "", caseNumber: "", tags: [] });
      assert.equal(committed.result.status, "ok", committed.result.message);
      const facts = certificateFacts((await gm.chain.get(`/v1/evidence/${hash}/proof`)).body);
      assert.deepEqual([facts.suite, facts.hashAlgorithm, facts.hash], ["gm", "SM3", hash], "the SM3 hash of the content");
    } finally {
      await gm.close();
    }
  });
});
