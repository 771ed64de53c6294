/*
 * Time arithmetic on EPCIS timestamps with integers only, so every node computes the same
 * milliseconds without consulting a clock or the host's Date parser.
 */

const timestampPattern = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?(?:Z|([+-])([0-9]{2}):([0-9]{2}))$/;
const datePattern = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const millisecondsPerDay = 86_400_000;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Milliseconds since the Unix epoch of an EPCIS timestamp (already validated by the EPCIS parser); fractions below a millisecond are dropped. */
export function epcisTimeMs(timestamp: string): number {
  const match = timestampPattern.exec(timestamp);
  if (match === null) throw new Error(`not an EPCIS timestamp: ${timestamp}`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const milliseconds = match[7] === undefined ? 0 : Number(match[7].padEnd(3, "0").slice(0, 3));
  const offsetMinutes = match[8] === undefined ? 0 : (match[8] === "-" ? -1 : 1) * (Number(match[9]) * 60 + Number(match[10]));
  return daysFromCivil(year, month, day) * millisecondsPerDay + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + milliseconds;
}

/** True for a valid calendar date `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const match = datePattern.exec(text);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The UTC calendar date `YYYY-MM-DD` of a time in milliseconds. */
export function utcDateOf(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}

/** ISO 8601 UTC text of a time in milliseconds (for export headers and views). */
export function isoTimeOf(timeMs: number): string {
  return new Date(timeMs).toISOString();
}
