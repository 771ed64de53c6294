import { type CborValue, type CryptoSuite, addressOf, signTx, toHex } from "@kexin/core";
import type { Random } from "./random.ts";

/** A transaction the clients of a run submit. */
export interface LoadTx {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly hash: Uint8Array;
  readonly hashHex: string;
  readonly account: number;
  readonly nonce: number;
  /**
   * valid: signed by a member with its next nonce, so it must be committed;
   * invalid: a node must refuse it and no block may carry it;
   * nonceBreaking: well signed, but its nonce skips some, so no valid block carries it
   * (only Byzantine proposers are handed these).
   */
  readonly kind: "valid" | "invalid" | "nonceBreaking";
}

export interface ClientLoad {
  readonly accountKeys: readonly Uint8Array[];
  readonly accountAddresses: readonly string[];
  readonly txs: readonly LoadTx[];
}

export const simulationChainId = "kexin-sim";
const expiryHeight = 1_000_000;

/**
 * The transactions of a run: a few accounts (members with the merchant role at genesis), each
 * with a run of consecutive nonces issuing and moving points; some invalid ones (bad signature,
 * another chain, expired); and for Byzantine proposers some with broken nonces.
 */
/** A transaction of another module an account sends after its points transactions (staking's, in election runs). */
export interface ExtraCall {
  readonly module: string;
  readonly type: string;
  readonly payload: CborValue;
}

export function createClientLoad(suite: CryptoSuite, random: Random, extraCalls?: (accountAddresses: readonly string[], account: number) => readonly ExtraCall[]): ClientLoad {
  const accountCount = random.integer(2, 4);
  const accountKeys = Array.from({ length: accountCount }, () => random.bytes(32));
  const accountAddresses = accountKeys.map((key) => addressOf(suite, suite.publicKeyOf(key)));
  const txs: LoadTx[] = [];
  const add = (account: number, nonce: number, kind: LoadTx["kind"], bytes: Uint8Array): void => {
    const hash = suite.hash(bytes);
    txs.push({ id: txs.length, bytes, hash, hashHex: toHex(hash), account, nonce, kind });
  };
  const sign = (account: number, nonce: number, chainId = simulationChainId, expiry = expiryHeight): Uint8Array => {
    const amount = random.integer(1, 50);
    const to = accountAddresses[random.integer(0, accountCount - 1)] as string;
    const issue = random.chance(0.6) || to === accountAddresses[account];
    const payload: Record<string, CborValue> = issue ? { to, amount } : { to, program: "merchant", amount };
    const type = issue ? "issue" : "transfer";
    return signTx(suite, accountKeys[account] as Uint8Array, { chainId, nonce, module: "points", type, payload, expiry }).bytes;
  };
  for (let account = 0; account < accountCount; account += 1) {
    const count = random.integer(2, 8);
    const extra = extraCalls?.(accountAddresses, account) ?? [];
    for (let nonce = 0; nonce < count; nonce += 1) add(account, nonce, "valid", sign(account, nonce));
    extra.forEach((call, index) => add(account, count + index, "valid", signTx(suite, accountKeys[account] as Uint8Array, { chainId: simulationChainId, nonce: count + index, ...call, expiry: expiryHeight }).bytes));
    const next = count + extra.length;
    const badSignature = sign(account, next);
    badSignature[badSignature.length - 1] = (badSignature[badSignature.length - 1] as number) ^ 0xff;
    add(account, next, "invalid", badSignature);
    add(account, next, "invalid", sign(account, next, "another-chain"));
    add(account, next + 5, "nonceBreaking", sign(account, next + 5));
  }
  add(0, 0, "invalid", sign(0, 1_000, simulationChainId, 1));
  return { accountKeys, accountAddresses, txs };
}
