import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page, chromium } from "playwright-core";

export const repositoryRoot = new URL("../..", import.meta.url).pathname;
const consoleRoot = join(repositoryRoot, "packages/console");
const consoleIndex = join(consoleRoot, "dist/index.html");
export const artifactsDirectory = join(repositoryRoot, "test-artifacts/console");

/** Debian's Chromium (`npm test` installs it when run as root); Playwright's own browser downloads cannot be reached from these machines. */
export const chromiumPath = process.env.KEXIN_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Flags that keep headless Chromium from reaching for Google's services, which a closed network
 * refuses many times a second. Playwright adds --headless, --no-sandbox (chromiumSandbox false)
 * and a fresh --user-data-dir for every launch.
 */
export const chromiumArgs = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Bounds every Playwright wait, so a broken page fails its test instead of hanging the run. */
export const waitMs = 30_000;

function newestModification(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestModification(join(path, entry)));
  return newest;
}

function consoleSourcesModifiedMs(): number {
  const sources = ["packages/console/src", "packages/console/index.html", "packages/console/vite.config.ts", "packages/core/src", "packages/sdk/src"];
  return Math.max(...sources.map((source) => newestModification(join(repositoryRoot, source))));
}

function consoleBuildIsCurrent(): boolean {
  return existsSync(consoleIndex) && statSync(consoleIndex).mtimeMs >= consoleSourcesModifiedMs();
}

/**
 * `npm install` builds the console; this rebuilds it when its sources changed since, so the tests
 * never pass against a stale bundle. Test files run in parallel, so one builds under a lock and
 * the others wait for it.
 */
export async function ensureConsoleBuilt(timeoutMs = 120_000): Promise<void> {
  if (consoleBuildIsCurrent()) return;
  const lock = join(consoleRoot, ".build-lock");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`another console build held ${lock} for ${timeoutMs} ms; remove it if no build is running`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (consoleBuildIsCurrent()) return;
    const build = spawnSync(process.execPath, [join(repositoryRoot, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], {
      cwd: consoleRoot,
      encoding: "utf8",
      timeout: timeoutMs,
    });
    if (build.status !== 0) throw new Error(`vite build of the console failed (${build.status ?? build.signal}):\n${build.stdout}\n${build.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Fails at once, before anything else is started, when there is no browser to launch. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: install Debian's chromium package (npm test does, as root) or set KEXIN_CHROMIUM`);
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, timeout: 60_000 });
}

/**
 * Waits for every setup step to end, even after one has failed, then throws the first failure:
 * each step assigns what it started as it succeeds, so `after` finds and stops all of it. With
 * Promise.all a node still starting when another step failed would be started after `after` ran.
 */
export async function settleAll(steps: readonly Promise<unknown>[]): Promise<void> {
  const failure = (await Promise.allSettled(steps)).find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
}

/** Runs every teardown step in order even when one throws (a browser that fails to close must not leave the node running), then throws the first failure. */
export async function stopAll(steps: readonly (() => unknown)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

/** A fresh context (own storage, own language) with every wait bounded. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US", acceptDownloads: true, ...options });
  context.setDefaultTimeout(waitMs);
  context.setDefaultNavigationTimeout(waitMs);
  const page = await context.newPage();
  // Uncaught exceptions in the page fail the test that caused them.
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDirectory, { recursive: true });
  const path = join(artifactsDirectory, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export function temporaryDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Polls `probe` until it returns a value, for at most `timeoutMs`. */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = waitMs): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
