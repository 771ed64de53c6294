import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex, utf8 } from "../../src/bytes.ts";
import { encodeCanonical } from "../../src/codec.ts";
import { type CryptoSuite, getSuite } from "../../src/crypto/index.ts";
import {
  type DrawInput,
  type DrawRegistration,
  LotteryError,
  drawWinners,
  lotteryLimits,
  lotterySeed,
  participantsRoot,
  validateDrawRegistration,
  verifyDraw,
} from "../../src/evidence/index.ts";
import { merkleRoot } from "../../src/merkle.ts";
import { suites, throwsKexinError } from "./fixtures.ts";

const smallIds = ["alice", "bob", "carol", "张三", "李四"];
const idsOf = (count: number): string[] => Array.from({ length: count }, (_, index) => `participant-${index}`);

const vectors = {
  intl: {
    root: "0b4e1b3139b8682978a74b6c9a2b18ecb0873bc0ce63e3ed22c1a1b734f1a84b",
    seed: "a9a629e06ff1b0c40222e106ed8bb2e8a12ed36428ba72437aeb1c28a0f9b528",
    winners: [2, 3, 1],
    root1000: "e1ad02ed83fbc5ba9e3fd05898a381c7815dbff2e0478c1b79b174b81308a94d",
    winners1000: [154, 773, 67, 310, 564, 162, 262, 133, 274, 299],
  },
  gm: {
    root: "0626bf22d8950379145b8672c312a2c7838f08bec8698b2c94eab7efcca015b8",
    seed: "38c487d9fb14457c0dc77e7da914559f113a9f470013ac5f3d604f902085bab5",
    winners: [1, 4, 2],
    root1000: "7db8ce73afbd7f23418a745f07e153ecb19e6fe55524c1cedf005d7d3fb110ef",
    winners1000: [232, 995, 627, 159, 35, 186, 444, 328, 260, 803],
  },
};

/** The generator as docs/evidence.md states it, written plainly: a full array and an explicit byte buffer. */
function referenceWinners(suite: CryptoSuite, input: DrawInput): number[] {
  const seed = suite.hash(
    encodeCanonical(["kexin/lottery/1", input.drawId, input.blockHash, input.participantsRoot, input.participantCount, input.winnerCount]),
  );
  let counter = 0;
  let buffer: number[] = [];
  const nextUint64 = (): bigint => {
    if (buffer.length === 0) buffer = [...suite.hash(encodeCanonical([seed, counter++]))];
    let value = 0n;
    for (const byte of buffer.splice(0, 8)) value = (value << 8n) | BigInt(byte);
    return value;
  };
  const order = Array.from({ length: input.participantCount }, (_, index) => index);
  for (let position = 0; position < input.winnerCount; position++) {
    const remaining = BigInt(input.participantCount - position);
    const limit = (1n << 64n) - ((1n << 64n) % remaining);
    let value = nextUint64();
    while (value >= limit) value = nextUint64();
    const chosen = position + Number(value % remaining);
    [order[position], order[chosen]] = [order[chosen]!, order[position]!];
  }
  return order.slice(0, input.winnerCount);
}

