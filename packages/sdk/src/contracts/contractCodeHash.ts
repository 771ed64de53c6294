import { type CryptoSuite, type SuiteId, toHex, utf8 } from "@kexin/core";
import { invalidParameter } from "../errors.ts";
import { resolveSuite } from "../wallet/wallet.ts";

/** A bundled contract module as the chain stores it: the UTF-8 bytes of its text. */
export function contractCodeBytes(code: string | Uint8Array): Uint8Array {
  if (typeof code === "string") return utf8(code);
  if (code instanceof Uint8Array) return code;
  throw invalidParameter("contracts", "code", "must be the bundled module's text or its UTF-8 bytes");
}

/** The code hash a proposal carries and the chain checks: the chain suite's hash (SHA-256 on intl, SM3 on gm) of the code's bytes. */
export function contractCodeHash(suite: CryptoSuite | SuiteId, code: string | Uint8Array): Uint8Array {
  return resolveSuite(suite).hash(contractCodeBytes(code));
}

export function contractCodeHashHex(suite: CryptoSuite | SuiteId, code: string | Uint8Array): string {
  return toHex(contractCodeHash(suite, code));
}
