// What the enrolment pages show: the enrol page, "Le mie iscrizioni", the organiser's edition view
// and its CSV export. Reads only; changes go through enrolment.server.ts.
import { canWithdraw, rankApplicants, readCriteria, readQuestions, readRecord } from "~/domain/application.ts";
import {
  ACTIVE_STATUSES,
  activeKeyFor,
  cancellationDeadline,
  ENROLMENT_STATUS_LABELS,
  editionHasEnded,
  isCurrentPlace,
  placeOutlived,
  seatCancellationDeadline,
  teacherCancelRefusal,
  type Teacher,
} from "~/domain/enrolment.ts";
import { PRESENT_STATUSES } from "~/domain/attendance.ts";
import { editionEligibility, editionSeats } from "~/domain/edition-availability.ts";
import { nameIn, reasonIn } from "~/domain/stored-reasons.ts";
import { isPublicEvent } from "~/domain/event-rules.ts";
import { generalPoolFree, quotaFree, seatsLeft, type QuotaState } from "~/domain/seat-ledger.ts";
import { labelOf, REGION_LABELS, SCHOOL_LEVEL_LABELS, type Locale } from "~/domain/vocabulary.ts";
import { translator } from "~/i18n/i18n.tsx";
import type { MessageKey } from "~/i18n/messages.ts";
import { spreadsheetCsv, spreadsheetDateTime, spreadsheetNumber } from "~/utils/csv.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { sqlJsonArray, sqlRead, sqlReadPrepared, toBool, toDate, toInt, toList } from "~/utils/sql.server.ts";
import { progressWithReasons } from "./certificate.server.ts";
import { placesProgress } from "./edition-progress.server.ts";
import { quotasOfEvent } from "./edition-quotas.server.ts";

// The enrol page's reads (also the page of a refused enrolment, 409): plain SQL, ADR 0008's rule
// for hot paths. The teacher's region, school level and role come from the session's user row.
// The event with its audience (school levels, roles) as JSON arrays: one statement, not two.
const ENROL_EVENT_SQL = `
  SELECT "id", "title", "titleLanguage", "status", "publishedAt", "cancellationReason", "level", "regionCode", "openToAllRegions",
         (SELECT ${sqlJsonArray(`sl."schoolLevel"`)} FROM "EventSchoolLevel" sl WHERE sl."eventId" = $1) AS "schoolLevels",
         (SELECT ${sqlJsonArray(`ar."role"`)} FROM "EventAudienceRole" ar WHERE ar."eventId" = $1) AS "audienceRoles"
  FROM "Event" WHERE "id" = $1`;
const ENROL_EDITIONS_SQL = `
  SELECT "id", "number", "status", "cancellationReason", "seatCap", "seatsTaken", "startsOn", "endsOn", "enrolmentOpensAt",
         "enrolmentClosesAt", "admission", "applicationQuestions", "selectionClosedAt", "hasQuotas",
         (SELECT MAX(s."endsAt") FROM "TrainingSession" s WHERE s."editionId" = "Edition"."id") AS "lastSessionEndsAt"
  FROM "Edition" WHERE "eventId" = $1 ORDER BY "number" ASC`;

// The place this teacher already holds in the event, if any: one per teacher and event (activeKey); with what
// placeOutlived reads (a place that outlived its edition holds nothing: the enrolment ends it first).
const ENROL_HELD_SQL = `
  SELECT en."status", ed."number", ed."endsOn",
         (SELECT MAX(s."endsAt") FROM "TrainingSession" s WHERE s."editionId" = ed."id") AS "lastSessionEndsAt"
  FROM "Enrolment" en JOIN "Edition" ed ON ed."id" = en."editionId"
  WHERE en."activeKey" = $1`;

type EnrolEventRow = {
  id: string;
  title: string;
  titleLanguage: string;
  status: string;
  publishedAt: Date | string | null;
  cancellationReason: string | null;
  level: string;
  regionCode: string | null;
  openToAllRegions: boolean | number | bigint | string;
  schoolLevels: string[] | string;
  audienceRoles: string[] | string;
};
type EnrolEditionRow = {
  id: string;
  number: number | bigint | string;
  status: string;
  cancellationReason: string | null;
  seatCap: number | bigint | string | null;
  seatsTaken: number | bigint | string;
  startsOn: Date | string;
  endsOn: Date | string;
  enrolmentOpensAt: Date | string;
  enrolmentClosesAt: Date | string;
  admission: string;
  applicationQuestions: string;
  selectionClosedAt: Date | string | null;
  hasQuotas: boolean | number | bigint | string;
  lastSessionEndsAt: Date | string | null;
};

