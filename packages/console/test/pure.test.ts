import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { composeDictionaries } from "../src/i18n/composeDictionaries.ts";
import { pickLanguage, sharedMessages } from "../src/i18n/messages.ts";
import { approvalProgress } from "../src/components/approvalProgress.ts";
import { argsTemplate, parseContractArgs } from "../src/pages/contracts/contractArgs.ts";
import { evidenceMessages } from "../src/pages/evidence/messages.ts";
import { explorerMessages } from "../src/pages/explorer/messages.ts";
import { classifySearch } from "../src/pages/explorer/search.ts";
import { checkCode } from "../src/pages/trace/lookup.ts";
import { chartBucketMs, chartWindowMs, mergeSamples, samplesMax, throughputSeries, txRate } from "../src/pages/dashboard/throughput.ts";

describe("console: search classification", () => {
  test("default: heights, hashes and addresses", () => {
    assert.deepEqual(classifySearch(" 12 "), { kind: "height", height: 12 }, "a number is a height");
    assert.deepEqual(classifySearch("#7"), { kind: "height", height: 7 }, "a # before a height is accepted");
    assert.deepEqual(classifySearch(`0x${"AB".repeat(32)}`), { kind: "hash", hash: "ab".repeat(32) }, "64 hex digits are a hash, 0x and case ignored");
    assert.deepEqual(classifySearch("cd".repeat(20)), { kind: "account", address: "cd".repeat(20) }, "40 hex digits are an address");
  });

  test("error: anything else is unrecognised", () => {
    for (const input of ["", "0", "abc", "1".repeat(16), "zz".repeat(32), "ab".repeat(31)]) {
      assert.deepEqual(classifySearch(input), { kind: "unrecognised" }, `"${input}" should not be taken for a height, hash or address`);
    }
  });
});

describe("console: throughput figures", () => {
  const now = 1_700_000_000_000;

  test("default: tx/s over the last 10 s counts only blocks inside the window", () => {
    const samples = [
      { height: 1, timeMs: now - 11_000, txCount: 100 },
      { height: 2, timeMs: now - 5_000, txCount: 30 },
      { height: 3, timeMs: now - 1_000, txCount: 20 },
    ];
    assert.equal(txRate(samples, now), 5, "50 transactions in the last 10 s are 5 tx/s");
    assert.equal(txRate(samples, now + 60_000), 0, "with no blocks for a minute the rate falls to 0");
  });

  test("default: the series covers the whole window in aligned buckets", () => {
    const [times, rates] = throughputSeries([{ height: 1, timeMs: now - 1, txCount: 50 }], now);
    assert.equal(times.length, chartWindowMs / chartBucketMs, "one point per bucket");
    assert.equal(times.length, rates.length, "as many rates as times");
    assert.ok(times.every((time) => (time * 1000) % chartBucketMs === 0), "buckets start on multiples of their width");
    assert.equal(rates.reduce((sum, rate) => sum + rate, 0), 50 / (chartBucketMs / 1000), "every transaction is counted once");
  });

  test("behavior: merging drops duplicates and history outside the window, and stays bounded", () => {
    const merged = mergeSamples(
      [{ height: 5, timeMs: now, txCount: 1 }],
      [
        { height: 5, timeMs: now, txCount: 1 },
        { height: 4, timeMs: now - chartWindowMs * 2, txCount: 9 },
        { height: 6, timeMs: now + 10, txCount: 2 },
      ],
      now,
    );
    assert.deepEqual(
      merged.map((sample) => sample.height),
      [5, 6],
      "height 5 once, height 4 is too old",
    );
    const many = Array.from({ length: samplesMax + 10 }, (_, index) => ({ height: index + 1, timeMs: now, txCount: 1 }));
    assert.equal(mergeSamples([], many, now).length, samplesMax, "at most samplesMax samples are kept");
  });
});

describe("console: default language", () => {
  test("default: the first language the console speaks wins", () => {
    assert.equal(pickLanguage(["zh-CN", "en"]), "zh-CN", "Simplified Chinese browsers get Chinese");
    assert.equal(pickLanguage(["zh-TW"]), "zh-CN", "any Chinese variant gets the Simplified Chinese console");
    assert.equal(pickLanguage(["fr-FR", "en-GB"]), "en", "English is found after an unsupported language");
    assert.equal(pickLanguage(["de"]), "en", "English is the fallback");
    assert.equal(pickLanguage([]), "en", "no preference gives English");
  });
});

