// The hot path of enrolment: take a seat or the next waitlist ticket, create the enrolment,
// its change record and its notification, all or nothing.
//
// Raw SQL, one variant per engine, because this runs thousands of times a minute when a
// popular edition opens (docs/decisions/0008-enrolment-hot-path.md):
// - PostgreSQL: ONE statement. The edition row is locked (FOR UPDATE) and updated, the
//   decision flows through CTEs into the inserts; the lock is held for a single round trip.
//   A second place in the event violates Enrolment.activeKey and the whole statement is undone.
// - SQLite: one short transaction on the single writer connection.
import crypto from "node:crypto";
import { hasFreeSeat } from "~/domain/enrolment.ts";
import { databaseEngine, prisma } from "~/utils/db.server.ts";

export type SeatRequest = {
  editionId: string;
  eventId: string;
  userId: string;
  activeKey: string;
  /** JSON for the notification (event title, edition number). */
  payload: Record<string, unknown>;
  now: Date;
};

export type SeatResult = { enrolmentId: string; status: "iscritto" | "in-attesa"; waitlistSeq: number | null };

const SEATED_KIND = "iscrizione-confermata";
const WAITLISTED_KIND = "inserito-in-lista-attesa";

export async function takeSeatOrWaitlistTicket(request: SeatRequest): Promise<SeatResult> {
  return databaseEngine === "postgresql" ? takeSeatPostgres(request) : takeSeatSqlite(request);
}

async function takeSeatPostgres(r: SeatRequest): Promise<SeatResult> {
  const enrolmentId = crypto.randomUUID();
  const changeId = crypto.randomUUID();
  const notificationId = crypto.randomUUID();
  const payload = JSON.stringify(r.payload);
  const rows = await prisma.$queryRaw<{ status: string; waitlistSeq: number | null }[]>`
    WITH decision AS (
      UPDATE "Edition" AS e
      SET "seatsTaken" = e."seatsTaken" + d.seat,
          "waitlistSeq" = e."waitlistSeq" + (1 - d.seat),
          "updatedAt" = ${r.now}::timestamp(3)
      FROM (
        SELECT "id",
               CASE WHEN "seatCap" IS NULL OR "seatsTaken" < "seatCap" THEN 1 ELSE 0 END AS seat
        FROM "Edition" WHERE "id" = ${r.editionId} FOR UPDATE
      ) AS d
      WHERE e."id" = d."id"
      RETURNING d.seat AS seat, e."waitlistSeq" AS seq
    ), enrolment AS (
      INSERT INTO "Enrolment" ("id", "editionId", "eventId", "userId", "status", "waitlistSeq", "activeKey", "createdAt", "updatedAt")
      SELECT ${enrolmentId}, ${r.editionId}, ${r.eventId}, ${r.userId},
             CASE WHEN seat = 1 THEN 'iscritto' ELSE 'in-attesa' END,
             CASE WHEN seat = 1 THEN NULL ELSE seq END,
             ${r.activeKey}, ${r.now}::timestamp(3), ${r.now}::timestamp(3)
      FROM decision
      RETURNING "id", "status", "waitlistSeq"
    ), change AS (
      INSERT INTO "EnrolmentChange" ("id", "enrolmentId", "at", "actorId", "fromStatus", "toStatus")
      SELECT ${changeId}, "id", ${r.now}::timestamp(3), ${r.userId}, NULL, "status" FROM enrolment
    ), notification AS (
      INSERT INTO "Notification" ("id", "userId", "kind", "enrolmentId", "payload", "dedupeKey", "createdAt", "nextAttemptAt")
      SELECT ${notificationId}, ${r.userId},
             CASE WHEN "status" = 'iscritto' THEN ${SEATED_KIND} ELSE ${WAITLISTED_KIND} END,
             "id", ${payload},
             (CASE WHEN "status" = 'iscritto' THEN ${SEATED_KIND} ELSE ${WAITLISTED_KIND} END) || ':' || ${changeId},
             ${r.now}::timestamp(3), ${r.now}::timestamp(3)
      FROM enrolment
    )
    SELECT "status", "waitlistSeq" FROM enrolment`;
  const row = rows[0];
  if (!row) throw new Error(`Edition ${r.editionId} not found`);
  return {
    enrolmentId,
    status: row.status as SeatResult["status"],
    waitlistSeq: row.waitlistSeq === null ? null : Number(row.waitlistSeq),
  };
}

