// "I miei dati" (GDPR articles 15 and 20): everything Forma holds about a person, as a ZIP of
// JSON files plus the files they uploaded, streamed out as it is built.
//
// Memory stays flat whatever the history: each table is read in pages of PAGE_SIZE rows (keyset
// on the primary key), each page is serialised and pushed into the ZIP (fflate, deflate level 6),
// and the writer waits for the HTTP response to drain before reading the next page. Uploaded
// files are read one at a time from the file store (ADR 0015) and pushed in chunks.
//
// Left out on purpose: the anonymous questionnaire answers (nothing links them to the person:
// only the fact of answering, QuestionnaireSubmission, is theirs), secrets (password hash,
// session ids, token hashes, the calendar feed token, raw tokens still in the outbox).
import type { Readable } from "node:stream";
import { ZipDeflate, ZipPassThrough } from "fflate";
import { prisma } from "~/utils/db.server.ts";
import { fileStore } from "~/utils/file-store.server.ts";
import { streamZip } from "~/utils/zip.server.ts";
import type { Locale } from "~/domain/vocabulary.ts";
import { asLocale } from "~/i18n/i18n.tsx";
import { certificateKey } from "./training-plan.server.ts";
import { BULK_MOVE_AUDIT_ACTION } from "./bulk-move.server.ts";

export const PAGE_SIZE = 500;

/**
 * The archive's file and folder names, Italian and English: the one table. An archive names them in one language,
 * the one its ZIP is named in ("forma-i-miei-dati-<day>.zip" / "forma-my-data-<day>.zip", ADR 0078), and its readme
 * lists them as they are in it (the readme's words stay bilingual). The Italian names are those of before the English
 * ones (ADR 0013, addendum 07/12/2026).
 */
export const ARCHIVE_FILES = {
  readme: { it: "LEGGIMI.txt", en: "README.txt" },
  profile: { it: "profilo.json", en: "profile.json" },
  enrolments: { it: "iscrizioni.json", en: "enrolments.json" },
  enrolmentHistory: { it: "storia-iscrizioni.json", en: "enrolment-history.json" },
  attendance: { it: "presenze.json", en: "attendance.json" },
  attendanceHistory: { it: "storia-presenze.json", en: "attendance-history.json" },
  activitiesCompleted: { it: "attivita-completate.json", en: "completed-activities.json" },
  certificates: { it: "attestati.json", en: "certificates.json" },
  questionnairesAnswered: { it: "questionari-compilati.json", en: "questionnaires-answered.json" },
  externalTraining: { it: "formazione-esterna.json", en: "external-training.json" },
  externalTrainingFiles: { it: "file/formazione-esterna/", en: "files/external-training/" },
  /** An uploaded certificate stored without its file name: the name it gets in the folder above. */
  externalTrainingUnnamed: { it: "attestato", en: "certificate" },
  sessions: { it: "sessioni.json", en: "sessions.json" },
  notifications: { it: "notifiche.json", en: "notifications.json" },
  accountChanges: { it: "registro-modifiche-account.json", en: "account-changes-log.json" },
  placeChanges: { it: "registro-modifiche-iscrizioni.json", en: "enrolment-changes-log.json" },
  eventsCreated: { it: "eventi-creati.json", en: "events-created.json" },
  trainerAssignments: { it: "incarichi-formatore.json", en: "trainer-assignments.json" },
  messagesWritten: { it: "messaggi-scritti.json", en: "messages-written.json" },
  automaticMessages: { it: "messaggi-automatici.json", en: "automatic-messages.json" },
  letterhead: { it: "carta-intestata.json", en: "letterhead.json" },
  letterheadFiles: { it: "file/carta-intestata/", en: "files/letterhead/" },
  /** The letterhead's images in that folder, with their extension (.png, .jpg). */
  letterheadLogo: { it: "logo", en: "logo" },
  letterheadSignature: { it: "firma", en: "signature" },
  changesMade: { it: "modifiche-fatte.json", en: "changes-made.json" },
  materialsUploaded: { it: "materiali-caricati.json", en: "materials-uploaded.json" },
} as const satisfies Record<string, Record<Locale, string>>;

