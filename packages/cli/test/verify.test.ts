import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type ReceiptJson, getSuite, resultView, txView, verifyReceipt } from "@kexin/core";
import { buildReceipt, fixtureChainId, flipByte } from "../../core/test/receiptFixture.ts";
import { parseJson, runCli } from "./runCli.ts";

describe("kexin verify", () => {
  let directory: string;
  let receipt: ReceiptJson;
  let trustedValidatorsHash: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "kexin-cli-verify-"));
    ({ receipt, validatorsHash: trustedValidatorsHash } = buildReceipt());
  });
  after(() => rm(directory, { recursive: true, force: true }));

  async function save(name: string, content: unknown): Promise<string> {
    const path = join(directory, name);
    await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  }

  // An unreachable node proves verify never needs one.
  const offline = ["--node", "http://127.0.0.1:9"];

  test("default: a valid receipt passes every check", async () => {
    const run = await runCli(["verify", await save("valid.json", receipt), ...offline]);
    assert.equal(run.code, 0, run.stderr);
    for (const check of ["format", "tx-signature", "tx-included", "result-included", "validators-match-header", "commit-signed"]) {
      assert.match(run.stdout, new RegExp(`✓ ${check}`));
    }
    assert.match(run.stdout, new RegExp(`transaction ${receipt.txHash} is committed`));
    assert.equal(run.stderr, "");
  });

  test("default: --json prints the verdict and every check as JSON", async () => {
    const run = await runCli(["verify", await save("valid.json", receipt), "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const output = parseJson(run.stdout);
    assert.equal(output.valid, true);
    assert.equal(output.txHash, receipt.txHash);
    assert.equal(output.height, 7);
    assert.equal(output.chainId, fixtureChainId);
    assert.equal((output.checks as unknown[]).length, 6);
  });

  /** What `kexin tx get <hash> --json` saves: readable fields beside the receipt, as the API writes them. */
  function answerOf(receiptJson: ReceiptJson): Record<string, unknown> {
    const proven = verifyReceipt(receiptJson);
    assert.ok(proven.tx && proven.result, "the fixture receipt verifies");
    const readable = { hash: receiptJson.txHash, status: "committed", height: 7, index: receiptJson.txIndex, tx: txView(getSuite("intl"), proven.tx), result: resultView(proven.result) };
    return { ...JSON.parse(JSON.stringify(readable)), receipt: receiptJson };
  }

  test("behavior: accepts the answer of `kexin tx get --json`, which wraps the receipt, and checks its readable fields against it", async () => {
    const run = await runCli(["verify", await save("tx.json", answerOf(receipt))]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /✓ answer-matches-receipt/);
  });

  test("error: a readable field of a saved answer changed beside an intact receipt fails", async () => {
    const answer = answerOf(receipt);
    const tx = answer.tx as { payload: Record<string, unknown> };
    const tampered = { ...answer, tx: { ...tx, payload: { ...tx.payload, amount: 1_000_000 } } };
    const run = await runCli(["verify", await save("tx-tampered.json", tampered)]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /✗ answer-matches-receipt\s+"tx" differs from what the receipt proves/);
    assert.match(run.stderr, /CLI_RECEIPT_INVALID/);
    const extra = await runCli(["verify", await save("tx-extra.json", { ...answerOf(receipt), note: "paid in full" })]);
    assert.equal(extra.code, 1);
    assert.match(extra.stdout, /"note" is not a field of a transaction answer/);
  });

  test("error: a saved answer moved to another index or block size fails, even where the audit path alone would fit", async () => {
    // The fixture is index 1 of 3; its audit path also leads to the root as index 1 of 4, so only the header's signed count refuses that.
    for (const { index, count } of [{ index: 1, count: 4 }, { index: 0, count: 3 }, { index: 12, count: 13 }]) {
      const moved = { ...answerOf(receipt), index, receipt: { ...receipt, txIndex: index, txCount: count } };
      const run = await runCli(["verify", await save(`moved-${index}-${count}.json`, moved)]);
      assert.equal(run.code, 1, `index ${index} of ${count} is refused`);
      assert.match(run.stdout, /✗ tx-included/);
      assert.match(run.stderr, /CLI_RECEIPT_INVALID/);
      if (count !== 3) assert.match(run.stdout, new RegExp(`receipt claims index ${index} of ${count}, but block 7's header signs 3 transactions`));
    }
  });

  test("behavior: trust anchors are checked when given", async () => {
    const path = await save("valid.json", receipt);
    const trusted = await runCli(["verify", path, "--chain-id", fixtureChainId, "--validators-hash", trustedValidatorsHash]);
    assert.equal(trusted.code, 0, trusted.stderr);
    assert.match(trusted.stdout, /✓ trusted-chain/);
    assert.match(trusted.stdout, /✓ trusted-validators/);
    const otherChain = await runCli(["verify", path, "--chain-id", "another-chain"]);
    assert.equal(otherChain.code, 1);
    assert.match(otherChain.stdout, /✗ trusted-chain/);
    assert.match(otherChain.stderr, /check "trusted-chain" failed/);
    const otherSet = await runCli(["verify", path, "--validators-hash", "00".repeat(32)]);
    assert.equal(otherSet.code, 1);
    assert.match(otherSet.stderr, /check "trusted-validators" failed/);
  });

  test("error: one flipped byte in the transaction fails, naming the check", async () => {
    const run = await runCli(["verify", await save("tx-flipped.json", { ...receipt, tx: flipByte(receipt.tx, -1) })]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /✗ format/);
    assert.match(run.stderr, /^error: receipt is not valid: check "format" failed: receipt txHash \w+ is not the hash of its transaction .*\(CLI_RECEIPT_INVALID\)\n$/);
  });

  test("error: one flipped byte in the header fails, naming the check", async () => {
    const appHash = receipt.header.indexOf("6761707048617368"); // "appHash" as CBOR text, followed by its byte string
    assert.ok(appHash > 0);
    const byteOfAppHash = (appHash + 16) / 2 + 10;
    const run = await runCli(["verify", await save("header-flipped.json", { ...receipt, header: flipByte(receipt.header, byteOfAppHash) }), "--json"]);
    assert.equal(run.code, 1);
    const output = parseJson(run.stdout);
    assert.equal(output.valid, false);
    const failed = (output.checks as { check: string; ok: boolean }[]).filter((outcome) => !outcome.ok).map((outcome) => outcome.check);
    assert.deepEqual(failed, ["commit-signed"]);
    assert.deepEqual(output.error, { code: "CLI_RECEIPT_INVALID", message: 'receipt is not valid: check "commit-signed" failed: commit signs a different block hash than this header\'s' });
  });

  test("error: a missing file", async () => {
    const run = await runCli(["verify", join(directory, "nothing.json")]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^error: no file at .*nothing\.json \(CLI_FILE_NOT_FOUND\)\n$/);
    const json = await runCli(["verify", join(directory, "nothing.json"), "--json"]);
    assert.equal((parseJson(json.stdout).error as { code: string }).code, "CLI_FILE_NOT_FOUND");
  });

  test("error: a file that is not JSON", async () => {
    const run = await runCli(["verify", await save("garbage.json", "this is not json")]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /is not JSON .*\(CLI_NOT_JSON\)/);
  });

  test("error: JSON that is not a receipt", async () => {
    const notReceipt = await runCli(["verify", await save("array.json", [1, 2])]);
    assert.equal(notReceipt.code, 1);
    assert.match(notReceipt.stderr, /not a receipt object \(CLI_BAD_INPUT\)/);
    const saved = await runCli(["verify", await save("error.json", { error: { code: "TX_NOT_FOUND", message: "no such transaction" } })]);
    assert.match(saved.stderr, /holds an error answer, not a receipt: no such transaction \(TX_NOT_FOUND\)/);
    const pending = await runCli(["verify", await save("pending.json", { hash: receipt.txHash, status: "pending" })]);
    assert.match(pending.stderr, /saved while the transaction was pending/);
  });

  test("error: a receipt of an unknown format", async () => {
    const run = await runCli(["verify", await save("format.json", { ...receipt, format: "kexin-receipt/9" })]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /check "format" failed: unsupported receipt format "kexin-receipt\/9"/);
  });
});
