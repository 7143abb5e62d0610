// The e2e server's database (tests/e2e/support/serve.ts names it after the engine server's port),
// for what a spec cannot do through the browser quickly: mark a fresh sign-up's email as confirmed
// (the confirmation link itself is covered by account-emails.spec.ts), set up an event of the
// Toscana referent with two editions, participants and certificates (organiser-participants.spec.ts),
// and the factories of signed-in people: a session as signing in makes one (a UserSession row
// behind a signed cookie) and teacher accounts as signing up makes them. The sign-in and sign-up
// forms themselves are auth.spec.ts's subject; elsewhere they are only the way in, and each costs
// page loads and an argon2id hash on the server.
import crypto from "node:crypto";
import path from "node:path";
import { createCookieSessionStorage } from "@remix-run/node";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import pg from "pg";
import { PRIVACY_NOTICE_VERSION } from "../../../app/domain/privacy-notice.ts";
import { DEMO_ACCOUNTS } from "./accounts.ts";

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

type Row = Record<string, unknown>;

/**
 * The notifications (queued emails) of the account with this address or naming it (a message to
 * a new address), oldest first: what the outbox did with each, for a spec to say why an email it
 * waits for never arrived.
 */
export async function notificationsOf(email: string): Promise<Row[]> {
  return runSql([
    {
      sql: `SELECT n."kind", n."deliveryStatus", n."deliveryAttempts", n."createdAt", n."nextAttemptAt", n."claimedBy", n."sentAt", n."lastError"
            FROM "Notification" n JOIN "User" u ON u."id" = n."userId"
            WHERE u."email" = $1 OR n."payload" LIKE $2 ORDER BY n."createdAt"`,
      params: [email, `%"${email}"%`],
    },
  ]);
}

/** An account's id and reminder preference (User.emailReminders), by address. */
export async function accountOf(email: string): Promise<{ id: string; emailReminders: boolean }> {
  const [row] = await runSql([
    { sql: `SELECT "id", "emailReminders" FROM "User" WHERE "email" = $1`, params: [email.toLowerCase()] },
  ]);
  if (!row) throw new Error(`no account ${email}`);
  // SQLite stores a boolean as 0/1, PostgreSQL as true/false.
  return { id: String(row.id), emailReminders: Boolean(Number(row.emailReminders)) };
}

/**
 * Runs statements ($1, $2… placeholders, the same text on both engines) on the running test's
 * database, in one transaction; returns the rows the last one read (none for a write).
 */
async function runSql(statements: { sql: string; params: (string | number | null)[] }[]): Promise<Row[]> {
  const info = test.info();
  const enginePort = new URL(String(info.project.use.baseURL)).port;
  const url = databaseOf(info.project.name, enginePort);
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length));
    try {
      return db
        .transaction(() => {
          let rows: Row[] = [];
          // $1, $2… (a placeholder may repeat) as better-sqlite3's named @p1, @p2….
          for (const { sql, params } of statements) {
            const statement = db.prepare(sql.replace(/\$(\d+)/g, "@p$1"));
            const named = Object.fromEntries(params.map((v, i) => [`p${i + 1}`, v]));
            if (statement.reader) rows = statement.all(named) as Row[];
            else {
              statement.run(named);
              rows = [];
            }
          }
          return rows;
          // IMMEDIATE: the write lock is taken first, waiting (busy timeout) for the server's or another
          // worker's write. A deferred INSERT … SELECT that read first could not upgrade its lock while
          // another connection wrote, and failed at once with "database is locked".
        })
        .immediate();
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    let rows: Row[] = [];
    for (const { sql, params } of statements) rows = (await client.query(sql, params)).rows as Row[];
    await client.query("COMMIT");
    return rows;
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
  // Unique even when tests of parallel workers make one in the same millisecond (ids and title carry it).
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
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

/**
 * On createTwoEditionEvent's event: a register line (its first participant present) on edition 1's first session,
 * and a material (a recording link) on edition 2's last session. The event form then offers neither that session's
 * removal nor edition 1's, and says edition 2's last session takes its material with it.
 */
export async function recordAndMaterialOnTwoEditions(suffix: string): Promise<void> {
  // The edition's first (or last) session: its id is the copied session's id with the edition's suffix.
  const session = (order: "ASC" | "DESC") =>
    `(SELECT s."id" FROM "TrainingSession" s WHERE s."editionId" = $2 ORDER BY s."startsAt" ${order}, s."id" ${order} LIMIT 1)`;
  await runSql([
    {
      sql: `INSERT INTO "AttendanceRecord" ("id", "sessionId", "enrolmentId", "status")
        SELECT $1, ${session("ASC")}, n."id", 'presente'
        FROM "Enrolment" n JOIN "User" u ON u."id" = n."userId" WHERE n."editionId" = $2 AND u."email" = $3`,
      params: [`e2e_ar_${suffix}`, `e2e_ed1_${suffix}`, "corsista01@forma.test"],
    },
    {
      sql: `INSERT INTO "EventFile" ("id", "eventId", "sessionId", "title", "url", "createdAt")
        VALUES ($1, $3, ${session("DESC")}, 'Registrazione', 'https://video.example.it/e2e', $4)`,
      params: [`e2e_ef_${suffix}`, `e2e_ed2_${suffix}`, `e2e_ev_${suffix}`, sqlTimestamp(new Date())],
    },
  ]);
}

/**
 * A national template with an English title (a copy of the European Learning Event's row made national — only
 * national events are templates —, published, no editions), as the national unit marks one for the regions to
 * copy. Returns its title.
 */
export async function createEnglishTemplate(): Promise<string> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const title = `Learning Event template ${suffix}`;
  await runSql([
    {
      sql: `INSERT INTO "Event" ("id", "title", "titleLanguage", "isTemplate", "description", "type", "level", "regionCode", "mode", "venue", "onlineUrl", "language", "certifiedMinutes", "status", "openToAllRegions", "startsAt", "endsAt", "searchText", "completionPercent", "publishedAt", "createdById", "createdAt", "updatedAt")
        SELECT $1, $2, 'en', TRUE, v."description", v."type", 'nazionale', NULL, v."mode", v."venue", v."onlineUrl", v."language", v."certifiedMinutes", v."status", v."openToAllRegions", v."startsAt", v."endsAt", LOWER($2), v."completionPercent", v."publishedAt", v."createdById", v."createdAt", v."updatedAt"
        FROM "Event" v WHERE v."title" = $3`,
      params: [`e2e_tpl_${suffix}`, title, "Learning Event: media literacy and disinformation"],
    },
  ]);
  return title;
}