export type ArchiveFile = keyof typeof ARCHIVE_FILES;

/** The archive's names in one language. */
export function archiveNames(locale: Locale): Record<ArchiveFile, string> {
  const names = {} as Record<ArchiveFile, string>;
  for (const file of Object.keys(ARCHIVE_FILES) as ArchiveFile[]) names[file] = ARCHIVE_FILES[file][locale];
  return names;
}

type Page<T> = (cursor: string | null, take: number) => Promise<T[]>;

const afterCursor = (cursor: string | null) => (cursor ? { id: { gt: cursor } } : {});

function withoutSecrets(payload: string): unknown {
  try {
    const parsed = JSON.parse(payload) as Record<string, unknown>;
    if (parsed && typeof parsed === "object") {
      const { token: _token, ...rest } = parsed;
      return rest;
    }
  } catch {
    // not JSON
  }
  return {};
}

/**
 * An audit entry's details as the person may see them. Entries of an email change written before
 * 2026-12-04 said whether the address asked for had an account ("inUse"): someone else's data, and
 * exactly what the change form keeps from the asker.
 */
function ownDetails(action: string, details: unknown): unknown {
  if (action !== "cambio-email-richiesto" || !details || typeof details !== "object") return details;
  const { inUse: _inUse, ...rest } = details as Record<string, unknown>;
  return rest;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Who made a change to the person's places or account, as the archive names them (ADR 0086, and the privacy notice
 * says so): "tu" (the person), "sistema" (nobody: a job, or an account that no longer exists), or the role the staff
 * member holds — "unita-nazionale", "referente-usr:<region>", "formatore" — or "personale" when they hold none any
 * more. Never a staff member's name, address or id: what they did to the person is the person's data, who they are is
 * theirs (GDPR art. 15(4)); the role says under whose authority the change was made.
 */
async function actorsAsRoles(actorIds: (string | null)[], userId: string): Promise<(id: string | null) => string> {
  const staff = [...new Set(actorIds.filter((id): id is string => id !== null && id !== userId))];
  const roles = staff.length
    ? await prisma.userRole.findMany({
        where: { userId: { in: staff } },
        select: { userId: true, role: true, regionCode: true },
      })
    : [];
  const RANK = ["unita-nazionale", "referente-usr", "formatore"];
  return (id) => {
    if (id === null) return "sistema";
    if (id === userId) return "tu";
    const held = roles.filter((r) => r.userId === id).sort((a, b) => RANK.indexOf(a.role) - RANK.indexOf(b.role))[0];
    if (!held) return "personale";
    return held.role === "referente-usr" ? `referente-usr:${held.regionCode}` : held.role;
  };
}

/** The person's places (ids) and the editions they are in: what the audit trail names them by. */
async function placesOf(userId: string) {
  const rows = await prisma.enrolment.findMany({ where: { userId }, select: { id: true, editionId: true } });
  return { ids: rows.map((r) => r.id), editionIds: [...new Set(rows.map((r) => r.editionId))] };
}

/**
 * An edition's audit entry as the person may see it. Three entries list several people's places, of which only the
 * person's own are theirs to see: a selection (every applicant chosen), a bulk move (every place moved or not, with
 * its holder's account id) and the offers recomputed after a change of rules (promoted, expired, shortened). The
 * other entries about a place (placed, moved, waitlist reordered) name the person alone.
 */
function placeDetails(action: string, details: unknown, ownPlaces: ReadonlySet<string>): unknown {
  if (!details || typeof details !== "object") return details;
  const d = details as Record<string, unknown>;
  const own = (id: unknown) => typeof id === "string" && ownPlaces.has(id);
  const ownRows = (rows: unknown) =>
    Array.isArray(rows)
      ? rows.filter((r) => r && typeof r === "object" && own((r as { enrolmentId?: unknown }).enrolmentId))
      : rows;
  if (action === "candidati-selezionati" && Array.isArray(d.enrolments)) {
    return { enrolments: d.enrolments.filter(own) };
  }
  if (action === BULK_MOVE_AUDIT_ACTION) {
    const { moved: _moved, notMoved: _notMoved, ...rest } = d;
    return { ...rest, rows: ownRows(d.rows) };
  }
  if (action === "offerte-ricalcolate") {
    return {
      shortened: ownRows(d.shortened),
      promoted: Array.isArray(d.promoted) ? d.promoted.filter(own) : d.promoted,
      expired: Array.isArray(d.expired) ? d.expired.filter(own) : d.expired,
    };
  }
  return d;
}

