// The hot path of enrolment: take a seat or the next waitlist ticket, create the enrolment,
// its change record and its notification, all or nothing.
//
// Raw SQL, one variant per engine, because this runs thousands of times a minute when a
// popular edition opens (docs/decisions/0008-enrolment-hot-path.md):
// - PostgreSQL: ONE statement. The edition row is locked (FOR UPDATE) and updated, the
//   decision flows through CTEs into the inserts; the lock is held for a single round trip.
//   A teacher who already holds a place in the event is answered by the statement itself (the
//   place is looked up by Enrolment.activeKey first: no lock, no insert, nothing undone, ADR 0030);
//   two requests of one teacher racing each other still meet the unique Enrolment.activeKey, and
//   the second statement is undone.
// - SQLite: one BEGIN IMMEDIATE transaction on a direct better-sqlite3 connection
//   (app/utils/sqlite-direct.server.ts): synchronous, so nothing interleaves with it. The place is
//   inserted before the edition's counters are changed, ON CONFLICT ("activeKey") DO NOTHING: a
//   teacher who already holds a place in the event inserts nothing and changes nothing, with no
//   statement of its own for the lookup (ADR 0036).
// With `attempt`, the teacher's enrolment rate-limit counter is counted by the same write (first
// statement of the transaction, first CTE of the statement) instead of a write of its own
// (ADR 0023); over the limit, only the count is kept and AttemptsExceeded is thrown.
import crypto from "node:crypto";
import { notificationRow } from "~/domain/notification.ts";
import { hasFreeSeat } from "~/domain/seat-ledger.ts";
import { databaseEngine } from "~/utils/db.server.ts";
import { pgPool } from "~/utils/pg-pool.server.ts";
import { immediateTransaction, prepared, sqliteTimestamp } from "~/utils/sqlite-direct.server.ts";
// Reads on the hot path: the direct connection on SQLite, named statements on the pg pool, same SQL.
import {
  sqlDate,
  sqlJsonArray,
  sqlReadPrepared as hotRead,
  statementName,
  toDate,
  toList,
} from "~/utils/sql.server.ts";
import {
  ATTEMPT_UPSERT_SQLITE,
  attemptUpsertPostgres,
  attemptVerdict,
  type EnrolmentAttempt,
} from "~/utils/rate-limit.server.ts";

export type SeatRequest = {
  editionId: string;
  eventId: string;
  userId: string;
  activeKey: string;
  /** JSON for the notification (event title, edition number). */
  payload: Record<string, unknown>;
  now: Date;
  /** The registration answers (JSON { questionId: answer }), when the edition asks questions; else "{}". */
  answers?: string;
  /** The teacher's enrolment attempt, counted in the same write (over the limit: AttemptsExceeded). */
  attempt?: EnrolmentAttempt;
};

/** The teacher is over the enrolment rate limit: the attempt was counted, nothing else was written. */
export class AttemptsExceeded extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("enrolment rate limit exceeded");
  }
}

/**
 * The edition stopped taking enrolments (cancelled, closed early, its event closed) between the teacher's
 * eligibility check and the seat write, or is gone, or the teacher's account was closed meanwhile: the
 * write, made under the edition's lock, changed no seat and wrote no place (only the attempt's count).
 * enrol() reads the account and the edition again for the refusal to show.
 */
export class EditionNotOpen extends Error {
  constructor(readonly editionId: string) {
    super(`Edition ${editionId} takes no enrolments`);
  }
}

/**
 * The teacher already holds a place in the event (Enrolment.activeKey), read by enrol() as
 * "already-enrolled" (isUniqueViolation: code P2002). `attemptCounted`: the seat write found the place
 * first and committed the attempt's count; false when it met the unique index and was undone, count
 * and all (two requests of one teacher racing), so the count is still to be made.
 */
export class AlreadyHeld extends Error {
  readonly code = "P2002";
  constructor(readonly attemptCounted: boolean) {
    super("Unique constraint failed on Enrolment.activeKey");
  }
}

