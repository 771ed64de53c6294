import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parseEpcisDocument, toHex } from "@kexin/core";
import { type EpcisSuite, epcisSuiteFiles, externalEpcisSuite, ownEpcisSuite, readEpcisSuiteFile } from "../../../core/test/trace/epcis-suites.ts";
import { type TraceChain, type TxOutcome, startTraceChain } from "./chain.ts";
import { epcisDocument } from "./fixtures.ts";
import { importPrerequisites } from "./epcis-prerequisites.ts";

/*
 * Every valid EPCIS 2.0 document, the project's own and the external ones, is recorded on a real
 * chain (LMDB in a temporary folder) through import_epcis, and every invalid one is refused with
 * nothing recorded. Each valid document gets a fresh chain holding what it refers to but does not
 * create (see epcis-prerequisites.ts), then is imported exactly as written.
 */

/** Valid documents the chain refuses on purpose, with the words its refusal must contain. */
const expectedRefusals: Record<string, { suite: string; code: string; mentions: string[] }> = {
  // https://id.example.com/8003/952012200000001004: the GRAI's 14 digits 95201220000000 end in check digit 0; GS1 mod-10 gives 1.
  "SensorData_with_combined_events.json": { suite: "external", code: "TRACE_INVALID_EVENT", mentions: ["epcisBody.eventList[12].epcList[0]", "check digit 0 should be 1"] },
};

const objectFields = ["epcList", "childEPCs", "inputEPCList", "outputEPCList"] as const;

function expectOk(outcome: TxOutcome, what: string): void {
  assert.equal(outcome.status, "ok", `${what}: ${outcome.code} ${outcome.message}`);
}

/** The trace module's whole state, as key → value hex, to show that a refused import changed nothing. */
function traceState(chain: TraceChain): Map<string, string> {
  return new Map([...chain.node.store.stateRange("trace/", 1_000_000)].map(({ key, value }) => [key, toHex(value)]));
}

async function prepare(chain: TraceChain, text: string): Promise<void> {
  const { gtins, destinations, commissioned, packed } = importPrerequisites(parseEpcisDocument(text));
  const manufacturer = chain.members.manufacturer;
  for (const gtin of gtins) {
    expectOk(await chain.run(manufacturer, "register_product", { gtin, name: `Device ${gtin}`, deviceClass: "II", registrationNumber: `TEST-${gtin}` }), `register ${gtin}`);
  }
  for (const [index, id] of destinations.entries()) {
    expectOk(await chain.run(chain.admins.manufacturer, "register_location", { id, org: "manufacturer", region: "CN-31", name: `Destination ${index}` }), `register ${id}`);
  }
  const when = { eventTime: "2020-01-01T00:00:00Z", eventTimeZoneOffset: "+00:00" };
  const events = [
    ...(commissioned.length === 0 ? [] : [{ type: "ObjectEvent", action: "ADD", epcList: commissioned, bizStep: "commissioning", ...when }]),
    ...packed.map(({ parent, children }) => ({ type: "AggregationEvent", action: "ADD", parentID: parent, childEPCs: children, bizStep: "packing", ...when })),
  ];
  if (events.length > 0) expectOk(await chain.run(manufacturer, "import_epcis", { document: epcisDocument(events) }), "commission what the document refers to");
}

/** Every object a recorded (not error-declaring) event names can be looked up by the form the document wrote, and its history holds the import. */
async function checkRecorded(chain: TraceChain, text: string, outcome: TxOutcome): Promise<void> {
  const document = parseEpcisDocument(text);
  const imported = outcome.events.find((event) => event.type === "epcis_imported");
  assert.equal(imported?.attributes.events, document.events.length, "every event is recorded");
  for (const event of document.events) {
    if (event.errorDeclaration !== undefined) continue;
    const fields = event as unknown as Record<string, string | string[] | undefined>;
    const named = [...(typeof fields.parentID === "string" ? [fields.parentID] : []), ...objectFields.flatMap((field) => (fields[field] as string[] | undefined) ?? [])];
    for (const epc of named) {
      const answer = await chain.query("history", { udi: epc });
      assert.equal(answer.status, 200, `history of ${epc}: ${JSON.stringify(answer.body)}`);
      const history = answer.body as { known: boolean; steps: { proof: { txHash: string } }[] };
      assert.equal(history.known, true, `${epc} is known`);
      assert.ok(history.steps.some((step) => step.proof.txHash === outcome.hash), `${epc} has a step from the import`);
    }
  }
}

function importSuite(suite: EpcisSuite): void {
  for (const name of epcisSuiteFiles(suite, "Documents")) {
    const refusal = expectedRefusals[name]?.suite === suite.name ? expectedRefusals[name] : undefined;
    test(`import: Documents/${name} is ${refusal === undefined ? "recorded on a chain" : `refused with ${refusal.code}`}`, async () => {
      const chain = await startTraceChain();
      try {
        const text = readEpcisSuiteFile(suite, "Documents", name);
        await prepare(chain, text);
        const outcome = await chain.run(chain.members.manufacturer, "import_epcis", { document: text });
        if (refusal !== undefined) {
          assert.equal(outcome.status, "failed", `${name} is refused`);
          assert.equal(outcome.code, refusal.code, outcome.message);
          for (const word of refusal.mentions) assert.ok(outcome.message.includes(word), `the refusal mentions ${word}: ${outcome.message}`);
          return;
        }
        expectOk(outcome, `import ${name}`);
        await checkRecorded(chain, text, outcome);
      } finally {
        await chain.close();
      }
    });
  }

  describe("invalid documents", () => {
    let chain: TraceChain;
    before(async () => {
      chain = await startTraceChain();
      // Something recorded first, so "unchanged" is checked against a state that has content.
      const recorded = readEpcisSuiteFile(ownEpcisSuite, "Documents", "ObjectEvent_commissioning.json");
      await prepare(chain, recorded);
      expectOk(await chain.run(chain.members.manufacturer, "import_epcis", { document: recorded }), "a first document");
    });
    after(async () => {
      await chain?.close();
    });
    for (const name of epcisSuiteFiles(suite, "Invalid")) {
      test(`import: Invalid/${name} is refused and records nothing`, async () => {
        const before = traceState(chain);
        assert.ok(before.size > 0, "the chain holds trace records");
        const outcome = await chain.run(chain.members.manufacturer, "import_epcis", { document: readEpcisSuiteFile(suite, "Invalid", name) });
        assert.equal(outcome.status, "failed", `${name} is refused`);
        assert.equal(outcome.code, "TRACE_INVALID_EPCIS", outcome.message);
        assert.deepEqual(traceState(chain), before, "the trace state is unchanged");
      });
    }
  });
}

describe("own EPCIS 2.0 documents on a chain", () => importSuite(ownEpcisSuite));

describe("external EPCIS 2.0 documents on a chain", () => {
  if (externalEpcisSuite.skipReason !== undefined) {
    test("import: the external suite", { skip: externalEpcisSuite.skipReason }, () => {});
    return;
  }
  importSuite(externalEpcisSuite);
});
