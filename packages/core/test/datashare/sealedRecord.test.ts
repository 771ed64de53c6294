import assert from "node:assert/strict";
import { hkdfSync } from "node:crypto";
import { describe, test } from "node:test";
import {
  type CryptoSuite,
  datashareFieldKey,
  decodeCanonical,
  decodeSealedRecord,
  encodeCanonical,
  getSuite,
  openRecordFields,
  releasedRecordKeys,
  sealRecordFields,
  sealedRecordFormat,
} from "../../src/index.ts";
import { thrownCode } from "../rejectionCode.ts";
import { gmSuitePortable, intlSuitePortable } from "../../src/crypto/portable.ts";

const record = { owner: "张三", address: "北京市东城区景山前街4号", areaSquareMetres: 88.5, rooms: [{ kind: "bedroom" }], __proto__field: null };

/** The structure as a plain map, to move fields around in it. */
function structureOf(envelope: Uint8Array): { format: string; cipher: string; fields: [string, Uint8Array, Uint8Array][] } {
  return decodeCanonical(envelope) as unknown as { format: string; cipher: string; fields: [string, Uint8Array, Uint8Array][] };
}

const portable: Record<"intl" | "gm", CryptoSuite> = { intl: intlSuitePortable, gm: gmSuitePortable };

for (const suiteId of ["intl", "gm"] as const) {
  const suite = getSuite(suiteId);
  describe(`records sealed field by field on ${suiteId}`, () => {
    test("default: the data key opens every field; the structure lists the fields in order, each with its own nonce", () => {
      const { envelope, dataKey } = sealRecordFields(suite, "cert-1", record);
      assert.equal(dataKey.length, suite.sealKeyBytes);
      const opened = openRecordFields(suite, "cert-1", envelope, { dataKey });
      assert.deepEqual(opened.value, record);
      assert.deepEqual(opened.fields, Object.keys(record).sort());
      assert.deepEqual(opened.withheldFields, []);
      const structure = structureOf(envelope);
      assert.equal(structure.format, sealedRecordFormat);
      assert.equal(structure.cipher, suiteId === "gm" ? "sm4-gcm" : "aes-256-gcm");
      assert.deepEqual(structure.fields.map(([name]) => name), Object.keys(record).sort());
      assert.equal(new Set(structure.fields.map(([, nonce]) => Buffer.from(nonce).toString("hex"))).size, structure.fields.length, "a nonce per field");
      assert.deepEqual(encodeCanonical(structure), envelope, "the bytes are the canonical encoding");
    });

    test("behavior: the field keys of a grant open those fields only; the others are withheld, and no released key opens them", () => {
      const { envelope, dataKey } = sealRecordFields(suite, "cert-1", record);
      const granted = ["address", "areaSquareMetres"];
      const keys = releasedRecordKeys(suite, dataKey, granted);
      const fieldKeys = new Map(granted.map((field, index) => [field, keys[index] as Uint8Array]));
      const opened = openRecordFields(suite, "cert-1", envelope, { fieldKeys });
      assert.deepEqual(opened.value, { address: record.address, areaSquareMetres: record.areaSquareMetres });
      assert.deepEqual(opened.fields, granted);
      assert.deepEqual(opened.withheldFields, ["__proto__field", "owner", "rooms"]);
      // Each released key tried on every withheld field, and as the data key itself.
      for (const key of keys) {
        for (const withheld of opened.withheldFields) {
          assert.equal(thrownCode(() => openRecordFields(suite, "cert-1", envelope, { fieldKeys: new Map([[withheld, key]]) })), "DATASHARE_FIELD_OPEN_FAILED");
        }
        assert.equal(thrownCode(() => openRecordFields(suite, "cert-1", envelope, { dataKey: key })), "DATASHARE_FIELD_OPEN_FAILED");
      }
      assert.deepEqual(releasedRecordKeys(suite, dataKey, undefined), [dataKey], "a whole grant releases the data key");
    });

    test("error: a field's ciphertext moved to another field or into another record does not open (DATASHARE_FIELD_OPEN_FAILED)", () => {
      const first = sealRecordFields(suite, "cert-1", { owner: "张三", address: "甲" });
      const second = sealRecordFields(suite, "cert-2", { owner: "李四", address: "乙" }, first.dataKey);
      const structure = structureOf(first.envelope);
      const [address, owner] = structure.fields as [[string, Uint8Array, Uint8Array], [string, Uint8Array, Uint8Array]];
      const swapped = encodeCanonical({ ...structure, fields: [[address[0], owner[1], owner[2]], [owner[0], address[1], address[2]]] });
      assert.equal(thrownCode(() => openRecordFields(suite, "cert-1", swapped, { dataKey: first.dataKey })), "DATASHARE_FIELD_OPEN_FAILED");
      // Even under one data key, a field moved into another record does not open there.
      const other = structureOf(second.envelope);
      const grafted = encodeCanonical({ ...other, fields: [other.fields[0], owner] });
      assert.equal(thrownCode(() => openRecordFields(suite, "cert-2", grafted, { dataKey: first.dataKey })), "DATASHARE_FIELD_OPEN_FAILED");
      assert.equal(thrownCode(() => openRecordFields(suite, "cert-2", first.envelope, { dataKey: first.dataKey })), "DATASHARE_FIELD_OPEN_FAILED");
      const changed = structureOf(first.envelope);
      const ciphertext = (changed.fields[1] as [string, Uint8Array, Uint8Array])[2];
      ciphertext.set([(ciphertext[0] as number) ^ 1]);
      assert.equal(thrownCode(() => openRecordFields(suite, "cert-1", encodeCanonical(changed), { dataKey: first.dataKey })), "DATASHARE_FIELD_OPEN_FAILED");
    });

    test("error: a structure out of order, with a field twice, of the other suite or not canonical is refused (DATASHARE_SEALED_RECORD_INVALID)", () => {
      const { envelope, dataKey } = sealRecordFields(suite, "cert-1", { owner: "张三", address: "甲" });
      const structure = structureOf(envelope);
      const [address, owner] = structure.fields as [[string, Uint8Array, Uint8Array], [string, Uint8Array, Uint8Array]];
      for (const fields of [[owner, address], [address, address], [[address[0], address[1].subarray(1), address[2]]]]) {
        assert.equal(thrownCode(() => decodeSealedRecord(encodeCanonical({ ...structure, fields }))), "DATASHARE_SEALED_RECORD_INVALID");
      }
      assert.equal(thrownCode(() => decodeSealedRecord(encodeCanonical({ ...structure, extra: 1 }))), "DATASHARE_SEALED_RECORD_INVALID");
      const otherSuite = getSuite(suiteId === "gm" ? "intl" : "gm");
      assert.equal(thrownCode(() => openRecordFields(otherSuite, "cert-1", envelope, { dataKey: otherSuite.randomBytes(otherSuite.sealKeyBytes) })), "DATASHARE_SEALED_RECORD_INVALID");
      assert.equal(thrownCode(() => openRecordFields(suite, "cert-1", new Uint8Array([...envelope, 0]), { dataKey })), "DATASHARE_SEALED_RECORD_INVALID");
      assert.equal(thrownCode(() => sealRecordFields(suite, "cert-1", ["not", "an", "object"])), "DATASHARE_RECORD_INVALID");
    });

    test("default: a field key is HKDF of the data key with the suite's hash, info naming the field, as OpenSSL derives it, on the Node and the browser suite", () => {
      const dataKey = suite.randomBytes(suite.sealKeyBytes);
      const info = encodeCanonical(["kexin-datashare-field/1", "owner"]);
      const openssl = new Uint8Array(hkdfSync(suiteId === "gm" ? "sm3" : "sha256", dataKey, new Uint8Array(0), info, suite.sealKeyBytes));
      assert.deepEqual(datashareFieldKey(suite, dataKey, "owner"), openssl);
      assert.deepEqual(datashareFieldKey(portable[suiteId], dataKey, "owner"), openssl);
      assert.notDeepEqual(datashareFieldKey(suite, dataKey, "address"), openssl);
    });

    test("behavior: a record sealed by the Node suite opens with the browser suite, and the other way", () => {
      const sealed = sealRecordFields(suite, "cert-1", record);
      assert.deepEqual(openRecordFields(portable[suiteId], "cert-1", sealed.envelope, { dataKey: sealed.dataKey }).value, record);
      const back = sealRecordFields(portable[suiteId], "cert-1", record);
      assert.deepEqual(openRecordFields(suite, "cert-1", back.envelope, { dataKey: back.dataKey }).value, record);
    });
  });
}
