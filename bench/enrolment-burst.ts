// Burst: N distinct signed-in teachers enrol in one 350-seat edition at the same moment.
// Prints throughput, latency percentiles and the correctness counts (exactly `seats`
// enrolled, waitlist positions 1..N-seats without gaps or duplicates, no errors).
//
//   npx tsx bench/enrolment-burst.ts --engine sqlite [--teachers 5000] [--seats 350] [--connections 50]
//   npx tsx bench/enrolment-burst.ts --engine postgresql --pg-url postgresql://… [--instances 2]
//   … --no-http      the same enrolments calling the domain function directly (no web stack at all)
//   … --journey      as a browser lives it: each enrolment is the POST and then the page its
//                    redirect names (Le mie iscrizioni), counted together; then every teacher
//                    is refused three ways (already enrolled, not eligible, closed: each the 409 page), timed apart
//   … --journey --client js   the journey of a browser running the page's JavaScript (what Chromium does,
//                    pinned by tests/e2e/enrolment.spec.ts): POST …/iscrizione.data (the action, its
//                    redirect inside a 202), then GET /le-mie-iscrizioni.data?esito=… (the next page's
//                    data, no document); a refusal is the POST alone (409). The default, --client html, is a browser without JavaScript:
//                    the form's POST, then the document its 302 names; a refusal is the 409 page.
//   … --workers N    worker processes per instance (WEB_CONCURRENCY; default: one per core)
//   … --floor        the same burst against the bare floor instead of Forma: a plain node:http
//                    server doing the session lookup and Forma's seat transaction
//                    (bench/enrolment-floor.ts), one process
//   … --floor --floor-framework remix|express-remix   the same work carried by Remix's request handler
//                    (behind plain node:http, or behind Express): the framework's own share of the distance
//   … --warmup N     before the measured burst, N other signed-in teachers enrol in another edition
//                    (the same requests as the measured burst: journeys, then one refusal each, with
//                    --journey), not counted: each worker process compiles the request path as it
//                    serves it, so a cold burst split over two workers pays that twice (ADR 0066); with
//                    --floor, the floor's server alike (the framework floors' request path is Remix's)
//   … --root DIR     the folder holding server.js and build/ to start (default: this checkout), e.g. a
//                    copy of another build to compare; the servers' start (spawn to each worker listening) is printed
//   … --rest S       after the load, leave the servers idle S seconds and print their RSS again;
//                    several moments, comma-separated: --rest 5,30 (5 s and 30 s after the load)
// Each HTTP run also prints every server process's peak and current RSS (/proc VmHWM, VmRSS).
// Needs a production build (npm run build) for the HTTP mode.
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { freshDatabase } from "./lib/fresh-database.ts";
import { cpuMsOf, memoryOf, memoryText, processTree } from "./lib/process-stats.mjs";
import { journeyBurst } from "./lib/browser-journey.ts";
import { floorFramework } from "./lib/remix-floor.ts";
import { percentile, startServer, type RunningServer } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    "pg-url": { type: "string" },
    teachers: { type: "string", default: "5000" },
    seats: { type: "string", default: "350" },
    connections: { type: "string", default: "50" },
    instances: { type: "string", default: "1" },
    "no-http": { type: "boolean", default: false },
    journey: { type: "boolean", default: false },
    client: { type: "string", default: "html" },
    floor: { type: "boolean", default: false },
    "floor-framework": { type: "string", default: "node" },
    workers: { type: "string" },
    port: { type: "string", default: "3700" },
    rest: { type: "string", default: "0" },
    warmup: { type: "string", default: "0" },
    root: { type: "string" },
  },
});
const engine = args.engine === "postgresql" ? "postgresql" : "sqlite";
const N = Number(args.teachers);
const seats = Number(args.seats);
const connections = Number(args.connections);
const floor = args.floor;
const framework = floorFramework(args["floor-framework"]);
if (args.client !== "html" && args.client !== "js") throw new Error("--client is html or js");
const jsClient = args.journey && args.client === "js";

