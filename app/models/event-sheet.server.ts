// The event sheet (scheda) in the database: the organiser's objectives, programme, attachments and
// per-session materials (files in the file store, recording links), the public view with the
// trainers' own profiles, and the one door every download goes through (openSheetFile), which
// applies the rules of app/domain/event-sheet.ts. Writers take the scope requireManagedEvent returned.
import { checkSheetFile, maySeeFile, safeFileName, type SheetViewer } from "~/domain/event-sheet.ts";
import { canManageEvent, type Actor } from "~/domain/permissions.ts";
import { isPublicEvent } from "~/domain/event-rules.ts";
import type { SheetFileForm, SheetLinkForm, SheetTextForm } from "~/forms/event-sheet-form.ts";
import { prisma } from "~/utils/db.server.ts";
import { sqlRead, toDate, toInt } from "~/utils/sql.server.ts";
import { fileKey, fileStore } from "~/utils/file-store.server.ts";
import { writeAudit } from "./audit.server.ts";

/** What requireManagedEvent (app/models/event.server.ts) returns: an event the actor manages. */
export type ManagedEventScope = { id: string };

export type SheetFile = {
  id: string;
  title: string;
  sessionId: string | null;
  fileName: string | null;
  mimeType: string | null;
  size: number | null;
  url: string | null;
};

const fileSelect = {
  id: true,
  title: true,
  sessionId: true,
  fileName: true,
  mimeType: true,
  size: true,
  url: true,
} as const;

/** The organiser's page: the texts, every edition's sessions and every file and link. */
export async function loadManagedSheet(event: ManagedEventScope) {
  const row = await prisma.event.findUniqueOrThrow({
    where: { id: event.id },
    select: {
      id: true,
      title: true,
      titleLanguage: true,
      objectives: true,
      programme: true,
      editions: {
        orderBy: { number: "asc" },
        select: {
          id: true,
          number: true,
          sessions: { orderBy: { startsAt: "asc" }, select: { id: true, title: true, startsAt: true } },
        },
      },
      files: { orderBy: { createdAt: "asc" }, select: fileSelect },
    },
  });
  return row;
}

const lines = (text: string | undefined) => (text ?? "").replace(/\r\n?/g, "\n");

export async function saveSheetText(event: ManagedEventScope, actorId: string, input: SheetTextForm) {
  await prisma.$transaction(async (tx) => {
    await tx.event.update({
      where: { id: event.id },
      // Browsers send a textarea's line ends as CRLF: kept as plain \n.
      data: { objectives: lines(input.objectives), programme: lines(input.programme) },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorId,
      entityType: "event",
      entityId: event.id,
      action: "scheda-modificata",
      details: {},
    });
  });
}

/** A session of this event, or null (a session named in a form must belong to the event in scope). */
async function sessionOfEvent(eventId: string, sessionId: string) {
  return prisma.trainingSession.findFirst({
    where: { id: sessionId, edition: { eventId } },
    select: { id: true },
  });
}

export type SheetFileRefusal = "empty" | "too-large" | "bad-type" | "session-not-found";

/** Adds an attachment (no session) or a session's material; the bytes are checked, then stored under the row's id. */
export async function addSheetFile(
  event: ManagedEventScope,
  actorId: string,
  input: Omit<SheetFileForm, "file">,
  upload: { bytes: Uint8Array; name: string },
): Promise<{ ok: true; id: string } | { ok: false; reason: SheetFileRefusal }> {
  const check = checkSheetFile(upload.bytes);
  if (!check.ok) return check;
  const sessionId = input.sessionId ?? null;
  if (sessionId && !(await sessionOfEvent(event.id, sessionId))) return { ok: false, reason: "session-not-found" };
  const fileName = safeFileName(upload.name, check.type);
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.eventFile.create({
      data: {
        eventId: event.id,
        sessionId,
        title: input.title,
        fileName,
        mimeType: check.type,
        size: upload.bytes.byteLength,
        uploadedById: actorId,
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorId,
      entityType: "event",
      entityId: event.id,
      action: sessionId ? "materiale-aggiunto" : "allegato-aggiunto",
      details: { fileId: created.id, title: input.title, fileName, sessionId },
    });
    return created;
  });
  try {
    await fileStore().put(fileKey("event-file", row.id), upload.bytes);
  } catch (error) {
    // No row without its bytes: the list never offers a file that cannot be downloaded.
    await prisma.eventFile.delete({ where: { id: row.id } });
    throw error;
  }
  return { ok: true, id: row.id };
}

