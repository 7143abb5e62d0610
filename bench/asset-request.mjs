// Server CPU ms per request for one static file with a browser's Accept-Encoding ("gzip, deflate,
// br, zstd"), and the bytes of each response: a production server (one worker) started from <root>
// (a folder holding server.js and build/, e.g. a copy of an earlier build), 10 connections. Run it
// for two roots in turn to compare builds in the same window (ADR 0038: assets compressed per request
// before, precompressed at build time now).
//   node bench/asset-request.mjs <root> /assets/<file> [requests, default 300]   (BENCH_PORT, default 3700)
import { spawn } from "node:child_process";
import fs from "node:fs";
import autocannon from "autocannon";
import { cpuMsOf, processTree } from "./lib/process-stats.mjs";
const [root, asset, n = "300"] = process.argv.slice(2);
const port = process.env.BENCH_PORT ?? "3700";
const base = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, ["server.js"], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: port,
    WEB_CONCURRENCY: "1",
    FORMA_BACKGROUND_JOBS: "off",
    COOKIE_SECURE: "false",
    SESSION_SECRET: "bench-only-secret-0123456789abcdefghijklmnop",
  },
  stdio: "ignore",
});
for (;;) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 300));
}
const opts = { url: `${base}${asset}`, connections: 10, headers: { "accept-encoding": "gzip, deflate, br, zstd" } };
await autocannon({ ...opts, amount: 30 });
const load = fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const before = cpuMsOf(processTree(child.pid));
const r = await autocannon({ ...opts, amount: Number(n) });
const ms = (cpuMsOf(processTree(child.pid)) - before) / Number(n);
const head = await fetch(opts.url, { headers: opts.headers });
console.log(
  `${root} ${asset}: ${ms.toFixed(3)} ms/request, ${(r.throughput.total / Number(n)).toFixed(0)} bytes/response, encoding ${head.headers.get("content-encoding")}, status ${JSON.stringify(Object.keys(r.statusCodeStats))}, load ${load}`,
);
child.kill();
