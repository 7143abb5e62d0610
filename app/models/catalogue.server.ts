// The public catalogue: what anyone may read about published events, without signing in.
// Listing = one count query + one page query on Event's own indexed columns
// (status, startsAt, endsAt, level, regionCode; searchText for free text), selecting only
// what a result card shows. The online-room link (Event.onlineUrl) is never read here.
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import {
  CATALOGUE_PAGE_SIZE,
  dateRangeOf,
  pageCount,
  searchWords,
  type CatalogueFilters,
} from "~/domain/catalogue-filters.ts";
import { prisma, type Db } from "~/utils/db.server.ts";

/** Statuses whose page is public. Drafts do not exist for the public (404). */
export const PUBLIC_EVENT_STATUSES = ["pubblicato", "chiuso", "annullato"] as const;

const EXCERPT_LENGTH = 220;

/**
 * What the free-seats filter and the event page agree on: an edition someone can still
 * enrol in has not been closed or cancelled by the organiser, its enrolment window has
 * not closed, and it has a seat (no cap, or fewer taken than the cap).
 */
function editionWithFreeSeat(db: Db, now: Date): Prisma.EditionWhereInput {
  return {
    status: "attiva",
    enrolmentClosesAt: { gt: now },
    OR: [{ seatCap: null }, { seatsTaken: { lt: db.edition.fields.seatCap } }],
  };
}

/** The WHERE clause of the catalogue: published, not over yet, and every active filter. */
export function catalogueWhere(filters: CatalogueFilters, now: Date, db: Db = prisma): Prisma.EventWhereInput {
  const and: Prisma.EventWhereInput[] = [];
  const range = dateRangeOf(filters);
  // Upcoming (or running) events overlapping the requested range.
  const endsFrom = range.from && range.from > now ? range.from : now;
  // "Has not ended" is written NOT (endsAt < t) on purpose: as endsAt >= t, SQLite's planner
  // picks the (status, endsAt) index and sorts every upcoming event to return 20 of them
  // (8-10 ms at 10,000 events); this way it walks (status, startsAt) in catalogue order and
  // stops after one page (< 1 ms). Same rows: a NULL endsAt (no sessions) fails both forms.
  const where: Prisma.EventWhereInput = { status: "pubblicato", NOT: [{ endsAt: { lt: endsFrom } }] };
  if (range.toExclusive) where.startsAt = { lt: range.toExclusive };
  if (filters.level) where.level = filters.level;
  if (filters.type) where.type = filters.type;
  if (filters.region) where.regionCode = filters.region;
  if (filters.mode) where.mode = filters.mode;
  for (const word of searchWords(filters.q)) and.push({ searchText: { contains: word } });
  if (filters.schoolLevel) where.schoolLevels = { some: { schoolLevel: filters.schoolLevel } };
  if (filters.role) where.audienceRoles = { some: { role: filters.role } };
  if (filters.freeSeats) where.editions = { some: editionWithFreeSeat(db, now) };
  if (and.length) where.AND = and;
  return where;
}

const cardSelect = {
  id: true,
  title: true,
  description: true,
  type: true,
  level: true,
  regionCode: true,
  mode: true,
  venue: true,
  language: true,
  certifiedMinutes: true,
  startsAt: true,
  endsAt: true,
} as const satisfies Prisma.EventSelect;

export type CatalogueCard = Omit<Prisma.EventGetPayload<{ select: typeof cardSelect }>, "description"> & {
  excerpt: string;
};

export type CataloguePage = {
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  events: CatalogueCard[];
};

export async function searchCatalogue(
  filters: CatalogueFilters,
  page: number,
  options: { now?: Date; db?: Db; pageSize?: number } = {},
): Promise<CataloguePage> {
  const db = options.db ?? prisma;
  const now = options.now ?? new Date();
  const pageSize = options.pageSize ?? CATALOGUE_PAGE_SIZE;
  const where = catalogueWhere(filters, now, db);
  const [total, rows] = await Promise.all([
    countEvents(db, where),
    db.event.findMany({
      where,
      select: cardSelect,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ]);
  return {
    total,
    page,
    pageCount: pageCount(total, pageSize),
    pageSize,
    events: rows.map(({ description, ...card }) => ({ ...card, excerpt: excerptOf(description) })),
  };
}

/**
 * COUNT(*) of the matching events. Prisma's count() wraps the filter in a subquery that selects
 * Event.id, which SQLite cannot read from the (status, endsAt) index: one table lookup per
 * upcoming event (about 12 ms at 10,000 events). Grouping by status (a single value here)
 * counts from the index alone (under 1 ms) and is the same plain COUNT on PostgreSQL.
 */
async function countEvents(db: Db, where: Prisma.EventWhereInput): Promise<number> {
  const groups = await db.event.groupBy({ by: ["status"], where, _count: { _all: true } });
  return groups.reduce((sum, g) => sum + g._count._all, 0);
}

/** The start of a description, cut at a word boundary. */
export function excerptOf(text: string, length = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > length * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:–-]+$/u, "")}…`;
}

const publicEventSelect = {
  id: true,
  title: true,
  description: true,
  type: true,
  level: true,
  regionCode: true,
  mode: true,
  venue: true,
  language: true,
  certifiedMinutes: true,
  status: true,
  openToAllRegions: true,
  startsAt: true,
  endsAt: true,
  schoolLevels: { select: { schoolLevel: true }, orderBy: { schoolLevel: "asc" } },
  audienceRoles: { select: { role: true }, orderBy: { role: "asc" } },
  themes: { select: { theme: true }, orderBy: { theme: "asc" } },
  editions: {
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      startsOn: true,
      endsOn: true,
      seatCap: true,
      seatsTaken: true,
      enrolmentOpensAt: true,
      enrolmentClosesAt: true,
      status: true,
      sessions: {
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        select: { id: true, title: true, startsAt: true, endsAt: true, delivery: true, minutes: true },
      },
    },
  },
} as const satisfies Prisma.EventSelect;

export type PublicEvent = Prisma.EventGetPayload<{ select: typeof publicEventSelect }>;

/** An event as the public sees it, or null if it does not exist or is not public (a draft). */
export async function getPublicEvent(id: string, db: Db = prisma): Promise<PublicEvent | null> {
  if (!id || id.length > 64) return null;
  return db.event.findFirst({
    where: { id, status: { in: [...PUBLIC_EVENT_STATUSES] } },
    select: publicEventSelect,
  });
}
