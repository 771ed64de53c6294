import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SdkError, identity, points } from "../src/index.ts";

const address = "ab".repeat(20);

function assertInvalid(build: () => unknown, parameter: string, pattern: RegExp): void {
  assert.throws(build, (error: unknown) => {
    assert.ok(error instanceof SdkError, `expected SdkError, got ${String(error)}`);
    assert.equal(error.code, "SDK_INVALID_PARAMETER");
    assert.deepEqual((error.type as { parameter: string }).parameter, parameter);
    assert.match(error.message, pattern);
    return true;
  });
}

describe("identity builders", () => {
  test("default: register_member", () => {
    assert.deepEqual(identity.registerMember({ org: "hospital", address: address.toUpperCase(), name: "Dr Li", roles: ["clinician", "regulator"] }), {
      module: "identity",
      type: "register_member",
      payload: { org: "hospital", address, name: "Dr Li", roles: ["clinician", "regulator"] },
    });
  });

  test("default: register_device, register_node, set_roles, revoke", () => {
    assert.equal(identity.registerDevice({ org: "hospital", address, name: "pump 7", model: "X-200" }).type, "register_device");
    assert.deepEqual(identity.registerNode({ org: "bureau", publicKey: "cd".repeat(32), name: "node-2" }).payload, {
      org: "bureau",
      publicKey: "cd".repeat(32),
      name: "node-2",
    });
    assert.equal(identity.registerNode({ org: "bureau", publicKey: `04${"cd".repeat(64)}`, name: "gm node" }).payload.publicKey.length, 130);
    assert.deepEqual(identity.setRoles({ address, roles: [] }).payload, { address, roles: [] });
    assert.deepEqual(identity.revoke({ address }), { module: "identity", type: "revoke", payload: { address } });
  });

  test("error: address that is not 40 hex digits", () => {
    assertInvalid(() => identity.revoke({ address: "abc" }), "address", /identity\.revoke: "address" must be an account address of 40 hex digits/);
    assertInvalid(() => identity.revoke({ address: `0x${address}` }), "address", /without 0x/);
    assertInvalid(() => identity.revoke({ address: "zz".repeat(20) }), "address", /40 hex digits/);
  });

  test("error: roles that are not lower-case names, or repeated", () => {
    assertInvalid(() => identity.setRoles({ address, roles: ["Admin"] }), "roles[0]", /lower-case name/);
    assertInvalid(() => identity.setRoles({ address, roles: ["notary", "notary"] }), "roles", /"notary" twice/);
    assertInvalid(() => identity.setRoles({ address, roles: "notary" as unknown as string[] }), "roles", /must be an array/);
  });

  test("error: empty organisation and name", () => {
    assertInvalid(() => identity.registerMember({ org: "", address, name: "x", roles: [] }), "org", /non-empty string/);
    assertInvalid(() => identity.registerDevice({ org: "hospital", address, name: "  ", model: "m" }), "name", /non-empty string/);
  });

  test("error: public key of neither suite's length", () => {
    assertInvalid(() => identity.registerNode({ org: "bureau", publicKey: "cd".repeat(33), name: "n" }), "publicKey", /32 bytes for intl, 65 for gm/);
  });
});

describe("points builders", () => {
  test("default: issue and transfer", () => {
    assert.deepEqual(points.issue({ to: address, amount: 100 }), { module: "points", type: "issue", payload: { to: address, amount: 100 } });
    assert.deepEqual(points.transfer({ to: address, program: "merchant", amount: Number.MAX_SAFE_INTEGER }).payload, {
      to: address,
      program: "merchant",
      amount: Number.MAX_SAFE_INTEGER,
    });
  });

  test("error: amounts that are not positive safe integers", () => {
    for (const amount of [0, -5, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assertInvalid(() => points.issue({ to: address, amount }), "amount", /points\.issue: "amount" must be a positive whole number/);
    }
    assertInvalid(() => points.transfer({ to: address, program: "merchant", amount: "5" as unknown as number }), "amount", /got "5"/);
  });

  test("error: missing program", () => {
    assertInvalid(() => points.transfer({ to: address, program: "", amount: 1 }), "program", /non-empty string/);
  });
});
