/*
 * Time on the points platform is the block time of the header (milliseconds since the epoch,
 * never earlier than the previous block's), never a clock of the machine. A day is a calendar day
 * of China Standard Time (UTC+8, which has no daylight saving), numbered from 1970-01-01: every
 * node computes the same day from the same block, and merchants' "today" is the one their members
 * live in.
 */

export const pointsDayMs = 86_400_000;
const chinaStandardTimeOffsetMs = 8 * 3_600_000;

/** The day number (UTC+8) of a block time. */
export function pointsDayOf(timeMs: number): number {
  return Math.floor((timeMs + chinaStandardTimeOffsetMs) / pointsDayMs);
}

/** The block time at which day `day` (UTC+8) begins. */
export function pointsDayStartMs(day: number): number {
  return day * pointsDayMs - chinaStandardTimeOffsetMs;
}

/** The calendar date (YYYY-MM-DD, UTC+8) of a day number, for people to read. */
export function pointsDayDate(day: number): string {
  return new Date(day * pointsDayMs).toISOString().slice(0, 10);
}