/** Keyset after (enrolmentId, sessionId), the composite key of ActivityCompletion. */
function completionCursor(cursor: string | null) {
  if (!cursor) return {};
  const [enrolmentId, sessionId] = cursor.split(" ") as [string, string];
  return { OR: [{ enrolmentId: { gt: enrolmentId } }, { enrolmentId, sessionId: { gt: sessionId } }] };
}

/** The tables of the archive: file (ARCHIVE_FILES) and a paged reader of the person's rows (ordered by id). */
function tables(userId: string): [ArchiveFile, Page<{ id: string }>][] {
  let places: Promise<{ ids: string[]; editionIds: string[] }> | undefined;
  return [
    [
      "enrolments",
      (cursor, take) =>
        prisma.enrolment
          .findMany({
            where: { userId, ...afterCursor(cursor) },
            orderBy: { id: "asc" },
            take,
            select: {
              id: true,
              editionId: true,
              eventId: true,
              status: true,
              quotaId: true,
              waitlistSeq: true,
              offerExpiresAt: true,
              reason: true,
              motivation: true,
              answers: true,
              scores: true,
              totalScore: true,
              priority: true,
              createdAt: true,
              updatedAt: true,
              endedAt: true,
              edition: { select: { number: true, startsOn: true, endsOn: true, event: { select: { title: true } } } },
            },
          })
          .then((rows) =>
            rows.map(({ answers, scores, edition, ...r }) => ({
              ...r,
              eventTitle: edition.event.title,
              editionNumber: edition.number,
              editionStartsOn: edition.startsOn,
              editionEndsOn: edition.endsOn,
              answers: parseJson(answers),
              scores: parseJson(scores),
            })),
          ),
    ],
    [
      "enrolmentHistory",
      (cursor, take) =>
        prisma.enrolmentChange.findMany({
          where: { enrolment: { userId }, ...afterCursor(cursor) },
          orderBy: { id: "asc" },
          take,
          select: { id: true, enrolmentId: true, at: true, fromStatus: true, toStatus: true, reason: true },
        }),
    ],
    [
      "attendance",
      (cursor, take) =>
        prisma.attendanceRecord.findMany({
          where: { enrolment: { userId }, ...afterCursor(cursor) },
          orderBy: { id: "asc" },
          take,
          select: {
            id: true,
            enrolmentId: true,
            sessionId: true,
            status: true,
            minutesAttended: true,
            // The trainer's note on the line is personal data about the teacher: part of their copy.
            note: true,
            source: true,
            recordedAt: true,
            session: { select: { title: true, startsAt: true, endsAt: true, minutes: true } },
          },
        }),
    ],
    [
      "attendanceHistory",
      (cursor, take) =>
        prisma.attendanceChange.findMany({
          where: { enrolment: { userId }, ...afterCursor(cursor) },
          orderBy: { id: "asc" },
          take,
          select: {
            id: true,
            enrolmentId: true,
            sessionId: true,
            at: true,
            fromStatus: true,
            fromMinutes: true,
            toStatus: true,
            toMinutes: true,
            fromNote: true,
            toNote: true,
            source: true,
          },
        }),
    ],
    [
      "activitiesCompleted",
      (cursor, take) =>
        prisma.activityCompletion
          .findMany({
            where: { enrolment: { userId }, ...completionCursor(cursor) },
            orderBy: [{ enrolmentId: "asc" }, { sessionId: "asc" }],
            take,
            select: { enrolmentId: true, sessionId: true, completedAt: true, session: { select: { title: true } } },
          })
          .then((rows) => rows.map((r) => ({ cursor: `${r.enrolmentId} ${r.sessionId}`, ...r })))
          .then((rows) => rows as unknown as { id: string }[]),
    ],
    [
      "certificates",
      (cursor, take) =>
        prisma.certificate.findMany({
          where: { userId, ...afterCursor(cursor) },
          orderBy: { id: "asc" },
          take,
          select: {
            id: true,
            code: true,
            enrolmentId: true,
            editionId: true,
            holderName: true,
            eventTitle: true,
            eventType: true,
            organiser: true,
            editionStartsOn: true,
            editionEndsOn: true,
            certifiedMinutes: true,
            issuedAt: true,
            revokedAt: true,
            revokedReason: true,
          },
        }),
    ],
    [
      "questionnairesAnswered",
      (cursor, take) =>
        prisma.questionnaireSubmission
          .findMany({
            where: { userId, ...(cursor ? { editionId: { gt: cursor } } : {}) },
            orderBy: { editionId: "asc" },
            take,
            select: { editionId: true, submittedAt: true },
          })
          .then((rows) => rows.map((r) => ({ id: r.editionId, ...r }))),
    ],
    [
      "externalTraining",
      (cursor, take) =>
        prisma.externalTraining.findMany({
          where: { userId, ...afterCursor(cursor) },
          orderBy: { id: "asc" },
          take,
          select: {
            id: true,
            title: true,
            organiser: true,
            startsOn: true,
            endsOn: true,
            minutes: true,
            level: true,
            mode: true,
            certificateFileName: true,
            certificateMimeType: true,
            createdAt: true,
          },
        }),
    ],
    [
      "sessions",
      // The session id is the secret behind the cookie: it is not exported.
      (cursor, take) =>
        prisma.userSession
          .findMany({
            where: { userId, ...afterCursor(cursor) },
            orderBy: { id: "asc" },
            take,
            select: { id: true, createdAt: true, lastUsedAt: true, expiresAt: true, userAgent: true },
          })
          .then((rows) => rows.map((r) => ({ ...r, id: undefined, cursor: r.id }))) as Promise<{ id: string }[]>,
    ],
    [
      "notifications",
      (cursor, take) =>
        prisma.notification
          .findMany({
            where: { userId, ...afterCursor(cursor) },
            orderBy: { id: "asc" },
            take,
            select: {
              id: true,
              kind: true,
              enrolmentId: true,
              payload: true,
              createdAt: true,
              readAt: true,
              deliveryStatus: true,
              sentAt: true,
            },
          })
          .then((rows) => rows.map((r) => ({ ...r, payload: withoutSecrets(r.payload) }))),
    ],
    // What the person did as staff (USR referent, national unit, trainer): the events they created,
    // the editions they teach, the messages they wrote and the changes they made elsewhere in Forma.
    [
      "eventsCreated",
      (cursor, take) =>
        prisma.event.findMany({
          where: { createdById: userId, ...afterCursor(cursor) },
          orderBy: { id: "asc" },
          take,
          select: { id: true, title: true, status: true, level: true, regionCode: true, createdAt: true },
        }),
    ],
    [
      "trainerAssignments",
      (cursor, take) =>
        prisma.eventTrainer
          .findMany({
            where: { userId, ...(cursor ? { eventId: { gt: cursor } } : {}) },
            orderBy: { eventId: "asc" },
            take,
            select: { eventId: true, assignedAt: true, event: { select: { title: true } } },
          })
          .then((rows) =>
            rows.map((r) => ({
              cursor: r.eventId,
              id: r.eventId,
              eventId: r.eventId,
              eventTitle: r.event.title,
              assignedAt: r.assignedAt,
            })),
          ),
    ],
    [
      "messagesWritten",
      (cursor, take) =>
        prisma.participantMessage.findMany({
          where: { authorId: userId, ...afterCursor(cursor) },
          orderBy: { id: "asc" },
          take,
          select: {
            id: true,
            editionId: true,
            audience: true,
            sessionId: true,
            subject: true,
            body: true,
            recipientCount: true,
            createdAt: true,
          },
        }),
    ],
    [
      "automaticMessages",
      (cursor, take) =>
        prisma.editionAutoMessage.findMany({
          where: { updatedById: userId, ...afterCursor(cursor) },
          orderBy: { id: "asc" },
          take,
          select: { id: true, editionId: true, rule: true, amount: true, subject: true, body: true, updatedAt: true },
        }),
    ],
    [
      // Which change, on what, when; not its details, which name the other people it concerned.
      "changesMade",
      (cursor, take) =>
        prisma.auditLog.findMany({
          where: {
            actorId: userId,
            NOT: { entityType: "user", entityId: userId },
            ...afterCursor(cursor),
          },
          orderBy: { id: "asc" },
          take,
          select: { id: true, at: true, entityType: true, entityId: true, action: true },
        }),
    ],
    [
      "accountChanges",
      async (cursor, take) => {
        const rows = await prisma.auditLog.findMany({
          where: { entityType: "user", entityId: userId, ...afterCursor(cursor) },
          orderBy: { id: "asc" },
          take,
          select: { id: true, at: true, action: true, details: true, actorId: true },
        });
        const by = await actorsAsRoles(
          rows.map((r) => r.actorId),
          userId,
        );
        return rows.map(({ actorId, ...r }) => ({
          ...r,
          by: by(actorId),
          details: ownDetails(r.action, parseJson(r.details)),
        }));
      },
    ],
    [
      // Who changed what about the person's places and when: an organiser placed them, moved them to another
      // edition, reordered the waitlist, scored or selected their application. The audit entries of their editions
      // that name them or one of their places (ids, unique), and those of their places themselves.
      "placeChanges",
      async (cursor, take) => {
        places ??= placesOf(userId);
        const { ids, editionIds } = await places;
        if (ids.length === 0) return [];
        const rows = await prisma.auditLog.findMany({
          where: {
            OR: [
              { entityType: "enrolment", entityId: { in: ids } },
              {
                entityType: "edition",
                entityId: { in: editionIds },
                OR: [userId, ...ids].map((id) => ({ details: { contains: id } })),
              },
            ],
            ...afterCursor(cursor),
          },
          orderBy: { id: "asc" },
          take,
          select: { id: true, at: true, entityType: true, entityId: true, action: true, details: true, actorId: true },
        });
        const by = await actorsAsRoles(
          rows.map((r) => r.actorId),
          userId,
        );
        const own = new Set(ids);
        return rows.map(({ actorId, ...r }) => ({
          ...r,
          by: by(actorId),
          details: placeDetails(r.action, parseJson(r.details), own),
        }));
      },
    ],
    [
      // Files the person uploaded to events' sheets as an organiser or trainer (their name, not their bytes: the
      // event's material). No file in Forma is about a participant: uploads belong to an event or a session, or are
      // the person's own external training certificates (file/formazione-esterna/).
      "materialsUploaded",
      (cursor, take) =>
        prisma.eventFile.findMany({
          where: { uploadedById: userId, ...afterCursor(cursor) },
          orderBy: { id: "asc" },
          take,
          select: {
            id: true,
            eventId: true,
            sessionId: true,
            title: true,
            fileName: true,
            mimeType: true,
            size: true,
            url: true,
            createdAt: true,
          },
        }),
    ],
  ];
}

