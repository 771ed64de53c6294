import type { CborValue } from "@kexin/core";

/** What a transaction asks a module to do; a wallet adds chainId, nonce and expiry and signs it. */
export interface TxCall<Module extends string = string, Type extends string = string, Payload extends CborValue = CborValue> {
  readonly module: Module;
  readonly type: Type;
  readonly payload: Payload;
}
