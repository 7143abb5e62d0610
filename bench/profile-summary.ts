// Where a server's CPU went, per request: reads a V8 CPU profile (FORMA_BENCH_PROFILE=dir with
// bench/enrolment-burst.ts, or node --cpu-prof) and charges every sample to the nearest frame of
// its stack, from the leaf up, that belongs to a known part of the request path (helmet,
// compression, the request log, body parsing, the session cookie, the rate limiter, the seat
// transaction…). Node's own frames (streams, sockets, promises) are charged to the part that
// called them; a sample with no known part on its stack is charged to its leaf's group. Samples
// before the first request and "(idle)" are left out.
//
//   npx tsx bench/profile-summary.ts /tmp/hp-prof/CPU.*.cpuprofile [--requests 5000] [--top 25]
//   … --start-at enrol   a profile of the no-HTTP burst (node --cpu-prof --import tsx bench/enrolment-burst.ts
//                        --no-http): count from the first sample inside enrol()
//
// Prints a Markdown table: part, CPU ms in total, ms per request, share of the request CPU.
import fs from "node:fs";
import { parseArgs } from "node:util";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/**
 * The parts of the enrol POST, nearest match wins. `fn` matches the function name (our code is
 * bundled into build/server/index.js, whose function names survive), `url` the script's path.
 */
