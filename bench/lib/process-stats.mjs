// What /proc says about a server under benchmark: its process tree (node:cluster's primary and
// its workers), their CPU time and their memory. Linux only; every function tolerates a process
// that has just exited. Used by bench/catalogue.mjs and bench/enrolment-burst.ts.
import fs from "node:fs";

/** USER_HZ: clock ticks per second in /proc/<pid>/stat (100 on Linux). */
const TICKS_PER_SECOND = 100;

/** @param {number | string} pid @returns {string[] | null} the fields after the command name */
function statFields(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/**
 * The process and all its descendants (a cluster's primary and its workers), alive now.
 * @param {number | string} rootPid
 * @returns {number[]}
 */
export function processTree(rootPid) {
  const root = Number(rootPid);
  const parentOf = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields) parentOf.set(Number(entry), Number(fields[1]));
  }
  if (!parentOf.has(root)) return [];
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

/**
 * User + system CPU time (ms) used so far by these processes.
 * @param {number[]} pids
 * @returns {number}
 */
export function cpuMsOf(pids) {
  let ticks = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * Context switches so far (voluntary + involuntary) of these processes, all their threads: a worker
 * that sleeps between requests, or hands work to another thread, pays two per sleep or hand-over.
 * @param {number[]} pids
 * @returns {number}
 */
export function contextSwitchesOf(pids) {
  let switches = 0;
  for (const pid of pids) {
    let tasks;
    try {
      tasks = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const status = fs.readFileSync(`/proc/${pid}/task/${tid}/status`, "utf8");
        for (const m of status.matchAll(/^(?:non)?voluntary_ctxt_switches:\s+(\d+)/gm)) switches += Number(m[1]);
      } catch {
        // a thread that has just ended
      }
    }
  }
  return switches;
}

/**
 * Resident memory of each process: now (VmRSS) and its peak so far (VmHWM), in MB.
 * @param {number[]} pids
 * @returns {{ pid: number; rssMb: number; peakMb: number }[]}
 */
export function memoryOf(pids) {
  const rows = [];
  for (const pid of pids) {
    let status;
    try {
      status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    } catch {
      continue;
    }
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    rows.push({ pid, rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 });
  }
  return rows;
}

/**
 * One line for a benchmark's output: each process's peak and current RSS, the tree's root first
 * (node:cluster's primary, then its workers).
 * @param {{ pid: number; rssMb: number; peakMb: number }[]} rows
 * @returns {string}
 */
export function memoryText(rows) {
  if (rows.length === 0) return "no process found";
  return rows
    .map((r, i) => {
      // A cluster's children are its workers; tsx's esbuild service is a child too.
      const role = rows.length === 1 ? "" : i === 0 ? " (parent)" : " (child)";
      return `pid ${r.pid}${role}: peak ${r.peakMb.toFixed(0)} MB, now ${r.rssMb.toFixed(0)} MB`;
    })
    .join("; ");
}
