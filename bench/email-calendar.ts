// Two figures for the email part of Forma:
//  (a) the personal calendar feed (/calendario/:token.ics) of a teacher with 200 sessions:
//      latency p50/p95/p99 under autocannon (10 connections, 10 s) and the file's size;
//  (b) outbox throughput: N queued "iscrizione-confermata" notifications (each email with its
//      calendar invitation) sent by the worker (deliverDue, as runOutbox calls it) to a real
//      smtp-server on 127.0.0.1: messages per second, with 1 and 2 workers.
//
//   npx tsx bench/email-calendar.ts --engine sqlite [--sessions 200] [--messages 2000] [--workers 1]
//   npx tsx bench/email-calendar.ts --engine postgresql --pg-url postgresql://…
//   … --only feed | --only outbox
// The feed part needs a production build (npx remix vite:build).
import os from "node:os";
import net from "node:net";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { SMTPServer } from "smtp-server";
import { freshDatabase } from "./lib/fresh-database.ts";
import { percentile, startServer } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    "pg-url": { type: "string" },
    sessions: { type: "string", default: "200" },
    messages: { type: "string", default: "2000" },
    workers: { type: "string", default: "1" },
    "no-pool": { type: "boolean", default: false },
    connections: { type: "string", default: "10" },
    duration: { type: "string", default: "10" },
    only: { type: "string" },
    port: { type: "string", default: "3710" },
  },
});
const engine = args.engine === "postgresql" ? "postgresql" : "sqlite";
const databaseUrl = await freshDatabase(engine, args["pg-url"]);
process.env.DATABASE_URL = databaseUrl;
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.NODE_ENV = "production";
process.env.APP_ORIGIN ??= "https://forma.example.it";

const { createUser, createTeachers } = await import("../tests/support/factories.ts");
const { prisma } = await import("../app/utils/db.server.ts");
const { regenerateCalendarToken } = await import("../app/models/calendar-token.server.ts");
const { deliverDue } = await import("../app/models/outbox.server.ts");
const { smtpMailer } = await import("../app/utils/mailer.server.ts");

console.log(`# Email and calendar — ${engine}`);
console.log(
  `machine: nproc ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);

const organiser = await createUser({ roles: [{ role: "unita-nazionale" }] });
const DAY = 86_400_000;

/** `editions` published events of one edition each, `perEdition` synchronous 2-hour sessions. */
async function editionsWithSessions(editions: number, perEdition: number) {
  const result: { eventId: string; editionId: string }[] = [];
  const start = Date.now() + 30 * DAY;
  for (let e = 0; e < editions; e += 1) {
    const first = new Date(start + e * DAY);
    const event = await prisma.event.create({
      data: {
        title: `Percorso ${e + 1} — bench`,
        description: "Benchmark",
        type: "corso-online-base",
        level: "nazionale",
        mode: "online",
        onlineUrl: `https://meet.example.it/stanza-${e}`,
        certifiedMinutes: perEdition * 120,
        status: "pubblicato",
        publishedAt: new Date(),
        startsAt: first,
        endsAt: new Date(first.getTime() + perEdition * 7 * DAY),
        createdById: organiser.id,
        editions: {
          create: {
            number: 1,
            startsOn: first,
            endsOn: new Date(first.getTime() + perEdition * 7 * DAY),
            seatCap: null,
            enrolmentOpensAt: new Date(Date.now() - DAY),
            enrolmentClosesAt: first,
            sessions: {
              create: Array.from({ length: perEdition }, (_, i) => ({
                title: `Incontro ${i + 1}`,
                startsAt: new Date(first.getTime() + i * 7 * DAY),
                endsAt: new Date(first.getTime() + i * 7 * DAY + 2 * 3600_000),
                delivery: "sincrona",
                minutes: 120,
              })),
            },
          },
        },
      },
      include: { editions: true },
    });
    result.push({ eventId: event.id, editionId: event.editions[0]!.id });
  }
  return result;
}

const enrolmentRow = (userId: string, ed: { eventId: string; editionId: string }) => ({
  userId,
  editionId: ed.editionId,
  eventId: ed.eventId,
  status: "iscritto",
  activeKey: `${ed.eventId}:${userId}`,
});

