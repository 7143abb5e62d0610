// "Edition changed": when updateEvent moves a session (time, delivery or place: the sequence
// increments), every teacher holding a place in that edition gets one notification, written in
// the same transaction, whose email carries the updated invitation (same UIDs, higher SEQUENCE).
// When sessions were deleted, each teacher holding a place gets "incontri-annullati", a message of its own
// whose invitation is a METHOD:CANCEL for their UIDs, built from their CancelledSession tombstones (one iTIP
// method per message, RFC 6047: a CANCEL attached beside a REQUEST is acted on by no calendar). A save that
// only deleted sessions sends that message alone; one that also moved or added sessions sends both, and
// "edizione-modificata" names the deleted sessions in its text only (cancelledApart).
// Every teacher still holding an offer of a seat there gets "edizione-modificata-offerta": the new
// schedule and the offer's deadline, which the seat ledger bounded again first (rescheduleOffers in
// seat-ledger.server.ts), with no invitation (no place yet). An offer that change turned into a
// place was told by "promosso" (with its invitation) and gets no second message, nor does a teacher
// the same save promoted from the waiting list by raising the cap. A teacher the same save offered a seat by
// raising the cap (promotion by offer) is told by "posto-offerto" alone, which states the edition as it is when it
// leaves (statesSchedule; ADR 0011, addendum 07/12/2026 "an offer made by the save…"): not among `offers`
// (rescheduleOffers ran before the cap's seats were offered), no longer waiting, so no second message here.
// Every teacher still waiting in its line gets "edizione-modificata-in-attesa" (ADR 0011, addendum 07/12/2026): the
// new schedule, their position in line as it is when the message leaves, and a link to leave the list; before,
// someone waiting learnt the new dates only once promoted, and could not leave a line for dates that no longer suit
// them. Not once the edition's last session has ended: the line then leads to no seat (fillDecision).
// Sessions whose times moved are named in the payload with their times before and now
// (movedSessions), so the email says which moved instead of only listing the new schedule; a blended
// event's sessions whose own place changed likewise, with their place before and now
// (placeChangedSessions, ADR 0091).
import { createHash } from "node:crypto";
import { trainingOver } from "~/domain/enrolment.ts";
import type { Tx } from "./audit.server.ts";
import { writeNotificationsOnce } from "./notification-writer.server.ts";
import type { RescheduledOffers } from "./seat-ledger.server.ts";

/**
 * Names one change of an edition's schedule: the sessions with their sequence after the change, and
 * the tombstones of the sessions deleted so far (CancelledSession, never removed). Sequences only
 * grow and tombstones only accrue, so a later change has another name, and a replay of the same one
 * the same. The tombstones matter: deleting a session bumps no sequence of those it keeps, so
 * "delete c, add d, delete d" left a and b exactly as announced after deleting c, and the deletion
 * of d, named like that earlier change, was taken for it and never announced.
 */
export function scheduleChangeKey(
  sessions: { id: string; sequence: number }[],
  cancelled: { id: string; sequence: number }[] = [],
): string {
  const named = (list: { id: string; sequence: number }[]) =>
    [...list]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((s) => `${s.id}@${s.sequence}`)
      .join(",");
  // Without tombstones, the name an edition's change always had (a replay across the release stays one).
  const state = cancelled.length ? `${named(sessions)}|annullati:${named(cancelled)}` : named(sessions);
  return createHash("sha256").update(state).digest("base64url").slice(0, 22);
}

/** A kept session whose times this change moved: its id and its times before. */
export type MovedSession = { id: string; wasStartsAt: Date; wasEndsAt: Date };

/** A kept session of a blended event whose own place this change changed (ADR 0091): its id and its place before. */
export type PlaceChangedSession = { id: string; wasPlace: string | null };

export type EditionChangeOptions = {
  /** Sessions whose start or end this change moved (the email lists them: before and now). */
  movedSessions?: MovedSession[];
  /** Sessions whose own place this change changed (the email lists them: before and now, as moves). */
  placeChangedSessions?: PlaceChangedSession[];
  /** Sessions deleted by this change (their tombstones are written already). */
  cancelledSessionIds?: string[];
  /** Some kept session also moved: the email's main invitation is then the REQUEST, not the CANCEL. */
  rescheduled?: boolean;
  /** What rescheduleOffers (seat-ledger.server.ts) made of the open offers, in this transaction. */
  offers?: RescheduledOffers;
  /** Places the same change promoted from the waiting list (a raised cap): told by "promosso", with the new schedule. */
  promotedBySave?: string[];
  /** When the change is saved: the people waiting are told only while the training is not over. */
  now?: Date;
};

