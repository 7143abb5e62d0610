// The pages people other than anonymous visitors use every day, on national volume: the national
// unit's and a USR referent's event lists, an event's and an edition's management pages (the
// largest edition's participants, searched and paged), its CSV, the users search, the outbox, a
// trainer's home, edition and register, and a busy teacher's enrolments, plan and its PDF.
// Each page is asked for one after the other (one connection, nothing else in flight) through the
// production server (one worker), signed in as the person it is for, after two warm-up requests;
// the table prints the median, p95 and slowest time, the status and the size.
//
//   npx tsx bench/staff-pages.ts --database-url file:/tmp/staff.db [--times 20] [--port 3730]
//   (the database: `npm run db:migrate` then `npm run db:scale-data -- --seed 42 --teachers 100000
//    --events 10000 --activity --per-edition 40` with that DATABASE_URL; PostgreSQL URLs work too)
// Needs a production build (`npx remix vite:build`).
import os from "node:os";
import { parseArgs } from "node:util";
import { migrateDatabase } from "./lib/fresh-database.ts";
import { loadAverage, percentile, startServer } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    "database-url": { type: "string" },
    seed: { type: "string", default: "42" },
    times: { type: "string", default: "20" },
    port: { type: "string", default: "3730" },
    only: { type: "string" },
  },
});
const databaseUrl = args["database-url"];
if (!databaseUrl) throw new Error("--database-url is required (a database filled by db:scale-data --activity)");
migrateDatabase(databaseUrl);
process.env.DATABASE_URL = databaseUrl;
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.NODE_ENV = "production";
process.env.APP_ORIGIN ??= "https://forma.example.it";

const { prisma } = await import("../app/utils/db.server.ts");
const { createUserSession } = await import("../app/utils/auth.server.ts");
const seed = args.seed!;
const times = Number(args.times);

const cookieOf = async (userId: string) =>
  (await createUserSession(new Request("http://localhost/"), userId)).split(";")[0]!;

// The people and the rows with the most behind them.
const [biggestEdition] = await prisma.enrolment.groupBy({
  by: ["editionId"],
  _count: { _all: true },
  orderBy: { _count: { editionId: "desc" } },
  take: 1,
});
if (!biggestEdition) throw new Error("no enrolments: generate the data with --activity");
const edition = await prisma.edition.findUniqueOrThrow({
  where: { id: biggestEdition.editionId },
  select: { id: true, eventId: true, sessions: { orderBy: { startsAt: "asc" }, select: { id: true }, take: 1 } },
});
const [widestEvent] = await prisma.edition.groupBy({
  by: ["eventId"],
  _count: { _all: true },
  orderBy: { _count: { eventId: "desc" } },
  take: 1,
});
const [busyTeacher] = await prisma.enrolment.groupBy({
  by: ["userId"],
  _count: { _all: true },
  orderBy: { _count: { userId: "desc" } },
  take: 1,
});
const trainerRows = await prisma.userRole.findMany({ where: { role: "formatore" }, select: { userId: true } });
const trainerLoads = await Promise.all(
  trainerRows.map(async (r) => ({
    userId: r.userId,
    editions: await prisma.edition.count({ where: { event: { trainers: { some: { userId: r.userId } } } } }),
  })),
);
const trainer = trainerLoads.sort((a, b) => b.editions - a.editions)[0]!;
const trainerEdition = await prisma.edition.findFirstOrThrow({
  where: { event: { trainers: { some: { userId: trainer.userId } } }, enrolments: { some: {} } },
  orderBy: { seatsTaken: "desc" },
  select: { id: true, sessions: { orderBy: { startsAt: "asc" }, select: { id: true }, take: 1 } },
});
const lombardiaEvent = await prisma.event.findFirstOrThrow({
  where: { regionCode: "lombardia", level: "regionale" },
  orderBy: { editions: { _count: "desc" } },
  select: { id: true },
});
const aSurname = await prisma.user.findFirstOrThrow({
  where: { enrolments: { some: { editionId: edition.id } } },
  select: { lastName: true },
});

const national = await cookieOf(`s${seed}u_nu`);
const referent = await cookieOf(`s${seed}u_ref_lombardia`);
const trainerCookie = await cookieOf(trainer.userId);
const teacher = await cookieOf(busyTeacher!.userId);
await prisma.$disconnect();

