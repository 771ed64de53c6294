import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { intlSuite } from "../src/crypto/index.ts";
import { verifyReceipt } from "../src/receipt.ts";
import { type IntlVectors, buildIntlVectors } from "./vectorInputs.ts";
import { intlSuitePortable } from "../src/crypto/portable.ts";

const published = JSON.parse(readFileSync(new URL("./vectors.json", import.meta.url), "utf8")) as { intl: IntlVectors };

test("vector: the published intl vectors are what the encoder and signer produce", () => {
  assert.deepEqual(buildIntlVectors(intlSuite), published.intl);
});

test("vector: the browser implementation produces the same bytes", () => {
  assert.deepEqual(buildIntlVectors(intlSuitePortable), published.intl);
});

test("vector: the published receipt verifies offline", () => {
  const verification = verifyReceipt(published.intl.receipt, { chainId: "kexin-vectors", validatorsHash: published.intl.validatorsHash });
  assert.ok(verification.ok, verification.error);
  assert.equal(verification.checks.length, 8);
});
