// Every script in this repository reads its arguments through this, so that all of them answer
// --help and a mistyped option the same way: the usage, and exit status 2, instead of a stack trace.
import { parseArgs } from "node:util";

export const usageExitCode = 2;

/**
 * node:util's parseArgs (strict) plus -h/--help. On --help prints `usage` to stdout, on an unknown
 * option or a missing value prints what was wrong and `usage` to stderr; both exit 2.
 */
export function parseCommandLine({ usage, options = {}, allowPositionals = false, args = process.argv.slice(2) }) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals, strict: true });
  } catch (error) {
    exitWithUsage(error instanceof Error ? error.message : String(error), usage);
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(usageExitCode);
  }
  delete parsed.values.help;
  return parsed;
}

/** For a script's own checks of its arguments after parsing: the reason and the usage on stderr, exit 2. */
export function exitWithUsage(reason, usage) {
  process.stderr.write(`${reason}\n${usage}\n`);
  process.exit(usageExitCode);
}
