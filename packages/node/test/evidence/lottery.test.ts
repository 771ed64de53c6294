import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { drawWinners, fromHex, lotteryLimits, participantsRoot, toHex, verifyDraw } from "@kexin/core";
import { type EvidenceChain, startEvidenceChain } from "./fixture.ts";

let fixture: EvidenceChain;
before(async () => {
  fixture = await startEvidenceChain();
});
after(async () => {
  await fixture.close();
});

const participants = Array.from({ length: 1_000 }, (_, index) => `participant-${index}`);

function height(): number {
  return fixture.chain.node.store.head()?.height ?? 0;
}

function registration(drawId: string, drawHeight: number) {
  return {
    drawId,
    participantsRoot: toHex(participantsRoot(fixture.suite, participants)),
    participantCount: participants.length,
    winnerCount: 10,
    rulesText: "十套公租房：第一名选房优先。The block at the draw height decides the draw; its proposer is the solo validator.",
    drawHeight,
  };
}

describe("notarised draws", () => {
  test("default: a registered draw is decided by the block at its draw height, and anyone reproduces it from public data", async () => {
    const drawId = "housing-2024-001";
    const payload = registration(drawId, height() + lotteryLimits.drawHeightMarginMin + 5);
    const registered = await fixture.commit(fixture.notary, "register_draw", payload);
    assert.equal(registered.result.status, "ok", registered.result.message);
    const waiting = await fixture.query("draw_winners", { drawId });
    assert.equal(waiting.body.status, "waiting", "no winners before the draw block exists");
    assert.equal(waiting.body.drawHeight, payload.drawHeight);
    const draw = await fixture.query("draw", { drawId });
    assert.deepEqual({ ...draw.body, height: undefined }, {
      ...payload,
      organiser: { org: "notary", address: fixture.notary.address },
      registeredHeight: registered.height,
      registeredTime: draw.body.registeredTime,
      status: "waiting",
      height: undefined,
    });

    await fixture.advanceTo(payload.drawHeight);
    const drawn = await fixture.query("draw_winners", { drawId });
    assert.equal(drawn.body.status, "drawn");
    const block = await fixture.chain.get(`/v1/blocks/${payload.drawHeight}`);
    assert.equal(drawn.body.blockHash, block.body.hash, "the draw uses the hash of the block at the draw height");

    // Public data only: the registration and the block hash from the API, and the published list.
    const publicDraw = { ...payload, participantsRoot: fromHex(payload.participantsRoot) };
    const verification = verifyDraw(fixture.suite, publicDraw, fromHex(block.body.hash as string), participants);
    assert.equal(verification.ok, true, JSON.stringify(verification.problems));
    assert.deepEqual(drawn.body.winnerIndices, verification.winnerIndices, "the chain's winners are the independently derived ones");
    assert.equal(verification.winners.length, 10);
    assert.deepEqual(verification.winners, verification.winnerIndices.map((index) => participants[index]));
    assert.deepEqual(verification.winnerIndices, drawWinners(fixture.suite, { ...publicDraw, blockHash: fromHex(block.body.hash as string) }));
  });

  test("behavior: a changed participant list is detected", async () => {
    const drawId = "housing-2024-002";
    const payload = registration(drawId, height() + lotteryLimits.drawHeightMarginMin + 1);
    assert.equal((await fixture.commit(fixture.notary, "register_draw", payload)).result.status, "ok");
    await fixture.advanceTo(payload.drawHeight);
    const blockHash = fromHex((await fixture.query("draw_winners", { drawId })).body.blockHash as string);
    const publicDraw = { ...payload, participantsRoot: fromHex(payload.participantsRoot) };
    const changed = participants.map((id, index) => (index === 500 ? "participant-500-bis" : id));
    const swapped = [...participants];
    [swapped[3], swapped[4]] = [swapped[4] as string, swapped[3] as string];
    const shorter = participants.slice(1);
    for (const [name, list, codes] of [
      ["one id changed", changed, ["PARTICIPANTS_ROOT_MISMATCH"]],
      ["two ids swapped", swapped, ["PARTICIPANTS_ROOT_MISMATCH"]],
      ["one id removed", shorter, ["PARTICIPANT_COUNT_MISMATCH", "PARTICIPANTS_ROOT_MISMATCH"]],
    ] as const) {
      const verification = verifyDraw(fixture.suite, publicDraw, blockHash, list);
      assert.equal(verification.ok, false, `${name} is detected`);
      assert.deepEqual(verification.problems.map((problem) => problem.code), codes, `${name} is named`);
      assert.deepEqual(verification.winners, [], "no winner ids are given for a list that is not the registered one");
    }
  });

  test("behavior: an organiser's draws are all listed", async () => {
    const listed = await fixture.query("draws_by_organiser", { organiser: fixture.notary.address });
    assert.ok((listed.body.total as number) >= 2, "both draws are listed");
    assert.deepEqual((listed.body.draws as { drawId: string }[]).slice(0, 2).map((draw) => draw.drawId), ["housing-2024-001", "housing-2024-002"]);
  });

  test("error: only a notary registers, ahead of the margin, once per draw id", async () => {
    const payload = registration("housing-2024-003", height() + lotteryLimits.drawHeightMarginMin + 5);
    const byClerk = await fixture.chain.sign(fixture.clerk, { module: "evidence", type: "register_draw", payload });
    const refused = await fixture.chain.post("/v1/txs", { tx: byClerk.hex });
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    assert.equal((refused.body.error as { code: string }).code, "TX_NOT_AUTHORISED");

    const tooSoon = await fixture.chain.sign(fixture.notary, { module: "evidence", type: "register_draw", payload: { ...payload, drawHeight: height() + 3 } });
    const soon = await fixture.chain.post("/v1/txs", { tx: tooSoon.hex });
    assert.equal(soon.status, 400, JSON.stringify(soon.body));
    assert.equal((soon.body.error as { code: string }).code, "LOTTERY_DRAW_FIELD");
    assert.match((soon.body.error as { message: string }).message, /drawHeight must be at least/);

    const tooMany = await fixture.chain.sign(fixture.notary, { module: "evidence", type: "register_draw", payload: { ...payload, winnerCount: 1_001 } });
    const many = await fixture.chain.post("/v1/txs", { tx: tooMany.hex });
    assert.equal((many.body.error as { code: string }).code, "LOTTERY_DRAW_FIELD", "more winners than participants is refused");
    const manyParticipants = { ...payload, participantCount: 50_000, winnerCount: 10_001 };
    const overLimit = await fixture.chain.sign(fixture.notary, { module: "evidence", type: "register_draw", payload: manyParticipants });
    const limited = await fixture.chain.post("/v1/txs", { tx: overLimit.hex });
    assert.equal((limited.body.error as { code: string }).code, "EVIDENCE_TOO_MANY_WINNERS", "more winners than a draw may have is refused");

    assert.equal((await fixture.commit(fixture.notary, "register_draw", payload)).result.status, "ok");
    const again = await fixture.commit(fixture.notary, "register_draw", { ...payload, drawHeight: payload.drawHeight + 1 });
    assert.equal(again.result.code, "EVIDENCE_DRAW_EXISTS", "a draw cannot be replaced");
    assert.equal((await fixture.query("draw", { drawId: "no-such-draw" })).status, 404);
  });
});
