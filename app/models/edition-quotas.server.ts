// The regional quotas of an event's editions, for the pages that show seats to a reader (the public
// event page, the enrolment page): plain SQL like the rest of those pages (ADR 0008). What the quotas
// mean is the seat ledger's (app/domain/seat-ledger.ts, ADR 0011); the writers are in seat-ledger.server.ts.
// Callers read them only when an edition has some (Edition.hasQuotas), so an event without quotas costs
// no statement more.
import type { QuotaState } from "~/domain/seat-ledger.ts";
import type { ReadSource } from "~/utils/read-replica.server.ts";
import { sqlReadFrom, toDate, toInt } from "~/utils/sql.server.ts";

const EVENT_QUOTAS_SQL = `
  SELECT q."editionId", q."id", q."regionCode", q."seats", q."seatsTaken", q."releasedAt"
  FROM "EditionQuota" q JOIN "Edition" ed ON ed."id" = q."editionId"
  WHERE ed."eventId" = $1
  ORDER BY q."regionCode" ASC`;

type QuotaRow = {
  editionId: string;
  id: string;
  regionCode: string;
  seats: number | bigint | string;
  seatsTaken: number | bigint | string;
  releasedAt: Date | string | null;
};

/** The quotas of every edition of the event, by edition id (an edition without quotas is absent), by region. */
export async function quotasOfEvent(
  eventId: string,
  source: ReadSource = "primary",
): Promise<Map<string, QuotaState[]>> {
  return byEdition(await sqlReadFrom<QuotaRow>(source, EVENT_QUOTAS_SQL, eventId));
}

/** The quotas of these editions (the catalogue's JSON feed: those of its editions that have some), as quotasOfEvent. */
export async function quotasOfEditions(
  editionIds: readonly string[],
  source: ReadSource = "primary",
): Promise<Map<string, QuotaState[]>> {
  if (editionIds.length === 0) return new Map();
  const rows = await sqlReadFrom<QuotaRow>(
    source,
    `SELECT q."editionId", q."id", q."regionCode", q."seats", q."seatsTaken", q."releasedAt"
     FROM "EditionQuota" q WHERE q."editionId" IN (${editionIds.map((_, i) => `$${i + 1}`).join(", ")})
     ORDER BY q."regionCode" ASC`,
    ...editionIds,
  );
  return byEdition(rows);
}

function byEdition(rows: QuotaRow[]): Map<string, QuotaState[]> {
  const grouped = new Map<string, QuotaState[]>();
  for (const r of rows) {
    const list = grouped.get(r.editionId) ?? [];
    grouped.set(r.editionId, list);
    list.push({
      id: r.id,
      regionCode: r.regionCode,
      seats: toInt(r.seats),
      seatsTaken: toInt(r.seatsTaken),
      releasedAt: toDate(r.releasedAt),
    });
  }
  return grouped;
}
