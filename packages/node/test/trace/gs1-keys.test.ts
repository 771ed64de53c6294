import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { gtinCheckDigit } from "@kexin/core";
import { identifyEpc, identifyScannedCode } from "../../src/modules/trace/identifiers.ts";
import { TraceModuleError } from "../../src/modules/trace/index.ts";
import { type TraceChain, type TxOutcome, startTraceChain } from "./chain.ts";
import { type EpcisJson, at, commission, companyPrefix, epcisDocument, gtinOf, observe, pack, scenarioLocations, sgtin } from "./fixtures.ts";

const { plant } = scenarioLocations;
const withCheck = (digits: string): string => `${digits}${gtinCheckDigit(digits)}`;

/** One object in each of its forms: EPC URI, Digital Link, and the element string lookups answer with. */
const keys = {
  sscc: { epc: `urn:epc:id:sscc:${companyPrefix}.3000000042`, link: `https://id.gs1.org/00/${withCheck(`3${companyPrefix}000000042`)}`, elementString: `(00)${withCheck(`3${companyPrefix}000000042`)}` },
  grai: { epc: `urn:epc:id:grai:${companyPrefix}.00042.B7`, link: `https://resolver.example.cn/ids/8003/${withCheck(`0${companyPrefix}00042`)}B7`, elementString: `(8003)${withCheck(`0${companyPrefix}00042`)}B7` },
  giai: { epc: `urn:epc:id:giai:${companyPrefix}.PUMP-STAND%2F1`, link: `https://id.gs1.org/8004/${companyPrefix}PUMP-STAND%2F1`, elementString: `(8004)${companyPrefix}PUMP-STAND/1` },
  sgln: { epc: `urn:epc:id:sgln:${companyPrefix}.00042.SHELF-3`, link: `https://id.gs1.org/414/${withCheck(`${companyPrefix}00042`)}/254/SHELF-3`, elementString: `(414)${withCheck(`${companyPrefix}00042`)}(254)SHELF-3` },
  gsrn: { epc: `urn:epc:id:gsrn:${companyPrefix}.0000000042`, link: `https://id.gs1.org/8018/${withCheck(`${companyPrefix}0000000042`)}`, elementString: `(8018)${withCheck(`${companyPrefix}0000000042`)}` },
  gdti: { epc: `urn:epc:id:gdti:${companyPrefix}.00042.IFU-2026`, link: `https://id.gs1.org/253/${withCheck(`${companyPrefix}00042`)}IFU-2026`, elementString: `(253)${withCheck(`${companyPrefix}00042`)}IFU-2026` },
} as const;

const pump = { gtin: gtinOf("10734"), name: "Infusion pump IP-7", deviceClass: "II", registrationNumber: "国械注准20263140001" };

let chain: TraceChain;

async function importAs(events: EpcisJson[]): Promise<TxOutcome> {
  return chain.run(chain.members.manufacturer, "import_epcis", { document: epcisDocument(events) });
}

function expectOk(outcome: TxOutcome, what: string): void {
  assert.equal(outcome.status, "ok", `${what}: ${outcome.code} ${outcome.message}`);
}

async function historyOf(code: string): Promise<{ known: boolean; key: string; steps: { bizStep: string; errorDeclaration: unknown }[] }> {
  const answer = await chain.query("history", { udi: code });
  assert.equal(answer.status, 200, `history of ${code}: ${JSON.stringify(answer.body)}`);
  return answer.body as { known: boolean; key: string; steps: { bizStep: string; errorDeclaration: unknown }[] };
}

