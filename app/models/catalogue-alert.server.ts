// Alerts for new events (ADR 0088): a person's saved catalogue searches, and the daily check that
// emails the events published since the last one. The rules (canonical search, limits, interval)
// are in app/domain/catalogue-alert.ts; the search itself is the catalogue's WHERE (catalogueWhere),
// so an alert finds exactly what the catalogue would show for its filters.
import {
  ALERT_EVENTS_PER_EMAIL,
  alertCheckedUntil,
  alertDigest,
  alertDueBefore,
  type AlertFinding,
  alertQueryOf,
  filtersOfAlert,
  MAX_ALERTS_PER_PERSON,
} from "~/domain/catalogue-alert.ts";
import type { CatalogueFilters } from "~/domain/catalogue-filters.ts";
import { isUniqueViolation, prisma } from "~/utils/db.server.ts";
import { sqlDate, sqlReadFrom, toInt } from "~/utils/sql.server.ts";
import { catalogueWhere } from "./catalogue.server.ts";
import { writeNotification } from "./notification-writer.server.ts";

export type CreateAlertOutcome = { ok: true; id: string } | { ok: false; reason: "limit" | "exists" };

/** Saves the search of this query string (the catalogue's) as one of the person's alerts. */
export async function createCatalogueAlert(
  userId: string,
  search: string,
  now: Date = new Date(),
): Promise<CreateAlertOutcome> {
  const query = alertQueryOf(search);
  if ((await prisma.catalogueAlert.count({ where: { userId } })) >= MAX_ALERTS_PER_PERSON) {
    return { ok: false, reason: "limit" };
  }
  try {
    const alert = await prisma.catalogueAlert.create({
      data: { userId, query, createdAt: now, checkedUntil: now },
      select: { id: true },
    });
    return { ok: true, id: alert.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "exists" };
    throw error;
  }
}

/** Deletes one of the person's alerts; false when it is not theirs (or gone). */
export async function deleteCatalogueAlert(userId: string, id: string): Promise<boolean> {
  const { count } = await prisma.catalogueAlert.deleteMany({ where: { id, userId } });
  return count === 1;
}

export function listCatalogueAlerts(userId: string) {
  return prisma.catalogueAlert.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, query: true, createdAt: true },
  });
}

export type NewEvent = { id: string; title: string; titleLanguage: string; startsAt: Date };

/**
 * The events the catalogue shows at `now` for these filters that were published in (since, until]: the
 * first `limit` by start, and how many in all.
 */
export async function eventsPublishedBetween(
  filters: CatalogueFilters,
  since: Date,
  until: Date,
  now: Date = until,
  limit = ALERT_EVENTS_PER_EMAIL,
): Promise<{ total: number; events: NewEvent[] }> {
  const where = catalogueWhere(filters, now, { seats: "editions", likeText: true });
  const n = where.params.length;
  const rows = await sqlReadFrom<{
    id: string;
    title: string;
    titleLanguage: string;
    startsAt: Date | string;
    total: number | bigint;
  }>(
    "primary",
    `SELECT e."id", e."title", e."titleLanguage", e."startsAt", COUNT(*) OVER () AS "total" FROM "Event" e
     WHERE ${where.sql} AND e."publishedAt" > $${n + 1} AND e."publishedAt" <= $${n + 2}
     ORDER BY e."startsAt" ASC, e."id" ASC LIMIT ${Math.max(1, Math.floor(limit))}`,
    ...where.params,
    sqlDate(since),
    sqlDate(until),
  );
  return {
    total: toInt(rows[0]?.total ?? 0),
    events: rows.map((r) => ({
      id: r.id,
      title: r.title,
      titleLanguage: r.titleLanguage,
      startsAt: new Date(r.startsAt),
    })),
  };
}

/**
 * What a run did: alerts checked (moved forward), emails queued, and catalogue searches run (one per alert of
 * each person this run checked or tried to).
 */
export type AlertCheckReport = { checked: number; emailed: number; searched: number };

/**
 * Checks the people with an alert due at `now` (its last check a day old or more), of open accounts
 * with a confirmed address. A check looks up to a settled instant, ALERT_SETTLE_MS before `now`
 * (alertCheckedUntil: every event published until then has committed). All of a person's alerts are
 * checked together and moved forward to that instant (so an alert saved during the day joins the next
 * check), and when the catalogue has events for any
 * of their searches published since that search's last check, ONE email is queued with a section per
 * search (alertDigest). Several workers and instances list the same people: each person is claimed
 * (CatalogueAlert.checkingUntil) before their searches run, so one runner searches for them and the others
 * skip them. The moves and the email are one transaction, conditional on every alert's last check being
 * still the one read: one check per person and day, one email, even from a runner that outlived its
 * claim. `checked` counts alerts.
 */
export async function checkCatalogueAlerts(
  now: Date = new Date(),
  options: { batchSize?: number; budgetMs?: number } = {},
): Promise<AlertCheckReport> {
  const batchSize = options.batchSize ?? 500;
  // Batch after batch until nobody is due (a checked person is no longer due), within a budget: the
  // next run goes on. Bounded so that one run never holds the job for long.
  const budgetMs = options.budgetMs ?? 5 * 60_000;
  const started = Date.now();
  const report: AlertCheckReport = { checked: 0, emailed: 0, searched: 0 };
  // A day between two checks of the same person: their last check was up to a settled instant too.
  const until = alertCheckedUntil(now);
  const tried = new Set<string>();
  for (;;) {
    const due = await prisma.catalogueAlert.groupBy({
      by: ["userId"],
      where: {
        checkedUntil: { lte: alertDueBefore(until) },
        ...unclaimed(now),
        user: { closedAt: null, emailVerifiedAt: { not: null } },
      },
      _min: { checkedUntil: true },
      orderBy: { _min: { checkedUntil: "asc" } },
      take: batchSize,
    });
    // A person this run could not claim (another runner took them between the list and the claim) may be listed
    // again while that runner works: a batch with nobody new ends the run rather than reading the list in a loop.
    const fresh = due.filter(({ userId }) => !tried.has(userId));
    for (const { userId } of fresh) {
      tried.add(userId);
      const outcome = await checkPersonAlerts(userId, now, until);
      report.checked += outcome.checked;
      report.searched += outcome.searched;
      if (outcome.emailed) report.emailed += 1;
    }
    if (due.length < batchSize || fresh.length === 0 || Date.now() - started > budgetMs) return report;
  }
}

