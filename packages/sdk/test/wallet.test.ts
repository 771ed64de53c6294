import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type SuiteId, decodeSignedTx, toHex, verifyTxSignature } from "@kexin/core";
import { SdkError, createWallet, exportKeyFile, importKeyFile, walletFromPrivateKey } from "../src/index.ts";

const body = { chainId: "kexin-test", nonce: 0, module: "points", type: "issue", payload: { to: "ab".repeat(20), amount: 5 }, expiry: 10 };

for (const suiteId of ["intl", "gm"] as const satisfies readonly SuiteId[]) {
  describe(`wallet (${suiteId})`, () => {
    test("default: knows its suite, public key and address", () => {
      const wallet = createWallet(suiteId);
      assert.equal(wallet.suite.id, suiteId);
      assert.equal(wallet.publicKey.length, wallet.suite.publicKeyBytes);
      assert.match(wallet.address, /^[0-9a-f]{40}$/);
    });

    test("behavior: signed transactions verify against the wallet's key", () => {
      const wallet = createWallet(suiteId);
      const signed = wallet.signTx(body);
      const decoded = decodeSignedTx(signed.bytes);
      assert.deepEqual(decoded.signer, wallet.publicKey);
      assert.ok(verifyTxSignature(wallet.suite, decoded));
      assert.deepEqual(signed.hash, wallet.suite.hash(signed.bytes));
    });

    test("behavior: an encrypted key file round trip keeps the key", async () => {
      const wallet = createWallet(suiteId);
      const pem = await exportKeyFile(wallet, "correct horse");
      assert.match(pem, /-----BEGIN [A-Z ]+-----/);
      const imported = await importKeyFile(pem, "correct horse");
      assert.equal(imported.suite.id, suiteId);
      assert.equal(imported.address, wallet.address);
      assert.deepEqual(imported.publicKey, wallet.publicKey);
      assert.ok(verifyTxSignature(wallet.suite, decodeSignedTx(imported.signTx(body).bytes)));
    });

    test("error: wrong passphrase", async () => {
      const pem = await exportKeyFile(createWallet(suiteId), "right");
      await assert.rejects(importKeyFile(pem, "wrong"), (error: Error & { code?: string }) => {
        assert.equal(error.code, "CRYPTO_BAD_PASSPHRASE");
        return true;
      });
    });
  });
}

describe("walletFromPrivateKey", () => {
  test("default: hex and bytes give the same wallet", () => {
    const privateKey = "11".repeat(32);
    const fromHex = walletFromPrivateKey("intl", privateKey);
    const fromBytes = walletFromPrivateKey("intl", new Uint8Array(32).fill(0x11));
    assert.equal(fromHex.address, fromBytes.address);
  });

  test("behavior: the private key is not a property of the wallet", () => {
    const privateKey = "22".repeat(32);
    const wallet = walletFromPrivateKey("intl", privateKey);
    assert.ok(!JSON.stringify({ ...wallet, publicKey: toHex(wallet.publicKey) }).includes(privateKey));
    assert.deepEqual(Object.keys(wallet).sort(), ["address", "publicKey", "signTx", "suite"]);
  });

  test("error: wrong length", () => {
    assert.throws(() => walletFromPrivateKey("intl", "11".repeat(31)), (error: unknown) => error instanceof SdkError && error.code === "SDK_INVALID_PARAMETER");
    assert.throws(() => walletFromPrivateKey("intl", new Uint8Array(33)), /privateKey/);
  });

  test("error: unknown suite", () => {
    assert.throws(() => createWallet("rsa" as SuiteId), /unknown crypto suite "rsa"/);
  });

  test("error: empty passphrase is refused on export", async () => {
    await assert.rejects(exportKeyFile(createWallet("intl"), ""), /passphrase/);
  });
});
