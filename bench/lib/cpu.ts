import { readFileSync } from "node:fs";
import { processGroupMembers } from "./rss.ts";

/** /proc reports CPU time in clock ticks (USER_HZ), which Linux fixes at 100 per second for user space (`getconf CLK_TCK`). */
const clockTicksPerSecond = 100;

/** User + system CPU time of one process, in seconds (fields 14 and 15 of /proc/<pid>/stat); undefined if it is gone. */
function processCpuSeconds(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // Fields resume after the command name, which is in parentheses and may contain spaces; utime is then the 12th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

/**
 * CPU time (user + system, all threads) consumed so far by the process group a managed process
 * leads, in seconds. Differences between two readings show where a phase spent the machine's
 * cores; the figure is for the logs, not for the result.
 */
export function groupCpuSeconds(groupLeaderPid: number): number | undefined {
  let total: number | undefined;
  for (const pid of processGroupMembers(groupLeaderPid)) {
    const seconds = processCpuSeconds(pid);
    if (seconds !== undefined) total = (total ?? 0) + seconds;
  }
  return total;
}

/** Reads a process group's CPU time at the start of a phase, and gives the milliseconds of CPU it used per transaction since. */
export class PhaseCpu {
  private startSeconds: number | undefined;

  constructor(private readonly groupLeaderPid: number) {}

  start(): void {
    this.startSeconds = groupCpuSeconds(this.groupLeaderPid);
  }

  msPerTx(txs: number): number | undefined {
    const endSeconds = groupCpuSeconds(this.groupLeaderPid);
    if (this.startSeconds === undefined || endSeconds === undefined || txs === 0) return undefined;
    return (1000 * (endSeconds - this.startSeconds)) / txs;
  }
}