/** A session's recording (or any link) as material. */
export async function addSessionLink(
  event: ManagedEventScope,
  actorId: string,
  input: SheetLinkForm,
): Promise<{ ok: true; id: string } | { ok: false; reason: "session-not-found" }> {
  if (!(await sessionOfEvent(event.id, input.sessionId))) return { ok: false, reason: "session-not-found" };
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.eventFile.create({
      data: {
        eventId: event.id,
        sessionId: input.sessionId,
        title: input.title,
        url: input.url,
        uploadedById: actorId,
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorId,
      entityType: "event",
      entityId: event.id,
      action: "materiale-aggiunto",
      details: { fileId: created.id, title: input.title, url: input.url, sessionId: input.sessionId },
    });
    return created;
  });
  return { ok: true, id: row.id };
}

/** Removes a file or link of this event (and its bytes); false when the event has no such file. */
export async function removeSheetFile(event: ManagedEventScope, actorId: string, fileId: string): Promise<boolean> {
  const removed = await prisma.$transaction(async (tx) => {
    const file = await tx.eventFile.findFirst({
      where: { id: fileId, eventId: event.id },
      select: { id: true, title: true, fileName: true },
    });
    if (!file) return null;
    await tx.eventFile.delete({ where: { id: file.id } });
    await writeAudit(tx, {
      actorId,
      entityType: "event",
      entityId: event.id,
      action: "file-rimosso",
      details: { fileId: file.id, title: file.title },
    });
    return file;
  });
  if (!removed) return false;
  if (removed.fileName) await fileStore().delete([fileKey("event-file", removed.id)]);
  return true;
}

// The public page's reads: plain SQL like the rest of that page (getPublicEvent, ADR 0008).
const SHEET_TEXT_SQL = `SELECT "objectives", "programme" FROM "Event" WHERE "id" = $1`;
const SHEET_TRAINERS_SQL = `
  SELECT u."id", u."firstName", u."lastName", u."trainerProfile"
  FROM "EventTrainer" t JOIN "User" u ON u."id" = t."userId"
  WHERE t."eventId" = $1 AND u."closedAt" IS NULL
  ORDER BY t."assignedAt", u."id"`;
const SHEET_ATTACHMENTS_SQL = `
  SELECT "id", "title", "sessionId", "fileName", "mimeType", "size", "url"
  FROM "EventFile" WHERE "eventId" = $1 AND "sessionId" IS NULL
  ORDER BY "createdAt", "id"`;

/** The public part of the sheet: texts, the trainers with the profiles they wrote, attachments. */
export async function loadPublicSheet(eventId: string) {
  const [texts, trainers, attachments] = await Promise.all([
    sqlRead<{ objectives: string; programme: string }>(SHEET_TEXT_SQL, eventId),
    sqlRead<{ id: string; firstName: string; lastName: string; trainerProfile: string | null }>(
      SHEET_TRAINERS_SQL,
      eventId,
    ),
    sqlRead<Omit<SheetFile, "size"> & { size: number | bigint | string | null }>(SHEET_ATTACHMENTS_SQL, eventId),
  ]);
  return {
    objectives: texts[0]?.objectives ?? "",
    programme: texts[0]?.programme ?? "",
    trainers: trainers.map((u) => ({
      id: u.id,
      name: `${u.firstName} ${u.lastName}`,
      profile: u.trainerProfile ?? "",
    })),
    attachments: attachments.map((f): SheetFile => ({ ...f, size: toInt(f.size) })),
  };
}

type EventAccess = {
  level: string;
  regionCode: string | null;
  status: string;
  publishedAt: Date | null;
  trainers: { userId: string }[];
};

/** Who the viewer is for this event's sheet. */
export async function sheetViewerOf(actor: Actor | null, eventId: string, event: EventAccess): Promise<SheetViewer> {
  if (!actor) return { staff: false, enrolledEditionIds: [] };
  const staff = canManageEvent(actor, event) || event.trainers.some((t) => t.userId === actor.userId);
  if (staff) return { staff, enrolledEditionIds: [] };
  const places = await sqlRead<{ editionId: string }>(ENROLLED_EDITIONS_SQL, actor.userId, eventId);
  return { staff, enrolledEditionIds: places.map((p) => p.editionId) };
}

/** May this actor see the event at all (public statuses, or staff for a draft)? */
function eventVisible(actor: Actor | null, event: EventAccess): boolean {
  if (isPublicEvent(event)) return true;
  return actor !== null && (canManageEvent(actor, event) || event.trainers.some((t) => t.userId === actor.userId));
}

