// Two figures for the certificates (issue 4):
//  (a) issuing 350 certificates: one issueCertificates call for an edition whose 350 enrolled
//      participants all completed (certificates and their outbox emails, one transaction), then a
//      second call (the retry: nothing to issue);
//  (b) one certificate PDF (pdfkit, vector QR code): median and p95 over N renders;
//  (c) the same with the largest letterhead the upload accepts (a 2000 x 2000 PNG with transparency as logo
//      and as signature, LETTERHEAD_PNG_MAX_PIXELS): pdfkit decodes such a PNG once per process, not per
//      certificate (6098150); (b) is its floor.
// Real database: a fresh SQLite file by default, or a fresh PostgreSQL database with --pg-url.
//
//   npx tsx bench/certificates.ts [--participants 350] [--renders 50] [--rounds 3]
//   npx tsx bench/certificates.ts --engine postgresql --pg-url postgresql://…
import os from "node:os";
import { parseArgs } from "node:util";
import { freshDatabase } from "./lib/fresh-database.ts";
import { percentile } from "./lib/servers.ts";

const { values: args } = parseArgs({
  options: {
    engine: { type: "string", default: "sqlite" },
    "pg-url": { type: "string" },
    participants: { type: "string", default: "350" },
    renders: { type: "string", default: "50" },
    rounds: { type: "string", default: "3" },
  },
});
const engine = args.engine === "postgresql" || args["pg-url"] ? "postgresql" : "sqlite";
process.env.DATABASE_URL = await freshDatabase(engine, args["pg-url"]);
process.env.SESSION_SECRET ??= "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.NODE_ENV = "production";
process.env.APP_ORIGIN ??= "https://forma.example.it";

const { createOpenEdition, createTeachers, createUser } = await import("../tests/support/factories.ts");
const { prisma } = await import("../app/utils/db.server.ts");
const { issueCertificates, listEditionCertificates, ownValidCertificate } =
  await import("../app/models/certificate.server.ts");
const { renderCertificatePdf } = await import("../app/models/certificate-pdf.server.ts");
const { trainerEdition } = await import("../tests/support/scopes.ts");
const { rgbaPng } = await import("../tests/support/png.ts");

const participants = Number(args.participants);
const renders = Number(args.renders);
const rounds = Number(args.rounds);

console.log(`# Certificates — ${engine}`);
console.log(
  `machine: nproc ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);

/** A finished edition (one 2-hour webinar yesterday) with `count` participants, all present. */
async function completedEdition(count: number) {
  const { edition, event } = await createOpenEdition({
    sessionStartsAt: new Date(Date.now() - 26 * 3600_000),
    seatCap: null,
  });
  const trainer = await createUser({ firstName: "Fabio", lastName: "Formatore" });
  await prisma.eventTrainer.create({ data: { eventId: event.id, userId: trainer.id } });
  const teachers = await createTeachers(count);
  for (let i = 0; i < teachers.length; i += 500) {
    await prisma.enrolment.createMany({
      data: teachers.slice(i, i + 500).map((t) => ({
        editionId: edition.id,
        eventId: event.id,
        userId: t.id,
        status: "iscritto",
        activeKey: `${event.id}:${t.id}`,
      })),
    });
  }
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
  const enrolments = await prisma.enrolment.findMany({ where: { editionId: edition.id }, select: { id: true } });
  for (let i = 0; i < enrolments.length; i += 500) {
    await prisma.attendanceRecord.createMany({
      data: enrolments
        .slice(i, i + 500)
        .map((e) => ({ sessionId: session.id, enrolmentId: e.id, status: "presente", recordedById: trainer.id })),
    });
  }
  return { editionId: edition.id, trainerId: trainer.id };
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

console.log(`\n## Issue ${participants} certificates (${rounds} editions, one call each, then the retry)`);
let lastEdition = "";
for (let r = 0; r < rounds; r++) {
  const { editionId, trainerId } = await completedEdition(participants);
  const scope = await trainerEdition(trainerId, editionId);
  let t = process.hrtime.bigint();
  const first = await issueCertificates(scope);
  const issueMs = ms(t);
  t = process.hrtime.bigint();
  const again = await issueCertificates(scope);
  const retryMs = ms(t);
  if (first.issued !== participants || again.issued !== 0)
    throw new Error(`unexpected: ${JSON.stringify({ first, again })}`);
  const emails = await prisma.notification.count({
    where: {
      kind: "attestato-disponibile",
      dedupeKey: { startsWith: "attestato-disponibile:" },
      enrolmentId: { not: null },
    },
  });
  console.log(
    `round ${r + 1}: issue ${issueMs.toFixed(0)} ms (${first.issued} certificates), retry ${retryMs.toFixed(0)} ms (${again.issued} issued, ${again.alreadyValid} already valid); emails queued so far ${emails}`,
  );
  lastEdition = editionId;
}

console.log(`\n## Single certificate PDF (${renders} renders)`);
const [one] = await listEditionCertificates(lastEdition);
const owner = await prisma.certificate.findUniqueOrThrow({ where: { id: one!.id }, select: { userId: true } });
const snapshot = (await ownValidCertificate(owner.userId, one!.id))!;
const times: number[] = [];
let bytes = 0;
for (let i = 0; i < renders + 3; i++) {
  const t = process.hrtime.bigint();
  const pdf = await renderCertificatePdf(snapshot, { origin: process.env.APP_ORIGIN! });
  if (i >= 3) times.push(ms(t)); // the first renders load the fonts
  bytes = pdf.byteLength;
}
times.sort((a, b) => a - b);
console.log(
  `median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms, size ${(bytes / 1024).toFixed(1)} KiB`,
);

const png = rgbaPng(2000, 2000);
const letterhead = {
  signatoryName: "Maria Bianchi",
  signatoryRole: "Dirigente",
  logo: png,
  signature: Buffer.from(png),
};
console.log(
  `\n## Certificate PDF with a 2000 x 2000 RGBA letterhead logo and signature (${(png.byteLength / 1024).toFixed(0)} KiB each, ${renders} renders)`,
);
const first = process.hrtime.bigint();
await renderCertificatePdf(snapshot, { origin: process.env.APP_ORIGIN!, details: { responsible: null, letterhead } });
const firstMs = ms(first);
const withLetterhead: number[] = [];
for (let i = 0; i < renders; i++) {
  const t = process.hrtime.bigint();
  const pdf = await renderCertificatePdf(snapshot, {
    origin: process.env.APP_ORIGIN!,
    details: { responsible: null, letterhead },
  });
  withLetterhead.push(ms(t));
  bytes = pdf.byteLength;
}
withLetterhead.sort((a, b) => a - b);
console.log(
  `first (decodes both images) ${firstMs.toFixed(0)} ms; then median ${percentile(withLetterhead, 50).toFixed(1)} ms, p95 ${percentile(withLetterhead, 95).toFixed(1)} ms, size ${(bytes / 1024).toFixed(1)} KiB; floor (b): median ${percentile(times, 50).toFixed(1)} ms`,
);
console.log(
  `load average after: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
await prisma.$disconnect();