/**
 * Opens createTwoEditionEvent's event to teachers of every region (its source, a Toscana seminar, is closed to
 * others): its edition pages then take regional quotas, which are only for regions whose teachers may enrol (ADR 0011).
 */
export async function openToAllRegions(suffix: string): Promise<void> {
  await runSql([{ sql: `UPDATE "Event" SET "openToAllRegions" = TRUE WHERE "id" = $1`, params: [`e2e_ev_${suffix}`] }]);
}

/**
 * Edition 1 of createTwoEditionEvent's event with a full one-seat quota per region besides its general
 * pool: each quota's seat is held by `seated` and `waiting` waits for it (the seat cap grows by the
 * quotas' seats, as adding them to a full edition would need).
 */
export async function addFullQuotas(
  suffix: string,
  quotas: { regionCode: string; seated: string; waiting: string }[],
): Promise<void> {
  const ev = `e2e_ev_${suffix}`;
  const ed = `e2e_ed1_${suffix}`;
  const place = (quotaId: string, email: string, status: string, seq: number | null) => ({
    sql: `INSERT INTO "Enrolment" ("id", "editionId", "eventId", "userId", "status", "quotaId", "waitlistSeq", "activeKey", "createdAt", "updatedAt")
      SELECT $1 || u."id", $2, $3, u."id", $4, $5, ${seq === null ? "NULL" : seq}, $3 || ':' || u."id", e."createdAt", e."updatedAt"
      FROM "User" u, "Edition" e WHERE u."email" = $6 AND e."id" = $2`,
    params: [`e2e_enq_${suffix}_`, ed, ev, status, quotaId, email],
  });
  await runSql([
    {
      sql: `UPDATE "Edition" SET "seatCap" = "seatCap" + ${quotas.length}, "seatsTaken" = "seatsTaken" + ${quotas.length} WHERE "id" = $1`,
      params: [ed],
    },
    ...quotas.flatMap((q) => {
      const quotaId = `e2e_q_${q.regionCode}_${suffix}`;
      return [
        {
          sql: `INSERT INTO "EditionQuota" ("id", "editionId", "regionCode", "seats", "seatsTaken", "waitlistSeq", "createdAt")
            SELECT $1, e."id", $2, 1, 1, 1, e."createdAt" FROM "Edition" e WHERE e."id" = $3`,
          params: [quotaId, q.regionCode, ed],
        },
        place(quotaId, q.seated, "iscritto", null),
        place(quotaId, q.waiting, "in-attesa", 1),
      ];
    }),
  ]);
}

/**
 * A copy of the Toscana referent's regional seminar under a new title with one edition that ended ten days ago
 * (5 seats, nobody in it, its sessions moved to its last day) and whose register is still open: an organiser's
 * placement there records a participation after the fact (ADR 0098). Returns the edition's id and the title.
 */
