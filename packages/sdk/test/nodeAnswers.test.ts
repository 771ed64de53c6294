import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  type CborValue,
  type ChunkRecord,
  anchorsAnswerSchema,
  chunksAnswerSchema,
  drawViewSchema,
  drawWinnersViewSchema,
  evidenceProofSchema,
  lotteryLimits,
  memberAnswerSchema,
  participantsRoot,
  sessionRecordSchema,
  toHex,
  utf8,
  wireProblem,
} from "@kexin/core";
import { type EvidenceChain, startEvidenceChain } from "../../node/test/evidence/fixture.ts";
import { type KexinClient, createKexinClient, evidence } from "../src/index.ts";

/*
 * The node's query answers against the service schemas of @kexin/core, on a real node: the raw
 * answers are checked directly, and every SDK read action (which checks its answer against the
 * same schema) is called, so a node and an SDK that drift apart fail here.
 */

let fixture: EvidenceChain;
let client: KexinClient;
before(async () => {
  fixture = await startEvidenceChain();
  client = createKexinClient({ url: fixture.chain.url });
});
after(async () => {
  await fixture.close();
});

const caseNumber = "(2026)沪0101刑初7号";
const sessionId = "bc-7-0001";
const drawId = "housing-2026-007";

async function committed(from: keyof Pick<EvidenceChain, "officer" | "camera" | "notary">, call: { readonly type: string; readonly payload: object }) {
  const outcome = await fixture.commit(fixture[from], call.type, call.payload as unknown as CborValue);
  assert.equal(outcome.result.status, "ok", `${call.type}: ${outcome.result.message}`);
  return outcome;
}

describe("node answers and the core schemas", () => {
  test("default: evidence, identity, points and governance answers match their schemas, raw and through the SDK", async () => {
    const content = utf8("statement of witness W");
    const anchored = await committed("officer", evidence.anchor({ hash: toHex(fixture.suite.hash(content)), size: content.length, mediaType: "text/plain", title: "笔录", caseNumber, tags: ["interview"] }));
    await committed("camera", evidence.openSession({ sessionId, operator: fixture.officer.address, caseNumber, startTimeMs: 1_000 }));
    const records: ChunkRecord[] = Array.from({ length: 3 }, (_, sequence) => ({ sequence, chunkHash: fixture.suite.hash(utf8(`chunk ${sequence}`)), deviceTimeMs: 1_000 + sequence, batteryPercent: 90 }));
    for (const call of evidence.chunkBatches(fixture.suite, { sessionId, records }).calls) await committed("camera", call);
    const participants = ["p-1", "p-2", "p-3"];
    const drawHeight = (fixture.chain.node.store.head()?.height ?? 0) + lotteryLimits.drawHeightMarginMin + 1;
    await committed("notary", evidence.registerDraw({ drawId, participantsRoot: toHex(participantsRoot(fixture.suite, participants)), participantCount: 3, winnerCount: 1, rulesText: "one flat", drawHeight }));

    const hash = toHex(fixture.suite.hash(content));
    const raw = [
      [anchorsAnswerSchema, await fixture.query("anchors", { hash })],
      [sessionRecordSchema, await fixture.query("session", { sessionId })],
      [chunksAnswerSchema, await fixture.query("chunks", { sessionId })],
      [drawViewSchema, await fixture.query("draw", { drawId })],
      [drawWinnersViewSchema, await fixture.query("draw_winners", { drawId })],
      [memberAnswerSchema, await fixture.chain.get(`/v1/query/identity/member?address=${fixture.officer.address}`)],
      [evidenceProofSchema, await fixture.chain.get(`/v1/evidence/${hash}/proof`)],
    ] as const;
    for (const [schema, answer] of raw) {
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(wireProblem(schema, answer.body), undefined, `${JSON.stringify(answer.body).slice(0, 120)} matches its schema`);
    }

    const anchors = await client.evidence.getAnchors({ hash });
    assert.equal(anchors.anchors[0]?.txHash, anchored.hash, "the bound action reads the anchor");
    assert.equal((await client.evidence.getAnchorsBySubmitter({ address: fixture.officer.address })).anchors[0]?.hash, hash);
    assert.equal((await client.evidence.getAnchorsByTime({ from: 0, to: Number.MAX_SAFE_INTEGER % 1e15 })).anchors.length >= 1, true);
    assert.deepEqual(
      (await client.evidence.getCase({ caseNumber })).entries.map((entry) => entry.kind),
      ["anchor", "session"],
      "the case lists the anchor and the session",
    );
    assert.equal((await client.evidence.getSession({ sessionId })).chunkCount, 3);
    assert.equal((await client.evidence.getChunks({ sessionId })).chunks[2]?.batteryPercent, 90);
    assert.equal((await client.evidence.getDraw({ drawId })).status, "waiting");
    assert.equal((await client.evidence.getDrawWinners({ drawId })).status, "waiting");
    const proof = await client.evidence.getEvidenceProof({ hash });
    assert.equal(evidence.verifyEvidenceProof({ proof, content }).ok, true, "the served proof verifies");
    assert.deepEqual(evidence.evidenceProofFromTransaction(await client.waitForCommit({ hash: anchored.hash, timeoutMs: 10_000 })).anchor, proof.anchor, "the anchor facts derived from the receipt are the node's");
    assert.equal((await client.identity.getMember({ address: fixture.officer.address })).org, "police");
    assert.deepEqual(
      (await client.identity.getOrganisations()).organisations.map((organisation) => organisation.id),
      ["hospital", "notary", "police"],
    );
    assert.ok((await client.identity.getAccounts({ org: "police" })).accounts.some((account) => account.address === fixture.officer.address));
    assert.equal((await client.identity.getAccounts({ org: "police", kind: "admin", limit: 1 })).accounts[0]?.kind, "admin");
    assert.equal((await client.identity.getNodeKeys({ org: "police" })).org, "police");
    assert.equal((await client.points.getBalance({ address: fixture.officer.address, program: "police" })).amount, 0);
    const parameters = await client.governance.getParameters({ height: 1 });
    assert.equal(parameters.parameters.find((parameter) => parameter.name === "block.txsMax")?.value, 5_000, "the block limit is a chain parameter");
    assert.deepEqual(await client.governance.getScheduledParameters(), [], "no change is scheduled");
    assert.deepEqual((await client.governance.getProposals()).proposals, [], "no proposal was made");
    assert.equal((await client.governance.getValidators({ height: 1 })).length, 1, "the solo chain's one validator");
    assert.deepEqual(
      (await client.governance.getValidatorSchedule()).sets.map((set) => set.height),
      [1],
      "the genesis set alone",
    );

    await fixture.advanceTo(drawHeight);
    const drawn = await client.evidence.verifyLotteryDraw({ drawId, participantIds: participants });
    assert.equal(drawn.ok, true, drawn.error);
  });
});