async function takeSeatSqlite(r: SeatRequest): Promise<SeatResult> {
  const enrolmentId = crypto.randomUUID();
  const changeId = crypto.randomUUID();
  return prisma.$transaction(async (tx) => {
    // The adapter runs one transaction at a time on its single connection: read-then-write is safe.
    const [edition] = await tx.$queryRaw<{ seatCap: number | null; seatsTaken: number }[]>`
      SELECT "seatCap", "seatsTaken" FROM "Edition" WHERE "id" = ${r.editionId}`;
    if (!edition) throw new Error(`Edition ${r.editionId} not found`);
    const seated = hasFreeSeat(edition.seatCap === null ? null : Number(edition.seatCap), Number(edition.seatsTaken));
    const [counters] = await tx.$queryRaw<{ waitlistSeq: number }[]>`
      UPDATE "Edition"
      SET "seatsTaken" = "seatsTaken" + ${seated ? 1 : 0},
          "waitlistSeq" = "waitlistSeq" + ${seated ? 0 : 1},
          "updatedAt" = ${r.now}
      WHERE "id" = ${r.editionId}
      RETURNING "waitlistSeq"`;
    const status = seated ? "iscritto" : "in-attesa";
    const waitlistSeq = seated ? null : Number(counters!.waitlistSeq);
    const kind = seated ? SEATED_KIND : WAITLISTED_KIND;
    await tx.$executeRaw`
      INSERT INTO "Enrolment" ("id", "editionId", "eventId", "userId", "status", "waitlistSeq", "activeKey", "createdAt", "updatedAt")
      VALUES (${enrolmentId}, ${r.editionId}, ${r.eventId}, ${r.userId}, ${status}, ${waitlistSeq}, ${r.activeKey}, ${r.now}, ${r.now})`;
    await tx.$executeRaw`
      INSERT INTO "EnrolmentChange" ("id", "enrolmentId", "at", "actorId", "fromStatus", "toStatus")
      VALUES (${changeId}, ${enrolmentId}, ${r.now}, ${r.userId}, NULL, ${status})`;
    await tx.$executeRaw`
      INSERT INTO "Notification" ("id", "userId", "kind", "enrolmentId", "payload", "dedupeKey", "createdAt", "nextAttemptAt")
      VALUES (${crypto.randomUUID()}, ${r.userId}, ${kind}, ${enrolmentId}, ${JSON.stringify(r.payload)}, ${`${kind}:${changeId}`}, ${r.now}, ${r.now})`;
    return { enrolmentId, status, waitlistSeq };
  });
}

/** Position in line: tickets still waiting ahead of this one, plus one. */
export async function waitlistPositionOf(editionId: string, waitlistSeq: number): Promise<number> {
  const [row] = await prisma.$queryRaw<{ ahead: number | bigint }[]>`
    SELECT COUNT(*) AS "ahead" FROM "Enrolment"
    WHERE "editionId" = ${editionId} AND "status" = 'in-attesa' AND "waitlistSeq" < ${waitlistSeq}`;
  return Number(row?.ahead ?? 0) + 1;
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

/** What eligibility needs, in three plain queries (same SQL on both engines). */
export async function loadEnrolmentContext(userId: string, editionId: string): Promise<EnrolmentContext | null> {
  const [teachers, editions] = await Promise.all([
    prisma.$queryRaw<EnrolmentContext["teacher"][]>`
      SELECT "id", "regionCode", "schoolLevel", "professionalRole" FROM "User" WHERE "id" = ${userId}`,
    prisma.$queryRaw<
      (Omit<EnrolmentContext["edition"], "number"> & {
        number: number | bigint;
        title: string;
        eventStatus: string;
        level: string;
        regionCode: string | null;
        openToAllRegions: boolean | number | bigint;
      })[]
    >`
      SELECT ed."id", ed."eventId", ed."number", ed."status", ed."enrolmentOpensAt", ed."enrolmentClosesAt",
             ev."title", ev."status" AS "eventStatus", ev."level", ev."regionCode", ev."openToAllRegions"
      FROM "Edition" ed JOIN "Event" ev ON ev."id" = ed."eventId"
      WHERE ed."id" = ${editionId}`,
  ]);
  const teacher = teachers[0];
  const row = editions[0];
  if (!teacher || !row) return null;
  const audience = await prisma.$queryRaw<{ kind: string; value: string }[]>`
    SELECT 'level' AS "kind", "schoolLevel" AS "value" FROM "EventSchoolLevel" WHERE "eventId" = ${row.eventId}
    UNION ALL
    SELECT 'role' AS "kind", "role" AS "value" FROM "EventAudienceRole" WHERE "eventId" = ${row.eventId}`;
  return {
    teacher,
    edition: {
      id: row.id,
      eventId: row.eventId,
      number: Number(row.number),
      status: row.status,
      enrolmentOpensAt: new Date(row.enrolmentOpensAt),
      enrolmentClosesAt: new Date(row.enrolmentClosesAt),
    },
    event: {
      title: row.title,
      status: row.eventStatus,
      level: row.level,
      regionCode: row.regionCode,
      openToAllRegions: Boolean(Number(row.openToAllRegions)),
      schoolLevels: audience.filter((a) => a.kind === "level").map((a) => a.value),
      audienceRoles: audience.filter((a) => a.kind === "role").map((a) => a.value),
    },
  };
}