export async function loadEnrolPage(teacher: Teacher, eventId: string, now: Date = new Date()) {
  const [[event], editionRows, [held]] = await Promise.all([
    sqlRead<EnrolEventRow>(ENROL_EVENT_SQL, eventId),
    sqlRead<EnrolEditionRow>(ENROL_EDITIONS_SQL, eventId),
    sqlRead<{
      status: string;
      number: number | bigint | string;
      endsOn: Date | string;
      lastSessionEndsAt: Date | string | null;
    }>(ENROL_HELD_SQL, activeKeyFor(eventId, teacher.id)),
  ]);
  const holds =
    held !== undefined && !placeOutlived(held.status, toDate(held.endsOn), toDate(held.lastSessionEndsAt), now);
  // The public pages' rule (isPublicEvent): a draft, or a draft dropped without ever being published, is not
  // found, as on the event page; its title and editions were shown here to anyone signed in with its id.
  if (!event || !isPublicEvent({ status: event.status, publishedAt: toDate(event.publishedAt) })) return null;
  // With regional quotas the teacher is shown the seats of her own pool: one more read, for those editions only.
  const quotas = editionRows.some((r) => toBool(r.hasQuotas))
    ? await quotasOfEvent(eventId)
    : new Map<string, QuotaState[]>();
  const forRules = {
    status: event.status,
    level: event.level,
    regionCode: event.regionCode,
    openToAllRegions: toBool(event.openToAllRegions),
    schoolLevels: toList(event.schoolLevels),
    audienceRoles: toList(event.audienceRoles),
  };
  // Cancelled as the event page says it (app/routes/eventi.$eventId.tsx): the event, or every one of its editions;
  // with the organiser's reason (the event's, or its only edition's).
  const cancelled =
    event.status === "annullato" || (editionRows.length > 0 && editionRows.every((r) => r.status === "annullata"));
  return {
    event: {
      id: event.id,
      title: event.title,
      titleLanguage: event.titleLanguage,
      regionCode: event.regionCode,
      cancelled,
      cancellationReason: cancelled
        ? (event.cancellationReason ?? (editionRows.length === 1 ? editionRows[0]!.cancellationReason : null))
        : null,
    },
    /** The teacher's place in this event (seat, waitlist, offer, application): no second one can be asked for. */
    held: holds ? { status: held.status, editionNumber: toInt(held.number) } : null,
    editions: editionRows.map((row) => {
      const edition = {
        id: row.id,
        number: toInt(row.number),
        status: row.status,
        seatCap: toInt(row.seatCap),
        seatsTaken: toInt(row.seatsTaken),
        startsOn: toDate(row.startsOn),
        endsOn: toDate(row.endsOn),
        enrolmentOpensAt: toDate(row.enrolmentOpensAt),
        enrolmentClosesAt: toDate(row.enrolmentClosesAt),
        admission: row.admission,
        selectionClosedAt: toDate(row.selectionClosedAt),
        lastSessionEndsAt: toDate(row.lastSessionEndsAt),
      };
      return {
        ...edition,
        questions: readQuestions(row.applicationQuestions),
        // The pool her enrolment goes to (her region's quota, or the seats no quota reserves) and the
        // other regions' reserved seats: the rule the enrolment itself applies (ADR 0011).
        ...editionSeats(edition, quotas.get(edition.id) ?? [], teacher.regionCode),
        eligibility: editionEligibility(teacher, forRules, edition, now),
      };
    }),
  };
}

