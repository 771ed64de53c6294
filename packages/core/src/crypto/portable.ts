import { backend } from "#crypto-backend";
import { backend as portableBackend } from "./backend.browser.ts";
import { createGmSuite } from "./gm.ts";
import { gmSuite, intlSuite } from "./index.ts";
import { createIntlSuite } from "./intl.ts";
import type { CryptoSuite } from "./suite.ts";

// Not re-exported by the crypto index: under Node the portable backend (@noble/curves' Ed25519,
// @hpke/*) is only for checking one backend against the other, and loading it with the index cost
// every thread that verifies signatures a few megabytes for nothing.

/** The same suites on @noble/* and sm-crypto-v2 only, whatever the platform; the browser backend is exactly these. */
export const intlSuitePortable: CryptoSuite = backend === portableBackend ? intlSuite : createIntlSuite(portableBackend);
export const gmSuitePortable: CryptoSuite = backend === portableBackend ? gmSuite : createGmSuite(portableBackend);