export type SeatResult = { enrolmentId: string; status: "iscritto" | "in-attesa"; waitlistSeq: number | null };

const SEATED_KIND = "iscrizione-confermata";
const WAITLISTED_KIND = "inserito-in-lista-attesa";

/**
 * The notification of this enrolment, as app/domain/notification.ts builds every notification
 * (the writer of the other paths is notification-writer.server.ts): same dedupe key and payload.
 */
function seatNotification(
  r: SeatRequest,
  kind: typeof SEATED_KIND | typeof WAITLISTED_KIND,
  enrolmentId: string,
  changeId: string,
) {
  return notificationRow({ kind, userId: r.userId, enrolmentId, changeId, payload: r.payload });
}

export async function takeSeatOrWaitlistTicket(request: SeatRequest): Promise<SeatResult> {
  return databaseEngine === "postgresql" ? takeSeatPostgres(request) : takeSeatSqlite(request);
}

/**
 * The PostgreSQL statement. With the attempt counter, its upsert comes first ($15 key, $16 new
 * expiry, $17 now, $18 limit) and the edition is only locked and changed while the count is
 * within the limit; the statement then answers the counter too.
 * The edition's row is locked first (FOR UPDATE), then the teacher's (FOR SHARE): closing the account
 * writes that row (closeAccount), so a statement that meets the closure waits for it and, re-checking
 * the row as the closure left it, takes nothing for a closed account; one that got there first makes
 * the closure wait, and the closure's sweep then finds and releases the place (ADR 0084). Locks in
 * the same order as a placement's (edition, then person), so the two cannot deadlock.
 */
function seatStatementPostgres(withAttempt: boolean): string {
  return `WITH ${withAttempt ? `attempt AS (${attemptUpsertPostgres("$15", "$16", "$17")}), ` : ""}held AS (
      SELECT EXISTS (SELECT 1 FROM "Enrolment" WHERE "activeKey" = $6) AS held
    ), decision AS (
      UPDATE "Edition" AS e
      SET "seatsTaken" = e."seatsTaken" + d.seat,
          "waitlistSeq" = e."waitlistSeq" + (1 - d.seat),
          "updatedAt" = $1::timestamp(3)
      FROM (
        SELECT ed."id",
               CASE WHEN ed."seatCap" IS NULL OR ed."seatsTaken" < ed."seatCap" THEN 1 ELSE 0 END AS seat
        FROM "Edition" ed CROSS JOIN "User" u
        WHERE ed."id" = $2 AND ed."status" = 'attiva' AND NOT ed."hasQuotas" AND ed."admission" = 'ordine-arrivo'
          AND u."id" = $5 AND u."closedAt" IS NULL
          AND NOT (SELECT held FROM held)${withAttempt ? ` AND (SELECT points FROM attempt) <= $18` : ""}
        FOR UPDATE OF ed FOR SHARE OF u
      ) AS d
      WHERE e."id" = d."id"
      RETURNING d.seat AS seat, e."waitlistSeq" AS seq
    ), enrolment AS (
      INSERT INTO "Enrolment" ("id", "editionId", "eventId", "userId", "status", "waitlistSeq", "activeKey", "answers", "createdAt", "updatedAt")
      SELECT $3, $2, $4, $5,
             CASE WHEN seat = 1 THEN 'iscritto' ELSE 'in-attesa' END,
             CASE WHEN seat = 1 THEN NULL ELSE seq END,
             $6, $14, $1::timestamp(3), $1::timestamp(3)
      FROM decision
      RETURNING "id", "status", "waitlistSeq"
    ), change AS (
      INSERT INTO "EnrolmentChange" ("id", "enrolmentId", "at", "actorId", "fromStatus", "toStatus")
      SELECT $7, "id", $1::timestamp(3), $5, NULL, "status" FROM enrolment
    ), notification AS (
      INSERT INTO "Notification" ("id", "userId", "kind", "enrolmentId", "payload", "dedupeKey", "createdAt", "nextAttemptAt")
      SELECT $8, $5,
             CASE WHEN "status" = 'iscritto' THEN $9 ELSE $10 END,
             "id", $11,
             CASE WHEN "status" = 'iscritto' THEN $12 ELSE $13 END,
             $1::timestamp(3), $1::timestamp(3)
      FROM enrolment
    )
    ${
      withAttempt
        ? `SELECT e."status", e."waitlistSeq", h.held, a.points AS "attempts", a.expire AS "attemptsExpire"
    FROM attempt a CROSS JOIN held h LEFT JOIN enrolment e ON TRUE`
        : `SELECT e."status", e."waitlistSeq", h.held FROM held h LEFT JOIN enrolment e ON TRUE`
    }`;
}
const PG_SEAT_SQL = seatStatementPostgres(false);
const PG_SEAT_WITH_ATTEMPT_SQL = seatStatementPostgres(true);

