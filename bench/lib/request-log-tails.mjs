// Where a load test's slowest requests come from, read from the server's own log (one JSON line per
// request, with the worker's pid and durationMs; app/utils/http-app.server.ts) and, if the server ran
// with `node --trace-gc server.js`, V8's GC lines in the same file (ADR 0042, issue 17's p99):
//   - requests per worker and each worker's p50/p95/p99 (an unfair split between the cluster's workers);
//   - the slowest 1 % with their time and worker: bunched in one moment on one worker (a stall: a
//     job, a collection) or spread out (queueing at saturation);
//   - GC pauses by kind: count, total, longest;
//   - with --stalls, each moment where several slow requests finished together on one worker, led by the
//     longest of them (the request that held the event loop, with its search shape).
// The server's durationMs starts when Express sees the request: a client's p99 far above the
// server's is time spent waiting for the worker (queueing), not in the request.
//   node bench/lib/request-log-tails.mjs bench/.tmp/server-sqlite.log [--path /eventi]
import fs from "node:fs";
import { parseArgs } from "node:util";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { path: { type: "string", default: "/eventi" }, stalls: { type: "boolean", default: false } },
});
if (positionals.length !== 1) throw new Error("usage: request-log-tails.mjs <server log> [--path /eventi]");

const requests = [];
const pauses = {};
const GC_LINE =
  /^\[(\d+):[^\]]*\]\s+\d+ ms: (Scavenge|Mark-Compact|Minor Mark-Sweep|Mark-Sweep)[^,]*, ([\d.]+) \/ [\d.]+ ms/;
for (const line of fs.readFileSync(positionals[0], "utf8").split("\n")) {
  if (line.startsWith("{")) {
    try {
      const entry = JSON.parse(line);
      if (entry.msg === "request" && entry.path?.startsWith(args.path)) requests.push(entry);
    } catch {
      // a line cut by the server's exit
    }
    continue;
  }
  const gc = GC_LINE.exec(line);
  if (gc) (pauses[gc[2]] ??= []).push(Number(gc[3]));
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (list) => {
  const d = list.map((r) => r.durationMs).sort((a, b) => a - b);
  return `${list.length} requests, p50 ${percentile(d, 50)} ms, p95 ${percentile(d, 95)}, p99 ${percentile(d, 99)}, max ${d.at(-1)}`;
};
const byWorker = new Map();
for (const r of requests) byWorker.set(r.pid, [...(byWorker.get(r.pid) ?? []), r]);
for (const [pid, list] of byWorker) console.log(`worker ${pid}: ${summary(list)}`);
console.log(`all: ${summary(requests)}`);
const slowest = requests.toSorted((a, b) => b.durationMs - a.durationMs).slice(0, Math.ceil(requests.length / 100));
// A catalogue page's line carries its search's shape (app/utils/http-app.server.ts, loggableSearch). In a stall
// the request that held the worker started first, so it is the longest of the requests finishing with it.
console.log(`slowest 1 % (time, worker, ms, path, search):`);
for (const r of slowest) {
  console.log(`  ${r.time.slice(11, 23)} ${r.pid} ${r.durationMs} ${r.path}${r.search ? ` [${r.search}]` : ""}`);
}
if (args.stalls) {
  // Slowest 1 % finishing within 5 ms of each other on one worker: one stall, shown by its longest request.
  const groups = [];
  for (const r of slowest.toSorted((a, b) => a.pid - b.pid || a.time.localeCompare(b.time))) {
    const last = groups.at(-1);
    const at = Date.parse(r.time);
    if (last && last.pid === r.pid && at - last.end <= 5) {
      last.list.push(r);
      last.end = at;
    } else groups.push({ pid: r.pid, end: at, list: [r] });
  }
  console.log(`stalls (worker, finished at, requests, the longest's ms and search):`);
  for (const g of groups.filter((g) => g.list.length > 1)) {
    const lead = g.list.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
    console.log(
      `  ${g.pid} ${lead.time.slice(11, 23)} ${g.list.length} ${lead.durationMs} ${lead.path} [${lead.search ?? ""}]`,
    );
  }
}
for (const [kind, list] of Object.entries(pauses)) {
  list.sort((a, b) => a - b);
  const total = list.reduce((s, x) => s + x, 0);
  console.log(`GC ${kind}: ${list.length} pauses, ${total.toFixed(0)} ms in all, longest ${list.at(-1)} ms`);
}
