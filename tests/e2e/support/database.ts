// The e2e server's database (tests/e2e/support/serve.ts names it after the engine server's port),
// for what a spec cannot do through the browser quickly: mark a fresh sign-up's email as confirmed
// (the confirmation link itself is covered by account-emails.spec.ts), and set up an event of the
// Toscana referent with two editions, participants and certificates (organiser-participants.spec.ts).
import path from "node:path";
import { test } from "@playwright/test";
import Database from "better-sqlite3";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../../..");

/** The engine's database URL, from the project name and the engine server's port. */
export function databaseOf(project: string, enginePort: string): string {
  if (project.startsWith("postgresql")) {
    const server = process.env.FORMA_E2E_PG_URL ?? process.env.DATABASE_URL;
    if (!server) throw new Error("FORMA_E2E_PG_URL is required on PostgreSQL");
    const url = new URL(server);
    url.pathname = `/forma_e2e_${enginePort}`;
    return url.toString();
  }
  return `file:${path.join(root, "tests/.tmp", `e2e_${enginePort}.db`)}`;
}

/**
 * Confirms the email of the accounts whose address matches `pattern` (SQL LIKE), as opening the link
 * would (enrolment and applications need a confirmed email). Uses the running test's project.
 */
export async function confirmEmails(pattern: string): Promise<void> {
  // The same stored format as the row's own dates, on either engine.
  await runSql([
    {
      sql: `UPDATE "User" SET "emailVerifiedAt" = "createdAt" WHERE "email" LIKE $1 AND "emailVerifiedAt" IS NULL`,
      params: [pattern],
    },
  ]);
}

/** Runs statements ($1, $2… placeholders, the same text on both engines) on the running test's database. */
async function runSql(statements: { sql: string; params: (string | number)[] }[]): Promise<void> {
  const info = test.info();
  const enginePort = new URL(String(info.project.use.baseURL)).port;
  const url = databaseOf(info.project.name, enginePort);
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length));
    try {
      db.transaction(() => {
        // $1, $2… (a placeholder may repeat) as better-sqlite3's named @p1, @p2….
        for (const { sql, params } of statements)
          db.prepare(sql.replace(/\$(\d+)/g, "@p$1")).run(Object.fromEntries(params.map((v, i) => [`p${i + 1}`, v])));
      })();
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const { sql, params } of statements) await client.query(sql, params);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

/**
 * A copy of the Toscana referent's regional seminar under a new title, with two editions (edition 1:
 * 2 seats, edition 2: 3 seats, the same dates), Albani (with a valid certificate) and Bartoli seated
 * in edition 1, Cecchi on its waitlist. Rows are copied from the seeded ones (INSERT … SELECT),
 * so every date keeps the engine's stored format. Returns the new event's title.
 */
export async function createTwoEditionEvent(): Promise<{ title: string; suffix: string }> {
  const suffix = Date.now().toString(36);
  const title = `Seminario spostamenti ${suffix}`;
  const source = "Seminario regionale eTwinning Toscana: progettare con i partner europei";
  const ev = `e2e_ev_${suffix}`;
  const ed = (n: number) => `e2e_ed${n}_${suffix}`;
  const people = ["corsista01@forma.test", "corsista02@forma.test", "corsista03@forma.test"];
  const edition = (n: number, cap: number, taken: number, seq: number) => ({
    sql: `INSERT INTO "Edition" ("id", "eventId", "number", "startsOn", "endsOn", "seatCap", "seatsTaken", "waitlistSeq", "enrolmentOpensAt", "enrolmentClosesAt", "createdAt", "updatedAt")
      SELECT $1, $2, ${n}, e."startsOn", e."endsOn", ${cap}, ${taken}, ${seq}, e."enrolmentOpensAt", e."enrolmentClosesAt", e."createdAt", e."updatedAt"
      FROM "Edition" e JOIN "Event" v ON v."id" = e."eventId" WHERE v."title" = $3 AND e."number" = 1`,
    params: [ed(n), ev, source],
  });
  const sessions = (n: number) => ({
    sql: `INSERT INTO "TrainingSession" ("id", "editionId", "title", "startsAt", "endsAt", "delivery", "minutes")
      SELECT s."id" || $1, $2, s."title", s."startsAt", s."endsAt", s."delivery", s."minutes"
      FROM "TrainingSession" s JOIN "Edition" e ON e."id" = s."editionId" JOIN "Event" v ON v."id" = e."eventId"
      WHERE v."title" = $3 AND e."number" = 1`,
    params: [`_${n}_${suffix}`, ed(n), source],
  });
  const place = (email: string, status: string, seq: number | null) => ({
    sql: `INSERT INTO "Enrolment" ("id", "editionId", "eventId", "userId", "status", "waitlistSeq", "activeKey", "createdAt", "updatedAt")
      SELECT $1 || u."id", $2, $3, u."id", $4, ${seq === null ? "NULL" : seq}, $3 || ':' || u."id", e."createdAt", e."updatedAt"
      FROM "User" u, "Edition" e WHERE u."email" = $5 AND e."id" = $2`,
    params: [`e2e_en_${suffix}_`, ed(1), ev, status, email],
  });
  const certificate = (email: string, i: number) => ({
    sql: `INSERT INTO "Certificate" ("id", "code", "enrolmentId", "editionId", "userId", "activeKey", "holderName", "eventTitle", "eventType", "organiser", "editionStartsOn", "editionEndsOn", "certifiedMinutes", "issuedAt")
      SELECT $1, $2, n."id", n."editionId", u."id", n."id", u."firstName" || ' ' || u."lastName", v."title", v."type", 'Ufficio Scolastico Regionale per la Toscana', e."startsOn", e."endsOn", v."certifiedMinutes", e."createdAt"
      FROM "Enrolment" n JOIN "User" u ON u."id" = n."userId" JOIN "Edition" e ON e."id" = n."editionId" JOIN "Event" v ON v."id" = n."eventId"
      WHERE n."editionId" = $3 AND u."email" = $4`,
    params: [`e2e_ce${i}_${suffix}`, `E2E${i}${suffix.toUpperCase()}`, ed(1), email],
  });
  await runSql([
    {
      sql: `INSERT INTO "Event" ("id", "title", "description", "type", "level", "regionCode", "mode", "venue", "onlineUrl", "language", "certifiedMinutes", "status", "openToAllRegions", "startsAt", "endsAt", "searchText", "completionPercent", "publishedAt", "createdById", "createdAt", "updatedAt")
        SELECT $1, $2, v."description", v."type", v."level", v."regionCode", v."mode", v."venue", v."onlineUrl", v."language", v."certifiedMinutes", v."status", v."openToAllRegions", v."startsAt", v."endsAt", LOWER($2), v."completionPercent", v."publishedAt", v."createdById", v."createdAt", v."updatedAt"
        FROM "Event" v WHERE v."title" = $3`,
      params: [ev, title, source],
    },
    edition(1, 2, 2, 1),
    edition(2, 3, 0, 0),
    sessions(1),
    sessions(2),
    place(people[0]!, "iscritto", null),
    place(people[1]!, "iscritto", null),
    place(people[2]!, "in-attesa", 1),
    certificate(people[0]!, 1),
  ]);
  return { title, suffix };
}
