// The teacher's training plan ("Il mio piano"): what the page and its PDF show, the personal
// target and email preference, external training and its certificate file. Every function takes
// the signed-in user's id and only reads or changes that user's rows.
// Certificates' bytes live in the file store (ADR 0015) under "external-training/<ExternalTraining.id>":
// the key never contains anything the client sent. (Files an older version kept under
// data/uploads/ are imported by scripts/import-uploads.ts.)
import { ACTIVE_STATUSES, eligibleOnceOpen } from "~/domain/enrolment.ts";
import {
  buildGrid,
  certificateDownloadName,
  checkCertificate,
  externalItemState,
  fillsCell,
  formaItemState,
  gapsOf,
  isPlanItemState,
  planTotals,
  schoolYearOf,
  schoolYearRange,
  type CertificateType,
  type FormaPlaceState,
  type GridCellKey,
  type PlanItem,
  type SchoolYear,
} from "~/domain/training-plan.ts";
import { sessionMode } from "~/domain/session-place.ts";
import { EVENT_MODES } from "~/domain/vocabulary.ts";
import type { ExternalTrainingInput } from "~/forms/training-plan-forms.ts";
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { fileKey, fileStore } from "~/utils/file-store.server.ts";

export const SUGGESTIONS_PER_GAP = 3;

/** The store key of a training's certificate (an id is a cuid: letters and digits). */
export function certificateKey(trainingId: string): string {
  return fileKey("external-training", trainingId);
}

export type Suggestion = {
  id: string;
  title: string;
  titleLanguage: string;
  type: string;
  level: string;
  mode: string;
  startsAt: Date | null;
  certifiedMinutes: number;
};