export async function createEndedEdition(): Promise<{ editionId: string; title: string }> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const title = `Seminario concluso ${suffix}`;
  const source = "Seminario regionale eTwinning Toscana: progettare con i partner europei";
  const ev = `e2e_endev_${suffix}`;
  const ed = `e2e_ended_${suffix}`;
  const day = (daysAgo: number, hour = 0) => {
    const date = new Date();
    date.setUTCHours(hour, 0, 0, 0);
    date.setUTCDate(date.getUTCDate() - daysAgo);
    return sqlTimestamp(date);
  };
  await runSql([
    {
      sql: `INSERT INTO "Event" ("id", "title", "description", "type", "level", "regionCode", "mode", "venue", "onlineUrl", "language", "certifiedMinutes", "status", "openToAllRegions", "startsAt", "endsAt", "searchText", "completionPercent", "publishedAt", "createdById", "createdAt", "updatedAt")
        SELECT $1, $2, v."description", v."type", v."level", v."regionCode", v."mode", v."venue", v."onlineUrl", v."language", v."certifiedMinutes", v."status", v."openToAllRegions", $4, $5, LOWER($2), v."completionPercent", v."publishedAt", v."createdById", v."createdAt", v."updatedAt"
        FROM "Event" v WHERE v."title" = $3`,
      params: [ev, title, source, day(11), day(10)],
    },
    {
      sql: `INSERT INTO "Edition" ("id", "eventId", "number", "startsOn", "endsOn", "seatCap", "seatsTaken", "waitlistSeq", "enrolmentOpensAt", "enrolmentClosesAt", "createdAt", "updatedAt")
        SELECT $1, $2, 1, $4, $5, 5, 0, 0, e."enrolmentOpensAt", e."enrolmentClosesAt", e."createdAt", e."updatedAt"
        FROM "Edition" e JOIN "Event" v ON v."id" = e."eventId" WHERE v."title" = $3 AND e."number" = 1`,
      params: [ed, ev, source, day(11), day(10)],
    },
    {
      sql: `INSERT INTO "TrainingSession" ("id", "editionId", "title", "startsAt", "endsAt", "delivery", "minutes")
        SELECT s."id" || $1, $2, s."title", $4, $5, s."delivery", s."minutes"
        FROM "TrainingSession" s JOIN "Edition" e ON e."id" = s."editionId" JOIN "Event" v ON v."id" = e."eventId"
        WHERE v."title" = $3 AND e."number" = 1`,
      params: [`_end_${suffix}`, ed, source, day(10, 8), day(10, 12)],
    },
  ]);
  return { editionId: ed, title };
}

/**
 * A copy of the demo's blended Campania seminar (a morning in Naples, a feedback webinar), published,
 * with its sessions' places left out (both places, as before ADR 0091), for the organiser to set.
 */
export async function createBlendedEvent(
  /** The event's stored mode, when a test needs the copy of the blended seminar stored as another mode. */
  storedMode = "blended",
): Promise<{ eventId: string; title: string }> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const title = `Seminario blended ${suffix}`;
  const source = "Cittadinanza digitale e progetti eTwinning";
  const ev = `e2e_bl_${suffix}`;
  const ed = `e2e_bled_${suffix}`;
  await runSql([
    {
      sql: `INSERT INTO "Event" ("id", "title", "description", "type", "level", "regionCode", "mode", "venue", "onlineUrl", "language", "certifiedMinutes", "status", "openToAllRegions", "startsAt", "endsAt", "searchText", "completionPercent", "publishedAt", "createdById", "createdAt", "updatedAt")
        SELECT $1, $2, v."description", v."type", v."level", v."regionCode", v."mode", v."venue", v."onlineUrl", v."language", v."certifiedMinutes", v."status", v."openToAllRegions", v."startsAt", v."endsAt", LOWER($2), v."completionPercent", v."publishedAt", v."createdById", v."createdAt", v."updatedAt"
        FROM "Event" v WHERE v."title" = $3`,
      params: [ev, title, source],
    },
    ...[
      ["schoolLevel", "EventSchoolLevel"],
      ["role", "EventAudienceRole"],
      ["theme", "EventTheme"],
    ].map(([column, table]) => ({
      sql: `INSERT INTO "${table}" ("eventId", "${column}")
        SELECT $1, x."${column}" FROM "${table}" x JOIN "Event" v ON v."id" = x."eventId" WHERE v."title" = $2`,
      params: [ev, source],
    })),
    {
      sql: `INSERT INTO "Edition" ("id", "eventId", "number", "startsOn", "endsOn", "seatCap", "seatsTaken", "waitlistSeq", "enrolmentOpensAt", "enrolmentClosesAt", "createdAt", "updatedAt")
        SELECT $1, $2, 1, e."startsOn", e."endsOn", e."seatCap", 0, 0, e."enrolmentOpensAt", e."enrolmentClosesAt", e."createdAt", e."updatedAt"
        FROM "Edition" e JOIN "Event" v ON v."id" = e."eventId" WHERE v."title" = $3 AND e."number" = 1`,
      params: [ed, ev, source],
    },
    {
      sql: `INSERT INTO "TrainingSession" ("id", "editionId", "title", "startsAt", "endsAt", "delivery", "minutes")
        SELECT s."id" || $1, $2, s."title", s."startsAt", s."endsAt", s."delivery", s."minutes"
        FROM "TrainingSession" s JOIN "Edition" e ON e."id" = s."editionId" JOIN "Event" v ON v."id" = e."eventId"
        WHERE v."title" = $3 AND e."number" = 1`,
      params: [`_${suffix}`, ed, source],
    },
    { sql: `UPDATE "Event" SET "mode" = $1 WHERE "id" = $2`, params: [storedMode, ev] },
  ]);
  return { eventId: ev, title };
}

