// The fixed cost of Forma's request pipeline (Express, the Express↔Fetch adapter, Remix's request
// handler, entry.server, headers): server CPU ms per request for two cheap, data-light requests,
// the enrol POST (a 302) and the sign-in page (GET /accedi), on SQLite, one worker.
// Compares builds in the same window: each --root is a folder holding server.js and build/ (a
// copy of the worktree's, e.g. before and after a change); the rounds alternate between them, so
// the machine's load weighs on both alike. Prints one line per round and root, and the load average.
//   npx tsx bench/request-pipeline.ts --root . --root /tmp/base [--rounds 3] [--teachers 3000] [--gets 5000]
//   … --accept-encoding "gzip, deflate, br, zstd"   the GETs ask for compression as a browser does
//   … --profile dir   writes a V8 CPU profile of each server there (bench/lib/profile-summary.mjs)
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { freshDatabase } from "./lib/fresh-database.ts";
import { cpuMsOf, processTree } from "./lib/process-stats.mjs";
import { enrolPost, loadAverage, requestBurst, startServer as startBenchServer, statusCounts } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    root: { type: "string", multiple: true, default: ["."] },
    rounds: { type: "string", default: "3" },
    teachers: { type: "string", default: "3000" },
    gets: { type: "string", default: "5000" },
    connections: { type: "string", default: "20" },
    port: { type: "string", default: "3700" },
    profile: { type: "string" },
    // What the GET burst says it accepts, e.g. "gzip, deflate, br, zstd" as browsers do (default: none).
    "accept-encoding": { type: "string" },
  },
});
const roots = args.root.map((r) => path.resolve(r));
const N = Number(args.teachers);
const GETS = Number(args.gets);
const connections = Number(args.connections);
const port = Number(args.port);

const databaseUrl = await freshDatabase("sqlite");
process.env.DATABASE_URL = databaseUrl;
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.NODE_ENV = "production";
const { createOpenEdition } = await import("../tests/support/factories.ts");
const { createSignedInTeachers } = await import("../tests/support/signed-in-teachers.ts");
const teachers = await createSignedInTeachers(N);

/** One worker of the build in `root`, with its server CPU so far. */
async function startServer(root: string) {
  const server = await startBenchServer(
    port,
    {
      WEB_CONCURRENCY: "1",
      FORMA_BACKGROUND_JOBS: "off",
      COOKIE_SECURE: "false",
    },
    { cwd: root, profileDir: args.profile, startSeconds: 180 },
  );
  return { url: server.url, cpuMs: () => cpuMsOf(processTree(server.process.pid!)), stop: server.stop };
}

/** Every teacher posts the enrol form once for this edition; returns the status counts. */
async function enrolBurst(url: string, target: { eventId: string; editionId: string }, count: number) {
  return requestBurst(url, connections, count, (i) =>
    enrolPost(teachers[i % teachers.length]!.cookie, target.eventId, target.editionId),
  );
}

async function getBurst(url: string, count: number) {
  const acceptEncoding = args["accept-encoding"];
  const headers = acceptEncoding ? { "accept-encoding": acceptEncoding } : undefined;
  const result = await autocannon({ url: `${url}/accedi`, connections, amount: count, timeout: 30, headers });
  return statusCounts(result);
}

console.log(`teachers: ${N}, GET /accedi: ${GETS}, connections: ${connections}, load before: ${loadAverage()}`);
for (let round = 1; round <= Number(args.rounds); round++) {
  for (const root of roots) {
    const server = await startServer(root);
    // Warm-up (JIT, caches): a tenth of each measured phase, not counted.
    const warm = await createOpenEdition({ seatCap: 50 });
    await enrolBurst(server.url, { eventId: warm.event.id, editionId: warm.edition.id }, Math.ceil(N / 10));
    await getBurst(server.url, Math.ceil(GETS / 10));
    const { event, edition } = await createOpenEdition({ seatCap: Math.ceil(N / 10) });
    let before = server.cpuMs();
    const post = await enrolBurst(server.url, { eventId: event.id, editionId: edition.id }, N);
    const postMs = (server.cpuMs() - before) / N;
    before = server.cpuMs();
    const get = await getBurst(server.url, GETS);
    const getMs = (server.cpuMs() - before) / GETS;
    await server.stop();
    console.log(
      `round ${round} ${root}: enrol POST ${postMs.toFixed(3)} ms ${post} | GET /accedi ${getMs.toFixed(3)} ms ${get} | load ${loadAverage()}`,
    );
  }
}
