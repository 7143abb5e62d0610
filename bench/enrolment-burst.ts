// Burst: N distinct signed-in teachers enrol in one 350-seat edition at the same moment.
// Prints throughput, latency percentiles and the correctness counts (exactly `seats`
// enrolled, waitlist positions 1..N-seats without gaps or duplicates, no errors).
//
//   npx tsx bench/enrolment-burst.ts --engine sqlite [--teachers 5000] [--seats 350] [--connections 50]
//   npx tsx bench/enrolment-burst.ts --engine postgresql --pg-url postgresql://… [--instances 2]
//   … --no-http      the same enrolments calling the domain function directly (the floor)
// Needs a production build (npm run build) for the HTTP mode.
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { freshDatabase } from "./lib/fresh-database.ts";
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
    port: { type: "string", default: "3700" },
  },
});
const engine = args.engine === "postgresql" ? "postgresql" : "sqlite";
const N = Number(args.teachers);
const seats = Number(args.seats);
const connections = Number(args.connections);
const instances = Number(args.instances);

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
console.log(
  `# Enrolment burst — ${engine}, ${args["no-http"] ? "no HTTP (domain function)" : `${instances} instance(s)`}`,
);
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
);
console.log(`teachers: ${N}, seats: ${seats}, connections: ${connections}`);

let throughput = 0;
let p50 = 0;
let p95 = 0;
let p99 = 0;
let errors = 0;
const statusCodes: Record<string, number> = {};

if (args["no-http"]) {
  const latencies: number[] = [];
  let next = 0;
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
  latencies.sort((a, b) => a - b);
  throughput = N / seconds;
  [p50, p95, p99] = [percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99)];
} else {
  const servers: RunningServer[] = [];
  for (let i = 0; i < instances; i++) {
    servers.push(
      await startServer(Number(args.port) + i, {
        DATABASE_URL: databaseUrl,
        SESSION_SECRET: process.env.SESSION_SECRET!,
        FORMA_BACKGROUND_JOBS: "off",
        COOKIE_SECURE: "false",
      }),
    );
  }
  const share = Math.ceil(N / instances);
  const started = performance.now();
  const results = await Promise.all(
    servers.map((server, s) => {
      const mine = teachers.slice(s * share, (s + 1) * share);
      let i = 0;
      return autocannon({
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
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const server of servers) await server.stop();
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
console.log(
  `| ${engine} | ${args["no-http"] ? "no HTTP" : `HTTP, ${instances} instance(s)`} | ${throughput.toFixed(0)} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${p99.toFixed(1)} | ${errors} | ${enrolled} | ${seqs.length} | ${gapless && distinct ? "yes" : "NO"} |`,
);
if (Object.keys(statusCodes).length) console.log(`status codes: ${JSON.stringify(statusCodes)}`);
if (args["no-http"] === false)
  console.log("(p95 column: autocannon's p97.5 — autocannon reports p50, p90, p97.5, p99)");
await prisma.$disconnect();
process.exit(enrolled === Math.min(seats, N) && gapless && distinct && errors === 0 ? 0 : 1);
