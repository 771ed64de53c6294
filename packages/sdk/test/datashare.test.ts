import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { datashareKeyReleaseAuthorisation, datashareSubjectReference, fromHex, generateEncryptionKeyPair, generateSubjectKey, keyReleaseContext, toHex, unwrapDataKey } from "@kexin/core";
import { type DatashareChain, failedWith, propertySchema, startDatashareChain } from "../../node/test/datashare/fixture.ts";
import { type KexinClient, createKexinClient, datashare, walletFromPrivateKey } from "../src/index.ts";
import { rejectionCode as codeOf } from "../../core/test/rejectionCode.ts";

for (const suiteId of ["intl", "gm"] as const) {
  describe(`datashare on a real ${suiteId} node`, () => {
    let chain: DatashareChain;
    let client: KexinClient;
    const certificate = { owner: "张三", address: "北京市东城区景山前街4号", areaSquareMetres: 88.5 };
    let subject: string;
    let accessHash: string;
    const encryption = { tax: undefined as unknown as ReturnType<typeof generateEncryptionKeyPair>, health: undefined as unknown as ReturnType<typeof generateEncryptionKeyPair> };
    const wallet = (account: { privateKey: Uint8Array }) => walletFromPrivateKey(suiteId, account.privateKey);
    const head = async () => (await client.getStatus()).height;

    before(async () => {
      chain = await startDatashareChain({ suite: suiteId, credits: { tax: 100, housing: 50, health: 20 } });
      client = createKexinClient({ url: chain.chain.url });
      const register = datashare.registerDataset({ id: "housing.property", title: { zh: "不动产权证书", en: "Property certificates" }, recordSchema: propertySchema, classification: "important", price: 5 });
      await chain.commit(chain.admins.housing, register.type, register.payload);
      encryption.tax = generateEncryptionKeyPair(chain.suite);
      encryption.health = generateEncryptionKeyPair(chain.suite);
      await chain.commit(chain.clerks.tax, "register_encryption_key", datashare.registerEncryptionKey({ publicKey: encryption.tax.publicKey }).payload);
      await chain.commit(chain.clerks.health, "register_encryption_key", datashare.registerEncryptionKey({ publicKey: encryption.health.publicKey }).payload);
      subject = datashareSubjectReference(chain.suite, generateSubjectKey(chain.suite), "11010119900307123x");
    });
    after(async () => {
      await chain?.close();
    });

    test("default: publish → grant → access → the requester decrypts the record", async () => {
      const shared = await client.datashare.shareRecord({ wallet: wallet(chain.clerks.housing), dataset: "housing.property", id: `cert-${suiteId}-1`, record: certificate, subject });
      await chain.commit(chain.clerks.housing, shared.call.type, shared.call.payload);
      const grant = datashare.grant({ dataset: "housing.property", grantee: { kind: "organisation", id: "tax" }, purpose: "property tax", expiresAt: (await head()) + 1_000, accessesMax: 10 });
      await chain.commit(chain.admins.housing, grant.type, grant.payload);
      const accessed = await chain.commit(chain.clerks.tax, "access", datashare.access({ dataset: "housing.property", subject, purpose: "property tax" }).payload);
      accessHash = accessed.hash;
      const read = await client.datashare.readRecord({ wallet: wallet(chain.clerks.tax), encryptionPrivateKey: encryption.tax.privateKey, access: accessHash, record: `cert-${suiteId}-1` });
      assert.deepEqual(read.value, certificate);
      assert.equal(read.hash, shared.hash);
      const [audited] = (await client.datashare.getAccesses({ dataset: "housing.property" })).accesses;
      assert.deepEqual([audited?.tx, audited?.requester, audited?.purpose, audited?.records], [accessHash, chain.clerks.tax.address, "property tax", [`cert-${suiteId}-1`]]);
      const published = await client.datashare.getRecord({ id: `cert-${suiteId}-1` });
      assert.equal(published.subject, subject);
      assert.notEqual(published.subject, toHex(chain.suite.hash(new TextEncoder().encode("11010119900307123X"))), "the reference is not the plain hash of the ID number");
    });

    test("error: key release refuses no access transaction, someone else's access, another record, and a key other than the registered one", async () => {
      const record = `cert-${suiteId}-1`;
      assert.equal(await codeOf(client.datashare.requestDataKey({ wallet: wallet(chain.clerks.tax), access: toHex(chain.suite.randomBytes(32)), record, encryptionKey: encryption.tax.publicKey })), "DATASHARE_ACCESS_NOT_FOUND");
      assert.equal(await codeOf(client.datashare.requestDataKey({ wallet: wallet(chain.clerks.health), access: accessHash, record, encryptionKey: encryption.health.publicKey })), "DATASHARE_ACCESS_NOT_YOURS");
      assert.equal(await codeOf(client.datashare.requestDataKey({ wallet: wallet(chain.clerks.tax), access: accessHash, record: "cert-other", encryptionKey: encryption.tax.publicKey })), "DATASHARE_RECORD_NOT_IN_ACCESS");
      assert.equal(await codeOf(client.datashare.requestDataKey({ wallet: wallet(chain.clerks.tax), access: accessHash, record, encryptionKey: encryption.health.publicKey })), "DATASHARE_KEY_MISMATCH");
      // The released key opens only with the registered key's private half, and only for this access and record.
      const released = await client.datashare.requestDataKey({ wallet: wallet(chain.clerks.tax), access: accessHash, record, encryptionKey: encryption.tax.publicKey });
      const wrapped = fromHex(released.wrappedKey);
      const context = keyReleaseContext(chain.chain.genesis.chainId, accessHash, record);
      assert.equal((await unwrapDataKey(chain.suite, encryption.tax.privateKey, wrapped, context)).length, chain.suite.sealKeyBytes);
      assert.equal(await codeOf(unwrapDataKey(chain.suite, encryption.health.privateKey, wrapped, context)), "DATASHARE_WRAPPED_KEY_INVALID");
      assert.equal(await codeOf(unwrapDataKey(chain.suite, encryption.tax.privateKey, wrapped, keyReleaseContext(chain.chain.genesis.chainId, accessHash, "cert-other"))), "DATASHARE_WRAPPED_KEY_INVALID");
    });

    test("error: a signed release request is answered once; sent again, or with a challenge the node never issued, it is refused", async () => {
      const post = async (path: string, body: unknown) => {
        const response = await fetch(`${chain.chain.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
        return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
      };
      const signRequest = (challenge: string) =>
        toHex(
          wallet(chain.clerks.tax).signTx({
            chainId: chain.chain.genesis.chainId,
            nonce: 0,
            ...datashareKeyReleaseAuthorisation,
            payload: { access: accessHash, record: `cert-${suiteId}-1`, encryptionKey: toHex(encryption.tax.publicKey), challenge },
            expiry: 0,
          }).bytes,
        );
      const { challenge } = (await post("/v1/datashare/keys/challenge", {})).body as unknown as { challenge: string };
      const request = signRequest(challenge);
      assert.equal((await post("/v1/datashare/keys/release", { request })).status, 200);
      const replayed = await post("/v1/datashare/keys/release", { request });
      assert.deepEqual([replayed.status, replayed.body.error?.code], [401, "DATASHARE_CHALLENGE_UNKNOWN"]);
      const invented = await post("/v1/datashare/keys/release", { request: signRequest(toHex(chain.suite.randomBytes(32))) });
      assert.equal(invented.body.error?.code, "DATASHARE_CHALLENGE_UNKNOWN");
      const forged = request.slice(0, -8) + (request.endsWith("00000000") ? "11111111" : "00000000");
      assert.equal((await post("/v1/datashare/keys/release", { request: forged })).body.error?.code, "DATASHARE_REQUEST_UNAUTHORISED");
    });

    test("error: a record that fails its schema is refused before anything is sent; a ciphertext other than the published one is refused", async () => {
      const nonce = await chain.nonce(chain.clerks.housing);
      const invalid = client.datashare.shareRecord({ wallet: wallet(chain.clerks.housing), dataset: "housing.property", id: `cert-${suiteId}-bad`, record: { owner: "李四", areaSquareMetres: -3 }, subject });
      assert.equal(await codeOf(invalid), "DATASHARE_RECORD_INVALID");
      const again = client.datashare.shareRecord({ wallet: wallet(chain.clerks.housing), dataset: "housing.property", id: `cert-${suiteId}-1`, record: certificate, subject });
      assert.equal(await codeOf(again), "DATASHARE_CIPHERTEXT_MISMATCH", "a second ciphertext for a published record is not accepted");
      assert.equal(await chain.nonce(chain.clerks.housing), nonce, "nothing was committed");
      assert.equal((await client.datashare.getRecords({ dataset: "housing.property" })).records.length, 1);
    });

    test("behavior: an access in a grant's last block obtains its key; once the chain is past the expiry the node releases none", async () => {
      const record = `cert-${suiteId}-1`;
      const expiresAt = (await head()) + 2;
      const grant = datashare.grant({ dataset: "housing.property", grantee: { kind: "member", id: chain.clerks.health.address }, purpose: "care", expiresAt, accessesMax: 1 });
      await chain.commit(chain.admins.housing, grant.type, grant.payload);
      const last = await chain.commit(chain.clerks.health, "access", { record, purpose: "care" });
      assert.equal(last.height, expiresAt, "the access is in the grant's last block (a solo chain makes one block per transaction here)");
      const read = () => client.datashare.readRecord({ wallet: wallet(chain.clerks.health), encryptionPrivateKey: encryption.health.privateKey, access: last.hash, record });
      assert.deepEqual((await read()).value, certificate);
      await chain.commit(chain.clerks.tax, "register_encryption_key", datashare.registerEncryptionKey({ publicKey: encryption.tax.publicKey }).payload);
      assert.equal(await codeOf(read()), "DATASHARE_GRANT_EXPIRED");
    });

    test("error: an encryption key that is not one of the suite is refused at execution, spending only the nonce", async () => {
      const bad = suiteId === "gm" ? `04${"11".repeat(64)}` : "00".repeat(32);
      const refused = await chain.send(chain.clerks.housing, "register_encryption_key", { publicKey: bad });
      assert.ok(failedWith(refused, "DATASHARE_ENCRYPTION_KEY_INVALID"), JSON.stringify(refused));
      assert.equal(await codeOf(client.datashare.getEncryptionKey({ address: chain.clerks.housing.address })), "NOT_FOUND");
    });

    test("behavior: after revocation the next access fails and the owner's node releases no key, even for an earlier access", async () => {
      const revoke = datashare.revoke({ dataset: "housing.property", grantee: { kind: "organisation", id: "tax" } });
      await chain.commit(chain.admins.housing, revoke.type, revoke.payload);
      const refused = await chain.send(chain.clerks.tax, "access", { record: `cert-${suiteId}-1`, purpose: "property tax" });
      assert.ok(failedWith(refused, "DATASHARE_GRANT_REVOKED"), JSON.stringify(refused));
      const record = `cert-${suiteId}-1`;
      assert.equal(await codeOf(client.datashare.readRecord({ wallet: wallet(chain.clerks.tax), encryptionPrivateKey: encryption.tax.privateKey, access: accessHash, record })), "DATASHARE_GRANT_REVOKED");
      const refusedAccess = refused.stage === "committed" ? refused.hash : "";
      assert.equal(await codeOf(client.datashare.requestDataKey({ wallet: wallet(chain.clerks.tax), access: refusedAccess, record, encryptionKey: encryption.tax.publicKey })), "DATASHARE_ACCESS_NOT_FOUND");
      const credits = await Promise.all(["tax", "housing", "health"].map(async (organisation) => (await client.datashare.getCredits({ organisation })).balance));
      assert.equal(credits.reduce((sum, balance) => sum + balance, 0), Object.values(chain.credits).reduce((sum, balance) => sum + balance, 0));
    });
  });
}