const pages: { name: string; path: string; cookie: string }[] = [
  { name: "national: events list", path: "/gestione/eventi", cookie: national },
  { name: "national: events list, page 300", path: "/gestione/eventi?pagina=300", cookie: national },
  { name: "national: events list, published", path: "/gestione/eventi?stato=pubblicato", cookie: national },
  { name: "referent: events list", path: "/gestione/eventi", cookie: referent },
  { name: "referent: own event", path: `/gestione/eventi/${lombardiaEvent.id}`, cookie: referent },
  { name: "national: event with most editions", path: `/gestione/eventi/${widestEvent!.eventId}`, cookie: national },
  { name: "national: its edit form", path: `/gestione/eventi/${widestEvent!.eventId}/modifica`, cookie: national },
  { name: "national: largest edition", path: `/gestione/edizioni/${edition.id}`, cookie: national },
  {
    name: "national: largest edition, surname search",
    path: `/gestione/edizioni/${edition.id}?q=${encodeURIComponent(aSurname.lastName)}`,
    cookie: national,
  },
  {
    name: "national: largest edition, waitlist",
    path: `/gestione/edizioni/${edition.id}?stato=in-attesa`,
    cookie: national,
  },
  { name: "national: largest edition, CSV", path: `/gestione/edizioni/${edition.id}/iscritti.csv`, cookie: national },
  { name: "national: largest edition, messages", path: `/gestione/edizioni/${edition.id}/messaggi`, cookie: national },
  { name: "national: users, 'rossi'", path: "/admin/utenti?q=rossi", cookie: national },
  { name: "national: users, 'ma'", path: "/admin/utenti?q=ma", cookie: national },
  { name: "national: users, 'maria rossi'", path: "/admin/utenti?q=maria+rossi", cookie: national },
  { name: "national: users, no match", path: "/admin/utenti?q=zzqx", cookie: national },
  { name: "national: outbox", path: "/admin/email", cookie: national },
  { name: "national: dashboard", path: "/cruscotto", cookie: national },
  { name: `trainer (${trainer.editions} editions): home`, path: "/formazione", cookie: trainerCookie },
  { name: "trainer: edition", path: `/formazione/edizioni/${trainerEdition.id}`, cookie: trainerCookie },
  {
    name: "trainer: first session's register",
    path: `/formazione/incontri/${trainerEdition.sessions[0]!.id}`,
    cookie: trainerCookie,
  },
  { name: `teacher (${busyTeacher!._count._all} places): enrolments`, path: "/le-mie-iscrizioni", cookie: teacher },
  { name: "teacher: training plan", path: "/il-mio-piano", cookie: teacher },
  { name: "teacher: training plan PDF", path: "/il-mio-piano.pdf", cookie: teacher },
  { name: "teacher: data archive", path: "/profilo/dati.zip", cookie: teacher },
  { name: "national unit: data archive", path: "/profilo/dati.zip", cookie: national },
].filter((p) => !args.only || p.name.includes(args.only));

const engine = databaseUrl.startsWith("postgres") ? "postgresql" : "sqlite";
console.log(
  `# Staff and teacher pages on national volume — ${engine}, ${os.cpus().length} CPU, Node ${process.version}, ` +
    `${times} requests each after 2 warm-ups, one worker, one at a time; load before: ${loadAverage()}`,
);
const server = await startServer(Number(args.port), {
  DATABASE_URL: databaseUrl,
  SESSION_SECRET: process.env.SESSION_SECRET!,
  APP_ORIGIN: process.env.APP_ORIGIN!,
  WEB_CONCURRENCY: "1",
});
try {
  console.log("| page | status | KB | median ms | p95 ms | slowest ms |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const page of pages) {
    const ms: number[] = [];
    let status = 0;
    let bytes = 0;
    for (let i = 0; i < times + 2; i++) {
      const started = performance.now();
      const response = await fetch(`${server.url}${page.path}`, {
        headers: { cookie: page.cookie, "accept-encoding": "identity" },
        redirect: "manual",
      });
      const body = await response.arrayBuffer();
      if (i >= 2) ms.push(performance.now() - started);
      status = response.status;
      bytes = body.byteLength;
    }
    ms.sort((a, b) => a - b);
    console.log(
      `| ${page.name} | ${status} | ${(bytes / 1024).toFixed(0)} | ${percentile(ms, 50).toFixed(1)} | ` +
        `${percentile(ms, 95).toFixed(1)} | ${ms[ms.length - 1]!.toFixed(1)} |`,
    );
  }
} finally {
  await server.stop();
}
console.log(`load after: ${loadAverage()}`);
