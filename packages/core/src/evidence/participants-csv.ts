import { LotteryError } from "./errors.ts";
import { lotteryLimits } from "./limits.ts";
import { participantIdProblem } from "./participants.ts";

const byteOrderMark = "\uFEFF";
const headerName = "id";

/**
 * Reads a participant list: one id per row, in order, as spreadsheets export a single column.
 * A first row reading `id` (any case) is a header. Each row is trimmed; a row may be one
 * RFC 4180 quoted field ("…", with "" for a quote) so ids may hold commas. Empty rows at the
 * end are ignored; anywhere else an empty row, a second column, a repeated id or a row beyond
 * participantsMax is refused with its 1-based line number.
 */
export function parseParticipantsCsv(text: string): string[] {
  if (typeof text !== "string") throw csvError(0, "the participant list must be text");
  const body = text.startsWith(byteOrderMark) ? text.slice(byteOrderMark.length) : text;
  const lines = body.split("\n");
  let lastLine = lines.length;
  while (lastLine > 0 && (lines[lastLine - 1] as string).trim() === "") lastLine--;

  const ids: string[] = [];
  const lineOfId = new Map<string, number>();
  for (let index = 0; index < lastLine; index++) {
    const lineNumber = index + 1;
    const id = rowId(lines[index] as string, lineNumber);
    if (index === 0 && id.toLowerCase() === headerName) continue;
    const problem = participantIdProblem(id);
    if (problem !== undefined) throw csvError(lineNumber, `the id ${problem}`);
    const firstLine = lineOfId.get(id);
    if (firstLine !== undefined) throw csvError(lineNumber, `repeats the id "${id}" of line ${firstLine}: each participant may appear once`);
    if (ids.length === lotteryLimits.participantsMax) {
      throw csvError(lineNumber, `exceeds the limit of ${lotteryLimits.participantsMax} participants`);
    }
    lineOfId.set(id, lineNumber);
    ids.push(id);
  }
  if (ids.length === 0) throw csvError(0, "the participant list has no ids");
  return ids;
}

function rowId(line: string, lineNumber: number): string {
  const row = line.trim();
  if (!row.startsWith('"')) {
    if (row.includes(",")) throw csvError(lineNumber, "has more than one column: export only the id column, or quote ids that contain commas");
    if (row.includes('"')) throw csvError(lineNumber, "has a double quote inside an unquoted id");
    return row;
  }
  if (row.length < 2 || !row.endsWith('"')) throw csvError(lineNumber, "has a quoted id without its closing quote (ids may not span lines)");
  const inner = row.slice(1, -1);
  if (inner.replaceAll('""', "").includes('"')) throw csvError(lineNumber, 'has a lone double quote inside a quoted id (write "" for a quote)');
  return inner.replaceAll('""', '"').trim();
}

function csvError(line: number, reason: string): LotteryError {
  const message = line === 0 ? reason : `line ${line} ${reason}`;
  return new LotteryError({ code: "LOTTERY_CSV", line, reason }, message);
}
