import { backend } from "#crypto-backend";
import { CryptoError } from "../errors.ts";
import { createGmSuite } from "./gm.ts";
import { createIntlSuite } from "./intl.ts";
import type { CryptoSuite } from "./suite.ts";

export type { CryptoSuite, SuiteId } from "./suite.ts";
export type { IncrementalHash } from "./backend.ts";
export { suiteIds } from "./suite.ts";

/** The suites on this platform's fastest backend: OpenSSL-backed under Node, pure JavaScript in browsers. */
export const intlSuite: CryptoSuite = createIntlSuite(backend);
export const gmSuite: CryptoSuite = createGmSuite(backend);

/** The suite a chain names in its genesis. Throws CryptoError CRYPTO_UNKNOWN_SUITE for any other id. */
export function getSuite(id: string): CryptoSuite {
  if (id === "intl") return intlSuite;
  if (id === "gm") return gmSuite;
  throw new CryptoError({ code: "CRYPTO_UNKNOWN_SUITE", suite: String(id) }, `unknown crypto suite "${String(id)}": expected "intl" or "gm"`);
}
