// Bundled for Chromium by credentials.test.ts: the parts of @kexin/core a browser verifier uses.
import { createCredentialProof, didKeyVerificationMethod, gmSuite, intlSuite, verifyCredentialOffline, verifyCredentialProof } from "../../packages/core/src/index.ts";

Object.assign(globalThis, { kexinCredentials: { createCredentialProof, didKeyVerificationMethod, gmSuite, intlSuite, verifyCredentialOffline, verifyCredentialProof } });
