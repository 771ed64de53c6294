import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { importEncryptedKeyFile } from "@kexin/core";
import { parseJson, runCli } from "./runCli.ts";

describe("kexin keys", () => {
  let home: string;
  before(async () => {
    home = await mkdtemp(join(tmpdir(), "kexin-cli-keys-"));
  });
  after(() => rm(home, { recursive: true, force: true }));

  test("default: keys new writes an encrypted key and its public info", async () => {
    const run = await runCli(["keys", "new", "alice", "--home", home, "--passphrase", "pass one"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /created key "alice"/);
    const keyFile = join(home, "keys", "alice.key");
    assert.ok(run.stdout.includes(keyFile));
    assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
    const pem = await readFile(keyFile, "utf8");
    const opened = importEncryptedKeyFile(pem, "pass one");
    const info = JSON.parse(await readFile(join(home, "keys", "alice.pub.json"), "utf8")) as Record<string, string>;
    assert.equal(info.suite, "intl");
    assert.match(info.address!, /^[0-9a-f]{40}$/);
    assert.ok(run.stdout.includes(info.address!));
    assert.equal(opened.privateKey.length, 32);
  });

  test("default: --json prints only JSON, and KEXIN_PASSPHRASE is used", async () => {
    const run = await runCli(["keys", "new", "bob", "--suite", "gm", "--home", home, "--json"], { KEXIN_PASSPHRASE: "from env" });
    assert.equal(run.code, 0, run.stderr);
    const output = parseJson(run.stdout);
    assert.equal(output.name, "bob");
    assert.equal(output.suite, "gm");
    assert.match(output.publicKey as string, /^04[0-9a-f]{128}$/);
    assert.equal(output.keyFile, join(home, "keys", "bob.key"));
    importEncryptedKeyFile(await readFile(join(home, "keys", "bob.key"), "utf8"), "from env");
  });

  test("error: keys new refuses to overwrite a key", async () => {
    const before = await readFile(join(home, "keys", "alice.key"), "utf8");
    const run = await runCli(["keys", "new", "alice", "--home", home, "--passphrase", "other"]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /^error: a key named "alice" already exists .* \(CLI_KEY_EXISTS\)\n$/);
    assert.equal(await readFile(join(home, "keys", "alice.key"), "utf8"), before);
    const json = await runCli(["keys", "new", "alice", "--home", home, "--passphrase", "other", "--json"]);
    assert.equal(json.code, 1);
    assert.equal((parseJson(json.stdout).error as { code: string }).code, "CLI_KEY_EXISTS");
  });

  test("error: no passphrase and no terminal", async () => {
    const run = await runCli(["keys", "new", "carol", "--home", home]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /a passphrase is needed: pass --passphrase, set KEXIN_PASSPHRASE.*\(CLI_NO_PASSPHRASE\)/);
  });

  test("error: a key name that is a path", async () => {
    const run = await runCli(["keys", "new", "../evil", "--home", home, "--passphrase", "x"]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /key name "..\/evil" is not allowed.*\(CLI_BAD_INPUT\)/);
  });

  test("error: an unknown suite is a usage error", async () => {
    const run = await runCli(["keys", "new", "dave", "--suite", "rsa", "--home", home, "--passphrase", "x", "--json"]);
    assert.equal(run.code, 1);
    const error = parseJson(run.stdout).error as { code: string; message: string };
    assert.equal(error.code, "CLI_USAGE");
    assert.match(error.message, /Allowed choices are intl, gm/);
  });

  test("default: keys list shows names, suites and addresses without a passphrase", async () => {
    const run = await runCli(["keys", "list", "--home", home]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split("\n");
    assert.match(lines[0]!, /^NAME\s+SUITE\s+ADDRESS$/);
    assert.match(lines[1]!, /^alice\s+intl\s+[0-9a-f]{40}$/);
    assert.match(lines[2]!, /^bob\s+gm\s+[0-9a-f]{40}$/);
    const json = parseJson((await runCli(["keys", "list", "--home", home, "--json"])).stdout);
    assert.deepEqual(
      (json.keys as { name: string }[]).map((key) => key.name),
      ["alice", "bob"],
    );
  });

  test("behavior: keys list of an empty home says how to start", async () => {
    const empty = await mkdtemp(join(tmpdir(), "kexin-cli-empty-"));
    try {
      const run = await runCli(["keys", "list", "--home", empty]);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /no keys in .* yet; create one with "kexin keys new <name>"/);
      assert.deepEqual(parseJson((await runCli(["--json", "keys", "list", "--home", empty])).stdout), { keys: [] });
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
