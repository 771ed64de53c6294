import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { after, before, test } from "node:test";
import type * as KexinSdk from "@kexin/sdk";
import type { KexinClient, Wallet } from "@kexin/sdk";
import type { Browser } from "playwright-core";
import { launchChromium, openPage, stopAll } from "./console/support.ts";
import { type NodeProcess, freePort, repositoryRoot, startProcessUntilHealthy } from "./support/nodeProcess.ts";
import { type FileChange, copyRepositoryFiles, diffCopy, linkInstalledModules } from "./toyService/scratchCopy.ts";
import { addRegistryLine, toyFolders, toyRegistryLines } from "./toyService/registryLines.ts";

// Adding a service must be new folders plus one registry entry per package. This test adds a toy
// service (a bell tower) to a scratch copy of the repository exactly that way, then type-checks the
// copy, runs its node, SDK, CLI and console, and checks the toy works through each of them.

interface Bells {
  readonly bells: number;
  readonly lastNote: string | null;
  readonly lastRinger: string | null;
}

/** What the test uses of the copy's SDK: the original's exports, and the toy namespace only the copy has. */
type CopySdk = typeof KexinSdk & {
  readonly toy: {
    ring(parameters: { note: string }): { module: "toy"; type: "ring"; payload: { note: string } };
    getBells(client: KexinClient): Promise<Bells>;
  };
};

const scratch = mkdtempSync(join(tmpdir(), "kexin-toy-"));
const copyRoot = join(scratch, "repository");
const home = join(scratch, "home");
const fixture = join(repositoryRoot, "test/toyService");
const copyBin = join(copyRoot, "packages/cli/bin/kexin.js");
const initialBells = 7;
const stepBoundMs = 150_000;
const timings: Record<string, number> = {};

let originalFiles: string[] = [];
let changes: FileChange[] = [];
let typeCheck: Promise<CommandResult> | undefined;
let node: NodeProcess | undefined;
let browser: Browser | undefined;
let sdk: CopySdk;
let client: KexinClient;

interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end, killed (by its pid, through execFile) when it outlives `timeoutMs`. */
function run(command: string, args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: options.cwd ?? copyRoot, timeout: options.timeoutMs ?? 60_000, killSignal: "SIGKILL", maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      resolve({ code, stdout, stderr: error !== null && code === null ? `${stderr}\n${error.message}` : stderr });
    });
  });
}

function kexin(args: readonly string[], timeoutMs = 60_000): Promise<CommandResult> {
  return run(process.execPath, [copyBin, ...args], { timeoutMs });
}

async function timed<T>(step: string, work: () => Promise<T> | T): Promise<T> {
  const startedMs = performance.now();
  try {
    return await work();
  } finally {
    timings[step] = Math.round(performance.now() - startedMs);
  }
}

function writeToyService(): void {
  for (const folder of toyFolders) cpSync(join(fixture, folder), join(copyRoot, folder), { recursive: true, errorOnExist: true, force: false });
  for (const entry of toyRegistryLines) {
    const path = join(copyRoot, entry.file);
    writeFileSync(path, addRegistryLine(readFileSync(path, "utf8"), entry));
  }
}

function writeGenesisSection(bells: unknown): void {
  const path = join(home, "genesis.json");
  const genesis = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  writeFileSync(path, `${JSON.stringify({ ...genesis, sections: { toy: { bells } } }, null, 2)}\n`);
}

