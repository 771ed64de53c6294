// The processes a test file started, found through /proc: its descendants (Playwright puts Chromium
// in a process group of its own, so killing the file's group alone would miss it) and whatever is
// still in its process group after it exited (children whose parent is gone are re-parented away
// from the tree). Where there is no /proc both lists are empty and only the group is signalled.
import { readFileSync, readdirSync } from "node:fs";

/** pid, parent, process group and state of every process; zombies are left out, they hold nothing. */
function processTable() {
  let entries;
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const table = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const [state, parent, group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state !== "Z") table.push({ pid: Number(entry), parent: Number(parent), group: Number(group) });
    } catch {
      // The process ended while the table was being read.
    }
  }
  return table;
}

/** Every live descendant of `pid`, parents before their children. */
export function descendantsOf(pid) {
  const children = new Map();
  for (const { pid: child, parent } of processTable()) {
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(child);
  }
  const found = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Live members of a process group. */
export function groupMembers(groupId) {
  return processTable()
    .filter((entry) => entry.group === groupId)
    .map((entry) => entry.pid);
}

/** The command line of a process, for saying what was left running. */
export function commandOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return `pid ${pid}`;
  }
}

/** Sends `signal` to each pid (or negative group id) that still exists. */
export function signalEach(targets, signal) {
  for (const target of targets) {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone.
    }
  }
}
