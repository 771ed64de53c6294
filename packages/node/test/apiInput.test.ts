import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { protocolLimits } from "@kexin/core";
import { nodeLimits } from "../src/limits.ts";
import { type TestChain, startTestChain, waitForCommitted } from "./support.ts";

/*
 * One input discipline for the HTTP API: every class of malformed or oversized request is
 * answered with { error: { code, message } }, the status from the one table, and a message that
 * names the limit or parameter; and the node goes on committing afterwards.
 */

let chain: TestChain;
before(async () => {
  chain = await startTestChain();
});
after(async () => {
  await chain.close();
});

const answerTimeoutMs = 10_000;
const issue = { module: "points", type: "issue", payload: { to: "00".repeat(20), amount: 1 } };

interface Answer {
  readonly status: number;
  readonly error: { readonly code: string; readonly message: string };
}

function errorOf(status: number, text: string): Answer {
  const body = JSON.parse(text) as { error?: Answer["error"] };
  assert.ok(body.error && typeof body.error.code === "string" && typeof body.error.message === "string", `the documented error shape, got ${text}`);
  return { status, error: body.error };
}

/** Sends bytes as they are over a fresh connection and reads the answer until the node closes it. */
function rawExchange(bytes: string): Promise<Answer> {
  const url = new URL(chain.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${answerTimeoutMs} ms`));
    }, answerTimeoutMs);
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("utf8");
      const match = /^HTTP\/1\.1 (\d{3}) [^\r]*\r\n[\s\S]*?\r\n\r\n([\s\S]*)$/.exec(text);
      if (!match) return reject(new Error(`not an HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
      try {
        resolve(errorOf(Number(match[1]), match[2]!));
      } catch (error) {
        reject(error as Error);
      }
    });
    socket.write(bytes);
  });
}

/**
 * Declares a body of `declaredBytes` but sends only a first slice, as a client streaming a huge
 * upload would: the node must answer from the declared length without waiting for the rest.
 */
function postDeclaringLength(path: string, declaredBytes: number): Promise<Answer> {
  const url = new URL(path, chain.url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: "POST", headers: { "content-type": "application/json", "content-length": String(declaredBytes) } });
    const timer = setTimeout(() => {
      outgoing.destroy();
      reject(new Error(`no answer within ${answerTimeoutMs} ms`));
    }, answerTimeoutMs);
    outgoing.on("error", () => undefined);
    outgoing.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        clearTimeout(timer);
        outgoing.destroy();
        try {
          resolve(errorOf(response.statusCode ?? 0, Buffer.concat(chunks).toString("utf8")));
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    outgoing.write(`{"tx":"${"00".repeat(32 * 1024)}`);
  });
}

async function getError(path: string): Promise<Answer> {
  const response = await fetch(`${chain.url}${path}`, { signal: AbortSignal.timeout(answerTimeoutMs) });
  return errorOf(response.status, await response.text());
}

