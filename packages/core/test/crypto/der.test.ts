import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../src/bytes.ts";
import {
  DerReader,
  derBitString,
  derExplicit,
  derInteger,
  derObjectIdentifier,
  derOctetString,
  derReadSequence,
  derSequence,
} from "../../src/crypto/der.ts";
import { hex } from "./fixtures.ts";

test("vector: INTEGER encodings are minimal", () => {
  const cases: [bigint | number, string][] = [
    [0, "020100"],
    [1, "020101"],
    [127, "02017f"],
    [128, "02020080"],
    [255, "020200ff"],
    [256, "02020100"],
    [16384, "02024000"],
    [2n ** 64n, "0209010000000000000000"],
  ];
  for (const [value, encoded] of cases) {
    assert.equal(toHex(derInteger(value)), encoded);
    assert.equal(new DerReader(hex(encoded), "test").integer("value"), BigInt(value));
  }
});

test("vector: OBJECT IDENTIFIER encodings of the key-file algorithms", () => {
  const cases: [string, string][] = [
    ["1.3.101.112", "06032b6570"],
    ["1.2.840.10045.2.1", "06072a8648ce3d0201"],
    ["1.2.156.10197.1.301", "06082a811ccf5501822d"],
    ["1.2.840.113549.1.5.13", "06092a864886f70d01050d"],
    ["1.3.6.1.4.1.11591.4.11", "06092b06010401da47040b"],
    ["2.16.840.1.101.3.4.1.42", "060960864801650304012a"],
  ];
  for (const [dotted, encoded] of cases) {
    assert.equal(toHex(derObjectIdentifier(dotted)), encoded);
    assert.equal(new DerReader(hex(encoded), "test").objectIdentifier("oid"), dotted);
  }
});

test("behavior: lengths of 128 bytes and more use the long form", () => {
  const long = derOctetString(new Uint8Array(200));
  assert.equal(toHex(long.subarray(0, 3)), "0481c8");
  assert.equal(new DerReader(long, "test").octetString("data").length, 200);
  const longer = derOctetString(new Uint8Array(300));
  assert.equal(toHex(longer.subarray(0, 4)), "0482012c");
});

test("behavior: nested structures round-trip", () => {
  const encoded = derSequence(derInteger(1), derOctetString(hex("abcd")), derExplicit(1, derBitString(hex("04ff"))));
  const reader = derReadSequence(encoded, "outer");
  assert.equal(reader.integer("version"), 1n);
  assert.equal(toHex(reader.octetString("data")), "abcd");
  const explicit = reader.optional(0xa1, "tagged");
  assert.ok(explicit !== undefined);
  assert.equal(toHex(new DerReader(explicit, "tagged").bitString("key")), "04ff");
  reader.end();
});

test("error: non-DER and malformed input is rejected with a reason", () => {
  const cases: [string, string, RegExp][] = [
    ["indefinite length", "3080020100 0000", /indefinite length/],
    ["long form for a short length", "308103020100", /long length form/],
    ["length with a leading zero byte", "30820003020100", /leading zero/],
    ["truncated", "3005020100", /truncated/],
    ["trailing data", "30030201000000", /unexpected data/],
    ["non-minimal integer", "3004020200 01", /not minimally encoded/],
    ["negative integer", "30030201ff", /negative/],
    ["empty integer", "30020200", /empty INTEGER/],
    ["wrong tag", "3003040100", /should be INTEGER, found OCTET STRING/],
    ["multi-byte tag", "30031f0100", /multi-byte tag/],
  ];
  for (const [name, encoded, reason] of cases) {
    assert.throws(
      () => {
        const reader = derReadSequence(hex(encoded), "test");
        reader.integer("value");
        reader.end();
      },
      (error: unknown) => error instanceof RangeError && reason.test(error.message),
      name,
    );
  }
  assert.throws(() => new DerReader(hex("060180"), "test").objectIdentifier("oid"), /not minimally encoded/);
  assert.throws(() => new DerReader(hex("060181"), "test").objectIdentifier("oid"), /ends inside an arc/);
  assert.throws(() => new DerReader(hex("030101ff"), "test").bitString("bits"), /whole bytes/);
});
