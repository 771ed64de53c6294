import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { identifyEpc, identifyScannedCode } from "../../src/modules/trace/identifiers.ts";
import { keySegment, traceKeys, unescapeKeySegment } from "../../src/modules/trace/keys.ts";
import type { UnitRecord } from "../../src/modules/trace/records.ts";
import { type RuleSet, evaluateRules } from "../../src/modules/trace/rules.ts";
import { suggestTransfers, toCsv } from "../../src/modules/trace/stock.ts";
import { epcisTimeMs, isCalendarDate } from "../../src/modules/trace/time.ts";
import { gtinOf, sgtin } from "./fixtures.ts";

const gtin = gtinOf("10734");

describe("time", () => {
  test("default: EPCIS timestamps become the same milliseconds Date.parse gives, for every offset form", () => {
    for (const text of ["2026-03-01T08:00:00+08:00", "2026-03-01T00:00:00Z", "2026-02-28T23:59:59.999-05:30", "1999-12-31T23:00:00.5+14:00", "2024-02-29T12:00:00.123456789Z"]) {
      assert.equal(epcisTimeMs(text), Date.parse(text.replace(/(\.\d{3})\d+/, "$1")), `${text} converts exactly`);
    }
  });

  test("default: calendar dates are checked, leap years included", () => {
    assert.equal(isCalendarDate("2028-02-29"), true, "2028 is a leap year");
    assert.equal(isCalendarDate("2026-02-29"), false, "2026 is not");
    assert.equal(isCalendarDate("2026-13-01"), false, "there is no month 13");
  });
});

describe("keys and identifiers", () => {
  test("behavior: a serial containing '/' cannot reach into another unit's keys", () => {
    const tricky = identifyEpc(sgtin(gtin, "A/event/0"), "epc").key;
    const plain = identifyEpc(sgtin(gtin, "A"), "epc").key;
    assert.ok(!traceKeys.unit(tricky).startsWith(`${traceKeys.unit(plain)}/`), "the unit's key does not lie under another unit's prefix");
    assert.ok(!traceKeys.unit(tricky).slice("unit/".length).includes("/"), "the unit segment holds no '/'");
    assert.equal(unescapeKeySegment(keySegment("50%/x", "test")), "50%/x", "escaping round-trips");
  });

  test("behavior: an SGTIN, a Digital Link and a scanned element string name the same unit", () => {
    const fromSgtin = identifyEpc(sgtin(gtin, "S1"), "epc");
    const fromLink = identifyEpc(`https://id.gs1.org/01/${gtin}/10/L1/21/S1`, "epc");
    const fromScan = identifyScannedCode(`(01)${gtin}(17)301231(10)L1(21)S1`, "udi").identity;
    assert.equal(fromLink.key, fromSgtin.key, "the lot in a Digital Link does not change the identity");
    assert.equal(fromScan.key, fromSgtin.key, "nor does a scanned label's lot or expiry");
    assert.deepEqual({ lot: fromLink.lot, expiryDate: fromScan.expiryDate }, { lot: "L1", expiryDate: "2030-12-31" }, "the attributes are kept for checking");
    assert.equal(identifyEpc(`https://id.gs1.org/01/${gtin}/10/L1`, "epc").key, `${gtin}|L1|`, "a lot-controlled item is keyed by its lot");
    assert.equal(identifyEpc("urn:epc:id:sscc:0614141.1234567890", "epc").kind, "object", "an SSCC is a logistic object");
  });

  test("error: a class or a bare GTIN is not an object an event can list", () => {
    assert.throws(() => identifyEpc("urn:epc:class:lgtin:0614141.010734.L1", "epcisBody.eventList[0].epcList[0]"), /epcList\[0\]: .*class of objects/, "classes belong in quantity lists");
    assert.throws(() => identifyEpc(`https://id.gs1.org/01/${gtin}`, "epcList[1]"), /epcList\[1\]: .*device model/, "a GTIN alone names a model");
    assert.throws(() => identifyEpc("urn:epc:id:sgtin:0614141.010734.S1".replace("010734", "010735").replace("0614141", "061414"), "epcList[2]"), /epcList\[2\]/, "a malformed SGTIN names its field");
  });
});

describe("rules", () => {
  const unit: UnitRecord = { key: "k", kind: "unit", epc: "e", gtin, custodian: "hospital", createdBy: "manufacturer", status: "active", region: "CN-31", steps: 3, usesSinceMaintenance: 0 };
  const rules: RuleSet = { deviceClass: "II", transitTimeMaxSeconds: 60, org: "regulator", height: 1, txHash: "" };

  test("default: the limit itself is allowed, one second more is not", () => {
    const shipped = { ...unit, inTransit: { to: "hospital", from: "distributor", shippedAtMs: 0, event: 0 } };
    const input = (seconds: number) => ({ before: shipped, after: unit, eventTimeMs: seconds * 1000, location: undefined, received: true, used: false, temperature: undefined });
    assert.deepEqual(evaluateRules(rules, input(60)), [], "exactly the limit passes");
    assert.equal(evaluateRules(rules, input(61))[0]?.rule, "transit_time_exceeded", "one second over raises the alert");
  });

  test("behavior: a move declared by shipping is not two places at once", () => {
    const windowed: RuleSet = { ...rules, transitTimeMaxSeconds: undefined, twoPlacesWindowSeconds: 600 };
    const seen = { ...unit, lastSighting: { location: "urn:a", timeMs: 0 } };
    const input = (before: UnitRecord) => ({ before, after: unit, eventTimeMs: 60_000, location: "urn:b", received: false, used: false, temperature: undefined });
    assert.equal(evaluateRules(windowed, input(seen))[0]?.rule, "seen_in_two_places", "an undeclared move within the window is flagged");
    const shipped = { ...seen, inTransit: { to: "hospital", from: "distributor", shippedAtMs: 0, event: 0 } };
    assert.deepEqual(evaluateRules(windowed, input(shipped)), [], "a unit in transit may appear elsewhere");
  });
});

describe("stock", () => {
  test("behavior: transfers are the same whatever order regions are listed in", () => {
    const rows = [
      { gtin, region: "A", stock: 5, demand: 0, balance: 5 },
      { gtin, region: "B", stock: 5, demand: 0, balance: 5 },
      { gtin, region: "C", stock: 0, demand: 7, balance: -7 },
    ];
    const expected = [
      { gtin, fromRegion: "A", toRegion: "C", quantity: 5 },
      { gtin, fromRegion: "B", toRegion: "C", quantity: 2 },
    ];
    assert.deepEqual(suggestTransfers(rows), expected, "ties go to the lower region code");
    assert.deepEqual(suggestTransfers([...rows].reverse()), expected, "input order does not matter");
  });

  test("default: CSV fields with commas or quotes are quoted", () => {
    assert.equal(toCsv(["a", "b"], [["x,y", 'say "hi"']]), 'a,b\r\n"x,y","say ""hi"""\r\n', "RFC 4180 quoting");
  });
});
