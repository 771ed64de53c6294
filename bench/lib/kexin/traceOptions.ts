import { type BenchOptions, type OptionName, flags } from "../options.ts";

/** `--events`: EPCIS events the trace mode puts on chain before it measures lookups. */
export const traceEventsOption = "events" as OptionName;
export const traceEventsDefault = 1_000_000;
/** One cohort of 100 units with 10 lifecycle events each is the smallest load. */
export const traceEventsMin = 1_000;
export const traceEventsMax = 10_000_000;

/**
 * The shared flag table (bench/lib/options.ts) has no `--events`; the trace mode adds it when it is
 * loaded, which main does before it parses the mode's options. Until the option is listed there,
 * this keeps it in one place.
 */
export function registerTraceEventsOption(): void {
  const table = flags as unknown as Record<string, unknown>;
  table["--events"] ??= {
    option: traceEventsOption,
    kind: "integer",
    minimum: traceEventsMin,
    maximum: traceEventsMax,
    help: `trace: EPCIS events to put on chain, a multiple of 10 (default ${traceEventsDefault})`,
  };
}

export function traceEventsOf(options: BenchOptions): number {
  const value = (options as unknown as { readonly events?: number }).events;
  return value ?? traceEventsDefault;
}
