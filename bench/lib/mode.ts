import type { Cleanup } from "./cleanup.ts";
import type { BenchOptions, OptionName } from "./options.ts";
import type { BenchResult } from "./output.ts";

export interface ModeContext {
  readonly options: BenchOptions;
  readonly cleanup: Cleanup;
  /** Absolute path of the repository root (where packages/ and bench/ live). */
  readonly root: string;
}

/** A workload: bench/modes/<name>.ts exports one as `mode`. */
export interface BenchMode {
  readonly summary: string;
  readonly options: readonly OptionName[];
  /** Nodes sharing the machine that each verify every transaction's signature (bft: its validators); the measured limit is divided by it. 1 when absent. */
  readonly verifyingNodes?: number;
  /** Must register every process and temp dir it creates with ctx.cleanup, and read figures such as RSS before returning. */
  run(context: ModeContext): Promise<BenchResult>;
}
