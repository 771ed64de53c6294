import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { repositoryRoot } from "./support/nodeProcess.ts";

/** scripts/provision.mjs with a PATH that holds neither apt-get nor the programs the tests use. */
function provisionWithoutPrograms(env: Record<string, string> = {}) {
  const startedMs = performance.now();
  const result = spawnSync(process.execPath, ["scripts/provision.mjs"], { cwd: repositoryRoot, encoding: "utf8", timeout: 30_000, env: { PATH: "/nonexistent", ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, elapsedMs: performance.now() - startedMs };
}

test("error: where it cannot install, provisioning stops at once naming each missing package, what uses it, and the apt-get command", () => {
  const run = provisionWithoutPrograms();
  assert.equal(run.code, 1, `provisioning should stop with status 1; printed:\n${run.stderr}`);
  assert.ok(run.elapsedMs < 5_000, `it should stop within seconds, took ${Math.round(run.elapsedMs)} ms`);
  assert.equal(run.stdout, "", "everything it says goes to stderr");
  assert.match(run.stderr, /^ {2}poppler-utils +the evidence certificate tests/m, "poppler-utils should be named with what needs it");
  assert.match(run.stderr, /^ {2}openssl +the key file test/m, "openssl should be named with what needs it");
  assert.match(run.stderr, /^ {2}sudo apt-get install -y --no-install-recommends .*poppler-utils.* openssl strace$/m, "the exact command that installs them should be given");
  assert.match(run.stderr, /KEXIN_SKIP_PROVISION=1 npm test/, "the deliberate way around it should be named");
});

test("behavior: KEXIN_SKIP_PROVISION=1 goes on without installing, and says which packages the tests will miss", () => {
  const run = provisionWithoutPrograms({ KEXIN_SKIP_PROVISION: "1" });
  assert.equal(run.code, 0, `provisioning should step aside; printed:\n${run.stderr}`);
  assert.match(run.stderr, /not installing .*poppler-utils, openssl, strace; the tests that need them will fail/);
});