const accessSelect = {
  level: true,
  regionCode: true,
  status: true,
  publishedAt: true,
  trainers: { select: { userId: true } },
} as const;

const ACCESS_EVENT_SQL = `SELECT "level", "regionCode", "status", "publishedAt" FROM "Event" WHERE "id" = $1`;
const ACCESS_TRAINERS_SQL = `SELECT "userId" FROM "EventTrainer" WHERE "eventId" = $1`;
const ENROLLED_EDITIONS_SQL = `
  SELECT "editionId" FROM "Enrolment" WHERE "userId" = $1 AND "eventId" = $2 AND "status" = 'iscritto'`;
// Every session material of the event with its edition (filtered by the viewer's editions after).
const SESSION_FILES_SQL = `
  SELECT f."id", f."title", f."sessionId", f."fileName", f."mimeType", f."size", f."url", s."editionId"
  FROM "EventFile" f JOIN "TrainingSession" s ON s."id" = f."sessionId"
  WHERE f."eventId" = $1
  ORDER BY f."createdAt", f."id"`;
type SessionFileRow = Omit<SheetFile, "size" | "sessionId"> & {
  sessionId: string;
  size: number | bigint | string | null;
  editionId: string;
};

/** Materials of the sessions of the editions the viewer may see, by session id. */
export async function loadMaterials(
  actor: Actor | null,
  eventId: string,
): Promise<{ bySession: Record<string, SheetFile[]>; editionIds: string[]; staff: boolean }> {
  const none = { bySession: {}, editionIds: [], staff: false };
  if (!actor) return none;
  // Plain SQL: this runs on the public event page of every signed-in visitor (ADR 0008).
  const [[row], trainers] = await Promise.all([
    sqlRead<Omit<EventAccess, "trainers" | "publishedAt"> & { publishedAt: Date | string | null }>(
      ACCESS_EVENT_SQL,
      eventId,
    ),
    sqlRead<{ userId: string }>(ACCESS_TRAINERS_SQL, eventId),
  ]);
  if (!row) return none;
  const event: EventAccess = { ...row, publishedAt: toDate(row.publishedAt), trainers };
  if (!eventVisible(actor, event)) return none;
  const viewer = await sheetViewerOf(actor, eventId, event);
  if (!viewer.staff && viewer.enrolledEditionIds.length === 0) return none;
  const files = await sqlRead<SessionFileRow>(SESSION_FILES_SQL, eventId);
  const bySession: Record<string, SheetFile[]> = {};
  const editionIds = new Set<string>();
  for (const { editionId, size, ...file } of files) {
    if (!viewer.staff && !viewer.enrolledEditionIds.includes(editionId)) continue;
    (bySession[file.sessionId] ??= []).push({ ...file, size: toInt(size) });
    editionIds.add(editionId);
  }
  return { bySession, editionIds: [...editionIds], staff: viewer.staff };
}

/**
 * A stored file for download, or null: unknown, of another event, a link, an event the actor
 * may not see (all the same 404), or "for-participants": a material of an edition a signed-in
 * actor is not enrolled in (a 404 that says so, ADR 0092; anonymous visitors get null, so they
 * learn nothing of which materials exist).
 */
export async function openSheetFile(actor: Actor | null, eventId: string, fileId: string) {
  const file = await prisma.eventFile.findFirst({
    where: { id: fileId, eventId },
    select: {
      id: true,
      fileName: true,
      mimeType: true,
      session: { select: { editionId: true } },
      event: { select: accessSelect },
    },
  });
  if (!file || !file.fileName || !file.mimeType) return null;
  if (!eventVisible(actor, file.event)) return null;
  const sessionEditionId = file.session?.editionId ?? null;
  if (sessionEditionId !== null) {
    const viewer = await sheetViewerOf(actor, eventId, file.event);
    if (!maySeeFile({ sessionEditionId }, viewer)) return actor ? ("for-participants" as const) : null;
  }
  const bytes = await fileStore().get(fileKey("event-file", file.id));
  if (!bytes) return null;
  return { bytes, mimeType: file.mimeType, fileName: file.fileName };
}

/** The trainer's own short profile (any signed-in user may keep one; the sheets show it for trainers). */
export async function setTrainerProfile(userId: string, profile: string) {
  await prisma.user.update({
    where: { id: userId },
    data: { trainerProfile: profile.trim() === "" ? null : profile.trim() },
    select: { id: true },
  });
}