type MyEnrolmentRow = {
  calendarToken: string | null;
  /** null: the teacher has no enrolments (the one row carries the calendar token alone). */
  id: string | null;
  status: string;
  waitlistSeq: number | bigint | string | null;
  quotaId: string | null;
  offerExpiresAt: Date | string | null;
  reason: string | null;
  editionId: string;
  number: number | bigint | string;
  endsOn: Date | string;
  cancellationCutoffAt: Date | string | null;
  admission: string;
  selectionClosedAt: Date | string | null;
  eventId: string;
  eventTitle: string;
  eventTitleLanguage: string;
  eventType: string;
  /** The event's completion share (percent), for the hours recorded so far. */
  completionPercent: number | bigint | string | null;
  firstSessionAt: Date | string | null;
  /** A seat's latest taking (EnrolmentChange to "iscritto"), and the first session starting after it (firstStartAfter). */
  seatTakenAt: Date | string | null;
  nextStartAfterSeat: Date | string | null;
  /** Tickets still waiting ahead in the same pool (a waiting place only). */
  ahead: number | bigint | string | null;
  hasCertificate: boolean | number | bigint | string;
  /** A seat whose register lines record the teacher there (presenceRecordedLocked's rule, read without the lock). */
  recordedPresent: boolean | number | bigint | string | null;
};

/**
 * "Le mie iscrizioni" in one statement (the page every enrolment redirects to: ADR 0008, 0030): the
 * teacher's calendar token, and each place with its edition, event, first session, waitlist position
 * (as waitlistPositionOf counts it) and whether a certificate is to be shown. The user row leads, so
 * a teacher without places still gets one row, with the token.
 */
const MY_ENROLMENTS_SQL = `
  SELECT u."calendarToken", en."id", en."status", en."waitlistSeq", en."quotaId", en."offerExpiresAt", en."reason",
         en."editionId", ed."number", ed."endsOn", ed."cancellationCutoffAt", ed."admission", ed."selectionClosedAt",
         ev."id" AS "eventId", ev."title" AS "eventTitle", ev."titleLanguage" AS "eventTitleLanguage", ev."type" AS "eventType",
         ev."completionPercent",
         (SELECT MIN(s."startsAt") FROM "TrainingSession" s WHERE s."editionId" = en."editionId") AS "firstSessionAt",
         CASE WHEN en."status" = 'iscritto' THEN
           (SELECT MAX(c."at") FROM "EnrolmentChange" c WHERE c."enrolmentId" = en."id" AND c."toStatus" = 'iscritto')
         END AS "seatTakenAt",
         CASE WHEN en."status" = 'iscritto' THEN
           (SELECT MIN(s."startsAt") FROM "TrainingSession" s
            WHERE s."editionId" = en."editionId"
              AND s."startsAt" > (SELECT MAX(c."at") FROM "EnrolmentChange" c
                                  WHERE c."enrolmentId" = en."id" AND c."toStatus" = 'iscritto'))
         END AS "nextStartAfterSeat",
         CASE WHEN en."status" <> 'in-attesa' OR en."waitlistSeq" IS NULL THEN NULL
              WHEN en."quotaId" IS NULL THEN
                (SELECT COUNT(*) FROM "Enrolment" w
                 WHERE w."editionId" = en."editionId" AND w."quotaId" IS NULL AND w."status" = 'in-attesa'
                   AND w."waitlistSeq" < en."waitlistSeq")
              ELSE
                (SELECT COUNT(*) FROM "Enrolment" w
                 WHERE w."quotaId" = en."quotaId" AND w."status" = 'in-attesa' AND w."waitlistSeq" < en."waitlistSeq")
         END AS "ahead",
         EXISTS (SELECT 1 FROM "Certificate" c
                 WHERE c."enrolmentId" = en."id" AND (c."activeKey" IS NOT NULL OR c."revokedAt" IS NOT NULL)) AS "hasCertificate",
         (en."status" = 'iscritto' AND EXISTS (SELECT 1 FROM "AttendanceRecord" a
                 WHERE a."enrolmentId" = en."id" AND a."status" IN (${PRESENT_STATUSES.map((s) => `'${s}'`).join(", ")})))
           AS "recordedPresent"
  FROM "User" u
  LEFT JOIN "Enrolment" en ON en."userId" = u."id"
  LEFT JOIN "Edition" ed ON ed."id" = en."editionId"
  LEFT JOIN "Event" ev ON ev."id" = ed."eventId"
  WHERE u."id" = $1
  ORDER BY en."createdAt" DESC, en."id" DESC`;

