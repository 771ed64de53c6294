import assert from "node:assert/strict";
import { utf8 } from "../../src/bytes.ts";
import { type CryptoSuite, getSuite } from "../../src/crypto/index.ts";
import type { KexinError } from "../../src/errors.ts";

export const suites: CryptoSuite[] = [getSuite("intl"), getSuite("gm")];

/** Stand-ins for the hashes of recorded video chunks. */
export function chunkHashesOf(suite: CryptoSuite, count: number, label = "chunk"): Uint8Array[] {
  return Array.from({ length: count }, (_, index) => suite.hash(utf8(`${label} ${index}`)));
}

/** Asserts that `run` throws an instance of `errorClass` whose type matches every field of `expected`. */
export function throwsKexinError<T extends { code: string }>(
  run: () => unknown,
  errorClass: abstract new (...parameters: never[]) => KexinError<T>,
  expected: Partial<T> & { code: T["code"] },
  message: string,
): void {
  assert.throws(
    run,
    (error: unknown) => {
      assert.ok(error instanceof errorClass, `${message}: expected ${errorClass.name}, got ${String(error)}`);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual((error.type as Record<string, unknown>)[key], value, `${message}: type.${key}`);
      }
      return true;
    },
    message,
  );
}
