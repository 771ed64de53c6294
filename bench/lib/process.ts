import { type ChildProcess, spawn } from "node:child_process";
import type { Cleanup } from "./cleanup.ts";
import { BenchFailure } from "./errors.ts";
import { TimeoutError, sleep, withTimeout } from "./wait.ts";

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface StartOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Copy the child's output to our stderr, prefixed with its name (never to stdout, which carries the result). */
  readonly echo?: boolean;
  /** How many of the last output lines to keep for error messages. */
  readonly tailLines?: number;
}

const defaultTailLines = 40;
const stopGraceMs = 5_000;
const killWaitMs = 3_000;

/**
 * A child process started in its own process group, so stopping it also stops anything it
 * spawned (a CLI that re-executes itself under a loader, a worker pool).
 */
export class ManagedProcess {
  readonly exited: Promise<ProcessExit>;
  private exitValue: ProcessExit | undefined;
  private readonly tail: string[] = [];
  private readonly lineListeners = new Set<(line: string) => void>();

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    private readonly options: StartOptions,
  ) {
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.exitValue = { code, signal };
        resolve(this.exitValue);
      });
      child.once("error", (error) => {
        this.remember(`[spawn error] ${error.message}`);
        this.exitValue = { code: null, signal: null };
        resolve(this.exitValue);
      });
    });
    this.follow(child.stdout);
    this.follow(child.stderr);
  }

  static start(cleanup: Cleanup, name: string, command: string, args: readonly string[], options: StartOptions = {}): ManagedProcess {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const managed = new ManagedProcess(name, child, options);
    cleanup.add(
      `stop ${name}`,
      async () => {
        await managed.stop();
      },
      () => managed.signalGroup("SIGKILL"),
    );
    return managed;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name} has no process id (it failed to start): ${this.outputTail()}`);
    return this.child.pid;
  }

  get exit(): ProcessExit | undefined {
    return this.exitValue;
  }

  /** Throws if the process has exited; for use inside waits, so a crashed server fails the wait at once. */
  assertRunning(): void {
    if (this.exitValue !== undefined) {
      throw new BenchFailure(`${this.name} exited early (code ${String(this.exitValue.code)}, signal ${String(this.exitValue.signal)}); last output:\n${this.outputTail()}`);
    }
  }

  /**
   * For error paths: a crashed server is first seen as a reset connection, before the child's
   * exit event; waits briefly for that event, then throws the exit (with output) if there was one.
   */
  async assertRunningAfter(graceMs: number): Promise<void> {
    await Promise.race([this.exited, sleep(graceMs)]);
    this.assertRunning();
  }

  outputTail(): string {
    return this.tail.join("\n");
  }

  /** Resolves with the first output line matching `pattern`; fails on timeout or if the process exits first. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    for (const line of this.tail) {
      const match = line.match(pattern);
      if (match !== null) return Promise.resolve(match);
    }
    let listener: ((line: string) => void) | undefined;
    const found = new Promise<RegExpMatchArray>((resolve, reject) => {
      listener = (line) => {
        const match = line.match(pattern);
        if (match !== null) resolve(match);
      };
      this.lineListeners.add(listener);
      void this.exited.then(() => reject(new Error(`${this.name} exited before printing ${String(pattern)}; last output:\n${this.outputTail()}`)));
    });
    return withTimeout(found, timeoutMs, `${this.name} to print ${String(pattern)}`).finally(() => {
      if (listener !== undefined) this.lineListeners.delete(listener);
    });
  }

  /** SIGTERM to the group, then SIGKILL if it has not exited within the grace period. Bounded. */
  async stop(): Promise<ProcessExit | undefined> {
    if (this.exitValue !== undefined || this.child.pid === undefined) return this.exitValue;
    this.signalGroup("SIGTERM");
    try {
      return await withTimeout(this.exited, stopGraceMs, `${this.name} to exit after SIGTERM`);
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
    }
    this.signalGroup("SIGKILL");
    return withTimeout(this.exited, killWaitMs, `${this.name} to exit after SIGKILL`);
  }

  signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      // The negative id addresses the process group the child leads (spawned with detached: true).
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  }

  private follow(stream: NodeJS.ReadableStream | null): void {
    if (stream === null) return;
    let partial = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) this.remember(line);
    });
    stream.on("end", () => {
      if (partial.length > 0) this.remember(partial);
      partial = "";
    });
  }

  private remember(line: string): void {
    this.tail.push(line);
    const tailLines = this.options.tailLines ?? defaultTailLines;
    if (this.tail.length > tailLines) this.tail.splice(0, this.tail.length - tailLines);
    if (this.options.echo === true) process.stderr.write(`[${this.name}] ${line}\n`);
    for (const listener of this.lineListeners) listener(line);
  }
}

/** Runs a command to completion within a bound; throws with its output if it fails or overruns. */
export async function runCommand(
  cleanup: Cleanup,
  name: string,
  command: string,
  args: readonly string[],
  timeoutMs: number,
  options: StartOptions = {},
): Promise<string> {
  const managed = ManagedProcess.start(cleanup, name, command, args, options);
  const exit = await withTimeout(managed.exited, timeoutMs, `${name} to finish`).catch(async (error: unknown) => {
    await managed.stop();
    throw error;
  });
  if (exit.code !== 0) {
    throw new Error(`${name} failed (code ${String(exit.code)}, signal ${String(exit.signal)}); output:\n${managed.outputTail()}`);
  }
  return managed.outputTail();
}