/** Pearson's chi-square statistic of observed counts against equal expected counts. */
function chiSquare(counts: readonly number[]): number {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

function registrationOf(suite: CryptoSuite, ids: readonly string[], winnerCount: number): DrawRegistration {
  return {
    drawId: "draw-2024-003",
    participantsRoot: participantsRoot(suite, ids),
    participantCount: ids.length,
    winnerCount,
    rulesText: "每位参与者一次机会；一等奖 1 名，二等奖 2 名。One entry per participant.",
    drawHeight: 1200,
  };
}

for (const suite of suites) {
  const pinned = vectors[suite.id];
  const blockHash = suite.hash(utf8("block 100"));

  test(`vector ${suite.id}: participants root, seed and winners are pinned`, () => {
    const root = participantsRoot(suite, smallIds);
    assert.equal(toHex(root), pinned.root, "root of five ids");
    const input = { drawId: "draw-2024-001", blockHash, participantsRoot: root, participantCount: 5, winnerCount: 3 };
    assert.equal(toHex(lotterySeed(suite, input)), pinned.seed, "seed");
    assert.deepEqual(drawWinners(suite, input), pinned.winners, "three winners of five");
    const root1000 = participantsRoot(suite, idsOf(1000));
    assert.equal(toHex(root1000), pinned.root1000, "root of 1,000 ids");
    const input1000 = { drawId: "draw-2024-002", blockHash, participantsRoot: root1000, participantCount: 1000, winnerCount: 10 };
    assert.deepEqual(drawWinners(suite, input1000), pinned.winners1000, "ten winners of 1,000");
  });

  test(`default ${suite.id}: the participants root is the RFC 6962 root of each id's canonical encoding`, () => {
    assert.deepEqual(
      participantsRoot(suite, smallIds),
      merkleRoot(
        suite.hash,
        smallIds.map((id) => encodeCanonical(id)),
      ),
      "root",
    );
  });

  test(`behavior ${suite.id}: drawWinners equals a plain full-array implementation of the documented generator`, () => {
    for (const [participantCount, winnerCount] of [
      [1, 1],
      [2, 2],
      [7, 3],
      [100, 100],
      [1000, 25],
      [65_537, 40],
    ] as const) {
      const input = { drawId: `draw-${participantCount}`, blockHash, participantsRoot: suite.hash(utf8("root")), participantCount, winnerCount };
      assert.deepEqual(drawWinners(suite, input), referenceWinners(suite, input), `${winnerCount} of ${participantCount}`);
    }
  });

  test(`behavior ${suite.id}: winners are distinct, and drawing everyone gives a permutation`, () => {
    const everyone = drawWinners(suite, { drawId: "draw-all", blockHash, participantsRoot: suite.hash(utf8("root")), participantCount: 1000, winnerCount: 1000 });
    assert.deepEqual(
      everyone.slice().sort((a, b) => a - b),
      idsOf(1000).map((_, index) => index),
      "every index once",
    );
    const many = drawWinners(suite, {
      drawId: "draw-large",
      blockHash,
      participantsRoot: suite.hash(utf8("root")),
      participantCount: lotteryLimits.participantsMax,
      winnerCount: 2000,
    });
    assert.equal(new Set(many).size, 2000, "2,000 distinct winners among a million");
    assert.ok(
      many.every((index) => Number.isInteger(index) && index >= 0 && index < lotteryLimits.participantsMax),
      "indices in range",
    );
  });

  test(`behavior ${suite.id}: the first winner is uniform (chi-square over 20,000 block hashes, 5 participants)`, () => {
    const root = participantsRoot(suite, smallIds);
    const counts = [0, 0, 0, 0, 0];
    for (let height = 0; height < 20_000; height++) {
      const [winner] = drawWinners(suite, {
        drawId: "uniformity",
        blockHash: suite.hash(utf8(`block ${height}`)),
        participantsRoot: root,
        participantCount: 5,
        winnerCount: 1,
      });
      counts[winner!]!++;
    }
    // 18.47 is the 99.9th percentile of chi-square with 4 degrees of freedom.
    const statistic = chiSquare(counts);
    assert.ok(statistic < 18.47, `chi-square ${statistic.toFixed(2)} for counts ${counts.join(", ")}`);
  });

  test(`behavior ${suite.id}: ordered winner pairs are uniform (chi-square over 12,000 draws, 4 participants)`, () => {
    const root = participantsRoot(suite, smallIds.slice(0, 4));
    const counts = new Map<string, number>();
    for (let round = 0; round < 12_000; round++) {
      const winners = drawWinners(suite, { drawId: `pairs-${round}`, blockHash, participantsRoot: root, participantCount: 4, winnerCount: 2 });
      counts.set(winners.join(","), (counts.get(winners.join(",")) ?? 0) + 1);
    }
    assert.equal(counts.size, 12, "all 12 ordered pairs occur");
    // 31.26 is the 99.9th percentile of chi-square with 11 degrees of freedom.
    const statistic = chiSquare([...counts.values()]);
    assert.ok(statistic < 31.26, `chi-square ${statistic.toFixed(2)}`);
  });

  test(`behavior ${suite.id}: another block hash, draw id, root or count gives another result`, () => {
    const root = participantsRoot(suite, idsOf(1000));
    const input = { drawId: "draw-2024-004", blockHash, participantsRoot: root, participantCount: 1000, winnerCount: 10 };
    const base = drawWinners(suite, input).join(",");
    const variants = [
      { ...input, blockHash: suite.hash(utf8("block 101")) },
      { ...input, drawId: "draw-2024-005" },
      { ...input, participantsRoot: participantsRoot(suite, idsOf(1001).slice(1)) },
      { ...input, participantCount: 999 },
    ];
    for (const variant of variants) assert.notEqual(drawWinners(suite, variant).join(","), base, "winners differ");
    const moreWinners = drawWinners(suite, { ...input, winnerCount: 11 });
    assert.notEqual(moreWinners.slice(0, 10).join(","), base, "the winner count is part of the seed, so one more winner reshuffles the rest");
  });

  test(`default ${suite.id}: verifyDraw names the winners when the presented list is the registered one`, () => {
    const ids = idsOf(500);
    const draw = registrationOf(suite, ids, 3);
    const verification = verifyDraw(suite, draw, blockHash, ids);
    assert.equal(verification.ok, true, "ok");
    assert.deepEqual(verification.problems, [], "no problems");
    assert.deepEqual(verification.winnerIndices, drawWinners(suite, { ...draw, blockHash }), "indices");
    assert.deepEqual(
      verification.winners,
      verification.winnerIndices.map((index) => ids[index]),
      "ids",
    );
  });

  test(`behavior ${suite.id}: a changed, reordered, added or removed participant is detected`, () => {
    const ids = idsOf(500);
    const draw = registrationOf(suite, ids, 3);
    const expectedIndices = verifyDraw(suite, draw, blockHash, ids).winnerIndices;
    const changed = ids.slice();
    changed[42] = "participant-42x";
    const reordered = ids.slice();
    [reordered[10], reordered[11]] = [reordered[11]!, reordered[10]!];
    const cases: [string, string[], string[]][] = [
      ["changed", changed, ["PARTICIPANTS_ROOT_MISMATCH"]],
      ["reordered", reordered, ["PARTICIPANTS_ROOT_MISMATCH"]],
      ["added", [...ids, "late-entrant"], ["PARTICIPANT_COUNT_MISMATCH", "PARTICIPANTS_ROOT_MISMATCH"]],
      ["removed", ids.slice(0, -1), ["PARTICIPANT_COUNT_MISMATCH", "PARTICIPANTS_ROOT_MISMATCH"]],
      ["duplicated", [...ids.slice(0, -1), ids[0]!], ["PARTICIPANTS_INVALID"]],
      ["empty", [], ["PARTICIPANTS_INVALID", "PARTICIPANT_COUNT_MISMATCH"]],
    ];
    for (const [name, presented, codes] of cases) {
      const verification = verifyDraw(suite, draw, blockHash, presented);
      assert.equal(verification.ok, false, `${name}: not ok`);
      assert.deepEqual(
        verification.problems.map((problem) => problem.code),
        codes,
        `${name}: problems`,
      );
      assert.deepEqual(verification.winners, [], `${name}: no winner names from a list that is not the registered one`);
      assert.deepEqual(verification.winnerIndices, expectedIndices, `${name}: the indices follow from the registration alone`);
    }
  });
}

const suite = getSuite("intl");
const blockHash = suite.hash(utf8("block 100"));
const root = suite.hash(utf8("root"));

test("error: counts must be positive, bounded, and winners no more than participants", () => {
  const cases: [string, Partial<DrawInput>, string][] = [
    ["more winners than participants", { participantCount: 3, winnerCount: 4 }, "winnerCount"],
    ["no winners", { winnerCount: 0 }, "winnerCount"],
    ["no participants", { participantCount: 0 }, "participantCount"],
    ["too many participants", { participantCount: lotteryLimits.participantsMax + 1 }, "participantCount"],
    ["fractional count", { participantCount: 10.5 }, "participantCount"],
    ["short block hash", { blockHash: new Uint8Array(31) }, "blockHash"],
    ["root as hex", { participantsRoot: toHex(root) as unknown as Uint8Array }, "participantsRoot"],
    ["draw id with a space", { drawId: "draw 1" }, "drawId"],
  ];
  for (const [name, change, field] of cases) {
    const input = { drawId: "draw-1", blockHash, participantsRoot: root, participantCount: 10, winnerCount: 2, ...change };
    throwsKexinError(() => drawWinners(suite, input), LotteryError, { code: "LOTTERY_DRAW_FIELD", field }, name);
  }
});

test("behavior: a registration must leave drawHeightMarginMin blocks before the draw block", () => {
  const draw = registrationOf(suite, smallIds, 1);
  assert.doesNotThrow(() => validateDrawRegistration(draw, draw.drawHeight - lotteryLimits.drawHeightMarginMin), "exactly the margin is accepted");
  throwsKexinError(
    () => validateDrawRegistration(draw, draw.drawHeight - lotteryLimits.drawHeightMarginMin + 1),
    LotteryError,
    { code: "LOTTERY_DRAW_FIELD", field: "drawHeight" },
    "one block short of the margin",
  );
  throwsKexinError(() => validateDrawRegistration({ ...draw, drawHeight: 0 }), LotteryError, { code: "LOTTERY_DRAW_FIELD", field: "drawHeight" }, "height 0");
  throwsKexinError(
    () => validateDrawRegistration({ ...draw, rulesText: "x".repeat(lotteryLimits.rulesTextLengthMax + 1) }),
    LotteryError,
    { code: "LOTTERY_DRAW_FIELD", field: "rulesText" },
    "rules too long",
  );
});

test("error: participant lists with bad ids are refused with the index", () => {
  const cases: [string, string[], number][] = [
    ["empty id", ["a", ""], 1],
    ["repeated id", ["a", "b", "a"], 2],
    ["surrounding space", [" a"], 0],
    ["control character", ["a\tb"], 0],
    ["lone surrogate", ["\uD800"], 0],
    ["id too long", ["好".repeat(lotteryLimits.participantIdLengthMax + 1)], 0],
    ["empty list", [], -1],
  ];
  for (const [name, ids, index] of cases) {
    throwsKexinError(() => participantsRoot(suite, ids), LotteryError, { code: "LOTTERY_PARTICIPANT", index }, name);
  }
  assert.equal(participantsRoot(suite, ["好".repeat(lotteryLimits.participantIdLengthMax)]).length, 32, "256 Chinese characters are allowed");
});

test("error: verifyDraw refuses a malformed registration or block hash", () => {
  const draw = registrationOf(suite, smallIds, 1);
  throwsKexinError(() => verifyDraw(suite, { ...draw, winnerCount: 6 }, blockHash, smallIds), LotteryError, { code: "LOTTERY_DRAW_FIELD", field: "winnerCount" }, "6 of 5");
  throwsKexinError(() => verifyDraw(suite, draw, new Uint8Array(0), smallIds), LotteryError, { code: "LOTTERY_DRAW_FIELD", field: "blockHash" }, "empty block hash");
});