describe("console: trace lookup box", () => {
  test("behavior: other GS1 keys are accepted in every form and labelled by their element string", () => {
    for (const code of ["urn:epc:id:sscc:0614141.1234567890", "https://id.gs1.org/00/106141412345678908", "(00)106141412345678908"]) {
      assert.deepEqual(checkCode(code), { kind: "code", code, scanned: undefined, label: "(00)106141412345678908" }, code);
    }
    const grai = checkCode("https://id.example.com/8003/0040123450007418765");
    assert.equal(grai.kind === "code" ? grai.label : grai.kind, "(8003)0040123450007418765", "a GRAI Digital Link");
  });

  test("error: a GS1 key with a wrong check digit is refused before the node is asked", () => {
    const checked = checkCode("https://id.gs1.org/00/106141412345678909");
    assert.equal(checked.kind, "invalid");
    assert.match(checked.kind === "invalid" ? checked.reason : "", /check digit 9 should be 8/);
  });

  test("default: UDIs and SGTIN URIs are read as before", () => {
    assert.equal(checkCode("(01)09506000134352(21)SN1").kind, "code", "a unit UDI");
    assert.equal(checkCode("(01)09506000134352").kind, "model", "a GTIN alone");
    assert.equal(checkCode("urn:epc:id:sgtin:9506000.013435.SN1").kind, "code", "an SGTIN URI");
  });
});

describe("console: dictionaries", () => {
  test("default: the shared strings and each page's namespaces side by side, in every language", () => {
    const dictionaries = composeDictionaries<Record<string, { nav?: string; title?: string }>>(sharedMessages, [
      { path: "/explorer", messages: explorerMessages },
      { path: "/evidence", messages: evidenceMessages },
    ]);
    assert.deepEqual(Object.keys(dictionaries.en), ["languageName", "app", "common", "key", "explorer", "tx", "account", "evidence"]);
    assert.equal(dictionaries.en.evidence?.nav, "Evidence");
    assert.equal(dictionaries["zh-CN"].evidence?.nav, "存证");
    assert.equal(dictionaries["zh-CN"].tx?.title, "交易", "a page may bring several namespaces");
  });

  test("error: two pages claiming one namespace are refused, naming the second", () => {
    assert.throws(
      () => composeDictionaries(sharedMessages, [{ path: "/evidence", messages: evidenceMessages }, { path: "/evidence-copy", messages: evidenceMessages }]),
      /page at \/evidence-copy reuse the namespace "evidence"/,
    );
    assert.throws(() => composeDictionaries(sharedMessages, [{ path: "/common", messages: { en: { common: {} }, "zh-CN": { common: {} } } }]), /namespace "common"/, "a page cannot shadow the shared strings");
  });
});

describe("console: contract arguments typed as JSON", () => {
  test("default: an object of integers, strings and nesting is taken; empty text is {}", () => {
    assert.deepEqual(parseContractArgs(' { "to": "ab", "amount": 25, "tags": ["x", 2], "n": -3 } '), { ok: true, value: { to: "ab", amount: 25, tags: ["x", 2], n: -3 } });
    assert.deepEqual(parseContractArgs("  "), { ok: true, value: {} });
  });

  test("error: a number with a fraction or an exponent is refused, even a whole one, but not inside a string", () => {
    assert.deepEqual(parseContractArgs('{ "amount": 2.5 }'), { ok: false, problem: { kind: "float", number: "2.5" } });
    assert.deepEqual(parseContractArgs('{ "amount": 1.0 }'), { ok: false, problem: { kind: "float", number: "1.0" } });
    assert.deepEqual(parseContractArgs('{ "amount": 1e3 }'), { ok: false, problem: { kind: "float", number: "1e3" } });
    assert.deepEqual(parseContractArgs('{ "note": "costs 2.5 \\" 3.5", "amount": -0.5 }'), { ok: false, problem: { kind: "float", number: "-0.5" } });
    assert.deepEqual(parseContractArgs('{ "note": "costs 2.5 \\" 3.5" }'), { ok: true, value: { note: 'costs 2.5 " 3.5' } });
  });

  test("error: not JSON, not an object, or an integer beyond the safe range", () => {
    assert.equal(parseContractArgs("{ amount: 1 }").ok, false);
    assert.deepEqual(parseContractArgs("[1]"), { ok: false, problem: { kind: "notObject" } });
    const unsafe = parseContractArgs('{ "amount": 9007199254740993 }');
    assert.equal(!unsafe.ok && unsafe.problem.kind, "value");
  });

  test("default: a method's template has each declared property with an empty value of its type", () => {
    const schema = { type: "object", properties: { to: { type: "string" }, amount: { type: "integer" }, memo: {} } };
    assert.deepEqual(JSON.parse(argsTemplate(schema)), { to: "", amount: 0, memo: null });
    assert.equal(argsTemplate({ type: "object" }), "{}");
  });
});

describe("console: proposal approvals", () => {
  const organisations = ["bank", "bureau", "hospital", "notary"];
  const proposal = { id: "p", proposer: "bureau", action: { kind: "freeze" as const, name: "token" }, approvals: ["bureau"], needed: 3, status: "open" as const, createdAt: 5 };

  test("default: more than two thirds are needed; those who have not approved are named", () => {
    assert.deepEqual(approvalProgress(proposal, organisations), { approved: ["bureau"], waiting: ["bank", "hospital", "notary"], needed: 3, organisations: 4, missing: 2 });
    assert.equal(approvalProgress(proposal, ["bureau", "bank", "hospital"]).needed, 3, "two of three is not more than two thirds");
  });

  test("behavior: an approved proposal misses nothing", () => {
    assert.equal(approvalProgress({ ...proposal, approvals: ["bank", "bureau", "hospital"], status: "approved" }, organisations).missing, 0);
  });
});
