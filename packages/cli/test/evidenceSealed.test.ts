import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { getSuite, toHex, utf8 } from "@kexin/core";
import { parseGenesis } from "../../node/src/genesis.ts";
import { type TestChain, startTestChain } from "../../node/test/support.ts";
import { parseJson, runCli } from "./runCli.ts";

const passphrase = { KEXIN_PASSPHRASE: "secret" };

// A gm chain, so the sealed path runs on SM4-GCM and SM3 end to end (the SDK tests cover both suites).
describe("kexin evidence add --store, fetch and verify of a sealed file (gm)", () => {
  const suite = getSuite("gm");
  let directory: string;
  let home: string;
  let chain: TestChain | undefined;
  let url: string;
  const file = () => join(directory, "interview.mp3");
  const content = utf8(`ID3 interview recording ${"音频数据 ".repeat(4_000)}`);

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "kexin-cli-sealed-"));
    home = join(directory, "home");
    const created = await runCli(["keys", "new", "officer", "--suite", "gm", "--home", home, "--json"], passphrase);
    assert.equal(created.code, 0, created.stderr);
    const officer = parseJson(created.stdout).address as string;
    const validatorKey = suite.generatePrivateKey();
    const genesis = parseGenesis({
      chainId: "kexin-cli-sealed",
      suite: suite.id,
      genesisTime: 1_700_000_000_000,
      consensus: "solo",
      validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
      organisations: [{ id: "police", name: "Police", admins: [toHex(suite.publicKeyOf(suite.generatePrivateKey()))] }],
      members: [{ org: "police", address: officer, name: "officer", roles: ["officer"] }],
    });
    chain = await startTestChain({ suite: "gm", genesis, validatorKey });
    url = chain.url;
    await writeFile(file(), content);
  });
  after(async () => {
    await chain?.close();
    await rm(directory, { recursive: true, force: true });
  });

  test("default: add --store seals, uploads and anchors; fetch opens the same bytes; verify works offline", async () => {
    const added = await runCli(["evidence", "add", file(), "--store", "--key", "officer", "--home", home, "--node", url, "--case", "(2024)京0105刑初7号", "--json"], passphrase);
    assert.equal(added.code, 0, added.stderr);
    const summary = parseJson(added.stdout) as { hash: string; size: number; proof: string; stored: { sealed: string; key: string; keyFile: string; uploaded: string } };
    const sealed = new Uint8Array(await readFile(summary.stored.sealed));
    assert.equal(summary.hash, toHex(suite.hash(sealed)), "the anchored hash is the SM3 of the saved envelope");
    assert.notEqual(summary.hash, toHex(suite.hash(content)), "the file's own hash is not on chain");
    assert.equal(summary.size, sealed.length, "the anchored size is the envelope's");
    assert.equal(summary.stored.uploaded, "new");
    assert.match(summary.stored.key, /^kexin-sealed-key:sm4-gcm:[0-9a-f]{32}$/, "an SM4 key is printed");
    assert.equal((await readFile(summary.stored.keyFile, "utf8")).trim(), summary.stored.key, "and saved");
    assert.equal((await stat(summary.stored.keyFile)).mode & 0o077, 0, "the key file is readable by its owner only");
    const proof = JSON.parse(await readFile(summary.proof, "utf8")) as { anchor: { mediaType: string; caseNumber: string } };
    assert.equal(proof.anchor.mediaType, "application/vnd.kexin.sealed+cbor", "the anchor says the content is sealed");
    assert.equal(proof.anchor.caseNumber, "(2024)京0105刑初7号");

    const opened = join(directory, "opened.mp3");
    const fetchedEnvelope = join(directory, "fetched.sealed");
    const fetched = await runCli(["evidence", "fetch", summary.hash, "--key", summary.stored.keyFile, "--out", opened, "--sealed-out", fetchedEnvelope, "--node", url, "--json"]);
    assert.equal(fetched.code, 0, fetched.stderr);
    assert.deepEqual(new Uint8Array(await readFile(opened)), content, "the fetched and opened file is byte for byte the original");
    assert.deepEqual(new Uint8Array(await readFile(fetchedEnvelope)), sealed, "the node serves the envelope that was uploaded");

    const wrongKey = `kexin-sealed-key:sm4-gcm:${toHex(suite.randomBytes(16))}`;
    const refused = await runCli(["evidence", "fetch", summary.hash, "--key", wrongKey, "--out", join(directory, "never.mp3"), "--node", url]);
    assert.notEqual(refused.code, 0, "a wrong key fails");
    assert.match(refused.stderr, /the sealed envelope does not open \(sm4-gcm\): this is not the key it was sealed with/);

    await chain?.close();
    chain = undefined;
    const verified = await runCli(["evidence", "verify", fetchedEnvelope, summary.proof, "--key", summary.stored.key, "--opened", file(), "--json"]);
    assert.equal(verified.code, 0, verified.stderr);
    const verdict = parseJson(verified.stdout) as { valid: boolean; checks: { check: string; ok: boolean }[] };
    assert.equal(verdict.valid, true, "the proof holds with the node stopped");
    assert.deepEqual(verdict.checks.map((outcome) => `${outcome.check}:${outcome.ok}`), ["proof-format:true", "receipt:true", "anchor:true", "file-hash:true", "file-size:true", "sealed-opens:true", "opened-file:true"]);

    const plainInstead = await runCli(["evidence", "verify", file(), summary.proof]);
    assert.equal(plainInstead.code, 1, "the unsealed file is not what was anchored");
    assert.match(plainInstead.stderr, /file hash mismatch: .*this proof anchors a sealed envelope \(application\/vnd\.kexin\.sealed\+cbor\): verify the envelope/);

    await writeFile(join(directory, "other.mp3"), utf8("another recording"));
    const otherFile = await runCli(["evidence", "verify", fetchedEnvelope, summary.proof, "--key", summary.stored.keyFile, "--opened", join(directory, "other.mp3"), "--json"]);
    assert.equal(otherFile.code, 1, "an opened file that differs fails");
    assert.match(JSON.stringify(parseJson(otherFile.stdout).error), /other\.mp3 differs from what the envelope holds/);
  });

  test("error: --seal-key without --store, and --media-type with it, are refused", async () => {
    const key = `kexin-sealed-key:sm4-gcm:${toHex(suite.randomBytes(16))}`;
    const without = await runCli(["evidence", "add", file(), "--seal-key", key, "--key", "officer", "--home", home, "--node", "http://127.0.0.1:9"], passphrase);
    assert.notEqual(without.code, 0, "refused before any node is contacted");
    assert.match(without.stderr, /--seal-key, --seal-key-out and --sealed-out go with --store/);
    const mediaType = await runCli(["evidence", "add", file(), "--store", "--media-type", "audio/mpeg", "--key", "officer", "--home", home, "--node", "http://127.0.0.1:9"], passphrase);
    assert.notEqual(mediaType.code, 0);
    assert.match(mediaType.stderr, /a stored file is anchored as its sealed envelope, whose media type is application\/vnd\.kexin\.sealed\+cbor/);
  });
});
