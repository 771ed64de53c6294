import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errorMessage } from "./errors.ts";
import { log } from "./output.ts";

interface CleanupStep {
  readonly name: string;
  readonly run: () => Promise<void> | void;
  /** Synchronous last resort for process exit, when nothing asynchronous can run any more. */
  readonly runSync?: () => void;
}

/**
 * Everything a benchmark starts (processes, temporary directories, sockets) registers how to
 * undo it here, at the moment it is created. main runs the steps in reverse order in a finally
 * block and on SIGINT/SIGTERM, so no failure path can leak a node or a temp dir.
 */
export class Cleanup {
  private readonly steps: CleanupStep[] = [];
  private running: Promise<void> | undefined;

  add(name: string, run: () => Promise<void> | void, runSync?: () => void): () => Promise<void> {
    const step: CleanupStep = runSync === undefined ? { name, run } : { name, run, runSync };
    this.steps.push(step);
    // Lets the owner release early (e.g. stop a peer before the summary); the step then leaves the stack.
    return async () => {
      const index = this.steps.indexOf(step);
      if (index < 0) return;
      this.steps.splice(index, 1);
      await step.run();
    };
  }

  /** Runs every remaining step, newest first; a failing step is logged and does not stop the others. */
  run(): Promise<void> {
    this.running ??= (async () => {
      while (this.steps.length > 0) {
        const step = this.steps.pop() as CleanupStep;
        try {
          await step.run();
        } catch (error) {
          log(`cleanup step "${step.name}" failed: ${errorMessage(error)}`);
        }
      }
    })();
    return this.running;
  }

  /** For process "exit": only synchronous work is possible there. */
  runSync(): void {
    while (this.steps.length > 0) {
      const step = this.steps.pop() as CleanupStep;
      try {
        step.runSync?.();
      } catch {
        // Exiting anyway; nothing useful can be done with the error.
      }
    }
  }
}

/** A fresh directory under the system temp dir, removed by the cleanup even on failure or SIGINT. */
export async function temporaryDirectory(cleanup: Cleanup, prefix: string): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  cleanup.add(`remove ${path}`, () => rm(path, { recursive: true, force: true, maxRetries: 3 }));
  return path;
}