export async function loadTrainingPlan(userId: string, year: SchoolYear, now: Date = new Date()) {
  const { from, toExclusive } = schoolYearRange(year);
  const [teacher, enrolments, externals, upcomingSeats] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        id: true,
        firstName: true,
        lastName: true,
        email: true,
        schoolName: true,
        regionCode: true,
        schoolLevel: true,
        professionalRole: true,
        trainingTargetMinutes: true,
        emailReminders: true,
      },
    }),
    prisma.enrolment.findMany({
      where: {
        userId,
        status: { in: [...ACTIVE_STATUSES] },
        edition: { startsOn: { gte: from, lt: toExclusive }, status: { not: "annullata" } },
      },
      select: {
        id: true,
        status: true,
        edition: {
          select: {
            id: true,
            number: true,
            startsOn: true,
            endsOn: true,
            attendanceClosedAt: true,
            event: {
              select: {
                id: true,
                title: true,
                titleLanguage: true,
                type: true,
                level: true,
                mode: true,
                certifiedMinutes: true,
                venue: true,
              },
            },
          },
        },
        // A valid certificate: its certified minutes replace the event's expected hours.
        certificates: {
          where: { activeKey: { not: null } },
          select: { id: true, code: true, certifiedMinutes: true, issuedAt: true },
        },
      },
    }),
    prisma.externalTraining.findMany({
      where: { userId, startsOn: { gte: from, lt: toExclusive } },
      orderBy: [{ startsOn: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        title: true,
        organiser: true,
        startsOn: true,
        endsOn: true,
        minutes: true,
        level: true,
        mode: true,
        certificateMimeType: true,
      },
    }),
    // "Prossimi incontri" are the coming dates, whatever school year their edition counts in: an
    // edition starting in September is listed in August too (the year's lists above are its accounting).
    prisma.enrolment.findMany({
      where: {
        userId,
        status: "iscritto",
        edition: { status: { not: "annullata" }, sessions: { some: { endsAt: { gte: now } } } },
      },
      select: {
        edition: {
          select: {
            number: true,
            sessions: {
              where: { endsAt: { gte: now } },
              orderBy: { startsAt: "asc" },
              select: { id: true, title: true, startsAt: true, endsAt: true, delivery: true, place: true },
            },
            event: { select: { id: true, title: true, titleLanguage: true, mode: true } },
          },
        },
      },
    }),
  ]);

  const forma = enrolments
    .map((e) => ({
      e,
      state: formaItemState(
        e.status,
        e.edition.endsOn,
        now,
        e.certificates[0]?.issuedAt ?? null,
        e.edition.attendanceClosedAt,
      ),
    }))
    .filter((x): x is { e: (typeof enrolments)[number]; state: FormaPlaceState } => x.state !== null)
    .sort((a, b) => a.e.edition.startsOn.getTime() - b.e.edition.startsOn.getTime());
  // Only seats held fill the grid and count in the hours: waitlist positions, offers and
  // applications ("in-sospeso") are listed with their status, nothing more.
  const seats = forma.flatMap(({ e, state }) => (isPlanItemState(state) ? [{ e, state }] : []));

  const items: PlanItem[] = [
    ...seats.map(({ e, state }) => ({
      kind: "forma" as const,
      id: e.id,
      title: e.edition.event.title,
      titleLanguage: e.edition.event.titleLanguage,
      level: e.edition.event.level,
      mode: e.edition.event.mode,
      type: e.edition.event.type,
      minutes: formaMinutes(e),
      state,
    })),
    ...externals.map((x) => ({
      kind: "esterna" as const,
      id: x.id,
      title: x.title,
      level: x.level,
      mode: x.mode,
      type: null,
      minutes: x.minutes,
      state: externalItemState(x.endsOn, now),
    })),
  ];

  const upcomingSessions = upcomingSeats
    .flatMap((e) =>
      e.edition.sessions.map((s) => ({
        ...s,
        eventId: e.edition.event.id,
        eventTitle: e.edition.event.title,
        eventTitleLanguage: e.edition.event.titleLanguage,
        // Where this session is held: a blended event's session may be in one place only (ADR 0091).
        mode: sessionMode(s, e.edition.event),
        editionNumber: e.edition.number,
      })),
    )
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

  const grid = buildGrid(items);
  const gaps = gapsOf(grid);
  const suggestions = await suggestionsFor(
    teacher,
    gaps.map((g) => g.key),
    year,
    now,
  );

  const enrolmentRow = ({ e, state }: (typeof forma)[number]) => ({
    id: e.id,
    status: e.status,
    state,
    eventId: e.edition.event.id,
    title: e.edition.event.title,
    titleLanguage: e.edition.event.titleLanguage,
    type: e.edition.event.type,
    level: e.edition.event.level,
    mode: e.edition.event.mode,
    minutes: formaMinutes(e),
    certificate: e.certificates[0] ? { id: e.certificates[0].id, code: e.certificates[0].code } : null,
    editionNumber: e.edition.number,
    startsOn: e.edition.startsOn,
    endsOn: e.edition.endsOn,
  });

  return {
    teacher,
    year,
    current: schoolYearOf(now),
    upcomingSessions,
    /** Seats in editions not ended, and waitlist positions, offers and applications (no seat: not in the grid nor the hours). */
    active: forma.filter((x) => x.state === "in-corso" || x.state === "in-sospeso").map(enrolmentRow),
    /** Ended editions: certified, certificate being prepared (register open) or not certified. */
    completed: forma
      .filter((x) => x.state === "non-certificata" || x.state === "certificata" || x.state === "in-attesa-di-attestato")
      .map(enrolmentRow),
    externals: externals.map(({ certificateMimeType, ...x }) => ({
      ...x,
      state: externalItemState(x.endsOn, now),
      hasCertificate: certificateMimeType !== null,
    })),
    totals: planTotals(items, teacher.trainingTargetMinutes),
    grid,
    suggestions,
  };
}

export type TrainingPlan = Awaited<ReturnType<typeof loadTrainingPlan>>;

/**
 * A Forma enrolment's hours: the certificate's certified minutes when it has one, else the
 * event's nominal hours (shown as not certified or upcoming, never counted as certified).
 */
function formaMinutes(e: {
  certificates: { certifiedMinutes: number }[];
  edition: { event: { certifiedMinutes: number } };
}): number {
  return e.certificates[0]?.certifiedMinutes ?? e.edition.event.certifiedMinutes;
}

