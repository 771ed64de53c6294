import { readFileSync, readdirSync } from "node:fs";

/** Reads a "VmHWM:   123456 kB" style field from /proc/<pid>/status, in kibibytes; undefined if the process is gone. */
function statusFieldKib(pid: number, field: "VmHWM" | "VmRSS"): number | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const match = status.match(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m"));
  return match === null ? undefined : Number(match[1]);
}

/** Process ids whose process group is `groupId` (field 5 of /proc/<pid>/stat). */
export function processGroupMembers(groupId: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // The command name (field 2) is in parentheses and may contain spaces; fields resume after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === groupId) members.push(Number(entry));
  }
  return members;
}

/**
 * Peak resident set (VmHWM) of the largest process in the group a managed process leads, in MiB.
 * A launcher may re-execute itself (for example under a TypeScript loader), so the process doing
 * the work is not necessarily the one we spawned; the largest member is. Read it before stopping
 * the process: the kernel forgets the figure when the process exits.
 */
export function peakRssMb(groupLeaderPid: number): number | undefined {
  let peakKib: number | undefined;
  for (const pid of processGroupMembers(groupLeaderPid)) {
    const kib = statusFieldKib(pid, "VmHWM");
    if (kib !== undefined && (peakKib === undefined || kib > peakKib)) peakKib = kib;
  }
  return peakKib === undefined ? undefined : peakKib / 1024;
}