/**
 * The readme: its words bilingual, the files named as they are in the archive. Each entry is a file (ARCHIVE_FILES)
 * and its description's lines; a name shorter than the column stands before the first line, a longer one above.
 */
const README_HEAD = `Forma: i tuoi dati / your data

Ogni file .json contiene un elenco (array) di oggetti; date in UTC (ISO 8601), durate in minuti.
Each .json file holds an array of objects; dates in UTC (ISO 8601), durations in minutes.`;
const README_FILES: [ArchiveFile, ...string[]][] = [
  [
    "profile",
    "profilo, ruoli, identità digitali collegate, avvisi di nuovi eventi, versione dell'informativa accettata / profile, roles, linked digital identities, alerts of new events, privacy notice version accepted",
    '"profilePeriods": regione, ordine di scuola e ruolo che avevi prima di ogni modifica, fino a',
    '"validUntil" (per attribuire le iscrizioni nel cruscotto) / the region, school level and',
    'role you had before each change, until "validUntil" (to attribute enrolments on the dashboard)',
  ],
  ["enrolments", "iscrizioni e candidature / enrolments and applications"],
  ["enrolmentHistory", "ogni cambio di stato / every status change"],
  ["attendance", "registro presenze, con la nota del formatore / attendance register lines, with the trainer's note"],
  ["attendanceHistory", "modifiche del registro / register changes"],
  ["activitiesCompleted", "attività asincrone completate / completed activities"],
  ["certificates", "attestati con codice di verifica / certificates with verification code"],
  [
    "questionnairesAnswered",
    "questionari compilati (le risposte sono anonime e non sono incluse)",
    "questionnaires answered (the answers are anonymous and not included)",
  ],
  ["externalTraining", "formazione esterna registrata / external training recorded"],
  ["externalTrainingFiles", "i file caricati / the uploaded files"],
  ["sessions", "accessi / sign-in sessions"],
  ["notifications", "notifiche ed email / notifications and emails"],
  ["accountChanges", "modifiche al tuo account / changes to your account"],
  [
    "placeChanges",
    "modifiche fatte da altri alle tue iscrizioni e candidature (inserimenti, spostamenti,",
    "lista d'attesa, punteggi, selezione) / changes others made to your places and applications",
    '"by": chi ha fatto la modifica / who made the change: "tu" (you), "sistema" (system),',
    '"unita-nazionale", "referente-usr:<regione>", "formatore", "personale" (staff): il ruolo,',
    "non il nome (informativa privacy) / the role, not the name (privacy notice)",
  ],
];
const README_STAFF_HEAD = "Per chi organizza o forma / for organisers and trainers:";
const README_STAFF_FILES: [ArchiveFile, ...string[]][] = [
  ["eventsCreated", "eventi che hai creato / events you created"],
  ["trainerAssignments", "eventi in cui tieni la formazione / events you teach"],
  ["messagesWritten", "messaggi scritti ai partecipanti / messages you wrote to participants"],
  ["automaticMessages", "messaggi automatici che hai impostato / automatic messages you set"],
  ["letterhead", "la tua carta intestata per gli attestati / your certificates' letterhead"],
  ["letterheadFiles", "logo e firma caricati / the logo and signature you uploaded"],
  [
    "changesMade",
    "modifiche che hai fatto in Forma (senza i dettagli, che riguardano altre persone)",
    "changes you made in Forma (without their details, which concern other people)",
  ],
  [
    "materialsUploaded",
    "file e link che hai caricato nelle schede degli eventi / files and links you added to events' sheets",
  ],
];
const README_COLUMN = 32;

