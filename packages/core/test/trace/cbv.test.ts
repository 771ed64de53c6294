import assert from "node:assert/strict";
import { test } from "node:test";
import {
  cbvBusinessSteps,
  cbvBusinessTransactionTypes,
  cbvDispositions,
  cbvErrorReasons,
  cbvSourceDestinationTypes,
  cbvVocabularies,
  isCbvBusinessStep,
  isCbvDisposition,
  normalizeCbvValue,
} from "../../src/trace/index.ts";

test("vector: CBV 2.0 code lists have their published sizes", () => {
  // CBV 2.0 defines 41 business steps (sampling and sensor_reporting are new in 2.0), 33
  // dispositions, 13 business transaction types, 3 source/destination types and 2 error reasons.
  assert.equal(cbvBusinessSteps.length, 41, "business steps");
  assert.equal(cbvDispositions.length, 33, "dispositions");
  assert.equal(cbvBusinessTransactionTypes.length, 13, "business transaction types");
  assert.equal(cbvSourceDestinationTypes.length, 3, "source/destination types");
  assert.equal(cbvErrorReasons.length, 2, "error reasons");
  for (const list of [cbvBusinessSteps, cbvDispositions, cbvBusinessTransactionTypes]) {
    assert.deepEqual([...list], [...list].sort(), "kept in alphabetical order");
    assert.equal(new Set(list).size, list.length, "no duplicates");
  }
  assert.ok(isCbvBusinessStep("sensor_reporting") && isCbvBusinessStep("sampling"), "CBV 2.0 additions");
  assert.ok(isCbvDisposition("needs_replacement") && !isCbvDisposition("in_transport"), "dispositions");
});

test("behavior: normalizeCbvValue accepts words, CBV URIs and user URIs, and explains refusals", () => {
  const step = cbvVocabularies.businessStep;
  assert.deepEqual(normalizeCbvValue(step, "urn:epcglobal:cbv:bizstep:receiving"), { ok: true, value: "receiving" }, "URN");
  assert.deepEqual(normalizeCbvValue(step, "https://ref.gs1.org/cbv/BizStep-receiving"), { ok: true, value: "receiving" }, "web URI");
  assert.deepEqual(normalizeCbvValue(step, "https://example.com/bizStep/inspecting"), { ok: true, value: "https://example.com/bizStep/inspecting" }, "user URI");
  const refused = normalizeCbvValue(step, "Receiving");
  assert.equal(refused.ok, false, "case matters");
  assert.ok(!refused.ok && refused.reason.includes("neither a CBV 2.0 business step nor a URI"), "reason");
});
