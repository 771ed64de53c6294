import assert from "node:assert/strict";
import { test } from "node:test";
import type { AgreementRecord, CborValue, ProgramRecord } from "@kexin/core";
import type { StateWrite } from "../../src/execution/interface.ts";
import { PointsRecords } from "../../src/modules/points/recordCache.ts";
import { airToHotelTerms } from "./ledger.ts";
import { agreementFromState, agreementToState, programFromState, programToState } from "../../src/modules/points/stateRecords.ts";

/** A namespace held in a map, standing for state as each block sees it. */
function mapState(): StateWrite & { readonly values: Map<string, CborValue> } {
  const values = new Map<string, CborValue>();
  return {
    values,
    get: (key) => values.get(key),
    list: () => [],
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
  };
}

function program(faceValueFen: number): ProgramRecord {
  return { id: "air.miles", name: { zh: "里程", en: "Miles" }, faceValueFen, expiry: { kind: "days", days: 30 }, transferable: true, merchant: "airline", registeredBy: "ab".repeat(20), registeredAt: 3 };
}

test("behavior: a record written at a height is read from state again at that height and is kept only from a later one; an absent record is not kept", () => {
  const records = new PointsRecords();
  const state = mapState();
  assert.equal(records.program(state, "air.miles", 2), undefined);
  records.writeProgram(state, 3, program(1));
  const written = state.values.get("program/air.miles") as CborValue;
  assert.deepEqual(records.program(state, "air.miles", 3), program(1), "the program as stored");
  // The block at height 3 is discarded (a proposal not decided): state no longer holds the program.
  state.values.delete("program/air.miles");
  assert.equal(records.program(state, "air.miles", 3), undefined, "nothing kept from the height it was written at");
  state.values.set("program/air.miles", written);
  assert.deepEqual(records.program(state, "air.miles", 4), program(1));
  // Kept from height 4 on: a later read does not go to state, until the next write through the cache.
  state.values.delete("program/air.miles");
  const kept = records.program(state, "air.miles", 5);
  assert.deepEqual(kept, program(1));
  assert.ok(Object.isFrozen(kept) && Object.isFrozen(kept?.name), "kept records are frozen");
  records.writeProgram(state, 6, program(2));
  assert.equal(records.program(state, "air.miles", 6)?.faceValueFen, 2, "a write drops what was kept");
});

test("behavior: agreements and programs read back from their stored arrays exactly, optional fields absent when they were", () => {
  const terms = airToHotelTerms(5, 30, { rate: { from: 10, to: 3 }, rounding: "half_up", fee: { fixed: 2, basisPoints: 150 } }) as unknown as Omit<AgreementRecord, "status" | "proposedBy" | "proposer" | "proposedAt">;
  const proposed: AgreementRecord = { ...terms, status: "proposed", proposedBy: "airline", proposer: "ab".repeat(20), proposedAt: 7 };
  const ended: AgreementRecord = { ...proposed, status: "ended", acceptor: "cd".repeat(20), acceptedAt: 8, endedBy: "ef".repeat(20), endedAt: 9 };
  for (const agreement of [proposed, ended]) assert.deepEqual(agreementFromState(agreementToState(agreement)), agreement);
  for (const stored of [program(1), { ...program(1), expiry: { kind: "none" as const }, transferable: false }]) assert.deepEqual(programFromState(programToState(stored)), stored);
});
