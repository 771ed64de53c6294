import { LotteryError } from "./errors.ts";
import { lotteryLimits } from "./limits.ts";

// Control characters and lone surrogates would make one id print like another or encode differently.
const forbiddenCharacters = /[\p{Cc}\p{Cs}]/u;

/** Why `id` is not a participant id, or undefined when it is one. */
export function participantIdProblem(id: unknown): string | undefined {
  if (typeof id !== "string") return "must be a string";
  if (id.length === 0) return "is empty";
  // Counting code points is needed only when the UTF-16 length exceeds the limit.
  if (id.length > lotteryLimits.participantIdLengthMax && (id.length > lotteryLimits.participantIdLengthMax * 2 || [...id].length > lotteryLimits.participantIdLengthMax)) {
    return `is longer than ${lotteryLimits.participantIdLengthMax} characters`;
  }
  if (id.trim() !== id) return "has leading or trailing white space";
  if (forbiddenCharacters.test(id)) return "contains a control character or an unpaired surrogate";
  return undefined;
}

/** Checks a participant list: 1 to participantsMax valid ids, none repeated. */
export function requireParticipantIds(ids: readonly string[]): void {
  if (!Array.isArray(ids)) throw participantError(-1, "the participant list must be an array of ids");
  if (ids.length === 0 || ids.length > lotteryLimits.participantsMax) {
    throw participantError(-1, `a draw has 1 to ${lotteryLimits.participantsMax} participants, not ${ids.length}`);
  }
  const firstIndexOf = new Map<string, number>();
  ids.forEach((id, index) => {
    const problem = participantIdProblem(id);
    if (problem !== undefined) throw participantError(index, `participant ${index} ${problem}`);
    const first = firstIndexOf.get(id);
    if (first !== undefined) throw participantError(index, `participant ${index} repeats participant ${first} ("${id}"): each id may appear once`);
    firstIndexOf.set(id, index);
  });
}

function participantError(index: number, message: string): LotteryError {
  return new LotteryError({ code: "LOTTERY_PARTICIPANT", index, reason: message }, message);
}
