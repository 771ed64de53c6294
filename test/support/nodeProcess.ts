import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

export const repositoryRoot = new URL("../..", import.meta.url).pathname;
export const kexinBin = join(repositoryRoot, "packages/cli/bin/kexin.js");

/** A free port, and the first of a block of consecutive free ports below the ephemeral range; shared with the benchmarks. */
export { freePort, freePortRange } from "../../bench/lib/port.ts";

/** Whether a process with this id exists (this process may signal it). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Thrown by a waitFor probe when waiting longer cannot help, e.g. because the process it waits for has exited. */
export class WaitAbandoned extends Error {}

/** Polls `probe` until it returns a value; its errors count as "not yet", except WaitAbandoned, which ends the wait at once. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delayMs = 10;
  for (;;) {
    const value = await probe().catch((error: unknown) => {
      if (error instanceof WaitAbandoned) throw error;
      return undefined;
    });
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    delayMs = Math.min(delayMs * 2, 200);
  }
}

export interface NodeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `kexin start --dev` as a separate process and waits until its API answers. `launcher` is
 * a command the node runs under (e.g. `unshare --pid --fork`), which must exit when the node does;
 * `args` are added to the start command.
 */
export async function startNodeProcess(home: string, port: number, timeoutMs = 90_000, launcher: readonly string[] = [], args: readonly string[] = []): Promise<NodeProcess> {
  return startProcessUntilHealthy([...launcher, process.execPath, kexinBin, "start", "--dev", "--home", home, "--api-port", String(port), ...args], port, timeoutMs);
}

/** Runs a command that starts a node with its API on 127.0.0.1:`port`, from the repository root, and waits until the API answers. */
export async function startProcessUntilHealthy(command: readonly string[], port: number, timeoutMs = 90_000): Promise<NodeProcess> {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: repositoryRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (data) => (output += String(data)));
  child.stderr?.on("data", (data) => (output += String(data)));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = async (signal: NodeJS.Signals = "SIGKILL") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  };
  try {
    await waitFor(
      "the node's API to answer",
      async () => {
        if (child.exitCode !== null) throw new WaitAbandoned(`node exited with ${child.exitCode}: ${output}`);
        const response = await fetch(`${url}/healthz`);
        return response.ok ? true : undefined;
      },
      timeoutMs,
    );
  } catch (error) {
    await kill();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- node output ---\n${output}`);
  }
  return { url, child, output: () => output, kill };
}
