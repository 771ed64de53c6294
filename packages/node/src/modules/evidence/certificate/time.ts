// Made on first use, so that loading this module never depends on the time zone data.
let shanghaiFormat: Intl.DateTimeFormat | undefined;

function shanghaiFormatter(): Intl.DateTimeFormat {
  shanghaiFormat ??= new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "longOffset",
  });
  return shanghaiFormat;
}

/** "2024-06-10 16:00:00.123 (UTC+08:00)": the block time as a clock in Beijing showed it. */
export function shanghaiTime(milliseconds: number): string {
  const parts: Record<string, string> = {};
  for (const part of shanghaiFormatter().formatToParts(new Date(milliseconds))) parts[part.type] = part.value;
  const fraction = String(milliseconds % 1000).padStart(3, "0");
  const offset = (parts.timeZoneName ?? "GMT+08:00").replace("GMT", "UTC");
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}.${fraction} (${offset})`;
}
