import { access } from "node:fs/promises";
import type { SuiteId } from "@kexin/core";
import { join, resolve } from "node:path";
import { type Cleanup, temporaryDirectory } from "../cleanup.ts";
import { UsageError } from "../errors.ts";
import { freePort } from "../port.ts";
import { ManagedProcess, runCommand } from "../process.ts";
import { waitFor } from "../wait.ts";
import { KexinApi } from "./api.ts";

/** What `kexin init --dev` writes: an admin key of organisation "merchant", sealed with this passphrase. */
export const devAdminKeyPath = "keys/merchant-admin.key";
export const devPassphrase = "kexin-dev";
export const devOrganisation = "merchant";
/** The organisations of a development chain; each has one admin key in keys/<organisation>-admin.key. */
export const devOrganisations = ["bureau", "hospital", "notary", "merchant"] as const;

export function organisationAdminKeyPath(organisation: string): string {
  return `keys/${organisation}-admin.key`;
}

export interface DevNodeOptions {
  readonly root: string;
  /** The chain's crypto suite (`kexin init --suite`). */
  readonly suite: SuiteId;
  readonly verbose: boolean;
  readonly initTimeoutMs?: number;
  readonly startTimeoutMs?: number;
  /** Bound on each API request the bench makes to this node. */
  readonly requestTimeoutMs?: number;
  /** Called after `kexin init` and before the node starts, e.g. to add a service's genesis section. */
  readonly prepareHome?: (home: string) => Promise<void>;
}

export interface DevNode {
  readonly api: KexinApi;
  readonly process: ManagedProcess;
  readonly home: string;
}

/** Extra Node flags for the nodes a run starts, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them. */
export function benchNodeFlags(): string[] {
  return (process.env.KEXIN_BENCH_NODE_FLAGS ?? "").split(/\s+/).filter((flag) => flag.length > 0);
}

/**
 * Initialises a development chain in a fresh temporary home and starts its node as a separate
 * process on a free port, then waits for GET /healthz. The process and the home are handed to
 * `cleanup`, so they go away on every path out of the run.
 */
export async function startDevNode(cleanup: Cleanup, options: DevNodeOptions): Promise<DevNode> {
  const parent = await temporaryDirectory(cleanup, "kexin-bench-");
  const home = join(parent, "home");
  const cli = join(options.root, "packages/cli/bin/kexin.js");
  const spawnOptions = { cwd: options.root, echo: options.verbose };
  await runCommand(cleanup, "kexin init", process.execPath, [cli, "init", "--dev", "--suite", options.suite, "--home", home], options.initTimeoutMs ?? 60_000, spawnOptions);
  await options.prepareHome?.(home);

  const port = await freePort();
  const node = ManagedProcess.start(cleanup, "kexin node", process.execPath, [...benchNodeFlags(), cli, "start", "--home", home, "--api-port", String(port)], spawnOptions);
  const api = new KexinApi(`http://127.0.0.1:${port}`, options.requestTimeoutMs ?? 120_000);
  await waitFor("the node to answer GET /healthz", () => api.healthz(), {
    timeoutMs: options.startTimeoutMs ?? 60_000,
    intervalMs: 100,
    abortIf: () => node.assertRunning(),
  });
  return { api, process: node, home };
}

/** A development node someone else started: the bench uses its API and its admin key, and never stops it. */
export interface AttachedDevNode {
  readonly api: KexinApi;
  readonly home: string;
}

export interface AttachDevNodeOptions {
  /** The node's home, as given to `kexin init --dev --home`; relative to the working directory. */
  readonly home: string;
  /** Its API, e.g. http://127.0.0.1:7420. */
  readonly url: string;
  readonly requestTimeoutMs?: number;
  /** Bound on waiting for GET /healthz, for a node that is still starting. */
  readonly reachTimeoutMs?: number;
}

/** Checks that `home` holds the dev admin key and that the node at `url` answers, without starting or owning anything. */
export async function attachDevNode(options: AttachDevNodeOptions): Promise<AttachedDevNode> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new UsageError(`--url must be the node's API URL such as http://127.0.0.1:7420, got "${options.url}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--url must be an http or https URL, got "${options.url}"`);
  if (url.pathname !== "/" || url.search !== "" || url.hash !== "") throw new UsageError(`--url is the node's origin only (no path or query), got "${options.url}"`);
  const home = resolve(options.home);
  try {
    await access(join(home, devAdminKeyPath));
  } catch {
    throw new UsageError(`--home ${home} has no ${devAdminKeyPath}; give the home of a node made with "kexin init --dev"`);
  }
  const api = new KexinApi(url.origin, options.requestTimeoutMs ?? 120_000);
  await waitFor(`the node at ${url.origin} to answer GET /healthz`, () => api.healthz(), { timeoutMs: options.reachTimeoutMs ?? 10_000, intervalMs: 200 });
  return { api, home };
}
