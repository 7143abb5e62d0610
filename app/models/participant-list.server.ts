// The organiser's participant list of an edition (issue 15, item 5): search by name, email or
// school, a status filter and pages (app/domain/participant-list.ts), for editions of hundreds of
// seats and thousands waiting. The page of ids is one plain SQL read, the same text on both engines
// (LOWER … LIKE with an escape character: no ILIKE, app/utils/sql.server.ts); its rows then come
// through Prisma. Counts per status are one grouped query.
import { ACTIVE_STATUSES } from "~/domain/enrolment.ts";
import {
  containsPattern,
  ENDED_STATUSES,
  filterStatuses,
  PARTICIPANTS_PAGE_SIZE,
  type ParticipantFilter,
  type ParticipantQuery,
} from "~/domain/participant-list.ts";
import { enrolmentSources } from "~/domain/state-machine.ts";
import { databaseEngine, prisma } from "~/utils/db.server.ts";
import { moveTargets } from "./seat-ledger.server.ts";
import { sqlRead, toInt, type SqlParam } from "~/utils/sql.server.ts";

const SEARCHED = [
  'u."firstName" || \' \' || u."lastName"',
  'u."lastName" || \' \' || u."firstName"',
  'u."email"',
  "COALESCE(u.\"schoolName\", '')",
  "COALESCE(u.\"schoolCode\", '')",
];

/** The WHERE of a query and its parameters ($1 is the edition). */
function whereOf(editionId: string, query: ParticipantQuery): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [editionId];
  const parts = ['e."editionId" = $1'];
  const statuses = filterStatuses(query.filter);
  if (statuses) {
    const marks = statuses.map((s) => {
      params.push(s);
      return `$${params.length}`;
    });
    // On SQLite a unary `+` (a no-op on the value) keeps the planner off the (status, offerExpiresAt) index: without
    // statistics it ties with the edition's index and took it, reading every place of that status in the database
    // (ADR 0029, addendum of 07/12/2026). PostgreSQL plans by its statistics.
    parts.push(`${databaseEngine === "sqlite" ? "+" : ""}e."status" IN (${marks.join(", ")})`);
  }
  if (query.filter === "completati") {
    parts.push('EXISTS (SELECT 1 FROM "Certificate" c WHERE c."enrolmentId" = e."id" AND c."revokedAt" IS NULL)');
  }
  if (query.region) {
    params.push(query.region);
    parts.push(`u."regionCode" = $${params.length}`);
  }
  if (query.q) {
    params.push(containsPattern(query.q));
    const p = `$${params.length}`;
    parts.push(`(${SEARCHED.map((column) => `LOWER(${column}) LIKE ${p} ESCAPE '\\'`).join(" OR ")})`);
  }
  return { sql: parts.join(" AND "), params };
}

export type ParticipantRow = Awaited<ReturnType<typeof loadParticipantList>>["rows"][number];

/**
 * One page of the list, its total and the page count; waitlisted rows carry their position in their pool and, in
 * an edition with regional quotas, that pool (`pool.regionCode`: the quota's region, null for the general seats),
 * since positions 1 of two pools would otherwise read as the same place in one line.
 */
