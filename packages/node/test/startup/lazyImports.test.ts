import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./importedBy.mjs", import.meta.url));

/** Every module URL that importing `specifier` resolves, in a fresh process. */
function urlsResolvedBy(specifier: string): string[] {
  const child = spawnSync(process.execPath, ["--import", "tsx", script, specifier], { encoding: "utf8", timeout: 60_000 });
  assert.equal(child.status, 0, `importing ${specifier} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as string[];
}

const libp2p = /\/node_modules\/(libp2p|@libp2p|@chainsafe)\//;

test("behavior: importing the node package loads no libp2p module (a solo node never uses them)", () => {
  const urls = urlsResolvedBy("@kexin/node");
  assert.ok(urls.some((url) => url.endsWith("/packages/node/src/index.ts")), "the recorder sees the package's own modules");
  assert.deepEqual(urls.filter((url) => libp2p.test(url)), []);
});

test("behavior: the p2p network module itself does load libp2p (what the first test would see)", () => {
  const urls = urlsResolvedBy(new URL("../../src/p2p/network.ts", import.meta.url).href);
  assert.ok(urls.some((url) => /\/node_modules\/libp2p\//.test(url)), "libp2p itself");
});

test("behavior: the crypto suites load without the portable backend", () => {
  const urls = urlsResolvedBy("@kexin/core/crypto");
  assert.ok(urls.some((url) => url.endsWith("/crypto/backend.node.ts")), "the Node backend");
  assert.deepEqual(urls.filter((url) => url.endsWith("/crypto/backend.browser.ts") || url.includes("/node_modules/@hpke/")), []);
});