/**
 * Moves the first session of an edition to the given instants, as data stored before the event form
 * checked Rome's clock changes could hold them (e.g. 25/10/2026 02:30, a time Rome lives twice).
 */
export async function storeFirstSessionAt(editionId: string, startsAt: Date, endsAt: Date): Promise<void> {
  await runSql([
    {
      sql: `UPDATE "TrainingSession" SET "startsAt" = $1, "endsAt" = $2
        WHERE "id" = (SELECT s."id" FROM "TrainingSession" s WHERE s."editionId" = $3 ORDER BY s."startsAt", s."id" LIMIT 1)`,
      params: [sqlTimestamp(startsAt), sqlTimestamp(endsAt), editionId],
    },
  ]);
}

/**
 * Issues a certificate for the teacher's seat (their one place with status "iscritto"), as closing an
 * edition would (that flow is covered by certificates.spec.ts), stating the event's title and its
 * title language (or `stated`). Returns its code.
 */
export async function issueCertificateFor(
  email: string,
  /** A title the certificate states instead of its event's current one (an event renamed since), with its language. */
  stated?: { title: string; titleLanguage: string },
): Promise<string> {
  const alphabet = "34679ACDEFGHJKMNPQRTUVWXY";
  const group = () => Array.from(crypto.randomBytes(4), (b) => alphabet[b % alphabet.length]).join("");
  const code = `FRM-${group()}-${group()}-${group()}`;
  const id = `e2e${crypto.randomBytes(8).toString("hex")}`;
  // Dates copied from the rows themselves: the same stored format on either engine.
  await runSql([
    {
      sql: `INSERT INTO "Certificate" ("id", "code", "enrolmentId", "editionId", "userId", "activeKey", "holderName",
          "eventTitle", "eventTitleLanguage", "eventType", "organiser", "editionStartsOn", "editionEndsOn", "certifiedMinutes", "issuedAt")
        SELECT $1, $2, e."id", e."editionId", u."id", e."id", u."firstName" || ' ' || u."lastName",
          COALESCE($4, ev."title"), COALESCE($5, ev."titleLanguage"), ev."type", 'Unità nazionale eTwinning', ed."startsOn", ed."endsOn", ev."certifiedMinutes", e."createdAt"
        FROM "Enrolment" e JOIN "User" u ON u."id" = e."userId" JOIN "Edition" ed ON ed."id" = e."editionId"
          JOIN "Event" ev ON ev."id" = e."eventId"
        WHERE u."email" = $3 AND e."status" = 'iscritto'`,
      params: [id, code, email, stated?.title ?? null, stated?.titleLanguage ?? null],
    },
  ]);
  const rows = await runSql([{ sql: `SELECT "code" FROM "Certificate" WHERE "id" = $1`, params: [id] }]);
  expect(rows).toHaveLength(1);
  return code;
}

/** Records that this person answered the questionnaire of each edition they hold a certificate of (the download waits for it). */
export async function answerQuestionnairesOf(email: string): Promise<void> {
  await runSql([
    {
      sql: `INSERT INTO "QuestionnaireSubmission" ("editionId", "userId")
        SELECT c."editionId", c."userId" FROM "Certificate" c JOIN "User" u ON u."id" = c."userId" WHERE u."email" = $1`,
      params: [email.toLowerCase()],
    },
  ]);
}

/**
 * Marks every notification of this person as failed for good ("errore", as after the outbox's day
 * of retries during a mail outage). Returns how many.
 */