const OURS = /build\/server\/index\.js|\/app\/|\/bench\//;
const PARTS: { part: string; url?: RegExp; fn?: RegExp }[] = [
  { part: "GC", fn: /^\(garbage collector\)$/ },
  {
    part: "seat transaction",
    url: OURS,
    fn: /^(takeSeatSqlite|takeSeatPostgres|takeSeatOrWaitlistTicket|immediateTransaction|seatNotification|enrolSeat\w*)$/,
  },
  { part: "rate limiter", url: /node_modules\/rate-limiter-flexible\// },
  { part: "rate limiter", url: OURS, fn: /^(consumeEnrolmentAttempt|consume|limiter|countEnrolmentAttempt\w*)$/ },
  { part: "eligibility reads (enrol)", url: OURS, fn: /^(loadEnrolmentContext|checkEligibility|enrol|activeKeyFor)$/ },
  {
    part: "session cookie (signature)",
    url: /node_modules\/(cookie|cookie-signature)\/|server-runtime\/dist\/(cookies|sessions|crypto)\.js/,
  },
  { part: "session cookie (signature)", url: OURS, fn: /^(getCookieSession|signedSessionId|sessionIdOf)$/ },
  { part: "session lookup (SQL)", url: OURS, fn: /^(getSessionUser|requireUser)$/ },
  { part: "locale cookie", url: OURS, fn: /^(getLocale|translator)$/ },
  {
    part: "body parsing (form)",
    url: OURS,
    fn: /^(readForm|cleanFormData|formContentType|answersOf|limitedBody|transform)$/,
  },
  { part: "sqlite driver (reads)", url: OURS, fn: /^(sqliteRead|sqlRead|prepared)$/ },
  { part: "pg driver", url: /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-\w+)\// },
  {
    part: "catalogue search (SQL text, mapping)",
    url: OURS,
    fn: /^(searchCatalogue|catalogueStatements|catalogueWhere|resultPage|excerptOf|ftsPhrases|sqlReadFrom|replicaRead)$/,
  },
  { part: "helmet (security headers)", url: /node_modules\/helmet\// },
  { part: "compression", url: /node_modules\/(compression|compressible|negotiator|accepts|vary)\// },
  { part: "static files", url: /node_modules\/(serve-static|send|mime|etag|fresh)\// },
  {
    part: "request log",
    url: /node_modules\/(pino|sonic-boom|thread-stream|fast-redact|quick-format-unescaped|atomic-sleep)\//,
  },
  { part: "request log", url: OURS, fn: /^(requestLogger|loggablePath)$/ },
  { part: "cache headers (privateResponses)", url: OURS, fn: /^privateResponses$/ },
  { part: "route action (iscrizione)", url: OURS, fn: /^action$/ },
  { part: "Remix: route matching", url: /node_modules\/@remix-run\/router\// },
  { part: "Remix: request handling", url: /node_modules\/@remix-run\/server-runtime\// },
  { part: "Remix: node adapter (streams)", url: /node_modules\/@remix-run\/node\// },
  {
    part: "Express → Remix adapter (http-app)",
    url: OURS,
    fn: /^(remixHandler|remixRequest|sameOrigin|refuseAndClose|sendPage)$/,
  },
  {
    part: "Express (routing, req/res helpers)",
    url: /node_modules\/(express|router|finalhandler|path-to-regexp|parseurl|proxy-addr|on-finished|depd|setprototypeof|statuses|content-type|type-is|qs)\//,
  },
  { part: "HTTP response write (node)", url: /node:_http_outgoing/ },
];
/** Node's own code: charged to a known part above it when there is one, else here. */
const NODE_PARTS: { part: string; url: RegExp }[] = [
  { part: "undici (Request, Headers, formData)", url: /node:internal\/deps\/undici|undici/ },
  { part: "web streams", url: /node:internal\/webstreams\// },
  { part: "node:http & sockets", url: /node:(_http_|net|internal\/stream_base_commons|internal\/http|http$)/ },
  { part: "node streams", url: /node:(internal\/streams|stream)/ },
  { part: "crypto (node)", url: /node:(internal\/crypto|crypto)/ },
  { part: "promises, timers (node)", url: /node:internal\/(process\/task_queues|timers)/ },
];

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    requests: { type: "string", default: "5000" },
    top: { type: "string", default: "20" },
    /** A function name: samples count from the first one with it on the stack (default: Express serving a request). */
    "start-at": { type: "string" },
    /**
     * The CPU ms per request measured over the same run (the bench's "cpu:" line): each part's ms per
     * request is its share of the samples times this. Without it, the samples' time deltas are used,
     * which count wall time and so overstate CPU on a loaded machine.
     */
    "cpu-ms": { type: "string" },
  },
});
const requests = Number(args.requests);

for (const file of positionals) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partOfFrame = (f: CallFrame) =>
    PARTS.find((p) => (p.fn ? p.fn.test(f.functionName) : true) && (p.url ? p.url.test(f.url) : true))?.part;
  const nodePartOfFrame = (f: CallFrame) => NODE_PARTS.find((p) => p.url.test(f.url))?.part;
  const partCache = new Map<number, string>();
  /** The nearest known part on the stack of this node, or its leaf's group. */
  const partOf = (id: number): string => {
    const cached = partCache.get(id);
    if (cached) return cached;
    let part: string | undefined;
    for (let at: number | undefined = id; at !== undefined && !part; at = parent.get(at)) {
      part = partOfFrame(byId.get(at)!.callFrame);
    }
    for (let at: number | undefined = id; at !== undefined && !part; at = parent.get(at)) {
      part = nodePartOfFrame(byId.get(at)!.callFrame);
    }
    if (!part) {
      const leaf = byId.get(id)!.callFrame;
      part = leaf.functionName.startsWith("(")
        ? leaf.functionName
        : `other: ${leaf.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/build\//, "build/") || "(native)"}`;
    }
    partCache.set(id, part);
    return part;
  };
  // The first sample that serves a request: everything before it is start-up.
  const startAt = args["start-at"];
  const servesRequest = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (startAt ? frame.functionName === startAt : /node_modules\/express\//.test(frame.url)) return true;
    }
    return false;
  };
  const totals = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  let started = false;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    // One sample, one unit, when the measured CPU scales the shares; else its time delta (µs).
    const us = args["cpu-ms"] ? 1 : (profile.timeDeltas[i + 1] ?? 0);
    if (!started) {
      if (!servesRequest(id)) continue;
      started = true;
    }
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)") continue;
    const part = partOf(id);
    totals.set(part, (totals.get(part) ?? 0) + us);
    const name = `${frame.functionName || "(anonymous)"} ${frame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/build\//, "build/")}:${frame.lineNumber + 1}`;
    selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + us);
    total += us;
  }
  console.log(`\n## ${file}\n`);
  const cpuMs = args["cpu-ms"] ? Number(args["cpu-ms"]) : null;
  /** ms per request of a part's units (samples scaled to the measured CPU, or µs of wall-time deltas). */
  const perRequest = (units: number) => (cpuMs !== null ? (cpuMs * units) / total : units / 1000 / requests);
  console.log(
    cpuMs !== null
      ? `${total} samples after the first request; CPU per request as measured: ${cpuMs.toFixed(3)} ms\n`
      : `Sampled time after the first request: ${(total / 1000).toFixed(0)} ms; per request (÷ ${requests}): ${(total / 1000 / requests).toFixed(3)} ms\n`,
  );
  console.log("| part | ms / request | share |");
  console.log("|---|---:|---:|");
  const rows = [...totals].sort((a, b) => b[1] - a[1]);
  const shown = rows.filter(([, units]) => units / total >= 0.005);
  for (const [part, units] of shown) {
    console.log(`| ${part} | ${perRequest(units).toFixed(3)} | ${((100 * units) / total).toFixed(1)} % |`);
  }
  const rest = rows.filter(([, units]) => units / total < 0.005).reduce((sum, [, units]) => sum + units, 0);
  if (rest > 0)
    console.log(
      `| everything else (parts under 0.5 % each) | ${perRequest(rest).toFixed(3)} | ${((100 * rest) / total).toFixed(1)} % |`,
    );
  console.log(`\nTop ${args.top} functions by self time:\n`);
  for (const [name, units] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top))) {
    console.log(`- ${perRequest(units).toFixed(3)} ms/request (${((100 * units) / total).toFixed(1)} %) ${name}`);
  }
}
