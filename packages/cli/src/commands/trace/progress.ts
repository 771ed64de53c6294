import type { CliContext, GlobalOptions } from "../../context.ts";

/** Draws `done/total` on one line of a terminal, or a line now and then when stderr is a file or pipe. */
export function progressReporter(context: CliContext, globals: GlobalOptions, total: number, label: (done: number) => string): { update(done: number): void; finish(): void } {
  const terminal = (context.stderr as { isTTY?: boolean }).isTTY === true;
  const width = 24;
  let lastPrinted = -1;
  return {
    update(done) {
      if (globals.json) return;
      if (terminal) {
        const filled = total === 0 ? width : Math.round((done / total) * width);
        context.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${label(done)}`);
        return;
      }
      // Every tenth of the way, so a log of a large import stays short.
      const step = Math.max(1, Math.floor(total / 10));
      if (done === total || done - lastPrinted >= step) {
        context.stderr.write(`  ${label(done)}\n`);
        lastPrinted = done;
      }
    },
    finish() {
      if (!globals.json && terminal) context.stderr.write("\n");
    },
  };
}