describe("identifiers (pure)", () => {
  test("behavior: every form of a GS1 key has one state key, its element string", () => {
    for (const [name, forms] of Object.entries(keys)) {
      for (const form of [forms.epc, forms.link]) assert.equal(identifyEpc(form, "epc").key, forms.elementString, `${name}: ${form}`);
      for (const form of [forms.epc, forms.link, forms.elementString]) assert.equal(identifyScannedCode(form, "udi").identity.key, forms.elementString, `${name} scanned: ${form}`);
    }
  });

  test("behavior: GTIN-based units keep their udiKey, in SGTIN, Digital Link and UDI forms", () => {
    const key = `${pump.gtin}||S1`;
    for (const form of [sgtin(pump.gtin, "S1"), `https://id.gs1.org/01/${pump.gtin}/21/S1`, `(01)${pump.gtin}(21)S1`]) {
      assert.equal(identifyScannedCode(form, "udi").identity.key, key, form);
    }
  });

  test("error: malformed keys are refused with the field and the reason", () => {
    const refused = (epc: string): TraceModuleError => {
      try {
        identifyEpc(epc, "epcisBody.eventList[0].epcList[0]");
      } catch (error) {
        assert.ok(error instanceof TraceModuleError, String(error));
        return error;
      }
      assert.fail(`${epc} was accepted`);
    };
    assert.match(refused(`https://id.gs1.org/00/${`3${companyPrefix}000000042`}0`).message, /^epcisBody\.eventList\[0\]\.epcList\[0\]: \(00\) SSCC .*check digit/, "SSCC check digit");
    assert.equal(refused(`https://id.gs1.org/00/${`3${companyPrefix}000000042`}0`).code, "TRACE_INVALID_EVENT");
    assert.match(refused(`urn:epc:id:sscc:${companyPrefix}.30000000421`).message, /17 digits together/, "too many SSCC digits");
    assert.match(refused("https://example.com/things/42").message, /\/01\//, "a web URI that is no Digital Link");
  });
});

describe("GS1 keys on a chain", () => {
  before(async () => {
    chain = await startTraceChain();
    expectOk(await chain.run(chain.admins.manufacturer, "register_location", { ...plant }), "register the plant");
    expectOk(await chain.run(chain.members.manufacturer, "register_product", pump), "register the pump");
  });
  after(async () => {
    await chain?.close();
  });

  test("behavior: an object recorded in one form is found, with the same history, by every form", async () => {
    const where = { time: 0, location: plant.id };
    expectOk(await importAs([commission([keys.grai.epc, keys.giai.link, keys.sgln.epc, keys.gsrn.link, keys.gdti.epc], where)]), "commission in mixed forms");
    expectOk(await importAs([observe([keys.grai.link, keys.giai.epc, keys.sgln.link, keys.gsrn.epc, keys.gdti.link], "inspecting", { time: 5, location: plant.id })]), "inspect in the other forms");
    for (const [name, forms] of Object.entries(keys)) {
      if (name === "sscc") continue;
      for (const form of [forms.epc, forms.link, forms.elementString]) {
        const history = await historyOf(form);
        assert.equal(history.key, forms.elementString, `${name} by ${form}: key`);
        assert.deepEqual(history.steps.map((step) => step.bizStep), ["commissioning", "inspecting"], `${name} by ${form}: history`);
      }
    }
  });

  test("behavior: a case packed under its Digital Link is the case its EPC URI names, and units inside follow it", async () => {
    const units = [sgtin(pump.gtin, "K1"), sgtin(pump.gtin, "K2")];
    expectOk(await importAs([commission(units, { time: 10, location: plant.id }), pack(keys.sscc.link, units, { time: 11, location: plant.id })]), "commission and pack");
    expectOk(await importAs([observe([keys.sscc.epc], "inspecting", { time: 12, location: plant.id })]), "inspect the case by its EPC URI");
    const unit = (await historyOf(units[0] as string)).steps.map((step) => step.bizStep);
    assert.deepEqual(unit, ["commissioning", "packing", "inspecting"], "the unit inside was reached");
    const container = ((await chain.query("unit", { udi: units[1] as string })).body as { unit: { container: string } }).unit.container;
    assert.equal(container, keys.sscc.link, "the container is named as first recorded");
    assert.equal((await historyOf(keys.sscc.elementString)).steps.length, 2, "the case's own history");
  });

  test("error: an event with a malformed key is refused and records nothing", async () => {
    const bad = `https://id.gs1.org/8003/${`0${companyPrefix}00043`}0X`;
    const outcome = await importAs([observe([keys.grai.epc, bad], "inspecting", { time: 20, location: plant.id })]);
    assert.equal(outcome.status, "failed", "refused");
    assert.equal(outcome.code, "TRACE_INVALID_EVENT", outcome.message);
    assert.match(outcome.message, /epcList\[1\]: \(8003\) GRAI .*check digit/, "the message names the field and the rule");
    assert.equal((await historyOf(keys.grai.epc)).steps.length, 2, "the valid object in the same event got no step");
    const lookup = await chain.query("unit", { udi: bad });
    assert.equal(lookup.status, 400, "a lookup of the malformed key is a bad request");
    assert.equal((lookup.body as { error: { code: string } }).error.code, "TRACE_INVALID_UDI");
  });

  test("behavior: an error declaration joins the history of the objects it names, commissions nothing, and is recorded once, by their custodian", async () => {
    const eventId = "urn:uuid:2d9e0000-0000-4000-8000-000000000001";
    const declared: EpcisJson = { ...observe([keys.gsrn.epc], "destroying", { time: 30, location: plant.id, eventId, disposition: "destroyed" }) };
    expectOk(await importAs([declared]), "the event later declared in error");
    const declaration = { ...declared, errorDeclaration: { declarationTime: at(40), reason: "did_not_occur" } };
    const fresh = `urn:epc:id:giai:${companyPrefix}.NEVER-COMMISSIONED`;
    expectOk(await importAs([declaration, { ...commission([fresh], { time: 30, location: plant.id }), errorDeclaration: { declarationTime: at(40) } }]), "declaring it in error");
    const history = await historyOf(keys.gsrn.epc);
    assert.deepEqual(history.steps.map((step) => step.bizStep), ["commissioning", "inspecting", "destroying", "destroying"], "the declaration is a step");
    assert.deepEqual(history.steps[3]?.errorDeclaration, { declarationTime: at(40), reason: "did_not_occur" }, "and says so");
    assert.equal((await historyOf(fresh)).known, false, "a declared commissioning commissions nothing");
    const again = await importAs([declaration]);
    assert.equal(again.code, "TRACE_DUPLICATE_EVENT", `a declaration is recorded once: ${again.message}`);
    const stranger = await chain.run(chain.members.distributor, "import_epcis", { document: epcisDocument([{ ...declaration, eventID: undefined }]) });
    assert.equal(stranger.code, "TRACE_NOT_CUSTODIAN", `only the custodian declares errors about its objects: ${stranger.message}`);
  });
});
