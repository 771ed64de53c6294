import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseChanges, proposalIdPattern } from "../src/pages/governance/proposalForm.ts";
import { totalPower, validatorTimeline } from "../src/pages/governance/validatorTimeline.ts";

const keyA = "aa".repeat(32);
const keyB = "bb".repeat(32);

describe("console: governance proposal form", () => {
  test("default: one change per line, key and power, separated by spaces or commas", () => {
    assert.deepEqual(parseChanges(`${keyA} 10\n\n  ${keyB.toUpperCase()}，0  \n`), {
      kind: "changes",
      changes: [
        { publicKey: keyA, power: 10 },
        { publicKey: keyB, power: 0 },
      ],
    });
  });

  test("error: a line with a key that is not hex, or a power that is not a whole number, is named", () => {
    assert.deepEqual(parseChanges(`${keyA} 1\nnot-hex 2`), { kind: "bad-line", line: 2, reason: "notHex" });
    assert.deepEqual(parseChanges(`${keyA} 1.5`), { kind: "bad-line", line: 1, reason: "notPower" });
    assert.deepEqual(parseChanges(`${keyA}`), { kind: "bad-line", line: 1, reason: "notPower" });
    assert.deepEqual(parseChanges(`${keyA} 01`), { kind: "bad-line", line: 1, reason: "notPower" }, "leading zeros are refused, as the node refuses them");
    assert.deepEqual(parseChanges(" \n "), { kind: "empty" });
  });

  test("behavior: proposal ids follow the governance module's rule", () => {
    assert.ok(proposalIdPattern.test("add-v5_2026"));
    assert.ok(!proposalIdPattern.test("Add"));
    assert.ok(!proposalIdPattern.test("-add"));
    assert.ok(!proposalIdPattern.test("a".repeat(65)));
  });
});

describe("console: validator set timeline", () => {
  const genesis = { fromHeight: 1, validators: [{ publicKey: keyA, power: 1 }] };
  const raised = { fromHeight: 20, validators: [{ publicKey: keyA, power: 10 }] };
  const added = { fromHeight: 40, validators: [{ publicKey: keyA, power: 10 }, { publicKey: keyB, power: 1 }] };

  test("default: the latest set starting at or below the next height is in force; later ones are scheduled", () => {
    assert.deepEqual(
      validatorTimeline([added, genesis, raised], 30).map((entry) => [entry.fromHeight, entry.state]),
      [
        [1, "genesis"],
        [20, "current"],
        [40, "scheduled"],
      ],
    );
  });

  test("behavior: genesis is in force until the first change, and a set starting exactly at the next height is in force", () => {
    assert.deepEqual(validatorTimeline([genesis, raised], 19).map((entry) => entry.state), ["current", "scheduled"]);
    assert.deepEqual(validatorTimeline([genesis, raised, added], 40).map((entry) => entry.state), ["genesis", "past", "current"]);
    assert.equal(totalPower(added.validators), 11);
  });
});