type TeacherCertificateRow = {
  id: string;
  code: string;
  enrolmentId: string;
  editionId: string;
  activeKey: string | null;
  revokedAt: Date | string | null;
  revokedReason: string | null;
  /** The hours the certificate states (its snapshot at issue). */
  certifiedMinutes: number | bigint | string;
};

/**
 * A teacher's valid certificate per place, and for places holding none, the latest revoked one
 * (revoked stays revoked: the page says so and why).
 */
function teacherCertificates(rows: TeacherCertificateRow[]) {
  const valid = new Map<string, TeacherCertificateRow>();
  for (const r of rows) if (r.activeKey !== null) valid.set(r.enrolmentId, r);
  const revoked = new Map<string, { code: string; revokedAt: Date; revokedReason: string | null }>();
  const byLatest = rows
    .filter((r) => r.revokedAt !== null && !valid.has(r.enrolmentId))
    .map((r) => ({ ...r, revokedAt: toDate(r.revokedAt)! }))
    .sort((a, b) => b.revokedAt.getTime() - a.revokedAt.getTime());
  for (const r of byLatest)
    if (!revoked.has(r.enrolmentId))
      revoked.set(r.enrolmentId, { code: r.code, revokedAt: r.revokedAt, revokedReason: r.revokedReason });
  return { valid, revoked };
}

/** The certificates to show (and whether each edition's questionnaire is answered): read only when a place has one. */
async function certificatesOf(userId: string) {
  const { valid, revoked } = teacherCertificates(
    await sqlRead<TeacherCertificateRow>(
      `SELECT "id", "code", "enrolmentId", "editionId", "activeKey", "revokedAt", "revokedReason", "certifiedMinutes"
       FROM "Certificate" WHERE "userId" = $1 AND ("activeKey" IS NOT NULL OR "revokedAt" IS NOT NULL)`,
      userId,
    ),
  );
  const answered = new Set(
    valid.size > 0
      ? (
          await sqlRead<{ editionId: string }>(
            `SELECT "editionId" FROM "QuestionnaireSubmission" WHERE "userId" = $1`,
            userId,
          )
        ).map((q) => q.editionId)
      : [],
  );
  return { valid, revoked, answered };
}

/**
 * What "Le mie iscrizioni" shows: the teacher's places, newest first, and the calendar feed's token.
 * One statement for a teacher without certificates or started editions (the page of every enrolment's
 * redirect); certificates are read only when a place has one (two more), and the hours recorded so far
 * only for started places holding no valid certificate, all of them at once (two more): at most five
 * statements, however many courses the teacher has followed (review 0019, teacher, finding 3).
 */
