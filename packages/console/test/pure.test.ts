import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { composeDictionaries } from "../src/i18n/composeDictionaries.ts";
import { pickLanguage, sharedMessages } from "../src/i18n/messages.ts";
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
    assert.deepEqual(Object.keys(dictionaries.en), ["languageName", "app", "common", "explorer", "tx", "account", "evidence"]);
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
