// What the enrolment pages show: the enrol page, "Le mie iscrizioni", the organiser's edition view
// and its CSV export. Reads only; changes go through enrolment.server.ts.
import { canWithdraw, readQuestions, readRecord } from "~/domain/application.ts";
import {
  ACTIVE_STATUSES,
  cancellationDeadline,
  canTeacherCancel,
  checkEligibility,
  ENROLMENT_STATUS_LABELS,
  type Eligibility,
  type Teacher,
} from "~/domain/enrolment.ts";
import { generalPoolFree, quotaFree, seatsLeft } from "~/domain/seat-ledger.ts";
import { labelOf, REGION_LABELS, SCHOOL_LEVEL_LABELS, type Locale } from "~/domain/vocabulary.ts";
import { formatDateTime } from "~/utils/dates.ts";
import { spreadsheetCsv } from "~/utils/csv.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { sqlRead, toBool, toDate, toInt } from "~/utils/sql.server.ts";
import { waitlistPositionOf } from "./enrolment-seat.server.ts";
import { progressWithReasons } from "./certificate.server.ts";
import { editionProgress } from "./edition-progress.server.ts";

// The enrol page's reads (also the page of a refused enrolment, 409): plain SQL, ADR 0008's rule
// for hot paths. The teacher's region, school level and role come from the session's user row.
const ENROL_EVENT_SQL = `
  SELECT "id", "title", "status", "level", "regionCode", "openToAllRegions" FROM "Event" WHERE "id" = $1`;
const ENROL_AUDIENCE_SQL = `
  SELECT 'level' AS "kind", "schoolLevel" AS "value" FROM "EventSchoolLevel" WHERE "eventId" = $1
  UNION ALL
  SELECT 'role' AS "kind", "role" AS "value" FROM "EventAudienceRole" WHERE "eventId" = $1`;
const ENROL_EDITIONS_SQL = `
  SELECT "id", "number", "status", "seatCap", "seatsTaken", "startsOn", "endsOn", "enrolmentOpensAt",
         "enrolmentClosesAt", "admission", "applicationQuestions", "selectionClosedAt"
  FROM "Edition" WHERE "eventId" = $1 ORDER BY "number" ASC`;

type EnrolEventRow = {
  id: string;
  title: string;
  status: string;
  level: string;
  regionCode: string | null;
  openToAllRegions: boolean | number | bigint | string;
};
type EnrolEditionRow = {
  id: string;
  number: number | bigint | string;
  status: string;
  seatCap: number | bigint | string | null;
  seatsTaken: number | bigint | string;
  startsOn: Date | string;
  endsOn: Date | string;
  enrolmentOpensAt: Date | string;
  enrolmentClosesAt: Date | string;
  admission: string;
  applicationQuestions: string;
  selectionClosedAt: Date | string | null;
};

export async function loadEnrolPage(teacher: Teacher, eventId: string, now: Date = new Date()) {
  const [[event], audience, editionRows] = await Promise.all([
    sqlRead<EnrolEventRow>(ENROL_EVENT_SQL, eventId),
    sqlRead<{ kind: string; value: string }>(ENROL_AUDIENCE_SQL, eventId),
    sqlRead<EnrolEditionRow>(ENROL_EDITIONS_SQL, eventId),
  ]);
  if (!event || event.status === "bozza") return null;
  const forRules = {
    status: event.status,
    level: event.level,
    regionCode: event.regionCode,
    openToAllRegions: toBool(event.openToAllRegions),
    schoolLevels: audience.filter((a) => a.kind === "level").map((a) => a.value),
    audienceRoles: audience.filter((a) => a.kind === "role").map((a) => a.value),
  };
  return {
    event: { id: event.id, title: event.title, regionCode: event.regionCode },
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
      };
      return {
        ...edition,
        questions: readQuestions(row.applicationQuestions),
        seatsLeft: seatsLeft(edition),
        eligibility: (edition.admission === "candidatura" && edition.selectionClosedAt
          ? { ok: false, reason: "enrolment-closed-early" }
          : checkEligibility(teacher, forRules, edition, now)) as Eligibility,
      };
    }),
  };
}

/** One teacher's certified hours in one edition, with the titles of required activities still to do. */
async function teacherProgress(editionId: string, enrolmentId: string) {
  const result = await editionProgress(editionId, [enrolmentId]);
  const p = result?.participants[0];
  return result && p ? progressWithReasons(result.plan, p) : null;
}

type TeacherEnrolmentRow = {
  id: string;
  status: string;
  waitlistSeq: number | bigint | string | null;
  quotaId: string | null;
  offerExpiresAt: Date | string | null;
  reason: string | null;
  createdAt: Date | string;
  editionId: string;
  number: number | bigint | string;
  cancellationCutoffAt: Date | string | null;
  admission: string;
  selectionClosedAt: Date | string | null;
  eventId: string;
  eventTitle: string;
  eventType: string;
  eventLevel: string;
  firstSessionAt: Date | string | null;
};