export async function loadMyEnrolmentsPage(userId: string, now: Date = new Date()) {
  const rows = await sqlReadPrepared<MyEnrolmentRow>(MY_ENROLMENTS_SQL, userId);
  const calendarToken = rows[0]?.calendarToken ?? null;
  const places = rows.filter((r) => r.id !== null);
  const { valid, revoked, answered } = places.some((r) => toBool(r.hasCertificate))
    ? await certificatesOf(userId)
    : { valid: new Map<string, TeacherCertificateRow>(), revoked: new Map(), answered: new Set<string>() };
  // The hours the register records so far, once the edition has started (issue 4), for a place holding no valid
  // certificate. Once one is issued its hours are the certified ones (as in the training plan and on the PDF): the
  // register stays open to corrections after closing and may then say other hours.
  const recorded = await placesProgress(
    places
      .filter((r) => {
        const firstSessionAt = toDate(r.firstSessionAt);
        return r.status === "iscritto" && firstSessionAt !== null && firstSessionAt <= now && !valid.has(r.id!);
      })
      .map((r) => ({ enrolmentId: r.id!, editionId: r.editionId, minimumPercent: toInt(r.completionPercent) ?? 0 })),
  );
  const enrolments = places.map((r) => {
    const id = r.id!;
    const firstSessionAt = toDate(r.firstSessionAt);
    // The seat's own deadline: a seat taken after the edition's may be given up until the next session starts.
    const deadline = seatCancellationDeadline(
      cancellationDeadline(toDate(r.cancellationCutoffAt), firstSessionAt),
      toDate(r.seatTakenAt),
      toDate(r.nextStartAfterSeat),
    );
    const cancelRefusal = teacherCancelRefusal(r.status, deadline, now, toBool(r.recordedPresent));
    const certificate = valid.get(id);
    const revokedCertificate = revoked.get(id);
    const endsOn = toDate(r.endsOn);
    const hours = recorded.get(id);
    return {
      progress: hours ? progressWithReasons(hours.plan, hours) : null,
      certificate: certificate
        ? {
            id: certificate.id,
            code: certificate.code,
            editionId: certificate.editionId,
            certifiedMinutes: toInt(certificate.certifiedMinutes),
            questionnaireAnswered: answered.has(certificate.editionId),
          }
        : null,
      /** A revoked certificate and why, when the place holds no valid one (revoked stays revoked). */
      revokedCertificate: revokedCertificate
        ? {
            code: revokedCertificate.code,
            revokedAt: revokedCertificate.revokedAt,
            reason: revokedCertificate.revokedReason,
          }
        : null,
      id,
      status: r.status,
      /** "In corso": an active status in an edition not ended yet (isCurrentPlace, as the training plan ends it). */
      active: isCurrentPlace(r.status, endsOn, now),
      endsOn,
      editionEnded: editionHasEnded(endsOn, now),
      position: r.ahead === null ? null : toInt(r.ahead) + 1,
      offerExpiresAt: toDate(r.offerExpiresAt),
      reason: r.reason,
      firstSessionAt,
      cancellationDeadline: deadline,
      /**
       * Why the teacher may not end the place themselves (teacherCancelRefusal, as the writer decides it): the page
       * says "recorded-present" (the register records them at a session: they write to the organiser) instead of
       * offering a button the writer would refuse.
       */
      cancelRefusal,
      canCancel: cancelRefusal === null,
      canWithdraw: canWithdraw(r.status, toDate(r.selectionClosedAt)),
      byApplication: r.admission === "candidatura",
      editionNumber: toInt(r.number),
      event: { id: r.eventId, title: r.eventTitle, titleLanguage: r.eventTitleLanguage, type: r.eventType },
    };
  });
  return { enrolments, calendarToken };
}

/** The teacher's places as "Le mie iscrizioni" shows them. */
export async function loadTeacherEnrolments(userId: string, now: Date = new Date()) {
  return (await loadMyEnrolmentsPage(userId, now)).enrolments;
}

/** The edition row the organiser's page and the participants CSV both show (the seat ledger's counters). */
function readOrganiserEdition(editionId: string) {
  return prisma.edition.findUnique({
    where: { id: editionId },
    select: {
      id: true,
      number: true,
      status: true,
      seatCap: true,
      seatsTaken: true,
      promotionMode: true,
      offerHours: true,
      cancellationCutoffAt: true,
      enrolmentOpensAt: true,
      enrolmentClosesAt: true,
      admission: true,
      applicationQuestions: true,
      selectionCriteria: true,
      selectionClosedAt: true,
      startsOn: true,
      endsOn: true,
      attendanceClosedAt: true,
      event: {
        select: { id: true, title: true, titleLanguage: true, level: true, regionCode: true, openToAllRegions: true },
      },
      quotas: {
        orderBy: { regionCode: "asc" },
        select: { id: true, regionCode: true, seats: true, seatsTaken: true, releasedAt: true },
      },
    },
  });
}

type OrganiserEdition = NonNullable<Awaited<ReturnType<typeof readOrganiserEdition>>>;

/**
 * The seats and waiting lines the organiser sees, one line per pool (general, or a regional quota): the seats
 * come from the edition row and its quotas (the seat ledger's counters), the waiting from the number of places
 * "in-attesa" in each pool (key: quotaId, null for the general pool).
 */
function poolSummary(edition: OrganiserEdition, waitingByPool: ReadonlyMap<string | null, number>) {
  return {
    // A cancelled edition has no seats to give: not "Posti liberi: 2" (its places were freed by the cancellation).
    seatsLeft: edition.status === "annullata" ? null : seatsLeft(edition),
    quotas: edition.quotas.map((q) => ({ ...q, free: quotaFree(q), waiting: waitingByPool.get(q.id) ?? 0 })),
    generalPool: {
      // null: no cap
      free: edition.seatCap === null ? null : generalPoolFree(edition.seatCap, edition.seatsTaken, edition.quotas),
      waiting: waitingByPool.get(null) ?? 0,
    },
  };
}

