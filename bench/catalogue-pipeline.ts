// The catalogue search over HTTP, one worker per build, builds alternated in the same window: server CPU
// ms per search (the worker's and its threads', /proc), the whole pipeline (Express, compression, the
// adapter, Remix, the SQL, React) for bench/catalogue.mjs's search mix (the same 1,500 searches, the
// same Zipf draw). Each --root is a folder holding server.js and build/ (e.g. a copy of the worktree's
// before a change); the rounds alternate between them, so the machine's load weighs on both alike.
//   DATABASE_URL=file:$PWD/bench/.tmp/catalogue-bench.db npx tsx bench/catalogue-pipeline.ts \
//     --root /tmp/base --root . [--rounds 3] [--requests 3000] [--connections 20] [--port 3820]
//     [--root-database file:/tmp/base.db --root-database file:/tmp/new.db]   (each root's copy, in --root's order)
//   DATABASE_URL=postgresql://…/forma_bench_catalogue npx tsx bench/catalogue-pipeline.ts --db-pid <postmaster pid> …
//     (PostgreSQL: also the database server's CPU ms per search, all its processes, from /proc)
// Options:
//   --accept-encoding V   the clients' Accept-Encoding (default "gzip, deflate, br, zstd", a browser's;
//                         "" for none: uncompressed answers)
//   --data                client navigations (GET /eventi.data?…) instead of documents
//   --now ISO             the instant the mix's dates are drawn at (default: now)
//   --profile DIR         a V8 CPU profile of each server there (bench/lib/profile-phases.mjs reads them)
import path from "node:path";
import { parseArgs } from "node:util";
import { cpuMsOf, processTree } from "./lib/process-stats.mjs";
import { catalogueMix } from "./lib/catalogue-mix.ts";
import { loadAverage, requestBurst, startServer } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    root: { type: "string", multiple: true, default: ["."] },
    "root-database": { type: "string", multiple: true },
    rounds: { type: "string", default: "3" },
    requests: { type: "string", default: "3000" },
    connections: { type: "string", default: "20" },
    port: { type: "string", default: "3820" },
    "accept-encoding": { type: "string", default: "gzip, deflate, br, zstd" },
    data: { type: "boolean", default: false },
    now: { type: "string" },
    "db-pid": { type: "string" },
    profile: { type: "string" },
    searches: { type: "string", default: process.env.BENCH_SEARCHES ?? "1500" },
    seed: { type: "string", default: process.env.BENCH_SEED ?? "42" },
    zipf: { type: "string", default: process.env.BENCH_ZIPF ?? "0.9" },
  },
});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl?.startsWith("file:/") && !databaseUrl?.startsWith("postgres"))
  throw new Error("DATABASE_URL=file:<absolute path> (or a PostgreSQL URL) names the bench database");
const dbPid = args["db-pid"];
const dbCpuMs = () => (dbPid ? cpuMsOf(processTree(Number(dbPid))) : 0);

process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
const now = args.now ? new Date(args.now) : new Date();
const requests = Number(args.requests);
const mix = await catalogueMix(databaseUrl, {
  now,
  searches: Number(args.searches),
  seed: Number(args.seed),
  zipf: Number(args.zipf),
  requests,
});
const sequence = mix.sequence.map((url) => (args.data ? url.replace(/^\/eventi/, "/eventi.data") : url));
const headers: Record<string, string> = args["accept-encoding"] ? { "accept-encoding": args["accept-encoding"] } : {};
const connections = Number(args.connections);
const roots = args.root.map((r) => path.resolve(r));

console.log(
  `${requests} ${args.data ? ".data requests" : "searches"} per round and root, ${connections} connections, Accept-Encoding "${args["accept-encoding"]}", load before: ${loadAverage()}`,
);
const totals = new Map<string, number[]>(roots.map((r) => [r, []]));
const dbTotals = new Map<string, number[]>(roots.map((r) => [r, []]));
for (let round = 1; round <= Number(args.rounds); round++) {
  for (const [i, root] of roots.entries()) {
    // --root-database: the i-th root's own copy of the data (a build whose migrations differ), else DATABASE_URL's.
    const database = args["root-database"]?.[i] ?? databaseUrl;
    const server = await startServer(
      Number(args.port),
      { WEB_CONCURRENCY: "1", FORMA_BACKGROUND_JOBS: "off", COOKIE_SECURE: "false", DATABASE_URL: database },
      { cwd: root, profileDir: args.profile, startSeconds: 180 },
    );
    const cpuMs = () => cpuMsOf(processTree(server.process.pid!));
    // Warm-up (JIT, the SQLite page cache, the statement caches): a third of the round, not counted.
    await requestBurst(server.url, connections, Math.ceil(requests / 3), (i) => ({
      method: "GET",
      path: sequence[i % requests]!,
      headers,
    }));
    const [before, dbBefore] = [cpuMs(), dbCpuMs()];
    const counts = await requestBurst(server.url, connections, requests, (i) => ({
      method: "GET",
      path: sequence[i % requests]!,
      headers,
    }));
    const ms = (cpuMs() - before) / requests;
    const dbMs = (dbCpuMs() - dbBefore) / requests;
    totals.get(root)!.push(ms);
    dbTotals.get(root)!.push(dbMs);
    await server.stop();
    const db = dbPid ? ` + database ${dbMs.toFixed(3)} ms` : "";
    console.log(`round ${round} ${root}: ${ms.toFixed(3)} ms${db} per request ${counts} | load ${loadAverage()}`);
  }
}
for (const [root, ms] of totals) {
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  console.log(`${root}: mean ${mean.toFixed(3)} ms (${ms.map((m) => m.toFixed(3)).join(", ")})`);
  const db = dbTotals.get(root)!;
  if (dbPid) {
    const dbMean = db.reduce((a, b) => a + b, 0) / db.length;
    console.log(`${root}: database mean ${dbMean.toFixed(3)} ms (${db.map((m) => m.toFixed(3)).join(", ")})`);
  }
}
process.exit(0);