type TeacherCertificateRow = {
  id: string;
  code: string;
  enrolmentId: string;
  editionId: string;
  activeKey: string | null;
  revokedAt: Date | string | null;
  revokedReason: string | null;
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

export async function loadTeacherEnrolments(userId: string, now: Date = new Date()) {
  // "Le mie iscrizioni" is the page every enrolment redirects to, so it reads in plain SQL (ADR
  // 0008): three statements instead of Prisma's seven (each compiled per call).
  const [enrolmentRows, certificateRows] = await Promise.all([
    sqlRead<TeacherEnrolmentRow>(
      `SELECT en."id", en."status", en."waitlistSeq", en."quotaId", en."offerExpiresAt", en."reason",
              en."createdAt", en."editionId", ed."number", ed."cancellationCutoffAt", ed."admission",
              ed."selectionClosedAt", ev."id" AS "eventId", ev."title" AS "eventTitle", ev."type" AS "eventType",
              ev."level" AS "eventLevel",
              (SELECT MIN(s."startsAt") FROM "TrainingSession" s WHERE s."editionId" = en."editionId") AS "firstSessionAt"
       FROM "Enrolment" en
       JOIN "Edition" ed ON ed."id" = en."editionId"
       JOIN "Event" ev ON ev."id" = ed."eventId"
       WHERE en."userId" = $1
       ORDER BY en."createdAt" DESC, en."id" DESC`,
      userId,
    ),
    sqlRead<TeacherCertificateRow>(
      `SELECT "id", "code", "enrolmentId", "editionId", "activeKey", "revokedAt", "revokedReason"
       FROM "Certificate" WHERE "userId" = $1 AND ("activeKey" IS NOT NULL OR "revokedAt" IS NOT NULL)`,
      userId,
    ),
  ]);
  const { valid: certificates, revoked } = teacherCertificates(certificateRows);
  const answered = new Set(
    certificates.size > 0
      ? (
          await sqlRead<{ editionId: string }>(
            `SELECT "editionId" FROM "QuestionnaireSubmission" WHERE "userId" = $1`,
            userId,
          )
        ).map((q) => q.editionId)
      : [],
  );
  const rows = enrolmentRows.map((r) => ({
    id: r.id,
    status: r.status,
    waitlistSeq: toInt(r.waitlistSeq),
    quotaId: r.quotaId,
    offerExpiresAt: toDate(r.offerExpiresAt),
    reason: r.reason,
    editionId: r.editionId,
    firstSessionAt: toDate(r.firstSessionAt),
    edition: {
      number: toInt(r.number),
      cancellationCutoffAt: toDate(r.cancellationCutoffAt),
      admission: r.admission,
      selectionClosedAt: toDate(r.selectionClosedAt),
      event: { id: r.eventId, title: r.eventTitle, type: r.eventType, level: r.eventLevel },
    },
  }));
  return Promise.all(
    rows.map(async (row) => {
      const firstSessionAt = row.firstSessionAt;
      const deadline = cancellationDeadline(row.edition.cancellationCutoffAt, firstSessionAt);
      const certificate = certificates.get(row.id);
      return {
        // Certified hours so far, once the edition has started (issue 4), and the certificate when issued.
        progress:
          row.status === "iscritto" && firstSessionAt && firstSessionAt <= now
            ? await teacherProgress(row.editionId, row.id)
            : null,
        certificate: certificate
          ? {
              id: certificate.id,
              code: certificate.code,
              editionId: certificate.editionId,
              questionnaireAnswered: answered.has(certificate.editionId),
            }
          : null,
        /** A revoked certificate and why, when the place holds no valid one (revoked stays revoked). */
        revokedCertificate: revoked.has(row.id)
          ? {
              code: revoked.get(row.id)!.code,
              revokedAt: revoked.get(row.id)!.revokedAt!,
              reason: revoked.get(row.id)!.revokedReason,
            }
          : null,
        id: row.id,
        status: row.status,
        active: (ACTIVE_STATUSES as readonly string[]).includes(row.status),
        position:
          row.status === "in-attesa" && row.waitlistSeq !== null
            ? await waitlistPositionOf(row.editionId, row.waitlistSeq, row.quotaId)
            : null,
        offerExpiresAt: row.offerExpiresAt,
        reason: row.reason,
        firstSessionAt,
        cancellationDeadline: deadline,
        canCancel: canTeacherCancel(row.status, deadline, now),
        canWithdraw: canWithdraw(row.status, row.edition.selectionClosedAt),
        byApplication: row.edition.admission === "candidatura",
        editionNumber: row.edition.number,
        event: row.edition.event,
      };
    }),
  );
}

export async function loadEditionForOrganiser(editionId: string) {
  const edition = await prisma.edition.findUnique({
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
      selectionClosedAt: true,
      startsOn: true,
      event: { select: { id: true, title: true, level: true, regionCode: true } },
      quotas: {
        orderBy: { regionCode: "asc" },
        select: { id: true, regionCode: true, seats: true, seatsTaken: true, releasedAt: true },
      },
    },
  });
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
        },
      },
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
  const waitingByPool = new Map<string | null, number>(nextInPool);
  const withPosition = enrolments.map((e) => ({ ...e, position: positions.get(e.id) ?? null }));
  return {
    edition,
    enrolled: withPosition.filter((e) => e.status === "iscritto"),
    waitlisted: waiting.map((e) => ({ ...e, position: positions.get(e.id)! })),
    offered: withPosition.filter((e) => e.status === "offerta"),
    candidates: withPosition.filter((e) => e.status === "candidato"),
    ended: withPosition.filter((e) => !(ACTIVE_STATUSES as readonly string[]).includes(e.status)),
    seatsLeft: seatsLeft(edition),
    quotas: edition.quotas.map((q) => ({ ...q, free: quotaFree(q), waiting: waitingByPool.get(q.id) ?? 0 })),
    generalPool: {
      // null: no cap
      free: edition.seatCap === null ? null : generalPoolFree(edition.seatCap, edition.seatsTaken, edition.quotas),
      waiting: waitingByPool.get(null) ?? 0,
    },
  };
}

