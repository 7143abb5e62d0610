// What the JavaScript enrolment journey does to the SQLite file, per request, with 1 and N workers
// (ADR 0066): the journey (POST …/iscrizione.data 202 + GET /le-mie-iscrizioni.data), the three
// refusals (409), and a read-only control (each teacher's page data again: no write at all), so that
// what two workers cost a read that never meets a write is told apart from what the writes cost.
//
//   npx tsx bench/sqlite-writes.ts [--workers 1,2] [--rounds 2] [--teachers 3000] [--port 3720]
//   … --root /tmp/base --root .   builds to alternate (folders holding server.js and build/), each with every worker count
//   … --strace     also traces the workers (strace -f) during each phase and counts, per request:
//                  write transactions (the WAL write lock taken: fcntl F_WRLCK on the -shm's byte 120),
//                  busy refusals of that lock (EAGAIN), page reads (pread64) from the database file and
//                  from the WAL (a page not in the connection's cache: after another connection's commit
//                  the whole cache is dropped), WAL writes (pwrite64). strace slows the server several
//                  times over: its counts are meant, not its CPU.
//   … --warmup N   before the measured phases, N other teachers' journeys and two refusals each (not measured):
//                  a fresh worker compiles the request path as it serves it, and each worker does so
//   … --perf dir   a perf record -g of the workers for each phase: dir/<phase>-w<workers>-r<round>.data
//                  (perf report --sort dso,sym: SQLite's own functions are named in better_sqlite3.node)
// Each round starts a fresh database and server per worker count, alternated (1, 2, 1, 2 …), and prints
// the server CPU ms per request of each phase with the load average.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { BROWSER_HEADERS, journeyBurst } from "./lib/browser-journey.ts";
import { freshDatabase } from "./lib/fresh-database.ts";
import { contextSwitchesOf, cpuMsOf, processTree } from "./lib/process-stats.mjs";
import { loadAverage, requestBurst, startServer } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    workers: { type: "string", default: "1,2" },
    root: { type: "string", multiple: true, default: ["."] },
    rounds: { type: "string", default: "2" },
    teachers: { type: "string", default: "3000" },
    seats: { type: "string", default: "350" },
    connections: { type: "string", default: "50" },
    port: { type: "string", default: "3720" },
    strace: { type: "boolean", default: false },
    perf: { type: "string" },
    warmup: { type: "string", default: "0" },
    phases: { type: "string", default: "journey,control,refused-held,refused-region,refused-closed" },
  },
});
const workerCounts = args.workers.split(",").map(Number);
const N = Number(args.teachers);
const phases = new Set(args.phases.split(","));
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.NODE_ENV = "production";

type Trace = { stop: () => Promise<Record<string, number>> };

/** strace -f on these processes until stop(); the counts by kind (see the header). */
function traceOf(pids: number[], file: string): Trace {
  const child = spawn(
    "strace",
    ["-f", "-qq", "-y", "-e", "trace=fcntl,pread64,pwrite64", "-o", file, ...pids.flatMap((p) => ["-p", String(p)])],
    {
      stdio: "ignore",
    },
  );
  return {
    stop: async () => {
      await new Promise((r) => setTimeout(r, 200));
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGINT");
      await exited;
      const counts: Record<string, number> = {};
      const add = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);
      for (const line of fs.readFileSync(file, "utf8").split("\n")) {
        if (line.includes("pread64(") && /\.db-wal>/.test(line)) add("page reads from the WAL");
        else if (line.includes("pread64(") && /\.db>/.test(line)) add("page reads from the database file");
        else if (line.includes("pwrite64(") && /\.db-wal>/.test(line)) add("WAL writes (pwrite64)");
        else if (line.includes("F_WRLCK") && /l_start=120, l_len=1/.test(line)) {
          if (/= -1 EAGAIN/.test(line)) add("write lock busy (EAGAIN)");
          else add("write transactions (write lock taken)");
        }
      }
      fs.rmSync(file, { force: true });
      return counts;
    },
  };
}