/** Another instance checked (or the person changed) the alerts between the read and the write. */
class AlertsMoved extends Error {
  constructor(readonly searched: number) {
    super("alerts moved");
  }
}

/**
 * How long a runner holds a person it is checking (CatalogueAlert.checkingUntil): far more than a person's searches
 * take (ten at most), and less than the job's interval, so that a runner that died leaves the person to the next run.
 */
const ALERT_CLAIM_MS = 5 * 60_000;

/** Alerts that no check in progress holds at `now`. */
const unclaimed = (now: Date) => ({ OR: [{ checkingUntil: null }, { checkingUntil: { lt: now } }] });

/**
 * One person's check at `now`, of the events published until `until`: every alert of theirs, one email at most.
 * Exported for its test: a runner that listed the person as due may read their alerts after another runner checked
 * them; it then claims and writes nothing.
 */
export async function checkPersonAlerts(
  userId: string,
  now: Date,
  until: Date,
): Promise<{ checked: number; emailed: boolean; searched: number }> {
  const alerts = await prisma.catalogueAlert.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, query: true, checkedUntil: true },
  });
  // The claim, before any search: every alert as read, none held by another check. Several workers and instances
  // list the same people at the same time; the one that claims runs the searches, the others skip the person
  // (review of the jobs, finding 5: each ran them all before one write won). Only an efficiency: the move below
  // stays conditional on the last checks read, so a runner that outlived its claim still sends no second email.
  // A runner that dies leaves its claim to lapse, the alerts' last checks untouched: the next run checks them.
  if (alerts.length === 0) return { checked: 0, emailed: false, searched: 0 };
  // Listed as due, but another runner checked the person since (its claim already let go): nothing is due any more.
  const dueBefore = alertDueBefore(until);
  if (!alerts.some((a) => a.checkedUntil <= dueBefore)) return { checked: 0, emailed: false, searched: 0 };
  const claimedUntil = new Date(now.getTime() + ALERT_CLAIM_MS);
  const claim = await prisma.catalogueAlert.updateMany({
    where: {
      AND: [{ OR: alerts.map((a) => ({ id: a.id, checkedUntil: a.checkedUntil })) }, unclaimed(now)],
    },
    data: { checkingUntil: claimedUntil },
  });
  // Fewer than read: another runner has the person, or moved their alerts since (what this one claimed lapses).
  if (claim.count < alerts.length) return { checked: 0, emailed: false, searched: 0 };
  try {
    return await checkClaimedAlerts(userId, alerts, now, until);
  } catch (error) {
    // Let the next run have the person at once (a failed search, a lost write); best effort, the claim lapses anyway.
    await prisma.catalogueAlert
      .updateMany({
        where: { id: { in: alerts.map((a) => a.id) }, checkingUntil: claimedUntil },
        data: { checkingUntil: null },
      })
      .catch(() => undefined);
    if (error instanceof AlertsMoved) return { checked: 0, emailed: false, searched: error.searched };
    throw error;
  }
}

/** The searches and the move of a person's alerts this runner has claimed. */
async function checkClaimedAlerts(
  userId: string,
  alerts: { id: string; query: string; checkedUntil: Date }[],
  now: Date,
  until: Date,
): Promise<{ checked: number; emailed: boolean; searched: number }> {
  // An alert saved less than ALERT_SETTLE_MS ago is already past `until`: nothing to look at, and it does not move back.
  const upTo = (alert: (typeof alerts)[number]) => (alert.checkedUntil > until ? alert.checkedUntil : until);
  const findings: AlertFinding[] = [];
  let searched = 0;
  for (const alert of alerts) {
    const window = upTo(alert) > alert.checkedUntil;
    if (window) searched += 1;
    const found = window
      ? await eventsPublishedBetween(filtersOfAlert(alert.query), alert.checkedUntil, until, now)
      : { total: 0, events: [] };
    findings.push({
      query: alert.query,
      since: alert.checkedUntil.toISOString(),
      total: found.total,
      events: found.events.map((e) => ({
        id: e.id,
        title: e.title,
        startsAt: e.startsAt.toISOString(),
        titleLanguage: e.titleLanguage,
      })),
    });
  }
  const sections = alertDigest(findings);
  return prisma.$transaction(async (tx) => {
    for (const alert of alerts) {
      const { count } = await tx.catalogueAlert.updateMany({
        where: { id: alert.id, checkedUntil: alert.checkedUntil },
        data: { checkedUntil: upTo(alert), checkingUntil: null },
      });
      if (count === 0) throw new AlertsMoved(searched);
    }
    if (sections.length > 0) {
      await writeNotification(
        tx,
        { kind: "nuovi-eventi", userId, checkedAt: now.toISOString(), payload: { alertSections: sections } },
        { at: now },
      );
    }
    return { checked: alerts.length, emailed: sections.length > 0, searched };
  });
}

/** How often the job looks for due alerts; each alert is still checked at most once a day. */
export const ALERT_JOB_EVERY_MS = 15 * 60_000;
