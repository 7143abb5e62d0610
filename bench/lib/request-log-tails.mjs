// Where a load test's slowest requests come from, read from the server's own log (one JSON line per
// request, with the worker's pid and durationMs; app/utils/http-app.server.ts) and, if the server ran
// with `node --trace-gc server.js`, V8's GC lines in the same file (ADR 0042, issue 17's p99):
//   - requests per worker and each worker's p50/p95/p99 (an unfair split between the cluster's workers);
//   - the slowest 1 % with their time and worker: bunched in one moment on one worker (a stall: a
//     job, a collection) or spread out (queueing at saturation);
//   - GC pauses by kind: count, total, longest.
// The server's durationMs starts when Express sees the request: a client's p99 far above the
// server's is time spent waiting for the worker (queueing), not in the request.
//   node bench/lib/request-log-tails.mjs bench/.tmp/server-sqlite.log [--path /eventi]
import fs from "node:fs";
import { parseArgs } from "node:util";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { path: { type: "string", default: "/eventi" } },
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
console.log(`slowest 1 % (time, worker, ms, path):`);
for (const r of slowest) console.log(`  ${r.time.slice(11, 23)} ${r.pid} ${r.durationMs} ${r.path}`);
for (const [kind, list] of Object.entries(pauses)) {
  list.sort((a, b) => a - b);
  const total = list.reduce((s, x) => s + x, 0);
  console.log(`GC ${kind}: ${list.length} pauses, ${total.toFixed(0)} ms in all, longest ${list.at(-1)} ms`);
}
