import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  datashareKeyBatchReleaseAuthorisation,
  datashareSubjectReference,
  fromHex,
  generateEncryptionKeyPair,
  generateSubjectKey,
  keyReleaseBatchContext,
  keyReleaseBatchItemsMax,
  toHex,
  unwrapDataKeys,
} from "@kexin/core";
import { type DatashareChain, propertySchema, startDatashareChain } from "../../node/test/datashare/fixture.ts";
import { type KexinClient, createKexinClient, datashare, walletFromPrivateKey } from "../src/index.ts";
import { rejectionCode as codeOf } from "../../core/test/rejectionCode.ts";

type Result = Awaited<ReturnType<KexinClient["datashare"]["readRecords"]>>[number];
const codeOfResult = (result: Result | undefined) => (result?.status === "failure" ? (result.error as { code?: string }).code : result?.status);

for (const suiteId of ["intl", "gm"] as const) {
  describe(`batch key release on a real ${suiteId} node`, () => {
    let chain: DatashareChain;
    let client: KexinClient;
    let blobDownloads = 0;
    let challengeRequests = 0;
    const wallet = (account: { privateKey: Uint8Array }) => walletFromPrivateKey(suiteId, account.privateKey);
    const head = async () => (await client.getStatus()).height;
    const encryption = { tax: undefined as unknown as ReturnType<typeof generateEncryptionKeyPair>, health: undefined as unknown as ReturnType<typeof generateEncryptionKeyPair> };
    const certificate = (index: number) => ({ owner: `owner ${index}`, address: `北京市东城区景山前街${index}号`, areaSquareMetres: 40 + index });
    const accesses = { bySubject: "", lease: "", permit: "", unheld: "", health: "" };

    const share = async (dataset: string, id: string, index: number, subject: string) => {
      const shared = await client.datashare.shareRecord({ wallet: wallet(chain.clerks.housing), dataset, id, record: certificate(index), subject });
      await chain.commit(chain.clerks.housing, shared.call.type, shared.call.payload);
    };
    const grantTo = async (dataset: string, grantee: { kind: "organisation" | "member"; id: string }, expiresAt: number) => {
      const grant = datashare.grant({ dataset, grantee, purpose: "property tax", expiresAt, accessesMax: 100 });
      await chain.commit(chain.admins.housing, grant.type, grant.payload);
    };

    before(async () => {
      chain = await startDatashareChain({ suite: suiteId, credits: { tax: 100, housing: 0, health: 20 } });
      const countingFetch: typeof fetch = (input, init) => {
        if (String(input).includes("/v1/datashare/blobs/") && (init?.method ?? "GET") === "GET") blobDownloads++;
        if (String(input).endsWith("/v1/datashare/keys/challenge")) challengeRequests++;
        return fetch(input, init);
      };
      client = createKexinClient({ url: chain.chain.url, fetch: countingFetch });
      for (const id of ["housing.property", "housing.lease", "housing.permit"]) {
        const register = datashare.registerDataset({ id, title: { zh: "证书", en: "Certificates" }, recordSchema: propertySchema, classification: "important", price: 1 });
        await chain.commit(chain.admins.housing, register.type, register.payload);
      }
      encryption.tax = generateEncryptionKeyPair(chain.suite);
      encryption.health = generateEncryptionKeyPair(chain.suite);
      await chain.commit(chain.clerks.tax, "register_encryption_key", datashare.registerEncryptionKey({ publicKey: encryption.tax.publicKey }).payload);
      await chain.commit(chain.clerks.health, "register_encryption_key", datashare.registerEncryptionKey({ publicKey: encryption.health.publicKey }).payload);
      const subject = datashareSubjectReference(chain.suite, generateSubjectKey(chain.suite), "11010119900307123x");
      const other = datashareSubjectReference(chain.suite, generateSubjectKey(chain.suite), "110101198001011234");
      for (const index of [1, 2, 3]) await share("housing.property", `a${index}`, index, subject);
      await share("housing.lease", "b1", 4, other);
      await share("housing.permit", "c1", 5, other);
      // Published on chain, but its data key never deposited with this node.
      await chain.commit(chain.clerks.housing, "publish_record", { id: "unheld", dataset: "housing.property", hash: toHex(chain.suite.randomBytes(32)), size: 100, subject: other });
      const far = (await head()) + 1_000;
      await grantTo("housing.property", { kind: "organisation", id: "tax" }, far);
      await grantTo("housing.property", { kind: "organisation", id: "health" }, far);
      await grantTo("housing.lease", { kind: "organisation", id: "tax" }, far);
      accesses.bySubject = (await chain.commit(chain.clerks.tax, "access", { dataset: "housing.property", subject, purpose: "property tax" })).hash;
      accesses.unheld = (await chain.commit(chain.clerks.tax, "access", { record: "unheld", purpose: "property tax" })).hash;
      accesses.health = (await chain.commit(chain.clerks.health, "access", { record: "a1", purpose: "care" })).hash;
      accesses.lease = (await chain.commit(chain.clerks.tax, "access", { record: "b1", purpose: "property tax" })).hash;
      // A grant whose last block holds the access; the revocation and the next block put both grants out of force.
      const expiresAt = (await head()) + 2;
      await grantTo("housing.permit", { kind: "member", id: chain.clerks.tax.address }, expiresAt);
      const permit = await chain.commit(chain.clerks.tax, "access", { record: "c1", purpose: "property tax" });
      assert.equal(permit.height, expiresAt);
      accesses.permit = permit.hash;
      const revoke = datashare.revoke({ dataset: "housing.lease", grantee: { kind: "organisation", id: "tax" } });
      await chain.commit(chain.admins.housing, revoke.type, revoke.payload);
    });
    after(async () => {
      await chain?.close();
    });

    test("default: one request releases the keys of several accesses; each refusal a single release has holds per item, in order, with its code", async () => {
      const reads = [
        { access: accesses.bySubject, record: "a1" },
        { access: toHex(chain.suite.randomBytes(32)), record: "a1" },
        { access: accesses.bySubject, record: "a2" },
        { access: accesses.health, record: "a1" },
        { access: accesses.lease, record: "a1" },
        { access: accesses.lease, record: "b1" },
        { access: accesses.permit, record: "c1" },
        { access: accesses.unheld, record: "unheld" },
        { access: accesses.bySubject, record: "a3" },
      ];
      const results = await client.datashare.readRecords({ wallet: wallet(chain.clerks.tax), encryptionPrivateKey: encryption.tax.privateKey, reads });
      assert.deepEqual(
        results.map(codeOfResult),
        ["success", "DATASHARE_ACCESS_NOT_FOUND", "success", "DATASHARE_ACCESS_NOT_YOURS", "DATASHARE_RECORD_NOT_IN_ACCESS", "DATASHARE_GRANT_REVOKED", "DATASHARE_GRANT_EXPIRED", "DATASHARE_KEY_NOT_HELD", "success"],
      );
      assert.deepEqual(
        results.map((result) => [result.access, result.record]),
        reads.map((read) => [read.access, read.record]),
      );
      const values = results.flatMap((result) => (result.status === "success" ? [result.value] : []));
      assert.deepEqual(values, [certificate(1), certificate(2), certificate(3)]);
      const revoked = results[5];
      assert.equal(revoked?.status === "failure" && (revoked.error as { status?: number }).status, 403, "each refusal carries the status the single route answers");
    });

    test("behavior: the released keys travel in one message that opens only as the released items in their order", async () => {
      const items = [
        { access: accesses.bySubject, record: "a1" },
        { access: accesses.lease, record: "b1" },
        { access: accesses.bySubject, record: "a3" },
      ];
      const answer = await client.datashare.requestDataKeys({ wallet: wallet(chain.clerks.tax), items, encryptionKey: encryption.tax.publicKey });
      const released = answer.items.filter((item) => !("error" in item));
      assert.deepEqual(
        released.map((item) => item.record),
        ["a1", "a3"],
      );
      const wrapped = fromHex(answer.wrappedKeys ?? "");
      const chainId = chain.chain.genesis.chainId;
      const keys = await unwrapDataKeys(chain.suite, encryption.tax.privateKey, wrapped, keyReleaseBatchContext(chainId, released), 2);
      assert.equal(keys.length, 2);
      assert.equal(await codeOf(unwrapDataKeys(chain.suite, encryption.tax.privateKey, wrapped, keyReleaseBatchContext(chainId, [...released].reverse()), 2)), "DATASHARE_WRAPPED_KEY_INVALID");
      assert.equal(await codeOf(unwrapDataKeys(chain.suite, encryption.tax.privateKey, wrapped, keyReleaseBatchContext(chainId, items), 3)), "DATASHARE_WRAPPED_KEY_INVALID");
      assert.equal(await codeOf(unwrapDataKeys(chain.suite, encryption.health.privateKey, wrapped, keyReleaseBatchContext(chainId, released), 2)), "DATASHARE_WRAPPED_KEY_INVALID");
      const none = await client.datashare.requestDataKeys({ wallet: wallet(chain.clerks.tax), items: [{ access: accesses.lease, record: "b1" }], encryptionKey: encryption.tax.publicKey });
      assert.equal(none.wrappedKeys, undefined, "nothing released, nothing wrapped");
    });

    test("behavior: a ciphertext is downloaded once per hash when the reader keeps a cache", async () => {
      const cache = new datashare.EnvelopeCache();
      const reads = ["a1", "a2", "a3", "a1"].map((record) => ({ access: accesses.bySubject, record }));
      const read = () => client.datashare.readRecords({ wallet: wallet(chain.clerks.tax), encryptionPrivateKey: encryption.tax.privateKey, reads, cache });
      const before = blobDownloads;
      assert.deepEqual((await read()).map(codeOfResult), ["success", "success", "success", "success"]);
      assert.equal(blobDownloads - before, 3, "three records, three downloads, the repeated one shared");
      assert.deepEqual((await read()).map(codeOfResult), ["success", "success", "success", "success"]);
      assert.equal(blobDownloads - before, 3, "the second read downloads nothing");
      assert.equal(cache.size, 3);
    });

    test("behavior: an answer's next challenge serves the reader's next request, once; one the node no longer knows, or close to expiry, is replaced by a fresh one", async () => {
      const tax = wallet(chain.clerks.tax);
      const reads = [{ access: accesses.bySubject, record: "a1" }];
      const challenges = new datashare.ChallengePool();
      const read = async (pool: InstanceType<typeof datashare.ChallengePool>) =>
        (await client.datashare.readRecords({ wallet: tax, encryptionPrivateKey: encryption.tax.privateKey, reads, challenges: pool })).map(codeOfResult);
      const before = challengeRequests;
      assert.deepEqual(await read(challenges), ["success"]);
      assert.deepEqual([challengeRequests - before, challenges.size], [1, 1], "the first read asks, and keeps the answer's next challenge");
      assert.deepEqual(await read(challenges), ["success"]);
      assert.deepEqual([challengeRequests - before, challenges.size], [1, 1], "the second read asks for none");

      const answer = await client.datashare.requestDataKeys({ wallet: tax, items: reads, encryptionKey: encryption.tax.publicKey });
      const next = answer.nextChallenge?.challenge ?? "";
      const signed = toHex(tax.signTx({ chainId: chain.chain.genesis.chainId, nonce: 0, ...datashareKeyBatchReleaseAuthorisation, payload: { items: reads, encryptionKey: toHex(encryption.tax.publicKey), challenge: next }, expiry: 0 }).bytes);
      const post = async () => (await fetch(`${chain.chain.url}/v1/datashare/keys/release-batch`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ request: signed }), signal: AbortSignal.timeout(10_000) })).status;
      assert.deepEqual([await post(), await post()], [200, 401], "a next challenge is accepted once, like an asked one");

      const unknown = new datashare.ChallengePool();
      unknown.keep({ challenge: "00".repeat(32), expiresInMs: 60_000 });
      const beforeUnknown = challengeRequests;
      assert.deepEqual(await read(unknown), ["success"]);
      assert.equal(challengeRequests - beforeUnknown, 1, "refused as unknown, the read asked for a fresh one");

      let nowMs = 0;
      const ageing = new datashare.ChallengePool(() => nowMs);
      assert.deepEqual(await read(ageing), ["success"]);
      nowMs += 59_000;
      const beforeOld = challengeRequests;
      assert.deepEqual(await read(ageing), ["success"]);
      assert.equal(challengeRequests - beforeOld, 1, "a challenge about to expire is not sent");
    });

    test("error: the whole request is refused for another encryption key, a replayed or forged request, or too many items", async () => {
      const tax = wallet(chain.clerks.tax);
      const items = [{ access: accesses.bySubject, record: "a1" }];
      assert.equal(await codeOf(client.datashare.requestDataKeys({ wallet: tax, items, encryptionKey: encryption.health.publicKey })), "DATASHARE_KEY_MISMATCH");
      assert.equal(
        await codeOf(client.datashare.readRecords({ wallet: wallet(chain.clerks.housing), encryptionPrivateKey: encryption.tax.privateKey, reads: items })),
        "DATASHARE_NO_ENCRYPTION_KEY",
      );
      assert.equal(await codeOf(Promise.resolve().then(() => client.datashare.requestDataKeys({ wallet: tax, items: [], encryptionKey: encryption.tax.publicKey }))), "SDK_INVALID_PARAMETER");
      const post = async (path: string, body: unknown) => {
        const response = await fetch(`${chain.chain.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
        return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
      };
      const signRequest = (challenge: string, requestItems: readonly { access: string; record: string }[]) =>
        toHex(
          tax.signTx({ chainId: chain.chain.genesis.chainId, nonce: 0, ...datashareKeyBatchReleaseAuthorisation, payload: { items: requestItems, encryptionKey: toHex(encryption.tax.publicKey), challenge }, expiry: 0 })
            .bytes,
        );
      const challenge = async () => ((await post("/v1/datashare/keys/challenge", {})).body as unknown as { challenge: string }).challenge;
      const request = signRequest(await challenge(), items);
      assert.equal((await post("/v1/datashare/keys/release-batch", { request })).status, 200);
      const replayed = await post("/v1/datashare/keys/release-batch", { request });
      assert.deepEqual([replayed.status, replayed.body.error?.code], [401, "DATASHARE_CHALLENGE_UNKNOWN"]);
      const forged = request.slice(0, -8) + (request.endsWith("00000000") ? "11111111" : "00000000");
      assert.equal((await post("/v1/datashare/keys/release-batch", { request: forged })).body.error?.code, "DATASHARE_REQUEST_UNAUTHORISED");
      const tooMany = Array.from({ length: keyReleaseBatchItemsMax + 1 }, () => items[0] as { access: string; record: string });
      const refused = await post("/v1/datashare/keys/release-batch", { request: signRequest(await challenge(), tooMany) });
      assert.deepEqual([refused.status, refused.body.error?.code], [401, "DATASHARE_REQUEST_UNAUTHORISED"]);
      const most = Array.from({ length: keyReleaseBatchItemsMax }, () => items[0] as { access: string; record: string });
      const full = await post("/v1/datashare/keys/release-batch", { request: signRequest(await challenge(), most) });
      assert.equal(full.status, 200, "the largest batch fits the request's bound");
    });

    test("behavior: readRecord is a batch of one and throws its refusal", async () => {
      const tax = wallet(chain.clerks.tax);
      assert.deepEqual((await client.datashare.readRecord({ wallet: tax, encryptionPrivateKey: encryption.tax.privateKey, access: accesses.bySubject, record: "a2" })).value, certificate(2));
      assert.equal(await codeOf(client.datashare.readRecord({ wallet: tax, encryptionPrivateKey: encryption.tax.privateKey, access: accesses.lease, record: "b1" })), "DATASHARE_GRANT_REVOKED");
    });
  });
}