// (a) the personal feed ------------------------------------------------------------------------
if (args.only !== "outbox") {
  const sessions = Number(args.sessions);
  const editions = await editionsWithSessions(sessions / 10, 10);
  const teacher = await createUser();
  await prisma.enrolment.createMany({ data: editions.map((ed) => enrolmentRow(teacher.id, ed)) });
  const token = await regenerateCalendarToken(teacher.id);
  const server = await startServer(Number(args.port), {
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: process.env.SESSION_SECRET!,
    FORMA_BACKGROUND_JOBS: "off",
    COOKIE_SECURE: "false",
  });
  const path = `/calendario/${token}.ics`;
  const once = await fetch(`${server.url}${path}`);
  const body = Buffer.from(await once.arrayBuffer());
  const vevents = body.toString("utf8").split("BEGIN:VEVENT").length - 1;
  const latencies: number[] = [];
  const result = await autocannon({
    url: `${server.url}${path}`,
    connections: Number(args.connections),
    duration: Number(args.duration),
    setupClient: (client: { on: (e: string, f: (status: number, bytes: number, ms: number) => void) => void }) =>
      client.on("response", (_status, _bytes, ms) => latencies.push(ms)),
  } as autocannon.Options);
  await server.stop();
  latencies.sort((a, b) => a - b);
  const non2xx = result.non2xx + result.errors + result.timeouts;
  console.log(
    `feed: ${vevents} VEVENTs, ${body.length} bytes (${once.headers.get("content-type")}), status ${once.status}`,
  );
  console.log("| engine | sessions | bytes | req/s | p50 ms | p95 ms | p99 ms | errors |");
  console.log(
    `| ${engine} feed | ${vevents} | ${body.length} | ${result.requests.average.toFixed(0)} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 95).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} | ${non2xx} |`,
  );
}

// (b) outbox throughput ------------------------------------------------------------------------
if (args.only !== "feed") {
  const N = Number(args.messages);
  const workers = Number(args.workers);
  let received = 0;
  const smtp = new SMTPServer({
    // No reverse DNS of 127.0.0.1 per connection: it cost ~100 ms per message here and measures
    // the test server, not Forma (a real relay's own latency is a separate matter).
    disableReverseLookup: true,
    // Left at smtp-server's default: a 100 ms pause before the greeting (early-talker check), like many relays.
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  const port = (smtp.server.address() as net.AddressInfo).port;
  const editions = await editionsWithSessions(10, 2);
  const teachers = await createTeachers(N);
  const rows = teachers.map((t, i) => enrolmentRow(t.id, editions[i % editions.length]!));
  for (let i = 0; i < rows.length; i += 500) await prisma.enrolment.createMany({ data: rows.slice(i, i + 500) });
  const enrolments = await prisma.enrolment.findMany({
    where: { userId: { in: teachers.map((t) => t.id) } },
    select: { id: true, userId: true },
  });
  const notes = enrolments.map((e) => ({
    userId: e.userId,
    kind: "iscrizione-confermata",
    enrolmentId: e.id,
    payload: JSON.stringify({ eventTitle: "Percorso bench", editionNumber: 1 }),
    dedupeKey: `bench:${e.id}`,
    nextAttemptAt: new Date(Date.now() - 1000),
  }));
  for (let i = 0; i < notes.length; i += 500) await prisma.notification.createMany({ data: notes.slice(i, i + 500) });

  const started = performance.now();
  let sent = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      const mailer = smtpMailer({
        host: "127.0.0.1",
        port,
        secure: false,
        from: "Forma <noreply@forma.example.it>",
        domain: "forma.example.it",
        pool: !args["no-pool"],
      });
      for (;;) {
        const report = await deliverDue({ mailer, instanceId: `bench-${w}`, origin: process.env.APP_ORIGIN });
        sent += report.sent;
        failed += report.failed + report.gaveUp;
        if (report.claimed === 0) break;
      }
      mailer.close();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  const delivered = await prisma.notification.count({
    where: { dedupeKey: { startsWith: "bench:" }, deliveryStatus: "inviata" },
  });
  console.log(`SMTP connection: ${args["no-pool"] ? "one per message" : "pooled (reused)"}`);
  console.log("| engine | workers | messages | seconds | messages/s | received by SMTP | failed | rows inviata |");
  console.log(
    `| ${engine} outbox | ${workers} | ${N} | ${seconds.toFixed(1)} | ${(sent / seconds).toFixed(0)} | ${received} | ${failed} | ${delivered} |`,
  );
}
await prisma.$disconnect();
console.log(
  `load after: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