async function postJson(path: string, body: string, contentType: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${chain.url}${path}`, { method: "POST", headers: { "content-type": contentType }, body, signal: AbortSignal.timeout(answerTimeoutMs) });
  return { status: response.status, text: await response.text() };
}

describe("CBOR and JSON nesting", () => {
  test("error: a transaction whose payload nests arrays 10,000 deep is refused with CODEC_NESTING_TOO_DEEP naming the limit", async () => {
    const marker = "c0ffee".repeat(6);
    const signed = await chain.sign(chain.accounts.alice, { ...issue, payload: { to: "00".repeat(20), amount: 1, list: Uint8Array.from(Buffer.from(marker, "hex")) } });
    const markerField = `52${marker}`; // an 18-byte byte string
    assert.ok(signed.hex.includes(markerField));
    const deep = `${"81".repeat(10_000)}00`;
    const answer = await postJson("/v1/txs", JSON.stringify({ tx: signed.hex.replace(markerField, deep) }), "application/json");
    const { status, error } = errorOf(answer.status, answer.text);
    assert.equal(status, 400);
    assert.equal(error.code, "CODEC_NESTING_TOO_DEEP");
    assert.match(error.message, new RegExp(`more than ${protocolLimits.cborNestingDepthMax} deep`));
  });

  test("behavior: a JSON body nested 100,000 deep is parsed without recursion and refused by the route's schema", async () => {
    const answer = await postJson("/v1/txs", `{"tx":${"[".repeat(100_000)}${"]".repeat(100_000)}}`, "application/json");
    const { status, error } = errorOf(answer.status, answer.text);
    assert.equal(status, 400);
    assert.equal(error.code, "API_BAD_REQUEST");
    assert.match(error.message, /tx must be string/);
  });
});

describe("oversized and malformed HTTP", () => {
  test("error: headers over Node's maxHeaderSize answer 431 API_HEADERS_TOO_LARGE naming the limit", async () => {
    const { status, error } = await rawExchange(`GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${"a".repeat(nodeLimits.apiHeaderBytesMax + 1024)}\r\n\r\n`);
    assert.equal(status, 431);
    assert.equal(error.code, "API_HEADERS_TOO_LARGE");
    assert.match(error.message, new RegExp(`exceed ${nodeLimits.apiHeaderBytesMax} bytes`));
    assert.match(error.message, /maxHeaderSize/);
  });

  test("error: a malformed request line answers 400 API_MALFORMED_HTTP", async () => {
    const { status, error } = await rawExchange("NOT A REQUEST LINE\r\n\r\n");
    assert.equal(status, 400);
    assert.equal(error.code, "API_MALFORMED_HTTP");
    assert.match(error.message, /not well-formed HTTP/);
  });
});

describe("integer parameters", () => {
  const refused: [path: string, parameter: string, maximum: number][] = [
    ["/v1/blocks?before=1e30", "before", Number.MAX_SAFE_INTEGER],
    ["/v1/blocks?before=-1", "before", Number.MAX_SAFE_INTEGER],
    ["/v1/blocks?before=%2B5", "before", Number.MAX_SAFE_INTEGER],
    ["/v1/blocks?before=1.0", "before", Number.MAX_SAFE_INTEGER],
    ["/v1/blocks?before=0x10", "before", Number.MAX_SAFE_INTEGER],
    ["/v1/blocks?before=%205", "before", Number.MAX_SAFE_INTEGER],
    ["/v1/blocks?before=05", "before", Number.MAX_SAFE_INTEGER],
    ["/v1/blocks?before=0", "before", Number.MAX_SAFE_INTEGER],
    ["/v1/blocks?before=9007199254740992", "before", Number.MAX_SAFE_INTEGER],
    ["/v1/blocks?before=99999999999999999999999", "before", Number.MAX_SAFE_INTEGER],
    ["/v1/blocks?limit=101", "limit", nodeLimits.apiBlockListMax],
    ["/v1/blocks?limit=", "limit", nodeLimits.apiBlockListMax],
    ["/v1/blocks/1e3", "id", Number.MAX_SAFE_INTEGER],
    [`/v1/evidence/${"ab".repeat(32)}/proof?index=1e2`, "index", 999],
    ["/v1/query/governance/validators?height=1e30", "height", Number.MAX_SAFE_INTEGER],
    ["/v1/query/evidence/anchors_by_time?from=0&to=1e3", "to", Number.MAX_SAFE_INTEGER],
    ["/v1/query/misbehaviour/duplicate_votes?limit=10000", "limit", 9_999],
    ["/v1/query/misbehaviour/duplicate_votes?limit=1&limit=2", "limit", 9_999],
  ];
  for (const [path, parameter, maximum] of refused) {
    test(`error: ${path} answers 400 API_INVALID_INTEGER naming ${parameter}, the rule and the bound`, async () => {
      const { status, error } = await getError(path);
      assert.equal(status, 400, error.message);
      assert.equal(error.code, "API_INVALID_INTEGER");
      assert.match(error.message, new RegExp(`^parameter ${parameter}\\b`));
      assert.match(error.message, /decimal digits only, without sign, exponent, decimal point, spaces or leading zeros/);
      assert.match(error.message, new RegExp(`to ${maximum},`));
    });
  }

  test("default: integers written by the rule are read, at their bounds too", async () => {
    for (const path of ["/v1/blocks?before=1&limit=100", "/v1/blocks?before=9007199254740991&limit=1", "/v1/blocks/0", "/v1/query/governance/validators?height=0", "/v1/query/misbehaviour/duplicate_votes?limit=9999"]) {
      const response = await fetch(`${chain.url}${path}`, { signal: AbortSignal.timeout(answerTimeoutMs) });
      const text = await response.text();
      assert.ok(response.status === 200 || (path === "/v1/blocks/0" && response.status === 404), `${path}: ${response.status} ${text}`);
      if (response.status === 404) assert.equal(errorOf(404, text).error.code, "BLOCK_NOT_FOUND");
    }
  });
});

describe("media types and charsets", () => {
  for (const contentType of ["application/json; charset=iso-8859-1", "application/json; charset=utf-16", 'application/json;charset="latin1"']) {
    test(`error: a JSON body labelled ${contentType} answers 415 API_UNSUPPORTED_MEDIA_TYPE naming the charset`, async () => {
      const charset = /charset="?([^";]+)/.exec(contentType)![1]!;
      const answer = await postJson("/v1/txs", JSON.stringify({ tx: "00" }), contentType);
      const { status, error } = errorOf(answer.status, answer.text);
      assert.equal(status, 415);
      assert.equal(error.code, "API_UNSUPPORTED_MEDIA_TYPE");
      assert.match(error.message, new RegExp(`charset "${charset}" is not supported`));
      assert.match(error.message, /UTF-8/);
    });
  }

  for (const contentType of ["text/plain", "application/xml", "application/x-www-form-urlencoded"]) {
    test(`error: a body of ${contentType} answers 415 API_UNSUPPORTED_MEDIA_TYPE naming the type`, async () => {
      const answer = await postJson("/v1/txs", JSON.stringify({ tx: "00" }), contentType);
      const { status, error } = errorOf(answer.status, answer.text);
      assert.equal(status, 415);
      assert.equal(error.code, "API_UNSUPPORTED_MEDIA_TYPE");
      assert.match(error.message, new RegExp(`content type "${contentType}" is not accepted`));
    });
  }

  test("default: charset=UTF-8 in any case, quoted or not, is admitted", async () => {
    for (const contentType of ["application/json; charset=UTF-8", 'application/json;charset="utf-8"']) {
      const signed = await chain.sign(chain.accounts.alice, issue);
      const answer = await postJson("/v1/txs", JSON.stringify({ tx: signed.hex }), contentType);
      assert.equal(answer.status, 202, answer.text);
      await waitForCommitted(chain, signed.hash);
    }
  });
});

describe("body size", () => {
  test("error: a 50 MB body to POST /v1/txs answers 413 API_BODY_TOO_LARGE naming the body limit and the transaction limit", async () => {
    const { status, error } = await postDeclaringLength("/v1/txs", 50 * 1000 * 1000);
    assert.equal(status, 413);
    assert.equal(error.code, "API_BODY_TOO_LARGE");
    assert.match(error.message, new RegExp(`larger than ${nodeLimits.apiBodyBytesMaxDefault} bytes, the limit of POST /v1/txs`));
    assert.match(error.message, new RegExp(`one transaction is at most ${protocolLimits.txBytesMax} bytes`));
  });

  test("error: a body over the batch limit to POST /v1/txs/batch answers 413 API_BODY_TOO_LARGE naming the batch limits", async () => {
    const { status, error } = await postDeclaringLength("/v1/txs/batch", nodeLimits.apiBatchBodyBytesMax + 1);
    assert.equal(status, 413);
    assert.equal(error.code, "API_BODY_TOO_LARGE");
    assert.match(error.message, new RegExp(`larger than ${nodeLimits.apiBatchBodyBytesMax} bytes, the limit of POST /v1/txs/batch`));
    assert.match(error.message, new RegExp(`at most ${nodeLimits.apiBatchTxsMax} transactions of at most ${protocolLimits.txBytesMax} bytes`));
  });
});

test("behavior: after every refusal above the node still admits and commits a transaction", async () => {
  const signed = await chain.sign(chain.accounts.alice, issue);
  const answer = await chain.post("/v1/txs", { tx: signed.hex });
  assert.equal(answer.status, 202, JSON.stringify(answer.body));
  const committed = await waitForCommitted(chain, signed.hash);
  assert.equal((committed.result as { status: string }).status, "ok");
  assert.equal(committed.hash, signed.hash);
});