async function buildConsole(): Promise<void> {
  const build = await run(process.execPath, [join(copyRoot, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], { cwd: join(copyRoot, "packages/console"), timeoutMs: stepBoundMs });
  assert.equal(build.code, 0, `vite build of the copy's console failed:\n${build.stdout}\n${build.stderr}`);
}

async function startCopyNode(): Promise<void> {
  const init = await kexin(["init", "--dev", "--home", home, "--json"]);
  assert.equal(init.code, 0, `kexin init failed:\n${init.stderr}`);
  // A section that breaks its schema is refused before the chain starts, naming the field.
  writeGenesisSection(-1);
  const refused = await kexin(["start", "--home", home, "--data-dir", join(scratch, "refused-data"), "--api-port", "0", "--json"]);
  assert.notEqual(refused.code, 0, "a node started with sections.toy.bells = -1");
  assert.match(`${refused.stdout}${refused.stderr}`, /sections\.toy\.bells/);
  writeGenesisSection(initialBells);
  const port = await freePort();
  node = await startProcessUntilHealthy([process.execPath, copyBin, "start", "--home", home, "--api-port", String(port)], port, 90_000);
}

before(
  async () => {
    await timed("copy", () => {
      originalFiles = copyRepositoryFiles(repositoryRoot, copyRoot);
      linkInstalledModules(repositoryRoot, copyRoot);
      writeToyService();
      changes = diffCopy(repositoryRoot, originalFiles, copyRoot);
    });
    // The type-check runs beside the rest; its test awaits it.
    typeCheck = timed("type-check", () => run(process.execPath, [join(copyRoot, "node_modules/typescript/bin/tsc"), "-p", join(copyRoot, "tsconfig.json"), "--noEmit"], { timeoutMs: stepBoundMs }));
    await timed("console build", buildConsole);
    await timed("node start", startCopyNode);
    sdk = (await import(join(copyRoot, "packages/sdk/src/index.ts"))) as CopySdk;
    client = sdk.createKexinClient({ url: node!.url });
  },
  { timeout: 4 * stepBoundMs },
);

after(async () => {
  await stopAll([async () => browser?.close(), async () => node?.kill("SIGTERM"), async () => typeCheck, () => rmSync(scratch, { recursive: true, force: true })]);
  console.log(`toy service steps (ms): ${JSON.stringify(timings)}`);
});

test("behavior: the toy service adds its own folders and one registry entry per package, nothing else", () => {
  const summary = changes.map((change) => {
    if (change.kind !== "changed") return `${change.kind} ${change.file}`;
    if (!change.onlyAdds) return `changed ${change.file}: more than added lines, first changed or removed: ${JSON.stringify(change.firstLostLine)}`;
    return `changed ${change.file}\n${change.addedLines.map((line) => `  + ${line}`).join("\n")}`;
  });
  console.log(`the copy against the original:\n${summary.join("\n")}`);
  const outside = changes.filter((change) => !toyFolders.some((folder) => change.file.startsWith(`${folder}/`)));
  assert.ok(outside.every((change) => change.kind === "changed" && change.onlyAdds), `outside the toy folders only additions to existing files:\n${summary.join("\n")}`);
  const expected = new Map<string, string[]>();
  for (const entry of toyRegistryLines) expected.set(entry.file, [...(expected.get(entry.file) ?? []), entry.line]);
  assert.deepEqual(new Map(outside.map((change) => [change.file, [...change.addedLines]])), expected, "the lines outside the toy folders are exactly its registry lines");
  for (const entries of ["core", "sdk"].map((name) => toyRegistryLines.filter((entry) => entry.package === name))) assert.equal(entries.length, 1);
  assert.ok(toyRegistryLines.every((entry) => toyRegistryLines.filter((other) => other.package === entry.package).length <= 2), "at most an import and a list entry per package");
  for (const folder of toyFolders) assert.ok(changes.some((change) => change.kind === "added" && change.file.startsWith(`${folder}/`)), `${folder} was written`);
});

test("behavior: the copy with the toy service type-checks", { timeout: stepBoundMs }, async () => {
  const result = await typeCheck!;
  assert.equal(result.code, 0, `tsc over the copy failed:\n${result.stdout}\n${result.stderr}`);
});

test("behavior: the genesis section set the initial count, read through the query, the route and the CLI", async () => {
  assert.deepEqual(await sdk.toy.getBells(client), { bells: initialBells, lastNote: null, lastRinger: null });
  const route = await fetch(`${node!.url}/v1/toy/bells`);
  assert.equal(route.status, 200);
  assert.deepEqual(await route.json(), { bells: initialBells, lastNote: null, lastRinger: null });
  const status = (await (await fetch(`${node!.url}/v1/status`)).json()) as { modules: unknown };
  assert.ok(JSON.stringify(status.modules).includes('"toy"'), `GET /v1/status lists the toy module: ${JSON.stringify(status.modules)}`);
});

async function aliceWallet(): Promise<Wallet> {
  return sdk.importKeyFile(readFileSync(join(home, "keys/alice.key"), "utf8"), "kexin-dev");
}

test("behavior: a ring sent with the SDK action is read back through the query, the route and the CLI", async () => {
  const wallet = await aliceWallet();
  const sent = await client.buildAndSend(wallet, sdk.toy.ring({ note: "晨钟 morning bell" }));
  const committed = await client.waitForCommit({ hash: sent.hash, timeoutMs: 30_000 });
  assert.equal(committed.result.status, "ok", JSON.stringify(committed.result));
  const expected = { bells: initialBells + 1, lastNote: "晨钟 morning bell", lastRinger: wallet.address };
  assert.deepEqual(await sdk.toy.getBells(client), expected);
  assert.deepEqual(await (await fetch(`${node!.url}/v1/toy/bells`)).json(), expected);
  const count = await kexin(["toy", "count", "--node", node!.url, "--json"]);
  assert.equal(count.code, 0, count.stderr);
  assert.deepEqual(JSON.parse(count.stdout), expected);
});

test("behavior: kexin toy ring signs with a key of the home and the count goes up", async () => {
  const before = await sdk.toy.getBells(client);
  const rung = await kexin(["toy", "ring", "--note", "evening bell", "--key", "bob", "--passphrase", "kexin-dev", "--home", home, "--node", node!.url, "--json"]);
  assert.equal(rung.code, 0, rung.stderr);
  assert.equal((JSON.parse(rung.stdout) as { note: string }).note, "evening bell");
  const human = await kexin(["toy", "count", "--node", node!.url]);
  assert.match(human.stdout, new RegExp(`bells\\s+${before.bells + 1}\\b`));
  assert.match(human.stdout, /evening bell/);
});

test("error: a key no organisation registered may not ring (the transaction type's authorise rule)", async () => {
  const stranger = sdk.createWallet("intl");
  await assert.rejects(client.buildAndSend(stranger, sdk.toy.ring({ note: "let me in" })), (error: unknown) => (error as { code?: string }).code === "TX_SIGNER_NOT_REGISTERED");
});

test("behavior: the console shows the toy page in English and Chinese", { timeout: stepBoundMs }, async () => {
  const bells = (await sdk.toy.getBells(client)).bells;
  browser = await timed("chromium", launchChromium);
  for (const [locale, title, rung] of [
    ["en-US", "Bell tower", `The bell has rung ${bells} times.`],
    ["zh-CN", "钟楼", `钟已敲响 ${bells} 次。`],
  ] as const) {
    const { context, page, errors } = await openPage(browser, { locale });
    try {
      await page.goto(`${node!.url}/`);
      await page.getByRole("link", { name: title }).click();
      await page.waitForURL(`${node!.url}/toy`);
      await page.getByRole("heading", { name: title }).waitFor();
      assert.equal(await page.getByTestId("toy-bells").textContent(), rung);
      assert.equal(await page.getByTestId("toy-last-note").textContent(), "evening bell");
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
  assert.ok(existsSync(join(copyRoot, "packages/console/dist/index.html")));
});