/**
 * The participants list for Excel: UTF-8 with BOM (so Excel reads accents), ";" as separator
 * (Excel's default with Italian regional settings), Italian column names, dates in Europe/Rome.
 */
export function editionCsv(
  data: NonNullable<Awaited<ReturnType<typeof loadEditionForOrganiser>>>,
  locale: Locale = "it",
): string {
  // Application editions add the motivation, one column per question and the total score;
  // first-come editions with registration questions, one column per question.
  const byApplication = data.edition.admission === "candidatura";
  const questions = readQuestions(data.edition.applicationQuestions);
  const questionColumns = questions.map((q, i) => `Domanda ${i + 1}: ${q.label}`);
  const decimal = new Intl.NumberFormat(locale === "en" ? "en-GB" : "it-IT", {
    maximumFractionDigits: 2,
    useGrouping: false,
  });
  // Editions split into regional quotas say which pool each person holds or awaits a seat in.
  const quotaRegion = new Map(data.quotas.map((q) => [q.id, q.regionCode]));
  const poolOf = (quotaId: string | null) =>
    quotaId && quotaRegion.has(quotaId)
      ? `Quota ${labelOf(REGION_LABELS, quotaRegion.get(quotaId), locale)}`
      : "Posti generali";
  const rows = [...data.enrolled, ...data.offered, ...data.waitlisted, ...data.candidates, ...data.ended].map((e) => ({
    Cognome: e.user.lastName,
    Nome: e.user.firstName,
    Email: e.user.email,
    Scuola: e.user.schoolName ?? "",
    "Codice meccanografico": e.user.schoolCode ?? "",
    "Ordine di scuola": labelOf(SCHOOL_LEVEL_LABELS, e.user.schoolLevel, locale),
    Regione: labelOf(REGION_LABELS, e.user.regionCode, locale),
    Stato: labelOf(ENROLMENT_STATUS_LABELS, e.status, locale),
    "Posizione in lista d'attesa": e.position ?? "",
    ...(data.quotas.length > 0 ? { Posti: poolOf(e.quotaId) } : {}),
    "Scadenza offerta": e.offerExpiresAt ? formatDateTime(e.offerExpiresAt, locale) : "",
    "Data richiesta": formatDateTime(e.createdAt, locale),
    Motivo: e.reason ?? "",
    ...(byApplication
      ? {
          Motivazione: e.motivation ?? "",
          ...Object.fromEntries(
            questions.map((q, i) => [questionColumns[i], readRecord<string>(e.answers, "string")[q.id] ?? ""]),
          ),
          "Punteggio totale": e.totalScore === null ? "" : decimal.format(e.totalScore),
        }
      : Object.fromEntries(
          questions.map((q, i) => [questionColumns[i], readRecord<string>(e.answers, "string")[q.id] ?? ""]),
        )),
  }));
  const columns = [
    "Cognome",
    "Nome",
    "Email",
    "Scuola",
    "Codice meccanografico",
    "Ordine di scuola",
    "Regione",
    "Stato",
    "Posizione in lista d'attesa",
    ...(data.quotas.length > 0 ? ["Posti"] : []),
    "Scadenza offerta",
    "Data richiesta",
    "Motivo",
    ...(byApplication ? ["Motivazione", ...questionColumns, "Punteggio totale"] : questionColumns),
  ];
  return spreadsheetCsv(rows, columns);
}