async function takeSeatPostgres(r: SeatRequest): Promise<SeatResult> {
  const enrolmentId = crypto.randomUUID();
  const changeId = crypto.randomUUID();
  const notificationId = crypto.randomUUID();
  // The decision is taken inside the statement: both possible rows' keys go in, the CASE picks one.
  const seated = seatNotification(r, SEATED_KIND, enrolmentId, changeId);
  const waitlisted = seatNotification(r, WAITLISTED_KIND, enrolmentId, changeId);
  const params: (string | number | null)[] = [
    sqlDate(r.now),
    r.editionId,
    enrolmentId,
    r.eventId,
    r.userId,
    r.activeKey,
    changeId,
    notificationId,
    SEATED_KIND,
    WAITLISTED_KIND,
    seated.payload,
    seated.dedupeKey,
    waitlisted.dedupeKey,
    r.answers ?? "{}",
  ];
  const nowMs = Date.now();
  if (r.attempt) params.push(r.attempt.key, nowMs + r.attempt.windowMs, nowMs, r.attempt.limit);
  // A named statement: parsed and planned once per connection.
  const text = r.attempt ? PG_SEAT_WITH_ATTEMPT_SQL : PG_SEAT_SQL;
  const { rows } = await pgPool().query<{
    status: string | null;
    waitlistSeq: number | null;
    held: boolean;
    attempts?: number;
    attemptsExpire?: string | null;
  }>({ name: statementName(text), text, values: params });
  const row = rows[0];
  if (r.attempt && row && row.status === null) {
    const verdict = attemptVerdict(r.attempt, { points: row.attempts!, expire: row.attemptsExpire ?? null }, nowMs);
    if (!verdict.allowed) throw new AttemptsExceeded(verdict.retryAfterSeconds);
  }
  // Already holding a place in the event: nothing was locked or written but the attempt's count.
  if (row?.held) throw new AlreadyHeld(r.attempt !== undefined);
  // The status is read under the row lock (FOR UPDATE re-checks it on the row as the lock found it):
  // an edition cancelled or closed while this statement waited takes no one, nor one that has since had a
  // quota added (hasQuotas) or turned to admission by application.
  if (!row || row.status === null) throw new EditionNotOpen(r.editionId);
  return {
    enrolmentId,
    status: row.status as SeatResult["status"],
    waitlistSeq: row.waitlistSeq === null ? null : Number(row.waitlistSeq),
  };
}