/**
 * Up to SUGGESTIONS_PER_GAP published events per empty cell, starting in the school year and not
 * over, that the teacher may enrol in (checkEligibility: region, school level, role), soonest first.
 * An edition whose enrolment opens later still counts if the teacher will be able to enrol then
 * (eligibleOnceOpen: the audience is checked all the same).
 * Past school years get none.
 *
 * One query per empty cell (six at most) with every condition that decides what the cell shows in
 * its WHERE (the cell's level and modes, the region, the audience, the edition) before its limit,
 * so events for other cells or other teachers (the many national webinars, those for another school
 * level or role) never take a cell's places; then one query reads the chosen events. The WHERE
 * narrows to what eligibleOnceOpen accepts; eligibleOnceOpen still decides.
 */
async function suggestionsFor(
  teacher: { id: string; regionCode: string; schoolLevel: string; professionalRole: string },
  gaps: GridCellKey[],
  year: SchoolYear,
  now: Date,
): Promise<Partial<Record<GridCellKey, Suggestion[]>>> {
  const result: Partial<Record<GridCellKey, Suggestion[]>> = {};
  const { from, toExclusive } = schoolYearRange(year);
  if (gaps.length === 0 || toExclusive <= now) return result;
  // The events the teacher already holds a place in (a few): not suggested again.
  const held = [
    ...new Set(
      (
        await prisma.enrolment.findMany({
          where: { userId: teacher.id, status: { in: [...ACTIVE_STATUSES] } },
          select: { eventId: true },
        })
      ).map((e) => e.eventId),
    ),
  ];
  const editionWhere = {
    status: "attiva",
    startsOn: { gte: from, lt: toExclusive },
    enrolmentClosesAt: { gt: now },
  } satisfies Prisma.EditionWhereInput;
  const order = [{ startsAt: "asc" }, { id: "asc" }] satisfies Prisma.EventOrderByWithRelationInput[];
  const cellIds = await Promise.all(
    gaps.map(async (key) => {
      const level = key.split("|")[0]!;
      const rows = await prisma.event.findMany({
        where: {
          status: "pubblicato",
          level,
          // The modes that fill the cell (a blended event fills both columns).
          mode: { in: EVENT_MODES.filter((mode) => fillsCell(level, mode, { key })) },
          // Not over. Written as NOT (endsAt <= now), which SQLite uses no index for: without the
          // planner's statistics it then walks the catalogue index in date order and stops at the
          // cell's first events, instead of reading every upcoming event by its end to sort them.
          NOT: { endsAt: { lte: now } },
          ...(held.length > 0 ? { id: { notIn: held } } : {}),
          AND: [
            { OR: [{ level: { not: "regionale" } }, { regionCode: teacher.regionCode }, { openToAllRegions: true }] },
            {
              OR: [{ schoolLevels: { none: {} } }, { schoolLevels: { some: { schoolLevel: teacher.schoolLevel } } }],
            },
            { OR: [{ audienceRoles: { none: {} } }, { audienceRoles: { some: { role: teacher.professionalRole } } }] },
          ],
          editions: { some: editionWhere },
        },
        orderBy: order,
        take: SUGGESTIONS_PER_GAP,
        select: { id: true },
      });
      return rows.map((r) => r.id);
    }),
  );
  const ids = [...new Set(cellIds.flat())];
  if (ids.length === 0) return Object.fromEntries(gaps.map((key) => [key, []]));
  const events = await prisma.event.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      title: true,
      titleLanguage: true,
      type: true,
      level: true,
      mode: true,
      status: true,
      regionCode: true,
      openToAllRegions: true,
      startsAt: true,
      certifiedMinutes: true,
      schoolLevels: { select: { schoolLevel: true } },
      audienceRoles: { select: { role: true } },
      editions: {
        where: editionWhere,
        select: {
          status: true,
          enrolmentOpensAt: true,
          enrolmentClosesAt: true,
          // The last session's end: an edition whose training is over is not suggested (trainingOver).
          sessions: { select: { endsAt: true }, orderBy: { endsAt: "desc" }, take: 1 },
        },
      },
    },
  });
  const eligible = new Map(
    events
      .filter((event) => {
        const forRules = {
          ...event,
          schoolLevels: event.schoolLevels.map((s) => s.schoolLevel),
          audienceRoles: event.audienceRoles.map((r) => r.role),
        };
        return event.editions.some(
          ({ sessions, ...edition }) =>
            eligibleOnceOpen(teacher, forRules, { ...edition, lastSessionEndsAt: sessions[0]?.endsAt ?? null }, now).ok,
        );
      })
      .map(({ id, title, titleLanguage, type, level, mode, startsAt, certifiedMinutes }) => [
        id,
        { id, title, titleLanguage, type, level, mode, startsAt, certifiedMinutes } satisfies Suggestion,
      ]),
  );
  gaps.forEach((key, i) => {
    result[key] = cellIds[i]!.flatMap((id) => eligible.get(id) ?? []);
  });
  return result;
}

