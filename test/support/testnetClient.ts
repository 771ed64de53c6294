import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importEncryptedKeyFile } from "@kexin/core";
import { type KexinClient, type TxCall, type Wallet, walletFromPrivateKey } from "@kexin/sdk";
import type { RunningTestnet } from "./testnet.ts";

/** The wallet of a testnet account from its key file under <dir>/keys (e.g. "bureau-admin", "alice"). */
export function testnetWallet(testnet: RunningTestnet, name: string): Wallet {
  const key = importEncryptedKeyFile(readFileSync(join(testnet.dir, "keys", `${name}.key`), "utf8"), "kexin-dev");
  return walletFromPrivateKey(key.suite, key.privateKey);
}

/** Sends a call through `client`'s node and requires it to commit there within `timeoutMs` and execute successfully. */
export async function commitOk(client: KexinClient, wallet: Wallet, call: TxCall, who: string, timeoutMs: number) {
  const sent = await client.buildAndSend(wallet, call);
  const committed = await client.waitForCommit({ hash: sent.hash, timeoutMs });
  assert.equal(committed.result.status, "ok", `${call.module}.${call.type} by ${who}: ${committed.result.code} ${committed.result.message}`);
  return committed;
}