export async function failNotificationsOf(email: string): Promise<number> {
  // A message the outbox has claimed is being sent: the worker records its outcome when the server answers
  // ("inviata" over the "errore" written here, CI dry run 05/12/2026 night). Only unclaimed messages are failed,
  // again until every message of the person is failed.
  for (let attempt = 0; ; attempt++) {
    const rows = await runSql([
      {
        sql: `UPDATE "Notification" SET "deliveryStatus" = 'errore', "deliveryAttempts" = 12, "lastError" = '421 servizio non disponibile'
          WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = $1) AND "claimedBy" IS NULL`,
        params: [email.toLowerCase()],
      },
      {
        sql: `SELECT COUNT(*) AS "count", SUM(CASE WHEN "deliveryStatus" = 'errore' THEN 1 ELSE 0 END) AS "failed"
          FROM "Notification" WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = $1)`,
        params: [email.toLowerCase()],
      },
    ]);
    const count = Number(rows[0]?.count ?? 0);
    if (Number(rows[0]?.failed ?? 0) === count || attempt >= 100) return count;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The person's mail server refused their address for good (ADR 0083), as the outbox records it: the
 * account marked, their emails failed with the server's answer.
 */
export async function refuseEmailOf(email: string, at: Date): Promise<void> {
  const answer = "550 5.1.1 Casella inesistente";
  await runSql([
    {
      sql: `UPDATE "User" SET "emailRefusedAt" = $2, "emailRefusal" = $3 WHERE "email" = $1`,
      params: [email.toLowerCase(), sqlTimestamp(at), answer],
    },
    {
      sql: `UPDATE "Notification" SET "deliveryStatus" = 'errore', "deliveryAttempts" = 1, "lastError" = $2
        WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = $1)`,
      params: [email.toLowerCase(), answer],
    },
  ]);
}

/** Makes the account with this address a USR referent of each of these regions, as /admin/utenti grants them. */
export async function grantReferentRegions(email: string, regionCodes: readonly string[]): Promise<void> {
  await runSql(
    regionCodes.map((regionCode) => ({
      sql: `INSERT INTO "UserRole" ("id", "userId", "role", "regionCode", "grantedAt")
        SELECT $1, "id", 'referente-usr', $2, $3 FROM "User" WHERE "email" = $4`,
      params: [newId("e2e_role"), regionCode, sqlTimestamp(new Date()), email.toLowerCase()],
    })),
  );
}

/** A DateTime parameter in the text the SQLite adapter stores (PostgreSQL reads it as a timestamp). */
export function sqlTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** How long a session lasts (SESSION_MAX_AGE_SECONDS in app/utils/session.server.ts). */
const SESSION_MS = 14 * 86_400_000;

// The app's session cookie (app/utils/session.server.ts): its name, signed with the test servers' secret.
const sessionStorage = createCookieSessionStorage<{ sessionId: string }>({
  cookie: { name: "forma_session", secrets: [process.env.FORMA_E2E_SESSION_SECRET ?? ""] },
});

export type SessionCookie = { name: string; value: string };

/** The cookie of a session id, signed as the app signs it (createUserSession). */
export async function sessionCookie(sessionId: string): Promise<SessionCookie> {
  const session = await sessionStorage.getSession();
  session.set("sessionId", sessionId);
  const pair = (await sessionStorage.commitSession(session)).split(";")[0]!;
  const at = pair.indexOf("=");
  return { name: pair.slice(0, at), value: pair.slice(at + 1) };
}

function newId(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(9).toString("base64url")}`;
}

/**
 * Starts a session for the account with this email, as signing in would (createUserSession): a
 * UserSession row and the signed cookie for it.
 */
export async function startSession(email: string): Promise<SessionCookie> {
  const sessionId = newId("e2e_session");
  const now = new Date();
  await runSql([
    {
      sql: `INSERT INTO "UserSession" ("id", "userId", "expiresAt", "createdAt", "lastUsedAt", "userAgent")
        SELECT $1, u."id", $2, $3, $3, '' FROM "User" u WHERE u."email" = $4`,
      params: [sessionId, sqlTimestamp(new Date(now.getTime() + SESSION_MS)), sqlTimestamp(now), email.toLowerCase()],
    },
  ]);
  return sessionCookie(sessionId);
}

/**
 * A session not kept on the device (the sign-in form's default, ADR 0089) for this email, ending in
 * `endsInMs` and last used just now (so that a page's lookup inside the refresh interval does not move
 * its end): the idle warning's subject (ADR 0094, idle-session.spec.ts).
 */
export async function startIdleSession(
  email: string,
  endsInMs: number,
): Promise<{ id: string; cookie: SessionCookie }> {
  const id = newId("e2e_idle");
  const now = new Date();
  await runSql([
    {
      sql: `INSERT INTO "UserSession" ("id", "userId", "persistent", "expiresAt", "createdAt", "lastUsedAt", "userAgent")
        SELECT $1, u."id", $2, $3, $4, $4, '' FROM "User" u WHERE u."email" = $5`,
      params: [id, 0, sqlTimestamp(new Date(now.getTime() + endsInMs)), sqlTimestamp(now), email.toLowerCase()],
    },
  ]);
  return { id, cookie: await sessionCookie(id) };
}

/**
 * Moves a session's end and its last use (by default just now, so that a page's lookup, inside the
 * refresh interval, leaves the end alone; 10 minutes ago, and the next page moves it).
 */
export async function setSessionEnd(sessionId: string, expiresAt: Date, lastUsedAt = new Date()): Promise<void> {
  await runSql([
    {
      sql: `UPDATE "UserSession" SET "expiresAt" = $2, "lastUsedAt" = $3 WHERE "id" = $1`,
      params: [sessionId, sqlTimestamp(expiresAt), sqlTimestamp(lastUsedAt)],
    },
  ]);
}

/** A session's end as the server stores it. */
export async function sessionEnd(sessionId: string): Promise<Date> {
  const [row] = await runSql([{ sql: `SELECT "expiresAt" FROM "UserSession" WHERE "id" = $1`, params: [sessionId] }]);
  const at = row!.expiresAt;
  return at instanceof Date ? at : new Date(String(at));
}

/** What a teacher's sign-up stores (codes, not labels). */
export type TeacherRow = {
  email: string;
  firstName: string;
  lastName: string;
  schoolName?: string | null;
  schoolCode?: string | null;
  schoolLevel: string;
  regionCode: string;
  professionalRole: string;
  /** The email confirmed, as after opening the confirmation link (default true). */
  confirmed?: boolean;
};

/** `count` placeholders from $first on, in parentheses (plus `extra` SQL after them). */
function placeholders(first: number, count: number, extra = ""): string {
  return `(${Array.from({ length: count }, (_, i) => `$${first + i}`).join(", ")}${extra})`;
}

/**
 * Creates teacher accounts as the sign-up form does (the privacy notice in force accepted), with
 * the seed's demo password (DEMO_PASSWORD: its hash is copied from a demo account, nothing is
 * hashed here), each with a signed-in session. Returns each account's session cookie, in order.
 */
export async function createTeachers(rows: TeacherRow[]): Promise<SessionCookie[]> {
  const now = new Date();
  const at = sqlTimestamp(now);
  const expires = sqlTimestamp(new Date(now.getTime() + SESSION_MS));
  const ids = rows.map(() => newId("e2e_user"));
  const sessionIds = rows.map(() => newId("e2e_session"));
  const statements: { sql: string; params: (string | number | null)[] }[] = [];
  // A few hundred rows per statement: a thousand accounts in a few statements on either engine.
  for (let start = 0; start < rows.length; start += 250) {
    const chunk = rows.slice(start, start + 250).map((row, k) => ({ row, id: ids[start + k]!, k: start + k }));
    const users: (string | null)[] = [];
    const values: string[] = [];
    for (const { row, id } of chunk) {
      values.push(placeholders(users.length + 1, 14, ", 'it'"));
      users.push(
        id,
        row.email.toLowerCase(),
        row.firstName,
        row.lastName,
        row.schoolName ?? null,
        row.schoolCode ?? null,
        row.schoolLevel,
        row.regionCode,
        row.professionalRole,
        row.confirmed === false ? null : at,
        PRIVACY_NOTICE_VERSION,
        at,
        at,
        at,
      );
    }
    statements.push({
      sql: `INSERT INTO "User" ("id", "email", "firstName", "lastName", "schoolName", "schoolCode", "schoolLevel", "regionCode", "professionalRole", "emailVerifiedAt", "privacyVersion", "privacyAcceptedAt", "createdAt", "updatedAt", "locale") VALUES ${values.join(", ")}`,
      params: users,
    });
    statements.push({
      sql: `INSERT INTO "Password" ("hash", "userId")
        SELECT p."hash", n."id" FROM "Password" p JOIN "User" d ON d."id" = p."userId", "User" n
        WHERE d."email" = $1 AND n."id" IN ${placeholders(2, chunk.length)}`,
      params: [DEMO_ACCOUNTS.teacher.email, ...chunk.map((c) => c.id)],
    });
    const sessions: string[] = [];
    statements.push({
      sql: `INSERT INTO "UserSession" ("id", "userId", "expiresAt", "createdAt", "lastUsedAt", "userAgent") VALUES ${chunk
        .map(({ id, k }) => {
          sessions.push(sessionIds[k]!, id, expires, at, at);
          return placeholders(sessions.length - 4, 5, ", ''");
        })
        .join(", ")}`,
      params: sessions,
    });
  }
  await runSql(statements);
  return Promise.all(sessionIds.map((id) => sessionCookie(id)));
}

/**
 * For the bulk move (bulk-move.spec.ts): a copy of the Toscana referent's regional seminar under a new
 * title with two editions (edition 1: 5 seats, edition 2: 2 seats, the seeded edition's dates) and
 * three new teachers of Toscana enrolled in edition 1 one hour apart, in the order of `lastNames`.
 * Returns the edition ids, the title and the teachers' addresses.
 */
export async function createBulkMoveEvent(lastNames: readonly string[]): Promise<{
  title: string;
  edition1: string;
  edition2: string;
  emails: string[];
}> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const title = `Seminario spostamento di gruppo ${suffix}`;
  const source = "Seminario regionale eTwinning Toscana: progettare con i partner europei";
  const ev = `e2e_bev_${suffix}`;
  const ed = (n: number) => `e2e_bed${n}_${suffix}`;
  const emails = lastNames.map((_, i) => `gruppo${i}.${suffix}@scuola.example.it`);
  await createTeachers(
    lastNames.map((lastName, i) => ({
      email: emails[i]!,
      firstName: "Docente",
      lastName,
      schoolLevel: "primaria",
      regionCode: "toscana",
      professionalRole: "docente",
    })),
  );
  const edition = (n: number, cap: number, taken: number) => ({
    sql: `INSERT INTO "Edition" ("id", "eventId", "number", "startsOn", "endsOn", "seatCap", "seatsTaken", "waitlistSeq", "enrolmentOpensAt", "enrolmentClosesAt", "createdAt", "updatedAt")
      SELECT $1, $2, ${n}, e."startsOn", e."endsOn", ${cap}, ${taken}, 0, e."enrolmentOpensAt", e."enrolmentClosesAt", e."createdAt", e."updatedAt"
      FROM "Edition" e JOIN "Event" v ON v."id" = e."eventId" WHERE v."title" = $3 AND e."number" = 1`,
    params: [ed(n), ev, source],
  });
  const sessions = (n: number) => ({
    sql: `INSERT INTO "TrainingSession" ("id", "editionId", "title", "startsAt", "endsAt", "delivery", "minutes")
      SELECT s."id" || $1, $2, s."title", s."startsAt", s."endsAt", s."delivery", s."minutes"
      FROM "TrainingSession" s JOIN "Edition" e ON e."id" = s."editionId" JOIN "Event" v ON v."id" = e."eventId"
      WHERE v."title" = $3 AND e."number" = 1`,
    params: [`_b${n}_${suffix}`, ed(n), source],
  });
  const now = Date.now();
  const place = (email: string, i: number) => ({
    sql: `INSERT INTO "Enrolment" ("id", "editionId", "eventId", "userId", "status", "activeKey", "createdAt", "updatedAt")
      SELECT $1 || u."id", $2, $3, u."id", 'iscritto', $3 || ':' || u."id", $5, $5
      FROM "User" u WHERE u."email" = $4`,
    params: [`e2e_ben_${suffix}_`, ed(1), ev, email, sqlTimestamp(new Date(now - (emails.length - i) * 3600_000))],
  });
  await runSql([
    {
      sql: `INSERT INTO "Event" ("id", "title", "description", "type", "level", "regionCode", "mode", "venue", "onlineUrl", "language", "certifiedMinutes", "status", "openToAllRegions", "startsAt", "endsAt", "searchText", "completionPercent", "publishedAt", "createdById", "createdAt", "updatedAt")
        SELECT $1, $2, v."description", v."type", v."level", v."regionCode", v."mode", v."venue", v."onlineUrl", v."language", v."certifiedMinutes", v."status", v."openToAllRegions", v."startsAt", v."endsAt", LOWER($2), v."completionPercent", v."publishedAt", v."createdById", v."createdAt", v."updatedAt"
        FROM "Event" v WHERE v."title" = $3`,
      params: [ev, title, source],
    },
    edition(1, 5, emails.length),
    edition(2, 2, 0),
    sessions(1),
    sessions(2),
    ...emails.map(place),
  ]);
  return { title, edition1: ed(1), edition2: ed(2), emails };
}

/**
 * For the register's notes (attendance.spec.ts): a copy of the seed's finished base course (trainer
 * formatore@) under a new title, with one edition whose only webinar started an hour ago and two new
 * teachers enrolled, so no other spec's register changes. Returns the session's id and the teachers'
 * surnames (their register lines read "<surname> Docente").
 */
export async function createRegisterFixture(
  lastNames: readonly string[],
): Promise<{ sessionId: string; title: string }> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const title = `Webinar con note ${suffix}`;
  const source = "Corso di base eTwinning (edizione appena conclusa)";
  const ev = `e2e_rev_${suffix}`;
  const ed = `e2e_red_${suffix}`;
  const sessionId = `e2e_rse_${suffix}`;
  const emails = lastNames.map((_, i) => `registro${i}.${suffix}@scuola.example.it`);
  await createTeachers(
    lastNames.map((lastName, i) => ({
      email: emails[i]!,
      firstName: "Docente",
      lastName,
      schoolLevel: "primaria",
      regionCode: "toscana",
      professionalRole: "docente",
    })),
  );
  const now = Date.now();
  const at = (ms: number) => sqlTimestamp(new Date(now + ms));
  await runSql([
    {
      sql: `INSERT INTO "Event" ("id", "title", "description", "type", "level", "regionCode", "mode", "venue", "onlineUrl", "language", "certifiedMinutes", "status", "openToAllRegions", "startsAt", "endsAt", "searchText", "completionPercent", "publishedAt", "createdById", "createdAt", "updatedAt")
        SELECT $1, $2, v."description", v."type", v."level", v."regionCode", v."mode", v."venue", v."onlineUrl", v."language", 120, v."status", v."openToAllRegions", $4, $5, LOWER($2), v."completionPercent", v."publishedAt", v."createdById", v."createdAt", v."updatedAt"
        FROM "Event" v WHERE v."title" = $3`,
      params: [ev, title, source, at(-3600_000), at(3600_000)],
    },
    {
      sql: `INSERT INTO "EventTrainer" ("eventId", "userId", "assignedAt") SELECT $1, u."id", $3 FROM "User" u WHERE u."email" = $2`,
      params: [ev, "formatore@forma.test", at(0)],
    },
    {
      sql: `INSERT INTO "Edition" ("id", "eventId", "number", "startsOn", "endsOn", "seatCap", "seatsTaken", "enrolmentOpensAt", "enrolmentClosesAt", "createdAt", "updatedAt")
        VALUES ($1, $2, 1, $3, $4, 30, ${emails.length}, $5, $3, $5, $5)`,
      params: [ed, ev, at(-3600_000), at(3600_000), at(-7 * 86_400_000)],
    },
    {
      sql: `INSERT INTO "TrainingSession" ("id", "editionId", "title", "startsAt", "endsAt", "delivery", "minutes")
        VALUES ($1, $2, 'Webinar', $3, $4, 'sincrona', 120)`,
      params: [sessionId, ed, at(-3600_000), at(3600_000)],
    },
    ...emails.map((email) => ({
      sql: `INSERT INTO "Enrolment" ("id", "editionId", "eventId", "userId", "status", "activeKey", "createdAt", "updatedAt")
        SELECT $1 || u."id", $2, $3, u."id", 'iscritto', $3 || ':' || u."id", $5, $5 FROM "User" u WHERE u."email" = $4`,
      params: [`e2e_ren_${suffix}_`, ed, ev, email, at(-86_400_000)],
    })),
  ]);
  return { sessionId, title };
}

/** Gives the account with this address the trainer's role and assigns it to the event with this title. */
export async function makeTrainerOf(email: string, eventTitle: string): Promise<void> {
  await runSql([
    {
      sql: `INSERT INTO "UserRole" ("id", "userId", "role", "regionCode", "grantedAt")
        SELECT $1, "id", 'formatore', '', $2 FROM "User" WHERE "email" = $3
        AND NOT EXISTS (SELECT 1 FROM "UserRole" r WHERE r."userId" = "User"."id" AND r."role" = 'formatore')`,
      params: [newId("e2e_role"), sqlTimestamp(new Date()), email.toLowerCase()],
    },
    {
      sql: `INSERT INTO "EventTrainer" ("eventId", "userId", "assignedAt")
        SELECT v."id", u."id", $1 FROM "Event" v, "User" u WHERE v."title" = $2 AND u."email" = $3`,
      params: [sqlTimestamp(new Date()), eventTitle, email.toLowerCase()],
    },
  ]);
}

/** Takes the account with this address off the event with this title, as an organiser's "Remove" does. */
export async function takeTrainerOff(email: string, eventTitle: string): Promise<void> {
  await runSql([
    {
      sql: `DELETE FROM "EventTrainer" WHERE "eventId" IN (SELECT "id" FROM "Event" WHERE "title" = $1)
        AND "userId" IN (SELECT "id" FROM "User" WHERE "email" = $2)`,
      params: [eventTitle, email.toLowerCase()],
    },
  ]);
}