// The SQLite transaction's statements, prepared once on the direct connection (first use).
const SQLITE_SEAT_SQL = {
  // With whether the teacher's account is still open (closeAccount writes closedAt), read in the same
  // IMMEDIATE transaction: a closure committed before it leaves no place for the account (ADR 0084).
  counters: `SELECT "seatCap", "seatsTaken", "waitlistSeq", "status", "hasQuotas", "admission",
         (SELECT u."closedAt" IS NULL FROM "User" u WHERE u."id" = ?) AS "accountOpen"
         FROM "Edition" WHERE "id" = ?`,
  take: `UPDATE "Edition" SET "seatsTaken" = "seatsTaken" + ?, "waitlistSeq" = "waitlistSeq" + ?, "updatedAt" = ?
         WHERE "id" = ?`,
  // A place already held in the event (the unique activeKey) inserts nothing: changes = 0.
  enrolment: `INSERT INTO "Enrolment" ("id", "editionId", "eventId", "userId", "status", "waitlistSeq", "activeKey", "answers", "createdAt", "updatedAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("activeKey") DO NOTHING`,
  change: `INSERT INTO "EnrolmentChange" ("id", "enrolmentId", "at", "actorId", "fromStatus", "toStatus") VALUES (?, ?, ?, ?, NULL, ?)`,
  notification: `INSERT INTO "Notification" ("id", "userId", "kind", "enrolmentId", "payload", "dedupeKey", "createdAt", "nextAttemptAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  attempt: ATTEMPT_UPSERT_SQLITE,
} as const;
let sqliteSeat: Record<keyof typeof SQLITE_SEAT_SQL, ReturnType<typeof prepared>> | undefined;
function sqliteSeatStatements() {
  sqliteSeat ??= {
    counters: prepared(SQLITE_SEAT_SQL.counters),
    take: prepared(SQLITE_SEAT_SQL.take),
    enrolment: prepared(SQLITE_SEAT_SQL.enrolment),
    change: prepared(SQLITE_SEAT_SQL.change),
    notification: prepared(SQLITE_SEAT_SQL.notification),
    attempt: prepared(SQLITE_SEAT_SQL.attempt),
  };
  return sqliteSeat;
}

async function takeSeatSqlite(r: SeatRequest): Promise<SeatResult> {
  const enrolmentId = crypto.randomUUID();
  const changeId = crypto.randomUUID();
  const notificationId = crypto.randomUUID();
  const now = sqliteTimestamp(r.now);
  const answers = r.answers ?? "{}";
  const sql = sqliteSeatStatements();
  let result: SeatResult | { exceeded: number } | { held: true } | { closed: true };
  try {
    result = await immediateTransaction((): SeatResult | { exceeded: number } | { held: true } | { closed: true } => {
      if (r.attempt) {
        const nowMs = Date.now();
        const counter = sql.attempt.get(r.attempt.key, 1, nowMs + r.attempt.windowMs, nowMs, nowMs) as {
          points: number;
          expire: number | null;
        };
        const verdict = attemptVerdict(r.attempt, counter, nowMs);
        // Over the limit: the transaction keeps the count and nothing else.
        if (!verdict.allowed) return { exceeded: verdict.retryAfterSeconds };
      }
      const edition = sql.counters.get(r.userId, r.editionId) as
        | {
            seatCap: number | null;
            seatsTaken: number;
            waitlistSeq: number;
            status: string;
            hasQuotas: number;
            admission: string;
            accountOpen: number | null;
          }
        | undefined;
      // Read under the write lock: an edition cancelled or closed (or its event closed) since the eligibility
      // check takes no one, nor does an account closed meanwhile (the transaction keeps the attempt's count
      // and nothing else).
      // Quotas added or admission by application chosen since the context was read: no first-come seat either
      // (enrol() then reads the edition again and takes the way it now asks for).
      if (!edition || edition.status !== "attiva" || !edition.accountOpen) return { closed: true };
      if (edition.hasQuotas || edition.admission !== "ordine-arrivo") return { closed: true };
      // The transaction is the only writer (IMMEDIATE): the counters read are the ones the update changes.
      const seated = hasFreeSeat(edition.seatCap, edition.seatsTaken);
      const status = seated ? "iscritto" : "in-attesa";
      const waitlistSeq = seated ? null : edition.waitlistSeq + 1;
      // The place first: one already held in the event inserts nothing (ON CONFLICT DO NOTHING), and the
      // transaction keeps the attempt's count and nothing else. No lookup of its own on a success, no
      // constraint error to undo, no second write for the count (ADR 0030, 0036).
      const inserted = sql.enrolment.run(
        enrolmentId,
        r.editionId,
        r.eventId,
        r.userId,
        status,
        waitlistSeq,
        r.activeKey,
        answers,
        now,
        now,
      );
      if (inserted.changes === 0) return { held: true };
      sql.take.run(seated ? 1 : 0, seated ? 0 : 1, now, r.editionId);
      sql.change.run(changeId, enrolmentId, now, r.userId, status);
      // The one row that applies, built as every notification is (ADR 0016).
      const notification = seatNotification(r, seated ? SEATED_KIND : WAITLISTED_KIND, enrolmentId, changeId);
      sql.notification.run(
        notificationId,
        notification.userId,
        notification.kind,
        notification.enrolmentId,
        notification.payload,
        notification.dedupeKey,
        now,
        now,
      );
      return { enrolmentId, status, waitlistSeq } as SeatResult;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") throw new AlreadyHeld(false);
    throw error;
  }
  if ("exceeded" in result) throw new AttemptsExceeded(result.exceeded);
  if ("held" in result) throw new AlreadyHeld(r.attempt !== undefined);
  if ("closed" in result) throw new EditionNotOpen(r.editionId);
  return result;
}

/** Position in line: tickets still waiting ahead of this one in the same pool, plus one. */
export async function waitlistPositionOf(
  editionId: string,
  waitlistSeq: number,
  quotaId: string | null = null,
): Promise<number> {
  const rows =
    quotaId === null
      ? await hotRead<{ ahead: number | bigint }>(
          `SELECT COUNT(*) AS "ahead" FROM "Enrolment"
           WHERE "editionId" = $1 AND "status" = 'in-attesa' AND "quotaId" IS NULL AND "waitlistSeq" < $2`,
          editionId,
          waitlistSeq,
        )
      : await hotRead<{ ahead: number | bigint }>(
          `SELECT COUNT(*) AS "ahead" FROM "Enrolment"
           WHERE "quotaId" = $1 AND "status" = 'in-attesa' AND "waitlistSeq" < $2`,
          quotaId,
          waitlistSeq,
        );
  return Number(rows[0]?.ahead ?? 0) + 1;
}

export type EnrolmentContext = {
  teacher: { id: string; regionCode: string; schoolLevel: string; professionalRole: string };
  edition: {
    id: string;
    eventId: string;
    number: number;
    status: string;
    enrolmentOpensAt: Date;
    enrolmentClosesAt: Date;
    /** "ordine-arrivo" | "candidatura" */
    admission: string;
    /** Seats split into regional quotas: enrolment goes through the pool-aware path. */
    hasQuotas: boolean;
    /** The edition's questions (JSON, Edition.applicationQuestions): "[]" when it asks none. */
    questions: string;
    /** The end of its last session (null without sessions): once past, the training is over (trainingOver). */
    lastSessionEndsAt: Date | null;
    /**
     * The teacher had a place in this edition that ended (no activeKey): only then can a new seat have register
     * lines to take back (carryEarlierLines, ADR 0019), so the enrolment burst looks for them only then.
     */
    hadEndedPlace: boolean;
  };
  event: {
    title: string;
    status: string;
    level: string;
    regionCode: string | null;
    openToAllRegions: boolean;
    schoolLevels: string[];
    audienceRoles: string[];
  };
};

const TEACHER_SQL = `SELECT "id", "regionCode", "schoolLevel", "professionalRole" FROM "User" WHERE "id" = $1`;

/** Whether the account was closed (a refused seat write: closeAccount came first). Off the hot path. */
export async function accountClosed(userId: string): Promise<boolean> {
  const rows = await hotRead<{ closedAt: unknown }>(`SELECT "closedAt" FROM "User" WHERE "id" = $1`, userId);
  return !rows[0] || rows[0].closedAt !== null;
}
// The event's audience (school levels, roles) as two JSON arrays in the edition's row, so that the
// context is one statement (one round trip on PostgreSQL) instead of the edition, then the audience.
const EDITION_SQL = `
  SELECT ed."id", ed."eventId", ed."number", ed."status", ed."enrolmentOpensAt", ed."enrolmentClosesAt", ed."admission",
         ed."applicationQuestions" AS "questions",
         ed."hasQuotas",
         (SELECT MAX(s."endsAt") FROM "TrainingSession" s WHERE s."editionId" = ed."id") AS "lastSessionEndsAt",
         ev."title", ev."status" AS "eventStatus", ev."level", ev."regionCode", ev."openToAllRegions",
         (SELECT ${sqlJsonArray(`sl."schoolLevel"`)} FROM "EventSchoolLevel" sl WHERE sl."eventId" = ed."eventId") AS "schoolLevels",
         (SELECT ${sqlJsonArray(`ar."role"`)} FROM "EventAudienceRole" ar WHERE ar."eventId" = ed."eventId") AS "audienceRoles",
         EXISTS (SELECT 1 FROM "Enrolment" p WHERE p."userId" = $2 AND p."editionId" = ed."id" AND p."activeKey" IS NULL) AS "hadEndedPlace"
  FROM "Edition" ed JOIN "Event" ev ON ev."id" = ed."eventId"
  WHERE ed."id" = $1`;

type EditionRow = {
  id: string;
  eventId: string;
  number: number | bigint;
  status: string;
  enrolmentOpensAt: Date | string;
  enrolmentClosesAt: Date | string;
  admission: string;
  questions: string;
  hasQuotas: boolean | number | bigint;
  lastSessionEndsAt: Date | string | null;
  title: string;
  eventStatus: string;
  level: string;
  regionCode: string | null;
  openToAllRegions: boolean | number | bigint;
  /** JSON arrays: parsed by node-postgres, a string from SQLite. */
  schoolLevels: string[] | string;
  audienceRoles: string[] | string;
  hadEndedPlace: boolean | number | bigint;
};

/**
 * What eligibility needs, in plain queries (same SQL on both engines). `knownTeacher`: the
 * teacher's row as the request's session lookup just read it (app/utils/auth.server.ts), so it is
 * not read a second time; without it, it is read here.
 */
export async function loadEnrolmentContext(
  userId: string,
  editionId: string,
  knownTeacher?: EnrolmentContext["teacher"],
): Promise<EnrolmentContext | null> {
  const [teachers, editions] = await Promise.all([
    knownTeacher ? [knownTeacher] : hotRead<EnrolmentContext["teacher"]>(TEACHER_SQL, userId),
    hotRead<EditionRow>(EDITION_SQL, editionId, userId),
  ]);
  const teacher = teachers[0];
  const row = editions[0];
  if (!teacher || !row) return null;
  return {
    teacher,
    edition: {
      id: row.id,
      eventId: row.eventId,
      number: Number(row.number),
      status: row.status,
      enrolmentOpensAt: new Date(row.enrolmentOpensAt),
      enrolmentClosesAt: new Date(row.enrolmentClosesAt),
      admission: row.admission,
      hasQuotas: Boolean(Number(row.hasQuotas)),
      questions: row.questions,
      lastSessionEndsAt: toDate(row.lastSessionEndsAt),
      hadEndedPlace: Boolean(Number(row.hadEndedPlace)),
    },
    event: {
      title: row.title,
      status: row.eventStatus,
      level: row.level,
      regionCode: row.regionCode,
      openToAllRegions: Boolean(Number(row.openToAllRegions)),
      schoolLevels: toList(row.schoolLevels),
      audienceRoles: toList(row.audienceRoles),
    },
  };
}
