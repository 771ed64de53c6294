import assert from "node:assert/strict";
import { TraceError } from "../../src/trace/index.ts";

/** Runs `action`, which must throw a TraceError with `code` whose message mentions every fragment. */
export function expectTraceError(action: () => unknown, code: string, ...fragments: string[]): TraceError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof TraceError, `expected TraceError ${code}, got ${caught instanceof Error ? caught.stack : String(caught)}`);
  assert.equal(caught.code, code, `error code for: ${caught.message}`);
  for (const fragment of fragments) {
    assert.ok(caught.message.includes(fragment), `message ${JSON.stringify(caught.message)} should mention ${JSON.stringify(fragment)}`);
  }
  return caught;
}
