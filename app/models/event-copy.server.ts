// Copying an event (issue 15, item 3): the organiser copies an event they manage, with all its
// settings, editions and sessions, as a new draft whose first edition starts on a chosen day;
// every date moves by the same number of Rome calendar days (app/domain/event-copy.ts).
//
// Copied: the event's content (with the sheet's objectives and programme; not its files), audience, themes and completion rule; each edition's seat cap,
// admission, application questions and criteria, promotion mode and offer window, enrolment
// window and cancellation cut-off (shifted); each session (shifted). Not copied: people and what
// happened (enrolments, quotas, trainers, attendance, certificates, counters, the closing of a
// selection or register). The copy is a draft ("bozza") created by the actor, written to the audit log.
import { canManageEvent, isNationalUnit, referentRegions, type Actor } from "~/domain/permissions.ts";
import {
  copyClockProblems,
  copyOrigin,
  copyShiftDays,
  shiftByDays,
  type CopyClockProblem,
} from "~/domain/event-copy.ts";
import { deriveEventFields } from "~/domain/event-derived-fields.ts";
import { prisma } from "~/utils/db.server.ts";
import { writeAudit } from "./audit.server.ts";

export type CopyOutcome =
  | { ok: true; eventId: string }
  | { ok: false; reason: "not-found" | "forbidden" }
  /** A copied time would fall in the hour the clocks skip or repeat on its new day: nothing is written. */
  | { ok: false; reason: "clock-change"; problems: CopyClockProblem[] };

/**
 * Who may copy an event, and where the copy goes: an event the actor manages is copied as it is
 * (same level and region); a national template ("isTemplate", not a draft) is copied by a
 * regional referent into their region (level "regionale"; the first of their regions unless
 * `regionCode` names another of them). Null: the actor may not copy it.
 */
export function copyTarget(
  actor: Actor,
  source: { level: string; regionCode: string | null; status: string; isTemplate: boolean },
  regionCode?: string | null,
): { level: string; regionCode: string | null } | null {
  if (canManageEvent(actor, source)) return { level: source.level, regionCode: source.regionCode };
  const regions = referentRegions(actor);
  // A template is a national event: one whose flag outlived its level (set before updateEvent cleared it) is not.
  if (!source.isTemplate || source.level !== "nazionale" || source.status === "bozza" || regions.length === 0)
    return null;
  const region = regionCode ? regions.find((r) => r === regionCode) : regions[0];
  return region ? { level: "regionale", regionCode: region } : null;
}

/**
 * Copies the event as a draft starting on `newStartDay` (any instant within that Rome day). Refused,
 * with nothing written, when a session or deadline would land in the hour the clocks skip or repeat
 * that night (copyClockProblems, ADR 0080's rule for typed times).
 */
export async function copyEvent(
  actor: Actor,
  sourceEventId: string,
  newStartDay: Date,
  options: { regionCode?: string | null } = {},
): Promise<CopyOutcome> {
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
    const target = copyTarget(actor, source, options.regionCode);
    if (!target) return { ok: false, reason: source.status === "bozza" ? "not-found" : "forbidden" };
    const days = copyShiftDays(source.editions, newStartDay);
    const problems = copyClockProblems(source.editions, days);
    if (problems.length > 0) return { ok: false, reason: "clock-change", problems };
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
      // Every edition of the copy is a new one, to take place (a cancelled edition of the source is not cancelled here).
      editions: editions.map(({ sessions, startsOn, endsOn }) => ({ sessions, startsOn, endsOn })),
    });
    const copy = await tx.event.create({
      data: {
        title: source.title,
        description: source.description,
        type: source.type,
        level: target.level,
        regionCode: target.regionCode,
        mode: source.mode,
        venue: source.venue,
        // The room's link is the source event's own (shown only to its participants): a copy made from a
        // template the actor does not manage starts without it, and the form asks for one before publishing.
        onlineUrl: canManageEvent(actor, source) ? source.onlineUrl : null,
        language: source.language,
        titleLanguage: source.titleLanguage,
        textLanguage: source.textLanguage,
        certifiedMinutes: source.certifiedMinutes,
        openToAllRegions: source.openToAllRegions,
        completionPercent: source.completionPercent,
        objectives: source.objectives,
        programme: source.programme,
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
              // A blended event's session keeps where it is held (ADR 0091).
              place: s.place,
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
      details: {
        from: source.id,
        title: source.title,
        shiftedDays: days,
        editions: editions.length,
        fromTemplate: source.isTemplate,
        level: target.level,
        regionCode: target.regionCode,
      },
    });
    return { ok: true, eventId: copy.id };
  });
}

/**
 * What the copy page needs, for an actor who may copy the event (a managed event or a national
 * template); null when they may not (the page answers 404, saying nothing of others' events).
 */
export async function loadCopySource(actor: Actor, eventId: string) {
  const event = await prisma.event.findUnique({
    where: { id: eventId },
    select: {
      id: true,
      title: true,
      titleLanguage: true,
      level: true,
      regionCode: true,
      status: true,
      isTemplate: true,
      editions: { select: { startsOn: true } },
    },
  });
  if (!event || !copyTarget(actor, event)) return null;
  const { editions, ...rest } = event;
  return {
    ...rest,
    /** Where the copy moves from (copyOrigin: its first edition's first day, a cancelled one too), the form's default. */
    startsAt: copyOrigin(editions),
    canMarkTemplate: isNationalUnit(actor) && event.level === "nazionale",
    regions: canManageEvent(actor, event) ? [] : referentRegions(actor),
  };
}

export type TemplateOutcome = { ok: true } | { ok: false; reason: "not-found" | "forbidden" | "not-national" };

/** The national unit marks (or unmarks) a national event as a template regional referents may copy. */
export async function setTemplate(actor: Actor, eventId: string, isTemplate: boolean): Promise<TemplateOutcome> {
  if (!isNationalUnit(actor)) return { ok: false, reason: "forbidden" };
  return prisma.$transaction(async (tx): Promise<TemplateOutcome> => {
    const event = await tx.event.findUnique({ where: { id: eventId }, select: { level: true, isTemplate: true } });
    if (!event) return { ok: false, reason: "not-found" };
    if (event.level !== "nazionale") return { ok: false, reason: "not-national" };
    if (event.isTemplate === isTemplate) return { ok: true };
    await tx.event.update({ where: { id: eventId }, data: { isTemplate } });
    await writeAudit(tx, {
      actorId: actor.userId,
      entityType: "event",
      entityId: eventId,
      action: isTemplate ? "template-on" : "template-off",
      details: {},
    });
    return { ok: true };
  });
}

/** National templates a regional referent may copy (published or closed, not drafts nor cancelled), newest first. */
export function listTemplates() {
  return prisma.event.findMany({
    where: { isTemplate: true, level: "nazionale", status: { in: ["pubblicato", "chiuso"] } },
    orderBy: [{ startsAt: "desc" }, { id: "asc" }],
    take: 50,
    select: { id: true, title: true, titleLanguage: true, type: true, startsAt: true },
  });
}
