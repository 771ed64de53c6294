import assert from "node:assert/strict";
import { test } from "node:test";
import { packSignatureChecks, unpackSignatureChecks } from "../../src/mempool/signatureSlice.ts";

const body = new Uint8Array(1000).map((_, index) => index % 251);
const checks = [
  // Views into a larger buffer, as transactions cut from a request body are.
  { publicKey: body.subarray(0, 32), message: body.subarray(32, 282), signature: body.subarray(282, 346) },
  { publicKey: new Uint8Array(65).fill(4), message: new Uint8Array(0), signature: new Uint8Array(64).fill(9) },
  { publicKey: new Uint8Array(3), message: new Uint8Array([1]), signature: new Uint8Array(1) },
];

test("default: a packed slice unpacks to the same checks, in order, and holds only their bytes", () => {
  const packed = packSignatureChecks(checks);
  assert.equal(packed.byteLength, 4 + 3 * 12 + (32 + 250 + 64) + (65 + 0 + 64) + (3 + 1 + 1));
  assert.deepEqual(
    unpackSignatureChecks(packed).map((check) => [[...check.publicKey], [...check.message], [...check.signature]]),
    checks.map((check) => [[...check.publicKey], [...check.message], [...check.signature]]),
  );
  assert.deepEqual(unpackSignatureChecks(packSignatureChecks([])), []);
});

test("error: a truncated or overlong slice is refused", () => {
  const packed = packSignatureChecks(checks);
  assert.throws(() => unpackSignatureChecks(packed.slice(0, packed.byteLength - 1)), /ends inside a check/);
  const longer = new Uint8Array(packed.byteLength + 1);
  longer.set(new Uint8Array(packed));
  assert.throws(() => unpackSignatureChecks(longer.buffer), /bytes after its last check/);
  assert.throws(() => unpackSignatureChecks(packed.slice(0, 20)), /needs more than/);
});
