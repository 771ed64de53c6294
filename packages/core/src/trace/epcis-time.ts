import { daysInMonth } from "./calendar.ts";

const dateTimePattern = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]{1,9})?(?:Z|([+-])([0-9]{2}):([0-9]{2}))$/;
const timeZoneOffsetPattern = /^[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00)$/;

/**
 * An RFC 3339 / xsd:dateTimeStamp timestamp as EPCIS 2.0 requires for eventTime, recordTime and
 * the other times: full date, time with seconds, optional fraction, and an explicit offset.
 */
export function isEpcisTimestamp(value: string): boolean {
  const match = dateTimePattern.exec(value);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (match[7] !== undefined) {
    const offsetHours = Number(match[8]);
    const offsetMinutes = Number(match[9]);
    if (offsetMinutes > 59 || offsetHours > 14 || (offsetHours === 14 && offsetMinutes !== 0)) return false;
  }
  return true;
}

/** eventTimeZoneOffset: `±hh:mm` from -14:00 to +14:00 (EPCIS 2.0 JSON schema pattern). */
export function isTimeZoneOffset(value: string): boolean {
  return timeZoneOffsetPattern.test(value);
}
