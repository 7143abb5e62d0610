// Copying an event (issue 15, item 3): the organiser copies an event they manage, with all its
// settings, editions and sessions, as a new draft whose first edition starts on a chosen day;
// every date moves by the same number of Rome calendar days (app/domain/event-copy.ts).
//
// Copied: the event's content, audience, themes and completion rule; each edition's seat cap,
// admission, application questions and criteria, promotion mode and offer window, enrolment
// window and cancellation cut-off (shifted); each session (shifted). Not copied: people and what
// happened (enrolments, quotas, trainers, attendance, certificates, counters, the closing of a
// selection or register). The copy is a draft ("bozza") created by the actor, written to the audit log.
import { canManageEvent, type Actor } from "~/domain/permissions.ts";
import { copyShiftDays, shiftByDays } from "~/domain/event-copy.ts";
import { deriveEventFields } from "~/domain/event-derived-fields.ts";
import { prisma } from "~/utils/db.server.ts";
import { writeAudit } from "./audit.server.ts";

export type CopyOutcome = { ok: true; eventId: string } | { ok: false; reason: "not-found" | "forbidden" };

/** Copies the event as a draft starting on `newStartDay` (any instant within that Rome day). */
export async function copyEvent(actor: Actor, sourceEventId: string, newStartDay: Date): Promise<CopyOutcome> {
  return prisma.$transaction(async (tx): Promise<CopyOutcome> => {
    const source = await tx.event.findUnique({
      where: { id: sourceEventId },
      include: {
        schoolLevels: { select: { schoolLevel: true } },
        audienceRoles: { select: { role: true } },
        themes: { select: { theme: true } },
        editions: { orderBy: { number: "asc" }, include: { sessions: { orderBy: { startsAt: "asc" } } } },
      },
    });
    if (!source) return { ok: false, reason: "not-found" };
    if (!canManageEvent(actor, source))
      return { ok: false, reason: source.status === "bozza" ? "not-found" : "forbidden" };
    const days = copyShiftDays(source.editions, newStartDay);
    const move = (d: Date) => shiftByDays(d, days);
    const editions = source.editions.map((e) => ({
      ...e,
      startsOn: move(e.startsOn),
      endsOn: move(e.endsOn),
      sessions: e.sessions.map((s) => ({ ...s, startsAt: move(s.startsAt), endsAt: move(s.endsAt) })),
    }));
    const derived = deriveEventFields({
      title: source.title,
      description: source.description,
      venue: source.venue,
      editions,
    });
    const copy = await tx.event.create({
      data: {
        title: source.title,
        description: source.description,
        type: source.type,
        level: source.level,
        regionCode: source.regionCode,
        mode: source.mode,
        venue: source.venue,
        onlineUrl: source.onlineUrl,
        language: source.language,
        certifiedMinutes: source.certifiedMinutes,
        openToAllRegions: source.openToAllRegions,
        completionPercent: source.completionPercent,
        status: "bozza",
        createdById: actor.userId,
        ...derived,
        schoolLevels: { create: source.schoolLevels.map(({ schoolLevel }) => ({ schoolLevel })) },
        audienceRoles: { create: source.audienceRoles.map(({ role }) => ({ role })) },
        themes: { create: source.themes.map(({ theme }) => ({ theme })) },
      },
      select: { id: true },
    });
    for (const [i, e] of editions.entries()) {
      const from = source.editions[i]!;
      await tx.edition.create({
        data: {
          eventId: copy.id,
          number: e.number,
          startsOn: e.startsOn,
          endsOn: e.endsOn,
          seatCap: e.seatCap,
          enrolmentOpensAt: move(from.enrolmentOpensAt),
          enrolmentClosesAt: move(from.enrolmentClosesAt),
          cancellationCutoffAt: from.cancellationCutoffAt ? move(from.cancellationCutoffAt) : null,
          promotionMode: e.promotionMode,
          offerHours: e.offerHours,
          admission: e.admission,
          applicationQuestions: e.applicationQuestions,
          selectionCriteria: e.selectionCriteria,
          sessions: {
            create: e.sessions.map((s) => ({
              title: s.title,
              startsAt: s.startsAt,
              endsAt: s.endsAt,
              delivery: s.delivery,
              minutes: s.minutes,
              required: s.required,
            })),
          },
        },
        select: { id: true },
      });
    }
    await writeAudit(tx, {
      actorId: actor.userId,
      entityType: "event",
      entityId: copy.id,
      action: "copy",
      details: { from: source.id, title: source.title, shiftedDays: days, editions: editions.length },
    });
    return { ok: true, eventId: copy.id };
  });
}

/** What the copy page shows about the source (its scope is checked by the caller). */
export function loadCopySource(eventId: string) {
  return prisma.event.findUniqueOrThrow({ where: { id: eventId }, select: { id: true, title: true, startsAt: true } });
}
