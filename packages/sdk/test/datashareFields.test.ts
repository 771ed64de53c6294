import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  datashareSubjectReference,
  decodeSealedRecord,
  fromHex,
  generateEncryptionKeyPair,
  generateSubjectKey,
  getSuite,
  keyReleaseBatchContext,
  keyReleaseContext,
  datashareBlobUploadAuthorisation,
  openRecordFields,
  sealContent,
  sealRecordFields,
  unwrapDataKey,
  unwrapDataKeys,
} from "@kexin/core";
import { type DatashareChain, propertySchema, startDatashareChain } from "../../node/test/datashare/fixture.ts";
import { uploadEnvelope } from "../src/blobs/index.ts";
import { type KexinClient, createKexinClient, datashare, walletFromPrivateKey } from "../src/index.ts";
import { rejectionCode as codeOf, thrownCode } from "../../core/test/rejectionCode.ts";

for (const suiteId of ["intl", "gm"] as const) {
  describe(`field grants on a real ${suiteId} node`, () => {
    let chain: DatashareChain;
    let client: KexinClient;
    let chainId: string;
    const records = {
      whole: { owner: "张三", address: "北京市东城区景山前街4号", areaSquareMetres: 88.5 },
      noArea: { owner: "李四", address: "北京市西城区西长安街1号" },
    };
    const ids = { whole: `f-${suiteId}-1`, noArea: `f-${suiteId}-2` };
    const hashes: Record<string, string> = {};
    const encryption = { tax: undefined as unknown as ReturnType<typeof generateEncryptionKeyPair>, health: undefined as unknown as ReturnType<typeof generateEncryptionKeyPair> };
    const wallet = (account: { privateKey: Uint8Array }) => walletFromPrivateKey(suiteId, account.privateKey);
    const accessOf = async (account: { privateKey: Uint8Array; address: string }, record: string) =>
      (await chain.commit(account as Parameters<DatashareChain["commit"]>[0], "access", datashare.access({ record, purpose: "property tax" }).payload)).hash;
    const grantTax = async (fields: string[]) => {
      const expiresAt = (await client.getStatus()).height + 1_000;
      const grant = datashare.grant({ dataset: "housing.property", grantee: { kind: "organisation", id: "tax" }, fields, purpose: "property tax", expiresAt, accessesMax: 10 });
      await chain.commit(chain.admins.housing, grant.type, grant.payload);
    };
    const ciphertextOf = async (hash: string) => new Uint8Array(await (await fetch(`${chain.chain.url}/v1/datashare/blobs/${hash}`, { signal: AbortSignal.timeout(10_000) })).arrayBuffer());

    before(async () => {
      chain = await startDatashareChain({ suite: suiteId, credits: { tax: 100, housing: 50, health: 20 } });
      client = createKexinClient({ url: chain.chain.url });
      chainId = (await client.getStatus()).chainId;
      const register = datashare.registerDataset({ id: "housing.property", title: { zh: "不动产权证书", en: "Property certificates" }, recordSchema: propertySchema, classification: "important", price: 1 });
      await chain.commit(chain.admins.housing, register.type, register.payload);
      encryption.tax = generateEncryptionKeyPair(chain.suite);
      encryption.health = generateEncryptionKeyPair(chain.suite);
      await chain.commit(chain.clerks.tax, "register_encryption_key", datashare.registerEncryptionKey({ publicKey: encryption.tax.publicKey }).payload);
      await chain.commit(chain.clerks.health, "register_encryption_key", datashare.registerEncryptionKey({ publicKey: encryption.health.publicKey }).payload);
      const subject = datashareSubjectReference(chain.suite, generateSubjectKey(chain.suite), "11010119900307123x");
      for (const name of ["whole", "noArea"] as const) {
        const shared = await client.datashare.shareRecord({ wallet: wallet(chain.clerks.housing), dataset: "housing.property", id: ids[name], record: records[name], subject });
        await chain.commit(chain.clerks.housing, shared.call.type, shared.call.payload);
        hashes[ids[name]] = shared.hash;
      }
      // Named out of order: the grant keeps them sorted, the order their keys are released in.
      await grantTax(["owner", "areaSquareMetres"]);
      const expiresAt = (await client.getStatus()).height + 1_000;
      const whole = datashare.grant({ dataset: "housing.property", grantee: { kind: "member", id: chain.clerks.health.address }, purpose: "health checks", expiresAt, accessesMax: 10 });
      await chain.commit(chain.admins.housing, whole.type, whole.payload);
    });
    after(async () => {
      await chain?.close();
    });

    test("default: under a field grant the node releases those fields' keys only, the access records them, and no released key opens another field", async () => {
      const access = await accessOf(chain.clerks.tax, ids.whole);
      const [audited] = (await client.datashare.getAccesses({ requester: chain.clerks.tax.address })).accesses;
      assert.deepEqual(audited?.kind === "access" ? audited.fields : undefined, ["areaSquareMetres", "owner"]);
      assert.deepEqual((await client.datashare.getGrants({ dataset: "housing.property" })).grants[0]?.fields, ["areaSquareMetres", "owner"]);

      const released = await client.datashare.requestDataKey({ wallet: wallet(chain.clerks.tax), access, record: ids.whole, encryptionKey: encryption.tax.publicKey });
      assert.deepEqual(released.fields, ["areaSquareMetres", "owner"]);
      const wrapped = fromHex(released.wrappedKey);
      assert.equal(await codeOf(unwrapDataKey(chain.suite, encryption.tax.privateKey, wrapped, keyReleaseContext(chainId, access, ids.whole))), "DATASHARE_WRAPPED_KEY_INVALID", "not passed off as the data key");
      const keys = await unwrapDataKeys(chain.suite, encryption.tax.privateKey, wrapped, keyReleaseContext(chainId, access, ids.whole, released.fields), 2);

      const ciphertext = await ciphertextOf(released.hash);
      assert.deepEqual(decodeSealedRecord(ciphertext).fields.map((field) => field.name), ["address", "areaSquareMetres", "owner"]);
      // Every released key tried on every field, and as the record's data key: each opens its own field and nothing else.
      for (const [index, key] of keys.entries()) {
        for (const field of ["address", "areaSquareMetres", "owner"]) {
          const attempt = () => openRecordFields(chain.suite, ids.whole, ciphertext, { fieldKeys: new Map([[field, key]]) });
          if (field === released.fields[index]) assert.deepEqual(attempt().fields, [field]);
          else assert.equal(thrownCode(attempt), "DATASHARE_FIELD_OPEN_FAILED", `the key of ${released.fields[index]} does not open ${field}`);
        }
        assert.equal(thrownCode(() => openRecordFields(chain.suite, ids.whole, ciphertext, { dataKey: key })), "DATASHARE_FIELD_OPEN_FAILED");
      }

      const read = await client.datashare.readRecord({ wallet: wallet(chain.clerks.tax), encryptionPrivateKey: encryption.tax.privateKey, access, record: ids.whole });
      assert.deepEqual(read.value, { areaSquareMetres: 88.5, owner: "张三" });
      assert.deepEqual([read.fields, read.grantedFields, read.withheldFields], [["areaSquareMetres", "owner"], ["areaSquareMetres", "owner"], ["address"]]);
    });

    test("behavior: a batch mixes whole and field releases: each record opens with what its access covers", async () => {
      const taxAccess = await accessOf(chain.clerks.tax, ids.noArea);
      const healthAccess = await accessOf(chain.clerks.health, ids.noArea);
      const answer = await client.datashare.requestDataKeys({ wallet: wallet(chain.clerks.tax), items: [{ access: taxAccess, record: ids.noArea }], encryptionKey: encryption.tax.publicKey });
      const [item] = answer.items;
      assert.ok(item !== undefined && !("error" in item));
      assert.deepEqual(item.fields, ["areaSquareMetres", "owner"]);
      const released = [{ access: taxAccess, record: ids.noArea, fields: item.fields }];
      await unwrapDataKeys(chain.suite, encryption.tax.privateKey, fromHex(answer.wrappedKeys as string), keyReleaseBatchContext(chainId, released), 2);
      assert.equal(
        await codeOf(unwrapDataKeys(chain.suite, encryption.tax.privateKey, fromHex(answer.wrappedKeys as string), keyReleaseBatchContext(chainId, [{ access: taxAccess, record: ids.noArea }]), 1)),
        "DATASHARE_WRAPPED_KEY_INVALID",
      );
      const [taxRead] = await client.datashare.readRecords({ wallet: wallet(chain.clerks.tax), encryptionPrivateKey: encryption.tax.privateKey, reads: [{ access: taxAccess, record: ids.noArea }] });
      assert.ok(taxRead?.status === "success", String(taxRead?.status === "failure" ? taxRead.error : ""));
      // The record has no area: only its owner is read, its address withheld.
      assert.deepEqual([taxRead.value, taxRead.fields, taxRead.withheldFields], [{ owner: "李四" }, ["owner"], ["address"]]);
      const healthReads = await client.datashare.readRecords({
        wallet: wallet(chain.clerks.health),
        encryptionPrivateKey: encryption.health.privateKey,
        reads: [
          { access: healthAccess, record: ids.noArea },
          { access: await accessOf(chain.clerks.health, ids.whole), record: ids.whole },
        ],
      });
      assert.deepEqual(
        healthReads.map((result) => (result.status === "success" ? [result.value, result.grantedFields, result.withheldFields] : result.error.message)),
        [
          [records.noArea, undefined, []],
          [records.whole, undefined, []],
        ],
        "a whole grant still opens every field",
      );
    });

    test("behavior: a release covers the fields of the grant at the access's height, not of a later grant", async () => {
      const earlier = await accessOf(chain.clerks.tax, ids.whole);
      await grantTax(["address"]);
      const later = await accessOf(chain.clerks.tax, ids.whole);
      const results = await client.datashare.readRecords({
        wallet: wallet(chain.clerks.tax),
        encryptionPrivateKey: encryption.tax.privateKey,
        reads: [
          { access: earlier, record: ids.whole },
          { access: later, record: ids.whole },
        ],
      });
      assert.deepEqual(
        results.map((result) => (result.status === "success" ? result.value : result.error.message)),
        [{ areaSquareMetres: 88.5, owner: "张三" }, { address: records.whole.address }],
      );
      assert.equal(results[0]?.status === "success" ? results[0].hash : "", hashes[ids.whole]);
    });

    test("error: the owner's node keeps sealed records only: an evidence envelope, or a record of the other suite's cipher, is refused at upload (DATASHARE_BLOB_NOT_SEALED)", async () => {
      const upload = (envelope: Uint8Array) =>
        uploadEnvelope(client, { service: "datashare", authorisation: datashareBlobUploadAuthorisation, context: "test", envelope, wallet: wallet(chain.clerks.housing), chainId });
      assert.equal(await codeOf(upload(sealContent(chain.suite, new TextEncoder().encode(JSON.stringify(records.whole))).envelope)), "DATASHARE_BLOB_NOT_SEALED");
      const otherSuite = suiteId === "gm" ? "intl" : "gm";
      assert.equal(await codeOf(upload(sealRecordFields(getSuite(otherSuite), "f-other", records.whole).envelope)), "DATASHARE_BLOB_NOT_SEALED");
    });
  });
}
