// Editions read together with their sessions in one plain-SQL statement (catalogue.server.ts,
// catalogue-feed.server.ts): "Edition" ed LEFT JOIN "TrainingSession" s, ordered by edition then
// session, so one row per session and, for an edition without sessions, one row whose session
// columns are NULL. The session columns are aliased "session…" (s."id" AS "sessionId", …).
import { toDate, toInt } from "~/utils/sql.server.ts";

/** The edition columns every reader selects, as the drivers return them. */
export type EditionColumns = {
  id: string;
  number: number | bigint;
  status: string;
  startsOn: Date | string;
  endsOn: Date | string;
  enrolmentOpensAt: Date | string;
  enrolmentClosesAt: Date | string;
  seatCap: number | bigint | null;
  seatsTaken: number | bigint;
};

/** The session columns every reader selects (NULL for an edition without sessions). */
export type SessionColumns = {
  sessionId: string | null;
  sessionTitle: string | null;
  sessionStartsAt: Date | string | null;
  sessionEndsAt: Date | string | null;
  sessionDelivery: string | null;
  sessionMinutes: number | bigint | null;
  /** A blended event's live session held in one place only (ADR 0091), else NULL. */
  sessionPlace: string | null;
};

/** A row: an edition's columns and one of its sessions' (or NULLs). */
export type EditionSessionColumns = EditionColumns & SessionColumns;

/** An edition's shared fields, normalised (dates as Date, numbers as number). */
export function editionFields(row: EditionColumns) {
  return {
    id: row.id,
    number: toInt(row.number),
    status: row.status,
    startsOn: toDate(row.startsOn),
    endsOn: toDate(row.endsOn),
    enrolmentOpensAt: toDate(row.enrolmentOpensAt),
    enrolmentClosesAt: toDate(row.enrolmentClosesAt),
    seatCap: toInt(row.seatCap),
  };
}

/** A session's shared fields, from a row that has one. */
export function sessionFields(row: SessionColumns & { sessionId: string }) {
  return {
    id: row.sessionId,
    title: row.sessionTitle ?? "",
    startsAt: toDate(row.sessionStartsAt!),
    endsAt: toDate(row.sessionEndsAt!),
    delivery: row.sessionDelivery ?? "",
    minutes: toInt(row.sessionMinutes ?? 0),
    place: row.sessionPlace,
  };
}

/**
 * The rows as editions, in their order: a row of another edition than the one before starts one
 * (`editionOf`, with no sessions yet); a row with a session adds it (`sessionOf`) to its edition.
 */
export function editionsFromRows<
  R extends { id: string; sessionId: string | null },
  S,
  E extends { id: string; sessions: S[] },
>(rows: readonly R[], editionOf: (row: R) => E, sessionOf: (row: R & { sessionId: string }) => S): E[] {
  const editions: E[] = [];
  for (const row of rows) {
    let edition = editions[editions.length - 1];
    if (!edition || edition.id !== row.id) {
      edition = editionOf(row);
      editions.push(edition);
    }
    if (row.sessionId !== null) edition.sessions.push(sessionOf(row as R & { sessionId: string }));
  }
  return editions;
}
