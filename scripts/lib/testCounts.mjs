// Adds up the "ℹ tests 12" lines that Node's spec reporter ends each file's report with.
export const countNames = ["tests", "pass", "fail", "cancelled", "skipped", "todo"];

export function emptyCounts() {
  return Object.fromEntries(countNames.map((name) => [name, 0]));
}

/** Adds the counts one file's report states into `totals`; a report cut short adds what it has. */
export function addCounts(totals, report) {
  for (const match of report.matchAll(/^ℹ (\w+) (\d+)$/gm)) {
    const [, name, value] = match;
    if (name in totals) totals[name] += Number(value);
  }
}

export function formatCounts(totals) {
  return countNames.map((name) => `${name} ${totals[name]}`).join(", ");
}
