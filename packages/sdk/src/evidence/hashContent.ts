import { type CryptoSuite, type SuiteId, toHex } from "@kexin/core";
import { invalidParameter } from "../errors.ts";
import { resolveSuite } from "../wallet/wallet.ts";

/**
 * The hash an anchor records: the chain suite's hash (SHA-256 for intl, SM3 for gm) of the
 * content, as 64 hex digits. Computed where the content is; only the hash is sent.
 */
export function hashContent(suite: CryptoSuite | SuiteId, content: Uint8Array): string {
  if (!(content instanceof Uint8Array)) throw invalidParameter("evidence.hashContent", "content", "must be the content's bytes (a Uint8Array)");
  return toHex(resolveSuite(suite).hash(content));
}
