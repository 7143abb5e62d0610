// Splits V8 CPU profiles of a Forma server (bench/journey-page.ts --profile) by phase of the
// request: each sample goes to the first phase in MARKERS found anywhere on its stack (the session
// lookup, the loaders, the action's parts, the hydration scripts, the page component, the chrome,
// the rest of React's render, route matching, Remix, the adapter, Express, node:http…), skipping
// the first `skip` seconds of each profile (the server's start). Shares are of the busy time.
//   node bench/lib/profile-phases.mjs <file.cpuprofile | folder> [skip seconds, default 8]
import fs from "node:fs";
import path from "node:path";
const [target, skipArg] = process.argv.slice(2);
const skip = Number(skipArg ?? 8) * 1e6;
const files = fs.statSync(target).isDirectory()
  ? fs
      .readdirSync(target)
      .filter((f) => f.endsWith(".cpuprofile"))
      .map((f) => path.join(target, f))
  : [target];
const MARKERS = [
  ["GC", (u, n) => n === "(garbage collector)"],
  ["idle", (u, n) => n === "(idle)"],
  ["session (getSessionUser)", (u, n) => n === "getSessionUser" || n === "requireUser"],
  ["loader: my enrolments (SQL+shaping)", (u, n) => n === "loadMyEnrolmentsPage"],
  ["loader: enrol page", (u, n) => n === "loadEnrolPage"],
  ["action: enrol", (u, n) => n === "enrolAsRequested"],
  ["action: form", (u, n) => n === "readForm" || n === "parseEnrolPageForm"],
  [
    "Scripts/StreamTransfer/turbo-stream",
    (u, n) => n === "Scripts" || n === "StreamTransfer" || u.includes("turbo-stream"),
  ],
  ["Links/Meta", (u, n) => n === "Links" || n === "Meta"],
  ["page component", (u, n) => n === "MyEnrolmentsPage" || n === "EnrolPage"],
  [
    "chrome (header/footer)",
    (u, n) => /SiteHeader|SiteFooter|renderMarkupOnce|ChromeNavLink|HeaderMenu|SlimBar/.test(n),
  ],
  [
    "React render (other)",
    (u) => u.includes("react-dom") || u.includes("react/cjs") || /react-router|@remix-run\/react/.test(u),
  ],
  [
    "route matching",
    (u, n) => u.includes("@remix-run/router") || n === "createStaticRouter" || n === "matchServerRoutes",
  ],
  ["Remix runtime", (u) => u.includes("@remix-run/server-runtime")],
  ["adapter remixRequest", (u, n) => n === "remixRequest" || n === "createRemixRequest"],
  [
    "express/compression/helmet",
    (u) => /express|helmet|compression|cookie|send|router\/|body-parser|finalhandler|qs\//.test(u),
  ],
  ["app other", (u) => u.includes("build/server") || u.includes("server.js")],
  ["node http/socket", (u, n) => /_http|net:|stream|writev|writeLatin1|writeUtf8|writeString/.test(u + " " + n)],
  ["undici", (u) => u.includes("undici")],
  ["node other", (u) => u.startsWith("node:")],
  ["native/program", (u, n) => n === "(program)" || u === ""],
];
const totals = new Map();
let total = 0;
for (const f of files) {
  const p = JSON.parse(fs.readFileSync(f, "utf8"));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const phaseOf = new Map();
  const resolve = (id) => {
    if (phaseOf.has(id)) return phaseOf.get(id);
    let cur = id;
    const chain = [];
    while (cur !== undefined) {
      chain.push(byId.get(cur));
      cur = parent.get(cur);
    }
    let found = "other";
    // The first marker (in MARKERS' order) present anywhere on the stack names the phase.
    outer: for (const [name, test] of MARKERS) {
      for (const n of chain) {
        if (test(n.callFrame.url, n.callFrame.functionName)) {
          found = name;
          break outer;
        }
      }
    }
    phaseOf.set(id, found);
    return found;
  };
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    const dt = p.timeDeltas[i + 1] ?? 0;
    if (t - p.startTime < skip) continue;
    const ph = resolve(p.samples[i]);
    if (ph === "idle") continue;
    totals.set(ph, (totals.get(ph) ?? 0) + dt);
    total += dt;
  }
}
console.log(`busy ${(total / 1000).toFixed(0)} ms`);
for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1]))
  console.log(`${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