/** Call inside the transaction that moved the edition's sessions, after the moves. Returns how many messages were written. */
export async function notifyEditionChanged(
  tx: Tx,
  editionId: string,
  options: EditionChangeOptions = {},
): Promise<number> {
  const edition = await tx.edition.findUnique({
    where: { id: editionId },
    select: {
      number: true,
      status: true,
      event: { select: { title: true } },
      sessions: {
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        select: { id: true, sequence: true, title: true, startsAt: true, endsAt: true, place: true },
      },
    },
  });
  if (!edition || edition.status === "annullata") return 0;
  const promoted = [...(options.offers?.promoted ?? []), ...(options.promotedBySave ?? [])];
  const places = await tx.enrolment.findMany({
    where: { editionId, status: "iscritto", ...(promoted.length ? { id: { notIn: promoted } } : {}) },
    select: { id: true, userId: true },
  });
  const offerIds = (options.offers?.offered ?? []).map((o) => o.enrolmentId);
  const shortened = new Set((options.offers?.offered ?? []).filter((o) => o.shortened).map((o) => o.enrolmentId));
  const offers = offerIds.length
    ? await tx.enrolment.findMany({
        where: { editionId, status: "offerta", id: { in: offerIds } },
        select: { id: true, userId: true, offerExpiresAt: true },
      })
    : [];
  // The people in line (a raised cap promoted some already: they hold a seat now and are told by "promosso").
  const lastEnd = edition.sessions.reduce<Date | null>((m, s) => (m && m > s.endsAt ? m : s.endsAt), null);
  const waiting = trainingOver(options.now ?? new Date(), lastEnd)
    ? []
    : await tx.enrolment.findMany({
        where: { editionId, status: "in-attesa" },
        select: { id: true, userId: true },
      });
  if (places.length === 0 && offers.length === 0 && waiting.length === 0) return 0;
  const tombstones = await tx.cancelledSession.findMany({
    where: { editionId },
    select: { id: true, sequence: true },
  });
  const change = scheduleChangeKey(edition.sessions, tombstones);
  const cancelled = options.cancelledSessionIds?.length
    ? await tx.cancelledSession.findMany({
        where: { editionId, id: { in: options.cancelledSessionIds } },
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        select: { id: true, title: true, startsAt: true, endsAt: true },
      })
    : [];
  const cancelledSessions = cancelled.map((s) => ({
    id: s.id,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    title: s.title,
  }));
  const payload = {
    eventTitle: edition.event.title,
    editionNumber: edition.number,
    sessions: edition.sessions.map((s) => ({
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      title: s.title,
    })),
    ...(options.movedSessions?.length
      ? {
          movedSessions: edition.sessions.flatMap((s) => {
            const was = options.movedSessions!.find((m) => m.id === s.id);
            return was
              ? [
                  {
                    title: s.title,
                    startsAt: s.startsAt.toISOString(),
                    endsAt: s.endsAt.toISOString(),
                    wasStartsAt: was.wasStartsAt.toISOString(),
                    wasEndsAt: was.wasEndsAt.toISOString(),
                  },
                ]
              : [];
          }),
        }
      : {}),
    ...(options.placeChangedSessions?.length
      ? {
          placeChangedSessions: edition.sessions.flatMap((s) => {
            const was = options.placeChangedSessions!.find((m) => m.id === s.id);
            return was
              ? [
                  {
                    title: s.title,
                    startsAt: s.startsAt.toISOString(),
                    endsAt: s.endsAt.toISOString(),
                    place: s.place,
                    wasPlace: was.wasPlace,
                  },
                ]
              : [];
          }),
        }
      : {}),
    ...(cancelled.length ? { rescheduled: options.rescheduled === true, cancelledSessions, cancelledApart: true } : {}),
  };
  // Only deletions: the places' one message is "incontri-annullati"; the sessions kept did not change.
  const updated = !cancelled.length || options.rescheduled === true;
  // A replay of the same change finds its rows already there and adds nothing.
  return writeNotificationsOnce(tx, [
    ...(updated
      ? places.map((p) => ({
          kind: "edizione-modificata" as const,
          userId: p.userId,
          enrolmentId: p.id,
          scheduleKey: change,
          payload,
        }))
      : []),
    ...(cancelled.length
      ? places.map((p) => ({
          kind: "incontri-annullati" as const,
          userId: p.userId,
          enrolmentId: p.id,
          scheduleKey: change,
          payload: {
            eventTitle: edition.event.title,
            editionNumber: edition.number,
            cancelledSessions,
            ...(options.rescheduled ? { rescheduled: true } : {}),
          },
        }))
      : []),
    ...offers.map((o) => ({
      kind: "edizione-modificata-offerta" as const,
      userId: o.userId,
      enrolmentId: o.id,
      scheduleKey: change,
      payload: {
        ...payload,
        offerExpiresAt: o.offerExpiresAt?.toISOString() ?? null,
        ...(shortened.has(o.id) ? { offerShortened: true } : {}),
      },
    })),
    // The position is the outbox's, as the message leaves (WAITLIST_POSITION_KINDS); the place names the link to leave.
    ...waiting.map((w) => ({
      kind: "edizione-modificata-in-attesa" as const,
      userId: w.userId,
      enrolmentId: w.id,
      scheduleKey: change,
      payload: { ...payload, enrolmentId: w.id },
    })),
  ]);
}