const instances = floor ? 1 : Number(args.instances);
if (floor && (args.journey || args["no-http"]))
  throw new Error("--floor is the POST burst only (no --journey, no --no-http)");

const databaseUrl = await freshDatabase(engine, args["pg-url"]);
process.env.DATABASE_URL = databaseUrl;
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.NODE_ENV = "production";

const { createOpenEdition } = await import("../tests/support/factories.ts");
const { createSignedInTeachers } = await import("../tests/support/signed-in-teachers.ts");
const { prisma } = await import("../app/utils/db.server.ts");
const { enrol } = await import("../app/models/enrolment.server.ts");

const { event, edition } = await createOpenEdition({ seatCap: seats });
const teachers = await createSignedInTeachers(N);
// The journey's other refusals (issue 17: a refusal must cost no more than a success): an edition the
// teachers (all of Toscana) may not join, regional for Lombardia only, and one whose enrolments closed.
const notEligible = args.journey ? await createOpenEdition({ level: "regionale", regionCode: "lombardia" }) : null;
const closed = args.journey
  ? await createOpenEdition({
      opensAt: new Date(Date.now() - 48 * 3600_000),
      closesAt: new Date(Date.now() - 3600_000),
    })
  : null;
const warmupCount = Number(args.warmup);
if (warmupCount > 0 && args["no-http"]) throw new Error("--warmup is for a server over HTTP");
const warmup =
  warmupCount > 0
    ? { ...(await createOpenEdition({ seatCap: seats })), teachers: await createSignedInTeachers(warmupCount) }
    : null;
console.log(
  `# Enrolment burst — ${engine}, ${args["no-http"] ? "no HTTP (domain function)" : floor ? "bare floor (node:http)" : `${instances} instance(s)`}`,
);
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
);
console.log(
  `teachers: ${N}, seats: ${seats}, connections: ${connections}${warmup ? `, warm-up: ${warmupCount} other teachers first` : ""}`,
);

let throughput = 0;
let p50 = 0;
let p95 = 0;
let p99 = 0;
let errors = 0;
const statusCodes: Record<string, number> = {};
/** Each server's memory, read just before it is stopped (VmHWM is the peak over its whole life). */
const memoryLines: string[] = [];
/** The servers' CPU time (every process of every instance) per request of each timed phase. */
const cpuLines: string[] = [];
const serversCpuMs = (servers: RunningServer[]) =>
  cpuMsOf(servers.flatMap((server) => (server.process.pid ? processTree(server.process.pid) : [])));
async function stopServers(servers: RunningServer[]) {
  const pidsOf = (server: RunningServer) => (server.process.pid ? processTree(server.process.pid) : []);
  for (const [i, server] of servers.entries())
    memoryLines.push(`instance ${i + 1}: ${memoryText(memoryOf(pidsOf(server)))}`);
  const moments = args.rest
    .split(",")
    .map(Number)
    .filter((n) => Number.isFinite(n) && n > 0)
    .sort((a, b) => a - b);
  let waited = 0;
  for (const seconds of moments) {
    await new Promise((resolve) => setTimeout(resolve, (seconds - waited) * 1000));
    waited = seconds;
    for (const [i, server] of servers.entries())
      memoryLines.push(`instance ${i + 1}, after ${seconds} s at rest: ${memoryText(memoryOf(pidsOf(server)))}`);
  }
  for (const server of servers) await server.stop();
}

type Refusal = {
  label: string;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
};
const refusals: Refusal[] = [];
// How each client's journey and refusal are named in the table.
const journeyParts = jsClient ? "JS: action data + page data" : "POST + page";
const refusalAnswer = jsClient ? "JS: 409 action data" : "409 page";

