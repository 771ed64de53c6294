import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { startNode } from "@kexin/node";
import { freePort } from "../../../test/support/nodeProcess.ts";
import { parseJson, runCli } from "./runCli.ts";

describe("kexin index rebuild", () => {
  let directory: string;
  let home: string;
  let nodeUrl: string;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "kexin-cli-index-"));
    home = join(directory, "home");
    const init = await runCli(["init", "--dev", "--home", home]);
    assert.equal(init.code, 0, init.stderr);
    // Its own port, so that the test never collides with a node on the default one.
    const configPath = join(home, "config.json");
    const config = JSON.parse(await readFile(configPath, "utf8")) as { api: { host: string; port: number } };
    config.api.port = await freePort();
    await writeFile(configPath, JSON.stringify(config));
    nodeUrl = `http://127.0.0.1:${config.api.port}`;
  });
  after(() => rm(directory, { recursive: true, force: true }));

  test("error: refused while the home's node is running; then, stopped, rebuilt from its blocks", async () => {
    const node = await startNode({ home });
    try {
      const env = { KEXIN_PASSPHRASE: "kexin-dev" };
      for (const amount of [1, 2]) {
        const sent = await runCli(["tx", "send", "--home", home, "--node", nodeUrl, "--key", "alice", "--module", "points", "--type", "issue", "--payload", JSON.stringify({ to: "00".repeat(20), amount }), "--wait"], env);
        assert.equal(sent.code, 0, sent.stderr);
      }
      const running = await runCli(["index", "rebuild", "--home", home]);
      assert.equal(running.code, 1, running.stdout);
      assert.match(running.stderr, new RegExp(`is in use by process ${process.pid}; stop the node that runs on it first \\(STORE_IN_USE\\)`));
    } finally {
      await node.close();
    }
    const rebuilt = await runCli(["index", "rebuild", "--home", home, "--json"]);
    assert.equal(rebuilt.code, 0, rebuilt.stderr);
    const output = parseJson(rebuilt.stdout);
    assert.equal(output.height, 2, "both blocks were replayed");
    assert.equal(typeof output.entries, "number");
    const text = await runCli(["index", "rebuild", "--home", home]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /replayed\s+blocks 1 to 2, each matching its recorded results and state/);
    assert.match(text.stderr, /replayed block 2 of 2/);
  });

  test("error: a folder that is not a node's home", async () => {
    const run = await runCli(["index", "rebuild", "--home", directory]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /has no genesis\.json/);
  });
});