/**
 * The edition management page's overview: the edition, its seats and how many wait in each pool. Counts only
 * (one grouped count of the waiting places, on [editionId, quotaId, status, …]): the page lists places through
 * loadParticipantList, one page at a time, and an edition may have thousands waiting (review 0014, finding 4).
 */
export async function loadEditionOverview(editionId: string) {
  const [edition, waiting] = await Promise.all([
    readOrganiserEdition(editionId),
    prisma.enrolment.groupBy({
      by: ["quotaId"],
      where: { editionId, status: "in-attesa" },
      _count: { _all: true },
    }),
  ]);
  if (!edition) return null;
  return { edition, ...poolSummary(edition, new Map(waiting.map((w) => [w.quotaId, w._count._all]))) };
}

/**
 * Every place of the edition, with motivations, answers and who holds it: for the participants CSV, which
 * lists them all. The page itself reads loadEditionOverview.
 */
export async function loadEditionForOrganiser(editionId: string) {
  const edition = await readOrganiserEdition(editionId);
  if (!edition) return null;
  const enrolments = await prisma.enrolment.findMany({
    where: { editionId },
    orderBy: [{ createdAt: "asc" }],
    select: {
      id: true,
      status: true,
      waitlistSeq: true,
      quotaId: true,
      offerExpiresAt: true,
      reason: true,
      createdAt: true,
      endedAt: true,
      motivation: true,
      answers: true,
      scores: true,
      priority: true,
      totalScore: true,
      user: {
        select: {
          firstName: true,
          lastName: true,
          email: true,
          schoolName: true,
          schoolCode: true,
          regionCode: true,
          schoolLevel: true,
          emailRefusedAt: true,
        },
      },
      // The valid certificate (at most one per place): its code and hours go in the file's last columns.
      certificates: { where: { revokedAt: null }, select: { code: true, certifiedMinutes: true }, take: 1 },
    },
  });
  // Each pool (general, or a regional quota) has its own line.
  const waiting = enrolments
    .filter((e) => e.status === "in-attesa")
    .sort((a, b) => (a.quotaId ?? "").localeCompare(b.quotaId ?? "") || (a.waitlistSeq ?? 0) - (b.waitlistSeq ?? 0));
  const positions = new Map<string, number>();
  const nextInPool = new Map<string | null, number>();
  for (const e of waiting) {
    const position = (nextInPool.get(e.quotaId) ?? 0) + 1;
    nextInPool.set(e.quotaId, position);
    positions.set(e.id, position);
  }
  const withPosition = enrolments.map((e) => ({ ...e, position: positions.get(e.id) ?? null }));
  return {
    edition,
    enrolled: withPosition.filter((e) => e.status === "iscritto"),
    waitlisted: waiting.map((e) => ({ ...e, position: positions.get(e.id)! })),
    offered: withPosition.filter((e) => e.status === "offerta"),
    // In the ranking's order, as the edition's page lists them and "Seleziona le prime N" takes them.
    candidates: rankApplicants(withPosition.filter((e) => e.status === "candidato")),
    ended: withPosition.filter((e) => !(ACTIVE_STATUSES as readonly string[]).includes(e.status)),
    // The last position in each pool is how many wait in it.
    ...poolSummary(edition, nextInPool),
  };
}

/**
 * The participants list for Excel: UTF-8 with BOM (so Excel reads accents), ";" as separator
 * (Excel's default with Italian regional settings), column names in the person's language, dates and times in
 * Europe/Rome as a spreadsheet reads them (spreadsheetDateTime), the score with a decimal comma in either
 * language (spreadsheetNumber).
 */
