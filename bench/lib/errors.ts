/** A mistake in how the bench was invoked: main prints the usage and exits with status 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** The benchmark ran but its result cannot be trusted (refused or lost transactions, a peer misbehaving). */
export class BenchFailure extends Error {
  override readonly name = "BenchFailure";
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
