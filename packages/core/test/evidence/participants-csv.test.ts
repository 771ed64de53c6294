import assert from "node:assert/strict";
import { test } from "node:test";
import { LotteryError, lotteryLimits, parseParticipantsCsv } from "../../src/evidence/index.ts";
import { throwsKexinError } from "./fixtures.ts";

test("default: one id per row, in order, trimmed", () => {
  assert.deepEqual(parseParticipantsCsv("alice\n  bob \ncarol"), ["alice", "bob", "carol"], "ids");
});

test("default: an optional id header, CRLF line ends, a byte order mark and trailing blank lines", () => {
  assert.deepEqual(parseParticipantsCsv("\uFEFFID\r\n张三\r\n李四\r\n\r\n\n"), ["张三", "李四"], "spreadsheet export");
  assert.deepEqual(parseParticipantsCsv("id\nalice\n"), ["alice"], "lower-case header");
});

test("behavior: a quoted id may hold commas and doubled quotes", () => {
  assert.deepEqual(parseParticipantsCsv('"Li, Wei"\n"say ""hi"""\n" padded "'), ["Li, Wei", 'say "hi"', "padded"], "quoted ids");
});

test("behavior: ideographic spaces around an id are trimmed", () => {
  assert.deepEqual(parseParticipantsCsv("\u3000王五\u3000"), ["王五"], "full-width spaces");
});

test("error: problems name their line", () => {
  const cases: [string, string, number][] = [
    ["an empty row in the middle", "alice\n\nbob", 2],
    ["a row of spaces", "alice\n   \nbob", 2],
    ["a repeated id", "id\nalice\nbob\nalice", 4],
    ["a repeat that differs only in surrounding space", "alice\n alice ", 2],
    ["two columns", "alice,30", 1],
    ["a stray quote", 'ali"ce', 1],
    ["an unterminated quote", '"alice', 1],
    ["a lone quote inside quotes", '"ali"ce"', 1],
    ["an empty quoted id", '""', 1],
    ["a control character", "ali\u0007ce", 1],
    ["an id that is too long", `ok\n${"x".repeat(lotteryLimits.participantIdLengthMax + 1)}`, 2],
  ];
  for (const [name, text, line] of cases) {
    throwsKexinError(() => parseParticipantsCsv(text), LotteryError, { code: "LOTTERY_CSV", line }, name);
  }
});

test("error: a list without ids is refused", () => {
  for (const text of ["", "id", "id\n\n", "\n\n"]) {
    throwsKexinError(() => parseParticipantsCsv(text), LotteryError, { code: "LOTTERY_CSV", line: 0 }, JSON.stringify(text));
  }
});

test("error: more rows than participantsMax are refused at the first row past the limit", () => {
  const rows = Array.from({ length: lotteryLimits.participantsMax + 1 }, (_, index) => `p${index}`);
  throwsKexinError(
    () => parseParticipantsCsv(["id", ...rows].join("\n")),
    LotteryError,
    { code: "LOTTERY_CSV", line: lotteryLimits.participantsMax + 2 },
    "one row too many",
  );
});