function readme(names: Record<ArchiveFile, string>): string {
  const indent = " ".repeat(README_COLUMN);
  const entry = ([file, first, ...more]: [ArchiveFile, ...string[]]) => {
    const name = names[file];
    const head = name.length < README_COLUMN ? `${name.padEnd(README_COLUMN)}${first}` : `${name}\n${indent}${first}`;
    return [head, ...more.map((line) => `${indent}${line}`)].join("\n");
  };
  return [
    README_HEAD,
    "",
    ...README_FILES.map(entry),
    "",
    README_STAFF_HEAD,
    ...README_STAFF_FILES.map(entry),
    "",
  ].join("\n");
}

/**
 * The archive as a Node stream; rows are read page by page as the reader consumes it. `locale`: the language its
 * files are named in (ARCHIVE_FILES), the one the route names the ZIP in; the account's own when not given.
 */
export function exportAccountData(
  userId: string,
  { locale, pageSize = PAGE_SIZE }: { locale?: Locale; pageSize?: number } = {},
): Readable {
  return streamZip(async ({ zip, drained, add }) => {
    const text = (name: string, content: string) => add(name, new TextEncoder().encode(content));
    const profile = await prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        id: true,
        email: true,
        firstName: true,
        lastName: true,
        schoolName: true,
        schoolCode: true,
        schoolLevel: true,
        regionCode: true,
        professionalRole: true,
        locale: true,
        emailReminders: true,
        trainingTargetMinutes: true,
        trainerProfile: true,
        emailVerifiedAt: true,
        emailRefusedAt: true,
        emailRefusal: true,
        deletionWarnedAt: true,
        fiscalCode: true,
        privacyVersion: true,
        privacyAcceptedAt: true,
        createdAt: true,
        updatedAt: true,
        roles: { select: { role: true, regionCode: true, grantedAt: true } },
        identities: {
          select: { provider: true, issuer: true, subject: true, email: true, linkedAt: true, lastUsedAt: true },
        },
        catalogueAlerts: { select: { query: true, createdAt: true, checkedUntil: true } },
        // The region, school level and role held before each change, until when (ADR 0093).
        profilePeriods: {
          select: { regionCode: true, schoolLevel: true, professionalRole: true, validUntil: true },
          orderBy: { validUntil: "asc" },
        },
      },
    });
    const names = archiveNames(locale ?? asLocale(profile.locale));
    text(names.readme, readme(names));
    text(names.profile, JSON.stringify(profile, null, 2));
    await drained();

    for (const [table, page] of tables(userId)) {
      const file = new ZipDeflate(names[table], { level: 6 });
      zip.add(file);
      const encoder = new TextEncoder();
      file.push(encoder.encode("["));
      let cursor: string | null = null;
      let first = true;
      for (;;) {
        const rows = await page(cursor, pageSize);
        if (rows.length === 0) break;
        const body = rows
          .map((r) => {
            const { cursor: _c, ...shown } = r as { cursor?: string };
            return JSON.stringify(shown);
          })
          .join(",\n");
        file.push(encoder.encode(`${first ? "\n" : ",\n"}${body}`));
        first = false;
        const last = rows[rows.length - 1] as { id?: string; cursor?: string };
        cursor = last.cursor ?? last.id ?? null;
        await drained();
        if (rows.length < pageSize) break;
      }
      file.push(encoder.encode(first ? "]" : "\n]\n"), true);
    }

    // The letterhead an organiser set for their certificates: its texts, and its images as files.
    const letterhead = await prisma.organiserLetterhead.findUnique({ where: { userId } });
    text(
      names.letterhead,
      JSON.stringify(
        letterhead
          ? [
              {
                signatoryName: letterhead.signatoryName,
                signatoryRole: letterhead.signatoryRole,
                logo: letterhead.logo ? letterhead.logoMimeType : null,
                signature: letterhead.signature ? letterhead.signatureMimeType : null,
                updatedAt: letterhead.updatedAt,
              },
            ]
          : [],
        null,
        2,
      ),
    );
    for (const [name, bytes, mimeType] of [
      [names.letterheadLogo, letterhead?.logo, letterhead?.logoMimeType],
      [names.letterheadSignature, letterhead?.signature, letterhead?.signatureMimeType],
    ] as const) {
      if (!bytes) continue;
      add(`${names.letterheadFiles}${name}.${mimeType === "image/jpeg" ? "jpg" : "png"}`, new Uint8Array(bytes));
    }
    await drained();

    // Uploaded certificate files, from the file store.
    let cursor: string | null = null;
    for (;;) {
      const rows: { id: string; certificateFileName: string | null }[] = await prisma.externalTraining.findMany({
        where: { userId, certificateMimeType: { not: null }, ...afterCursor(cursor) },
        orderBy: { id: "asc" },
        take: pageSize,
        select: { id: true, certificateFileName: true },
      });
      for (const row of rows) {
        const bytes = await fileStore().get(certificateKey(row.id));
        if (!bytes) continue;
        const safeName = (row.certificateFileName ?? names.externalTrainingUnnamed)
          .replace(/[^\p{L}\p{N}._-]+/gu, "_")
          .slice(0, 100);
        const file = new ZipPassThrough(`${names.externalTrainingFiles}${row.id}-${safeName}`);
        zip.add(file);
        for (let at = 0; at < bytes.byteLength; at += 64 * 1024) {
          file.push(bytes.subarray(at, at + 64 * 1024));
          await drained();
        }
        file.push(new Uint8Array(0), true);
      }
      if (rows.length < pageSize) break;
      cursor = rows[rows.length - 1]!.id;
    }
  });
}
