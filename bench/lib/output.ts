/**
 * Benchmarks talk to two audiences: people watch progress on stderr, and programs read the
 * result from the last line of stdout. Nothing but that final JSON object goes to stdout.
 */

export type ResultValue = string | number | boolean | null | readonly number[];
export type BenchResult = { readonly [field: string]: ResultValue };

export function log(message: string, fields?: { readonly [key: string]: ResultValue }): void {
  const suffix = fields === undefined ? "" : ` ${JSON.stringify(fields)}`;
  process.stderr.write(`[bench] ${message}${suffix}\n`);
}

export function printResult(result: BenchResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Rounds a figure for the report so runs can be diffed by eye; never used on inputs to other figures. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