export function editionCsv(
  data: NonNullable<Awaited<ReturnType<typeof loadEditionForOrganiser>>>,
  locale: Locale = "it",
): string {
  const t = translator(locale);
  // Application editions add the motivation, one column per question, the applicant's place in the ranking, the
  // priority flag, one column per criterion and the total score (what the ranking used, so the file can be sorted
  // back into it); first-come editions with registration questions, one column per question.
  const byApplication = data.edition.admission === "candidatura";
  const questions = readQuestions(data.edition.applicationQuestions);
  const criteria = byApplication ? readCriteria(data.edition.selectionCriteria) : [];
  const criterionColumns = criteria.map((c, i) => ({
    key: `c${i}`,
    header: t("participants.export.criterion", { label: c.label, max: c.maxScore }),
  }));
  const rankOf = new Map(data.candidates.map((c, i) => [c.id, i + 1]));
  const score = (value: number) => spreadsheetNumber(value, { maximumFractionDigits: 2 });
  const questionColumns = questions.map((q, i) => ({
    key: `q${i}`,
    header: t("participants.export.question", { number: i + 1, label: q.label }),
  }));
  // Editions split into regional quotas say which pool each person holds or awaits a seat in.
  const quotaRegion = new Map(data.quotas.map((q) => [q.id, q.regionCode]));
  const poolOf = (quotaId: string | null) =>
    quotaId && quotaRegion.has(quotaId)
      ? t("participants.export.quota", { region: labelOf(REGION_LABELS, quotaRegion.get(quotaId), locale) })
      : t("participants.export.generalPool");
  const rows = [...data.enrolled, ...data.offered, ...data.waitlisted, ...data.candidates, ...data.ended].map((e) => {
    const answers = readRecord<string>(e.answers, "string");
    // A closed account's pseudonym in the file's language.
    const { firstName, lastName } = nameIn(e.user, locale);
    const certificate = e.certificates[0];
    return {
      lastName,
      firstName,
      email: e.user.email,
      school: e.user.schoolName ?? "",
      schoolCode: e.user.schoolCode ?? "",
      schoolLevel: labelOf(SCHOOL_LEVEL_LABELS, e.user.schoolLevel, locale),
      region: labelOf(REGION_LABELS, e.user.regionCode, locale),
      status: labelOf(ENROLMENT_STATUS_LABELS, e.status, locale),
      position: e.position ?? "",
      ...(data.quotas.length > 0 ? { pool: poolOf(e.quotaId) } : {}),
      offerExpiresAt: e.offerExpiresAt ? spreadsheetDateTime(e.offerExpiresAt) : "",
      requestedAt: spreadsheetDateTime(e.createdAt),
      reason: reasonIn(e.reason, locale) ?? "",
      ...(byApplication ? { motivation: e.motivation ?? "" } : {}),
      ...Object.fromEntries(questions.map((q, i) => [`q${i}`, answers[q.id] ?? ""])),
      // In the file's convention whatever the language ("7,5"): the English "7.5" stayed text in an Italian Excel.
      ...(byApplication
        ? {
            rank: rankOf.get(e.id) ?? "",
            priority: t(e.priority ? "participants.export.yes" : "participants.export.no"),
            ...Object.fromEntries(
              criteria.map((c, i) => {
                const given = readRecord<number>(e.scores, "number")[c.id];
                return [`c${i}`, given === undefined ? "" : score(given)];
              }),
            ),
            totalScore: e.totalScore === null ? "" : score(e.totalScore),
          }
        : {}),
      // Who completed, with the code a school or SOFIA asks for and the hours it states (decimal, as ore.csv).
      certificate: certificate?.code ?? "",
      certifiedHours: certificate
        ? spreadsheetNumber(certificate.certifiedMinutes / 60, { maximumFractionDigits: 2 })
        : "",
    };
  });
  const column = (key: string) => ({ key, header: t(`participants.export.${key}` as MessageKey) });
  const columns = [
    ...["lastName", "firstName", "email", "school", "schoolCode", "schoolLevel", "region", "status", "position"].map(
      column,
    ),
    ...(data.quotas.length > 0 ? [column("pool")] : []),
    // The fixed columns first (the certificate's code and hours among them), then those each edition has its own of.
    ...["offerExpiresAt", "requestedAt", "reason", "certificate", "certifiedHours"].map(column),
    ...(byApplication
      ? [
          column("motivation"),
          ...questionColumns,
          column("rank"),
          column("priority"),
          ...criterionColumns,
          column("totalScore"),
        ]
      : questionColumns),
  ];
  return spreadsheetCsv(rows, columns);
}