export async function setTrainingTarget(userId: string, minutes: number | null) {
  await prisma.user.update({ where: { id: userId }, data: { trainingTargetMinutes: minutes } });
}

export async function setEmailReminders(userId: string, on: boolean) {
  await prisma.user.update({ where: { id: userId }, data: { emailReminders: on } });
}

export type CertificateRefusal = "too-large" | "bad-type" | "empty";

/** Records external training; the certificate (if any) is checked by its bytes, then written under its row's id. */
export async function addExternalTraining(
  userId: string,
  input: Omit<ExternalTrainingInput, "certificate">,
  certificate: Uint8Array | null,
): Promise<{ ok: true; id: string } | { ok: false; reason: CertificateRefusal }> {
  let type: CertificateType | null = null;
  if (certificate) {
    const check = checkCertificate(certificate);
    if (!check.ok) return check;
    type = check.type;
  }
  const row = await prisma.externalTraining.create({
    data: {
      userId,
      title: input.title,
      organiser: input.organiser,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      minutes: input.hours,
      level: input.level ?? null,
      mode: input.mode ?? null,
      certificateMimeType: type,
      certificateFileName: type ? certificateDownloadName(input.title, type) : null,
    },
    select: { id: true },
  });
  if (certificate && type) {
    try {
      await fileStore().put(certificateKey(row.id), certificate);
    } catch (error) {
      await prisma.externalTraining.delete({ where: { id: row.id } });
      throw error;
    }
  }
  return { ok: true, id: row.id };
}

/** Deletes the user's own external training and its file; false when there is none of theirs. */
export async function deleteExternalTraining(userId: string, trainingId: string): Promise<boolean> {
  const row = await prisma.externalTraining.findFirst({ where: { id: trainingId, userId }, select: { id: true } });
  if (!row) return false;
  await prisma.externalTraining.delete({ where: { id: row.id } });
  await fileStore().delete([certificateKey(row.id)]);
  return true;
}

/**
 * Why readCertificate found nothing, for the download's refusal page (ADR 0092): a certificate file of
 * someone else's training, or null (no such training, or one with no file: the generic "not found").
 * Asked only for a signed-in person: a visitor is sent to sign in before any lookup.
 */
export async function certificateFileRefusal(userId: string, trainingId: string) {
  const row = await prisma.externalTraining.findUnique({
    where: { id: trainingId },
    select: { userId: true, certificateMimeType: true },
  });
  return row?.certificateMimeType && row.userId !== userId ? ("trainingCertificateNotYours" as const) : null;
}

/** The owner's certificate file, or null (someone else's too: certificateFileRefusal tells that case apart). */
export async function readCertificate(userId: string, trainingId: string) {
  const row = await prisma.externalTraining.findFirst({
    where: { id: trainingId, userId },
    select: { id: true, certificateMimeType: true, certificateFileName: true },
  });
  if (!row?.certificateMimeType) return null;
  const bytes = await fileStore().get(certificateKey(row.id));
  if (!bytes) return null;
  return { bytes, mimeType: row.certificateMimeType, fileName: row.certificateFileName ?? "attestato" };
}
