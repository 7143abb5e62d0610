// What /proc says about a server under benchmark: its process tree (node:cluster's primary and
// its workers), their CPU time, context switches and memory, and which worker holds a client's
// connection. Linux only; every function tolerates a process that has just exited. Used by
// bench/catalogue.mjs and bench/enrolment-burst.ts.
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

/** A /proc directory's entries, or none if its process has just exited. @param {string} dir */
function entriesOf(dir) {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
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
    for (const tid of entriesOf(`/proc/${pid}/task`)) {
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

/**
 * The server worker that holds each of these client sockets (bound to 127.0.0.1), read from /proc: the
 * server's side of a loopback connection is the socket whose remote port is the client's local port,
 * and the worker is the process of the server's tree that has that socket open. A Map from the
 * client's local port to the worker's pid; empty without a server pid or /proc.
 * @param {number[]} localPorts
 * @param {number | string | undefined} serverPid the server's root process (a cluster's primary)
 * @param {number} serverPort
 * @returns {Map<number, number>}
 */
export function workersOfConnections(localPorts, serverPid, serverPort) {
  const found = new Map();
  if (!serverPid || localPorts.length === 0) return found;
  const wanted = new Set(localPorts);
  /** The server side's socket inode for each client port. */
  const inodeOf = new Map();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text;
    try {
      text = fs.readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      const local = parseInt(f[1].split(":")[1], 16);
      const remote = parseInt(f[2].split(":")[1], 16);
      if (local === serverPort && wanted.has(remote)) inodeOf.set(f[9], remote);
    }
  }
  for (const pid of processTree(serverPid)) {
    for (const fd of entriesOf(`/proc/${pid}/fd`)) {
      let link;
      try {
        link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode && inodeOf.has(inode)) found.set(inodeOf.get(inode), pid);
    }
  }
  return found;
}
