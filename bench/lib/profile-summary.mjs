// Summarises V8 CPU profiles (.cpuprofile, e.g. from FORMA_BENCH_PROFILE) of a Forma server:
// self time by area (route matching, React rendering, Prisma, SQLite, GC…), the inclusive time of
// a few functions of interest, and the busiest functions. Shares are of the non-idle time.
//   node bench/lib/profile-summary.mjs <file.cpuprofile | folder> [--top 30] [--focus name,name]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "25" }, focus: { type: "string", default: "" } },
});

/** Self time is given to the first area whose test matches the frame (url, function name). */
const AREAS = [
  ["idle", (url, name) => name === "(idle)"],
  ["GC", (url, name) => name === "(garbage collector)"],
  ["route matching (@remix-run/router matchRoutes)", (url) => url.includes("@remix-run/router")],
  ["React server rendering (react-dom/server)", (url) => url.includes("react-dom")],
  ["react-router / remix-react (components, hooks)", (url) => /react-router|@remix-run\/react/.test(url)],
  ["Remix server runtime (incl. turbo-stream)", (url) => url.includes("@remix-run/server-runtime")],
  ["Prisma (client, query compiler)", (url) => url.includes("prisma") || url.startsWith("wasm://")],
  ["SQLite (better-sqlite3)", (url) => url.includes("better-sqlite3")],
  ["PostgreSQL driver (pg)", (url) => /node_modules\/pg(-[a-z]+)?\//.test(url)],
  ["compression / zlib", (url) => url.includes("compression") || url.includes("node:zlib")],
  ["Express, helmet, cookies", (url) => /express|helmet|cookie|send|router\/|body-parser|finalhandler/.test(url)],
  ["app code (build/server)", (url) => url.includes("build/server")],
  ["undici / web streams / node internals", (url) => url.startsWith("node:")],
  ["native / program", (url, name) => name === "(program)" || url === ""],
  ["other node_modules", (url) => url.includes("node_modules")],
  ["other", () => true],
];

function profilesOf(target) {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return [target];
  return fs
    .readdirSync(target)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(target, f));
}

const focus = args.focus
  ? args.focus.split(",")
  : [
      "matchRoutesImpl",
      "flattenRoutes",
      "compilePath",
      "renderToPipeableStream",
      "handleDocumentRequest",
      "getSessionUser",
      "loadEnrolPage",
      "loadTeacherEnrolments",
      "encode",
      "deflate",
    ];

const areaMs = new Map();
const selfByFunction = new Map();
const inclusive = new Map(focus.map((f) => [f, 0]));
let busyMs = 0;
let totalMs = 0;

for (const file of positionals.flatMap(profilesOf)) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    const node = byId.get(profile.samples[i]);
    const { url, functionName } = node.callFrame;
    const name = functionName || "(anonymous)";
    totalMs += ms;
    const area = AREAS.find(([, test]) => test(url, name))[0];
    areaMs.set(area, (areaMs.get(area) ?? 0) + ms);
    if (area === "idle") continue;
    busyMs += ms;
    const key = `${name} ${url.replace(/.*node_modules\//, "").replace(/.*\/build\//, "build/")}:${node.callFrame.lineNumber + 1}`;
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + ms);
    // Inclusive: each focus function counted once per sample if anywhere on the stack.
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const fn = byId.get(id).callFrame.functionName;
      if (inclusive.has(fn) && !seen.has(fn)) {
        seen.add(fn);
        inclusive.set(fn, inclusive.get(fn) + ms);
      }
    }
  }
}

const pct = (ms) => `${((100 * ms) / busyMs).toFixed(1)} %`;
console.log(`busy ${busyMs.toFixed(0)} ms of ${totalMs.toFixed(0)} ms sampled`);
console.log("\n| area (self time) | ms | share of busy |\n|---|---|---|");
for (const [area, ms] of [...areaMs].filter(([a]) => a !== "idle").sort((a, b) => b[1] - a[1]))
  console.log(`| ${area} | ${ms.toFixed(0)} | ${pct(ms)} |`);
console.log("\n| function (inclusive) | ms | share of busy |\n|---|---|---|");
for (const [fn, ms] of inclusive) console.log(`| ${fn} | ${ms.toFixed(0)} | ${pct(ms)} |`);
console.log(`\n| top functions (self) | ms | share |\n|---|---|---|`);
for (const [fn, ms] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top)))
  console.log(`| ${fn} | ${ms.toFixed(1)} | ${pct(ms)} |`);