export async function loadParticipantList(editionId: string, query: ParticipantQuery) {
  const where = whereOf(editionId, query);
  const from = 'FROM "Enrolment" e JOIN "User" u ON u."id" = e."userId"';
  const [counted] = await sqlRead<{ total: number | bigint | string }>(
    `SELECT COUNT(*) AS "total" ${from} WHERE ${where.sql}`,
    ...where.params,
  );
  const total = toInt(counted?.total ?? 0);
  const pages = Math.max(1, Math.ceil(total / PARTICIPANTS_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  // The waitlist reads in its order (pool by pool, the general pool first, as /inserisci lists it): by name, the
  // next in line could be on any page. Every other list reads by name.
  const order =
    query.filter === "in-attesa"
      ? `COALESCE(e."quotaId", ''), e."waitlistSeq", e."id"`
      : `LOWER(u."lastName"), LOWER(u."firstName"), e."id"`;
  const ids = await sqlRead<{ id: string }>(
    `SELECT e."id" ${from} WHERE ${where.sql} ORDER BY ${order} LIMIT ${PARTICIPANTS_PAGE_SIZE} OFFSET ${(page - 1) * PARTICIPANTS_PAGE_SIZE}`,
    ...where.params,
  );
  const found = await prisma.enrolment.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: {
      id: true,
      status: true,
      quotaId: true,
      waitlistSeq: true,
      reason: true,
      createdAt: true,
      movedFromId: true,
      user: {
        select: {
          firstName: true,
          lastName: true,
          email: true,
          schoolName: true,
          schoolCode: true,
          regionCode: true,
          emailRefusedAt: true,
        },
      },
      certificates: { where: { revokedAt: null }, select: { id: true }, take: 1 },
    },
  });
  const byId = new Map(found.map((r) => [r.id, r]));
  // The quotas' regions (released ones too: their seated people keep them), read only when someone listed waits.
  const quotas = found.some((r) => r.status === "in-attesa")
    ? await prisma.editionQuota.findMany({ where: { editionId }, select: { id: true, regionCode: true } })
    : [];
  const quotaRegion = new Map(quotas.map((q) => [q.id, q.regionCode]));
  const rows = [];
  for (const { id } of ids) {
    const r = byId.get(id);
    if (!r) continue;
    const position =
      r.status === "in-attesa" && r.waitlistSeq !== null
        ? (await prisma.enrolment.count({
            where: { editionId, status: "in-attesa", quotaId: r.quotaId, waitlistSeq: { lt: r.waitlistSeq } },
          })) + 1
        : null;
    const pool =
      position !== null && quotas.length > 0 ? { regionCode: (r.quotaId && quotaRegion.get(r.quotaId)) || null } : null;
    const { certificates, ...rest } = r;
    rows.push({ ...rest, position, pool, completed: certificates.length > 0 });
  }
  return { rows, total, page, pages };
}

/** How many places of the edition each filter holds: one grouped query, plus the valid certificates. */
export async function countParticipantsByFilter(editionId: string): Promise<Record<ParticipantFilter, number>> {
  const [groups, completed] = await Promise.all([
    prisma.enrolment.groupBy({ by: ["status"], where: { editionId }, _count: { _all: true } }),
    prisma.certificate.count({ where: { editionId, revokedAt: null, enrolment: { status: "iscritto" } } }),
  ]);
  const of = (statuses: readonly string[]) =>
    groups.filter((g) => statuses.includes(g.status)).reduce((n, g) => n + g._count._all, 0);
  return {
    tutti: groups.reduce((n, g) => n + g._count._all, 0),
    iscritto: of(["iscritto"]),
    "in-attesa": of(["in-attesa"]),
    offerta: of(["offerta"]),
    candidato: of(["candidato"]),
    completati: completed,
    conclusi: of(ENDED_STATUSES),
  };
}

/**
 * Places per status of each listed event (the organiser's events list): ONE grouped query over
 * the events' enrolments. Only the statuses the list shows: seated, waiting, offered, applied, ended.
 */
export async function countPlacesByEvent(eventIds: readonly string[]) {
  const counts = new Map<
    string,
    { iscritto: number; "in-attesa": number; offerta: number; candidato: number; conclusi: number }
  >();
  if (eventIds.length === 0) return counts;
  // Through the events' editions: Enrolment has no index led by eventId (one would cost every
  // enrolment's insert), and grouping by it read the whole table (45 ms at 400,000 places on
  // SQLite, growing with every year kept); by editionId the places are read from an index.
  const editions = await prisma.edition.findMany({
    where: { eventId: { in: [...eventIds] } },
    select: { id: true, eventId: true },
  });
  const eventOf = new Map(editions.map((e) => [e.id, e.eventId]));
  const groups = await prisma.enrolment.groupBy({
    by: ["editionId", "status"],
    where: { editionId: { in: [...eventOf.keys()] } },
    _count: { _all: true },
  });
  for (const g of groups) {
    const eventId = eventOf.get(g.editionId)!;
    const c = counts.get(eventId) ?? { iscritto: 0, "in-attesa": 0, offerta: 0, candidato: 0, conclusi: 0 };
    const key = (ACTIVE_STATUSES as readonly string[]).includes(g.status)
      ? (g.status as (typeof ACTIVE_STATUSES)[number])
      : "conclusi";
    c[key] += g._count._all;
    counts.set(eventId, c);
  }
  return counts;
}

/** The move's second step: the participant (an active place of this edition) and the editions they may go to. */
export async function loadMoveStep(editionId: string, enrolmentId: string) {
  const place = await prisma.enrolment.findFirst({
    where: { id: enrolmentId, editionId, status: { in: enrolmentSources("move-out") } },
    select: { id: true, status: true, user: { select: { firstName: true, lastName: true, email: true } } },
  });
  return place ? { place, targets: await moveTargets(editionId) } : null;
}
