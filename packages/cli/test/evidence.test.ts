import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type CryptoSuite, addressOf, drawWinners, fromHex, getSuite, participantsRoot, toHex, utf8 } from "@kexin/core";
import { parseGenesis } from "../../node/src/genesis.ts";
import { type TestAccount, type TestChain, startTestChain, waitForCommitted } from "../../node/test/support.ts";
import { parseJson, runCli } from "./runCli.ts";

const passphrase = { KEXIN_PASSPHRASE: "secret" };

function account(suite: CryptoSuite): TestAccount {
  const privateKey = suite.generatePrivateKey();
  const publicKey = suite.publicKeyOf(privateKey);
  return { privateKey, publicKey, address: addressOf(suite, publicKey) };
}

function flipFileByte(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = (copy[index] as number) ^ 0x01;
  return copy;
}

describe("kexin evidence and kexin lottery against a real chain, then offline", () => {
  const suite = getSuite("intl");
  let directory: string;
  let home: string;
  let chain: TestChain;
  let policeAdmin: TestAccount;
  const addresses: Record<string, string> = {};
  let url: string;
  const file = () => join(directory, "statement.pdf");
  const proofPath = () => join(directory, "statement.proof.json");

  /** Sends anchors from the admin until the chain has reached `height`: a solo chain makes blocks only for transactions. */
  async function advanceTo(height: number): Promise<void> {
    while ((chain.node.store.head()?.height ?? 0) < height) {
      const signed = await chain.sign(policeAdmin, { module: "evidence", type: "anchor", payload: { hash: toHex(suite.randomBytes(32)), size: 1, mediaType: "text/plain", title: "", caseNumber: "", tags: [] } });
      await chain.post("/v1/txs", { tx: signed.hex });
      await waitForCommitted(chain, signed.hash);
    }
  }

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "kexin-cli-evidence-"));
    home = join(directory, "home");
    const created = await Promise.all(["officer", "notary", "camera"].map((name) => runCli(["keys", "new", name, "--home", home, "--json"], passphrase)));
    for (const [index, name] of ["officer", "notary", "camera"].entries()) {
      assert.equal(created[index]?.code, 0, created[index]?.stderr);
      addresses[name] = parseJson(created[index]?.stdout ?? "{}").address as string;
    }
    policeAdmin = account(suite);
    const validatorKey = suite.generatePrivateKey();
    const genesis = parseGenesis({
      chainId: "kexin-cli-evidence",
      suite: suite.id,
      genesisTime: 1_700_000_000_000,
      consensus: "solo",
      validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
      organisations: [
        { id: "police", name: "Police", admins: [toHex(policeAdmin.publicKey)] },
        { id: "notary", name: "Notary office", admins: [toHex(account(suite).publicKey)] },
      ],
      members: [
        { org: "police", address: addresses.officer as string, name: "officer", roles: ["officer"] },
        { org: "notary", address: addresses.notary as string, name: "notary", roles: ["notary"] },
      ],
    });
    chain = await startTestChain({ genesis, validatorKey });
    url = chain.url;
    const device = await chain.sign(policeAdmin, { module: "identity", type: "register_device", payload: { org: "police", address: addresses.camera as string, name: "body camera", model: "BC-100" } });
    await chain.post("/v1/txs", { tx: device.hex });
    await waitForCommitted(chain, device.hash);
    await writeFile(file(), utf8(`%PDF-1.7 witness statement ${"lorem ipsum ".repeat(500)}`));
  });
  after(async () => {
    await chain.close();
    await rm(directory, { recursive: true, force: true });
  });

  test("default: evidence add anchors a file and saves its proof; evidence get lists it and downloads the proof", async () => {
    const added = await runCli(["evidence", "add", file(), "--key", "officer", "--home", home, "--node", url, "--title", "证人笔录", "--case", "(2024)京0105刑初123号", "--tags", "statement, witness", "--proof", proofPath(), "--json"], passphrase);
    assert.equal(added.code, 0, added.stderr);
    const summary = parseJson(added.stdout);
    assert.equal(summary.hash, toHex(suite.hash(await readFile(file()))), "the hash is the file's SHA-256");
    assert.equal(summary.anchors, 1, "the first anchoring");
    const proof = JSON.parse(await readFile(proofPath(), "utf8")) as { format: string; anchor: Record<string, unknown> };
    assert.equal(proof.format, "kexin-evidence-proof/1");
    assert.deepEqual(
      [proof.anchor.title, proof.anchor.caseNumber, proof.anchor.tags, proof.anchor.mediaType, proof.anchor.submitter],
      ["证人笔录", "(2024)京0105刑初123号", ["statement", "witness"], "application/pdf", { org: "police", address: addresses.officer }],
    );

    const got = await runCli(["evidence", "get", summary.hash as string, "--node", url, "--proof", join(directory, "downloaded.proof.json")]);
    assert.equal(got.code, 0, got.stderr);
    assert.match(got.stdout, /1 anchoring; first seen in block \d+/);
    assert.match(got.stdout, /证人笔录/);
    const downloaded = JSON.parse(await readFile(join(directory, "downloaded.proof.json"), "utf8")) as unknown;
    assert.deepEqual(downloaded, proof, "the node's proof of the first anchoring is the one evidence add saved");

    const listed = await runCli(["evidence", "list", "--case", "(2024)京0105刑初123号", "--node", url, "--json"]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(parseJson(listed.stdout).total, 1, "the case lists the anchor");
  });

  test("default: evidence stream records a folder of chunks as a session, and diagnose names what was changed", async () => {
    const folder = join(directory, "chunks");
    await mkdir(folder);
    const count = 450;
    for (let sequence = 0; sequence < count; sequence++) await writeFile(join(folder, `chunk-${sequence}.bin`), utf8(`video chunk ${sequence}`));
    const streamed = await runCli(["evidence", "stream", folder, "--key", "camera", "--session", "bc-2024-001", "--operator", addresses.officer as string, "--case", "C-7", "--home", home, "--node", url, "--json"], passphrase);
    assert.equal(streamed.code, 0, streamed.stderr);
    assert.deepEqual({ ...parseJson(streamed.stdout), lastLink: undefined, height: undefined }, { sessionId: "bc-2024-001", chunks: count, transactions: 5, lastLink: undefined, height: undefined }, "open, three batches, close");

    const intact = await runCli(["evidence", "diagnose", "bc-2024-001", folder, "--node", url]);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /the presented 450 chunks are exactly the 450 recorded, in order/);

    await writeFile(join(folder, "chunk-77.bin"), utf8("edited frame"));
    await rm(join(folder, "chunk-300.bin"));
    const changed = await runCli(["evidence", "diagnose", "bc-2024-001", folder, "--node", url, "--json"]);
    assert.equal(changed.code, 1, "a changed recording fails");
    const diagnosis = parseJson(changed.stdout);
    assert.deepEqual([diagnosis.altered, diagnosis.missing], [[{ sequence: 77, presentedIndex: 77 }], [300]], "the altered and the missing chunk are named");
  });

  test("default: lottery verify reproduces the winners from public data, and a changed list is detected", async () => {
    const ids = Array.from({ length: 50 }, (_, index) => `申请人-${index}`);
    const csv = join(directory, "participants.csv");
    await writeFile(csv, `id\n${ids.join("\n")}\n`);
    const registered = await runCli(["lottery", "register", "--key", "notary", "--home", home, "--node", url, "--draw-id", "flats-2024-01", "--participants", csv, "--winners", "5", "--rules", "5 flats; block decides", "--blocks-ahead", "12", "--json"], passphrase);
    assert.equal(registered.code, 0, registered.stderr);
    const { drawHeight, participantsRoot: root } = parseJson(registered.stdout) as { drawHeight: number; participantsRoot: string };
    assert.equal(root, toHex(participantsRoot(suite, ids)));

    const early = await runCli(["lottery", "verify", "flats-2024-01", csv, "--node", url]);
    assert.equal(early.code, 1, "nothing to verify before the draw block");
    assert.match(early.stderr, /not committed yet/);

    await advanceTo(drawHeight);
    const verified = await runCli(["lottery", "verify", "flats-2024-01", csv, "--node", url, "--json"]);
    assert.equal(verified.code, 0, verified.stderr);
    const result = parseJson(verified.stdout) as { winnerIndices: number[]; winners: string[]; blockHash: string };
    const block = await chain.get(`/v1/blocks/${drawHeight}`);
    assert.equal(result.blockHash, block.body.hash, "the draw block's hash");
    const expected = drawWinners(suite, { drawId: "flats-2024-01", blockHash: fromHex(block.body.hash as string), participantsRoot: fromHex(root), participantCount: 50, winnerCount: 5 });
    assert.deepEqual(result.winnerIndices, expected, "the winners follow from the public data");
    assert.deepEqual(result.winners, expected.map((index) => ids[index]), "and are named");
    const human = await runCli(["lottery", "verify", "flats-2024-01", csv, "--node", url]);
    assert.match(human.stdout, /✓ node-agrees/);
    assert.match(human.stdout, new RegExp(`1\\s+${expected[0]}\\s+${ids[expected[0] as number]}`), "the first prize is shown");

    const changedCsv = join(directory, "participants-changed.csv");
    await writeFile(changedCsv, `id\n${ids.map((id, index) => (index === 10 ? "申请人-10b" : id)).join("\n")}\n`);
    const changed = await runCli(["lottery", "verify", "flats-2024-01", changedCsv, "--node", url]);
    assert.equal(changed.code, 1, "a changed participant list fails");
    assert.match(changed.stdout, /✗ participants\s+PARTICIPANTS_ROOT_MISMATCH/);
    assert.match(changed.stderr, /check "participants" failed: PARTICIPANTS_ROOT_MISMATCH/);
  });

  test("default: with the node stopped, evidence verify passes, and one changed byte of the file or of the proof fails naming what", async () => {
    await chain.close();
    const offline = ["--node", "http://127.0.0.1:9"];
    const verified = await runCli(["evidence", "verify", file(), proofPath(), ...offline]);
    assert.equal(verified.code, 0, verified.stderr);
    for (const check of ["proof-format", "receipt", "anchor", "file-hash", "file-size"]) assert.match(verified.stdout, new RegExp(`✓ ${check}`));
    assert.match(verified.stdout, /statement\.pdf is the file anchored in block \d+/);

    const original = new Uint8Array(await readFile(file()));
    const tamperedFile = join(directory, "statement-changed.pdf");
    await writeFile(tamperedFile, flipFileByte(original, 100));
    const fileChanged = await runCli(["evidence", "verify", tamperedFile, proofPath(), ...offline]);
    assert.equal(fileChanged.code, 1, "a changed byte of the file fails");
    assert.match(fileChanged.stdout, /✗ file-hash/);
    assert.match(fileChanged.stderr, /^error: evidence is not valid: file hash mismatch: the file's sha256 is [0-9a-f]{64}, but the anchor is for [0-9a-f]{64} \(CLI_EVIDENCE_INVALID\)\n$/);

    const proofText = await readFile(proofPath(), "utf8");
    const proof = JSON.parse(proofText) as { receipt: { commit: string }; anchor: { title: string } };
    const commit = proof.receipt.commit;
    const lastSignatureByte = commit.length / 2 - 1;
    const commitChanged = join(directory, "commit-changed.proof.json");
    await writeFile(commitChanged, proofText.replace(commit, commit.slice(0, lastSignatureByte * 2) + (Number.parseInt(commit.slice(-2), 16) ^ 1).toString(16).padStart(2, "0")));
    const receiptRun = await runCli(["evidence", "verify", file(), commitChanged, ...offline, "--json"]);
    assert.equal(receiptRun.code, 1, "a changed byte of the proof's receipt fails");
    assert.match((parseJson(receiptRun.stdout).error as { message: string }).message, /^evidence is not valid: receipt check "commit-signed" failed: commit has a signature from [0-9a-f]+, which is not in the validator set$/);

    const titleChanged = join(directory, "title-changed.proof.json");
    await writeFile(titleChanged, proofText.replace("证人笔录", "证人笔彔"));
    const titleRun = await runCli(["evidence", "verify", file(), titleChanged, ...offline]);
    assert.equal(titleRun.code, 1, "a changed anchor field of the proof fails");
    assert.match(titleRun.stderr, /evidence is not valid: anchor field "title" in the proof \("证人笔彔"\) differs from what the signed transaction and its block say \("证人笔录"\)/);

    const missing = await runCli(["evidence", "verify", file(), join(directory, "nothing.json"), ...offline]);
    assert.match(missing.stderr, /no file at .*nothing\.json \(CLI_FILE_NOT_FOUND\)/);
  });
});