async function round(workers: number, roundNo: number, root: string) {
  // One database for the script; each run has its own editions and teachers.
  const { event, edition } = await createOpenEdition({ seatCap: Number(args.seats) });
  const notEligible = await createOpenEdition({ level: "regionale", regionCode: "lombardia" });
  const closed = await createOpenEdition({
    opensAt: new Date(Date.now() - 48 * 3600_000),
    closesAt: new Date(Date.now() - 3600_000),
  });
  const teachers = await createSignedInTeachers(N);
  const W = Number(args.warmup);
  const warmup =
    W > 0 ? { edition: await createOpenEdition({ seatCap: 100 }), teachers: await createSignedInTeachers(W) } : null;
  const server = await startServer(
    Number(args.port),
    {
      DATABASE_URL: databaseUrl,
      FORMA_BACKGROUND_JOBS: "off",
      COOKIE_SECURE: "false",
      WEB_CONCURRENCY: String(workers),
    },
    { cwd: path.resolve(root) },
  );
  const pids = processTree(server.process.pid!);
  const workerPids = pids.length > 1 ? pids.slice(1) : pids;
  const cookies = teachers.map((t) => t.cookie);
  const figures: string[] = [];
  const measure = async (phase: string, count: number, run: () => Promise<string>) => {
    if (!phases.has(phase)) return;
    const trace = args.strace ? traceOf(workerPids, `/tmp/sqlite-writes-${process.pid}.trace`) : null;
    const perf = args.perf
      ? spawn(
          "perf",
          [
            "record",
            "-q",
            "-F",
            "499",
            "-g",
            "-o",
            `${args.perf}/${phase}-w${workers}-r${roundNo}.data`,
            "-p",
            workerPids.join(","),
          ],
          { stdio: "ignore" },
        )
      : null;
    if (trace || perf) await new Promise((r) => setTimeout(r, 500));
    const cpu = cpuMsOf(pids);
    const switches = contextSwitchesOf(workerPids);
    const started = performance.now();
    const statuses = await run();
    const seconds = (performance.now() - started) / 1000;
    const ms = (cpuMsOf(pids) - cpu) / count;
    const cs = (contextSwitchesOf(workerPids) - switches) / count;
    let line = `${phase}: ${ms.toFixed(2)} ms CPU, ${(count / seconds).toFixed(0)}/s, ${cs.toFixed(1)} cs ${statuses}`;
    if (trace) {
      const counts = await trace.stop();
      line += ` ${Object.entries(counts)
        .map(([k, n]) => `${k} ${(n / count).toFixed(2)}`)
        .join(", ")}`;
    }
    if (perf) {
      const exited = new Promise((r) => perf.once("exit", r));
      perf.kill("SIGINT");
      await exited;
    }
    figures.push(line);
  };
  const target = { eventId: event.id, editionId: edition.id };
  if (warmup) {
    // Warm-up, not measured: journeys and refusals of other teachers in another edition (JIT, caches).
    const journeysFirst = { eventId: warmup.edition.event.id, editionId: warmup.edition.edition.id };
    const warmCookies = warmup.teachers.map((t) => t.cookie);
    const c = Number(args.connections);
    await journeyBurst({
      url: server.url,
      cookies: warmCookies,
      connections: c,
      client: "js",
      kind: "enrol",
      target: journeysFirst,
    });
    for (const t of [journeysFirst, { eventId: notEligible.event.id, editionId: notEligible.edition.id }])
      await journeyBurst({
        url: server.url,
        cookies: warmCookies,
        connections: c,
        client: "js",
        kind: "refused",
        target: t,
      });
  }
  await measure("journey", N, async () => {
    const burst = await journeyBurst({
      url: server.url,
      cookies,
      connections: Number(args.connections),
      client: "js",
      kind: "enrol",
      target,
    });
    return JSON.stringify(burst.statuses);
  });
  if (phases.has("control")) {
    const rows: { id: string; userId: string }[] = await prisma.enrolment.findMany({
      where: { editionId: edition.id },
      select: { id: true, userId: true },
    });
    const byUser = new Map(rows.map((r) => [r.userId, r.id]));
    const list = teachers.map((t) => ({
      cookie: t.cookie,
      id: byUser.get(t.userId) ?? "none",
    }));
    await measure("control", N, () =>
      requestBurst(server.url, Number(args.connections), N, (i) => ({
        method: "GET",
        path: `/le-mie-iscrizioni.data?esito=${encodeURIComponent(list[i % N]!.id)}`,
        headers: { ...BROWSER_HEADERS, cookie: list[i % N]!.cookie },
      })),
    );
  }
  const refusal = (phase: string, t: { eventId: string; editionId: string }) =>
    measure(phase, N, async () => {
      const burst = await journeyBurst({
        url: server.url,
        cookies,
        connections: Number(args.connections),
        client: "js",
        kind: "refused",
        target: t,
      });
      return JSON.stringify(burst.statuses);
    });
  await refusal("refused-held", target);
  await refusal("refused-region", { eventId: notEligible.event.id, editionId: notEligible.edition.id });
  await refusal("refused-closed", { eventId: closed.event.id, editionId: closed.edition.id });
  await server.stop();
  console.log(`round ${roundNo}, ${root}, ${workers} worker(s): ${figures.join(" | ")} | load ${loadAverage()}`);
}

const databaseUrl = await freshDatabase("sqlite");
process.env.DATABASE_URL = databaseUrl;
const { createOpenEdition } = await import("../tests/support/factories.ts");
const { createSignedInTeachers } = await import("../tests/support/signed-in-teachers.ts");
const { prisma } = await import("../app/utils/db.server.ts");

console.log(`teachers ${N}, connections ${args.connections}, strace ${args.strace}, load before ${loadAverage()}`);
for (let r = 1; r <= Number(args.rounds); r++)
  for (const root of args.root) for (const w of workerCounts) await round(w, r, root);
await prisma.$disconnect();
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databaseUrl.replace(/^file:/, "") + suffix, { force: true });
process.exit(0);