/**
 * Every teacher once, `connections` at a time spread over the instances, as a browser would
 * (bench/lib/browser-journey.ts, with or without the page's JavaScript): "enrol" posts the form and
 * then loads the page the answer names (one journey, one latency); "refused" posts a form that is
 * refused with 409 (already enrolled, not eligible, enrolments closed: `target` names the event and
 * edition). Statuses are counted as "302 200" / "202 200" (POST, then page) or the POST's status.
 */
async function browserJourneys(
  servers: RunningServer[],
  share: number,
  kind: "enrol" | "refused",
  target: { eventId: string; editionId: string },
) {
  const started = performance.now();
  const bursts = await Promise.all(
    servers.map((server, s) =>
      journeyBurst({
        url: server.url,
        cookies: teachers.slice(s * share, (s + 1) * share).map((t) => t.cookie),
        connections: Math.max(1, Math.round(connections / servers.length)),
        client: jsClient ? "js" : "html",
        kind,
        target,
      }),
    ),
  );
  // Up to the last answer, not to autocannon's resolution (up to a second later: see finishedAt).
  const seconds = (Math.max(...bursts.map((burst) => burst.finishedAt)) - started) / 1000;
  const statuses: Record<string, number> = {};
  for (const burst of bursts)
    for (const [status, n] of Object.entries(burst.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  const latencies = bursts.flatMap((burst) => burst.latencies).sort((a, b) => a - b);
  return { latencies, statuses, seconds };
}

if (args["no-http"]) {
  const latencies: number[] = [];
  let next = 0;
  // This process's CPU over the burst (the domain function and the database driver run here): it
  // holds when other processes share the cores, where enrolments/s does not.
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (;;) {
        const i = next++;
        if (i >= N) return;
        const t0 = performance.now();
        try {
          const r = await enrol(teachers[i]!.userId, edition.id);
          if (!r.ok) errors += 1;
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  console.log(`cpu: ${((cpu.user + cpu.system) / 1000 / N).toFixed(3)} ms per enrolment (this process, user + system)`);
  latencies.sort((a, b) => a - b);
  throughput = N / seconds;
  [p50, p95, p99] = [percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99)];
} else {
  const servers: RunningServer[] = [];
  for (let i = 0; i < instances; i++) {
    servers.push(
      await startServer(
        Number(args.port) + i,
        {
          DATABASE_URL: databaseUrl,
          SESSION_SECRET: process.env.SESSION_SECRET!,
          FORMA_BACKGROUND_JOBS: "off",
          COOKIE_SECURE: "false",
          ...(args.workers ? { WEB_CONCURRENCY: args.workers } : {}),
          ...(floor ? { FORMA_FLOOR_FRAMEWORK: framework } : {}),
        },
        floor
          ? { script: "bench/enrolment-floor.ts" }
          : { cwd: args.root, workers: args.workers ? Number(args.workers) : os.availableParallelism() },
      ),
    );
  }
  for (const [i, server] of servers.entries())
    if (server.listeningMs)
      console.log(
        `instance ${i + 1} started: workers listening ${server.listeningMs.map((ms) => ms.toFixed(0)).join(", ")} ms after the spawn`,
      );
  for (const [i, server] of servers.entries())
    memoryLines.push(
      `instance ${i + 1}, started, before the load: ${memoryText(memoryOf(server.process.pid ? processTree(server.process.pid) : []))}`,
    );
  if (warmup) {
    // Not measured: the same requests from other teachers in another edition, every instance alike.
    const warmShare = Math.ceil(warmupCount / instances);
    const burst = (kind: "enrol" | "refused", target: { eventId: string; editionId: string }) =>
      Promise.all(
        servers.map((server, s) =>
          journeyBurst({
            url: server.url,
            cookies: warmup.teachers.slice(s * warmShare, (s + 1) * warmShare).map((t) => t.cookie),
            connections: Math.max(1, Math.round(connections / servers.length)),
            client: args.journey ? (jsClient ? "js" : "html") : "html",
            kind: args.journey ? kind : "refused",
            target,
          }),
        ),
      );
    await burst("enrol", { eventId: warmup.event.id, editionId: warmup.edition.id });
    if (args.journey) await burst("refused", { eventId: notEligible!.event.id, editionId: notEligible!.edition.id });
  }
  const share = Math.ceil(N / instances);
  const started = performance.now();
  const cpuAtStart = serversCpuMs(servers);
  // The load generator's own CPU (this process: fetch, the teachers' requests), which shares the cores.
  const generatorAtStart = process.cpuUsage();
  if (args.journey) {
    const burst = await browserJourneys(servers, share, "enrol", { eventId: event.id, editionId: edition.id });
    const cpuAfterBurst = serversCpuMs(servers);
    cpuLines.push(`journey (${journeyParts}): ${((cpuAfterBurst - cpuAtStart) / N).toFixed(2)}`);
    const generator = process.cpuUsage(generatorAtStart);
    cpuLines.push(
      `the load generator itself (this process), per journey: ${((generator.user + generator.system) / 1000 / N).toFixed(2)}`,
    );
    throughput = N / burst.seconds;
    [p50, p95, p99] = [
      percentile(burst.latencies, 50),
      percentile(burst.latencies, 95),
      percentile(burst.latencies, 99),
    ];
    Object.assign(statusCodes, burst.statuses);
    const refusalTargets = [
      { label: `refused: already enrolled (${refusalAnswer})`, eventId: event.id, editionId: edition.id },
      {
        label: `refused: not eligible, other region (${refusalAnswer})`,
        eventId: notEligible!.event.id,
        editionId: notEligible!.edition.id,
      },
      {
        label: `refused: enrolments closed (${refusalAnswer})`,
        eventId: closed!.event.id,
        editionId: closed!.edition.id,
      },
    ];
    let cpuBefore = cpuAfterBurst;
    for (const target of refusalTargets) {
      const refused = await browserJourneys(servers, share, "refused", target);
      const cpuNow = serversCpuMs(servers);
      cpuLines.push(`${target.label}: ${((cpuNow - cpuBefore) / N).toFixed(2)}`);
      cpuBefore = cpuNow;
      refusals.push({
        label: target.label,
        perSecond: N / refused.seconds,
        p50: percentile(refused.latencies, 50),
        p95: percentile(refused.latencies, 95),
        p99: percentile(refused.latencies, 99),
        statuses: refused.statuses,
      });
    }
    await stopServers(servers);
    errors += Object.entries(burst.statuses)
      .filter(([code]) => code !== (jsClient ? "202 200" : "302 200"))
      .reduce((sum, [, n]) => sum + n, 0);
  }
  // When the last POST was answered (autocannon resolves up to a second later: see finishedAt in
  // bench/lib/browser-journey.ts).
  let lastAnswerAt = started;
  const results = args.journey
    ? []
    : await Promise.all(
        servers.map((server, s) => {
          const mine = teachers.slice(s * share, (s + 1) * share);
          let i = 0;
          const run = autocannon({
            url: server.url,
            connections: Math.max(1, Math.round(connections / instances)),
            amount: mine.length,
            timeout: 30,
            requests: [
              {
                method: "POST",
                path: `/eventi/${event.id}/iscrizione`,
                setupRequest: (req: autocannon.Request) => {
                  const teacher = mine[i++ % mine.length]!;
                  return {
                    ...req,
                    headers: { cookie: teacher.cookie, "content-type": "application/x-www-form-urlencoded" },
                    body: `editionId=${edition.id}`,
                  } as autocannon.Request;
                },
              },
            ],
          });
          // The promise autocannon returns is also its Instance (an EventEmitter), untyped as such.
          (run as unknown as autocannon.Instance).on("response", () => (lastAnswerAt = performance.now()));
          return run;
        }),
      );
  if (!args.journey) {
    const seconds = (lastAnswerAt - started) / 1000;
    cpuLines.push(`enrol POST: ${((serversCpuMs(servers) - cpuAtStart) / N).toFixed(2)}`);
    await stopServers(servers);
    throughput = N / seconds;
    // Percentiles across instances: the worst instance's (conservative).
    p50 = Math.max(...results.map((r) => r.latency.p50));
    p95 = Math.max(...results.map((r) => (r.latency as unknown as Record<string, number>).p97_5 ?? r.latency.p99));
    p99 = Math.max(...results.map((r) => r.latency.p99));
    for (const r of results) {
      errors += r.errors + r.timeouts;
      for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) {
        statusCodes[code] = (statusCodes[code] ?? 0) + (stat as { count: number }).count;
      }
    }
    errors += Object.entries(statusCodes)
      .filter(([code]) => code !== "302")
      .reduce((sum, [, n]) => sum + n, 0);
  }
}

const rows = await prisma.enrolment.findMany({
  where: { editionId: edition.id },
  select: { status: true, waitlistSeq: true, userId: true },
});
const enrolled = rows.filter((r) => r.status === "iscritto").length;
const seqs = rows
  .filter((r) => r.status === "in-attesa")
  .map((r) => r.waitlistSeq!)
  .sort((a, b) => a - b);
const gapless = seqs.every((s, i) => s === i + 1);
const distinct = new Set(rows.map((r) => r.userId)).size === rows.length;

console.log("");
console.log(
  "| engine | mode | enrolments/s | p50 ms | p95 ms | p99 ms | errors | enrolled | waitlisted | positions 1..N, no gaps |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|");
const mode = args["no-http"]
  ? "no HTTP"
  : floor
    ? framework === "node"
      ? "bare floor: node:http, session lookup + the same seat transaction, 1 process"
      : `framework floor: the bare floor's work in one Remix action, ${framework === "remix" ? "behind node:http" : "behind Express"}, 1 process${warmup ? `, warmed up (${warmupCount})` : ""}`
    : `HTTP${args.journey ? ` journey (${journeyParts})` : ""}, ${instances} instance(s)${args.workers ? ` × ${args.workers} worker(s)` : ""}${warmup ? `, warmed up (${warmupCount})` : ""}`;
console.log(
  `| ${engine} | ${mode} | ${throughput.toFixed(0)} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${p99.toFixed(1)} | ${errors} | ${enrolled} | ${seqs.length} | ${gapless && distinct ? "yes" : "NO"} |`,
);
// A refusal that is not a 409 with the page (an error, a 500, a redirect) counts as an error.
let refusalErrors = 0;
for (const refusal of refusals) {
  const wrong = Object.entries(refusal.statuses)
    .filter(([c]) => c !== "409")
    .reduce((a, [, n]) => a + n, 0);
  refusalErrors += wrong;
  console.log(
    `| ${engine} | ${refusal.label}, ${instances} instance(s)${args.workers ? ` × ${args.workers} worker(s)` : ""} | ${refusal.perSecond.toFixed(0)} | ${refusal.p50.toFixed(1)} | ${refusal.p95.toFixed(1)} | ${refusal.p99.toFixed(1)} | ${wrong} | | | |`,
  );
  if (wrong) console.log(`refusal status codes (${refusal.label}): ${JSON.stringify(refusal.statuses)}`);
}
if (Object.keys(statusCodes).length) console.log(`status codes: ${JSON.stringify(statusCodes)}`);
for (const line of cpuLines) console.log(`server CPU ms per request: ${engine}, ${mode}, ${line}`);
for (const line of memoryLines) console.log(`memory: ${engine}, ${mode}, ${line}`);
if (args["no-http"] === false && !args.journey)
  console.log("(p95 column: autocannon's p97.5 — autocannon reports p50, p90, p97.5, p99)");
await prisma.$disconnect();
process.exit(enrolled === Math.min(seats, N) && gapless && distinct && errors === 0 && refusalErrors === 0 ? 0 : 1);
