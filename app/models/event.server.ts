// The organiser side of events: load what an actor may manage, create and update events with
// their editions and sessions, change their status, assign trainers — each change in one
// transaction with its audit row. Scope is checked here with app/domain/permissions.ts, so a
// crafted request cannot reach an event its sender does not manage, whatever the route does.
import { deriveEventFields } from "~/domain/event-derived-fields.ts";
import { canTransition, isEditable, sumMinutes } from "~/domain/event-rules.ts";
import { eventCancellationPlan } from "~/domain/state-machine.ts";
import { createHash } from "node:crypto";
import {
  canManageEvent,
  isNationalUnit,
  publishableLevels,
  referentRegions,
  type Actor,
} from "~/domain/permissions.ts";
import { EVENT_LEVELS, EVENT_STATUSES, REGION_CODES, type EventLevel, type EventStatus } from "~/domain/vocabulary.ts";
import { searchWords } from "~/domain/catalogue-filters.ts";
import { auditedSessionChanges } from "~/domain/session-change-audit.ts";
import {
  cancellationReasonSchema,
  eventFormSchema,
  eventToFormValues,
  type EventSubmission,
  newEventFormValues,
  type EditionInput,
  type EventInput,
  type FormRemovals,
} from "~/forms/event-form.ts";
import type { MessageKey } from "~/i18n/messages.ts";
import type { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { isUniqueViolation } from "~/utils/account.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { parseRomeDateTime, toRomeDateValue } from "~/utils/dates.ts";
import { writeAudit, type Tx } from "./audit.server.ts";
import { notifyEditionChanged, type MovedSession, type PlaceChangedSession } from "./edition-change.server.ts";
import type { ManagedEdition } from "./edition-scope.server.ts";
import { quotaRegionAllowed, type CapChangeRefusal } from "~/domain/seat-ledger.ts";
import { newlyOutsideAudience, type EventAudience } from "~/domain/enrolment.ts";
import {
  cancelEditionInTransaction,
  closeEventEditions,
  lockEventEditions,
  type CancelEditionOutcome,
  fillFreeSeats,
  rescheduleOffers,
  SEAT_TRANSACTION,
  type RescheduledOffers,
  setSeatCapLocked,
  type EditionRefusal,
} from "./seat-ledger.server.ts";

/** The event form's message for each refusal of the seat ledger's cap-change rule. */
const SEAT_CAP_ERRORS: Record<CapChangeRefusal | EditionRefusal, string> = {
  invalid: "events.error.seatCapBelowTaken",
  "below-taken": "events.error.seatCapBelowTaken",
  "below-quotas": "events.error.seatCapBelowQuotas",
  "quota-needs-cap": "events.error.seatCapQuotaNeedsCap",
  "edition-cancelled": "events.error.seatCapEditionCancelled",
  "edition-closed": "events.error.seatCapEditionCancelled",
  "wrong-state": "events.error.seatCapEditionCancelled",
  "not-found": "events.error.seatCapBelowTaken",
};

/** An edition's number before and after a save. */
export type Renumbered = { from: number; to: number };

/** An edition's seated people a save of the event's audience left outside it: how many. */
export type SeatedOutside = { editionId: string; number: number; count: number };

/** Why a request about an event was refused: 404 hides a draft the actor may not see. */
export type Refusal = { ok: false; status: 400 | 403 | 404 | 409; reason: string };

export type FieldErrors = Record<string, string[]>;
export type SaveOutcome =
  | {
      ok: true;
      eventId: string;
      /**
       * Kept editions whose number changed (numbers follow the start days: an edition added before them, or one
       * removed, moves the others), in their new order; absent when none did. The saved page names them.
       */
      renumbered?: Renumbered[];
      /**
       * Seated people whom the saved audience no longer admits (it admitted them as stored): they keep their seat
       * (ADR 0011 addendum), and the saved page tells the organiser how many, per edition (its id and number after
       * the save), with the edition's participants. Absent when the save left nobody seated outside.
       */
      seatedOutside?: SeatedOutside[];
    }
  | Refusal
  /** Someone saved the event (or changed an edition shown in the form) after this form was filled in. */
  | { ok: false; status: 409; reason: "changed-meanwhile"; basedOn: string }
  | {
      ok: false;
      status: 400;
      reason: "invalid";
      fieldErrors: FieldErrors;
      formErrors: string[];
      /**
       * How many people waiting or holding an offer the new audience would no longer admit: the count the
       * AUDIENCE_EXCLUDES_WAITING error states (the page words it with the count).
       */
      waitingOutside?: number;
    };

/** The field error of an audience change that would leave people in line outside the event's public. */
export const AUDIENCE_EXCLUDES_WAITING = "events.error.audienceExcludesWaiting";

/** Does the save change the region rule, the school levels or the roles (the audience checkEligibility asks)? */
function audienceChanged(before: EventAudience, after: EventAudience): boolean {
  return (
    before.level !== after.level ||
    (before.regionCode ?? null) !== (after.regionCode ?? null) ||
    before.openToAllRegions !== after.openToAllRegions ||
    !sameSet(before.schoolLevels, after.schoolLevels) ||
    !sameSet(before.audienceRoles, after.audienceRoles)
  );
}

const refuse = (status: Refusal["status"], reason: string): Refusal => ({ ok: false, status, reason });

/** Events this actor manages, as a Prisma filter (the list page and its counts). */
export function managedEventsWhere(actor: Actor): Prisma.EventWhereInput {
  if (isNationalUnit(actor)) return {};
  const regions = referentRegions(actor);
  if (regions.length === 0) return { id: { in: [] } };
  return { level: "regionale", regionCode: { in: regions } };
}

type Scope = { level: string; regionCode: string | null; status: string };

/** 404 for what does not exist or is a draft out of scope; 403 for other events out of scope. */
export function accessRefusal(actor: Actor, event: Scope | null): Refusal | null {
  if (!event) return refuse(404, "not-found");
  if (canManageEvent(actor, event)) return null;
  return event.status === "bozza" ? refuse(404, "not-found") : refuse(403, "forbidden");
}

async function findScope(db: Tx | typeof prisma, eventId: string) {
  return db.event.findUnique({
    where: { id: eventId },
    select: { id: true, level: true, regionCode: true, status: true, publishedAt: true },
  });
}

/** For loaders and actions: the event's scope, or a thrown 404/403 Response. */
export async function requireManagedEvent(actor: Actor, eventId: string) {
  const event = await findScope(prisma, eventId);
  const refusal = accessRefusal(actor, event);
  if (refusal) throw refusalResponse(refusal);
  return event!;
}

export function refusalResponse(refusal: Refusal): Response {
  // A 403's reason is a message key, which the error page says in the reader's language.
  const text =
    refusal.status === 404
      ? "Non trovato."
      : refusal.status === 403
        ? ("forbidden.event" satisfies MessageKey)
        : refusal.reason;
  return new Response(text, { status: refusal.status });
}

export function parseStatusFilter(value: string | null): EventStatus | null {
  return value && (EVENT_STATUSES as readonly string[]).includes(value) ? (value as EventStatus) : null;
}

export const EVENTS_PAGE_SIZE = 50;

export function parseLevelFilter(value: string | null): EventLevel | null {
  return value && (EVENT_LEVELS as readonly string[]).includes(value) ? (value as EventLevel) : null;
}

/**
 * The regions the list's region filter offers: every one to the national unit, a referent's own (REGION_CODES
 * order) when they have several; none to a referent of one region (their list holds that region only).
 */
export function managedRegionChoices(actor: Actor): string[] {
  if (isNationalUnit(actor)) return [...REGION_CODES];
  const own = new Set(referentRegions(actor));
  const regions = REGION_CODES.filter((code) => own.has(code));
  return regions.length > 1 ? regions : [];
}

/** A region the actor's filter offers (managedRegionChoices), else no filter: another region's name is dropped. */
export function parseRegionFilter(value: string | null, choices: readonly string[]): string | null {
  return value && choices.includes(value) ? value : null;
}

export type ManagedEventsFilter = {
  status: EventStatus | null;
  page: number;
  /** Words of the title, description or venue (as the catalogue's free text): every one must match. */
  q?: string;
  level?: EventLevel | null;
  /** The event's region (its regional events): national and European events have none. */
  region?: string | null;
};

export async function listManagedEvents(actor: Actor, filter: ManagedEventsFilter) {
  const words = searchWords(filter.q);
  const where: Prisma.EventWhereInput = {
    AND: [
      managedEventsWhere(actor),
      filter.status ? { status: filter.status } : {},
      filter.level ? { level: filter.level } : {},
      filter.region ? { regionCode: filter.region } : {},
      ...words.map((word) => ({ searchText: { contains: word } })),
    ],
  };
  const [total, events] = await Promise.all([
    prisma.event.count({ where }),
    prisma.event.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      skip: (Math.max(1, filter.page) - 1) * EVENTS_PAGE_SIZE,
      take: EVENTS_PAGE_SIZE,
      select: {
        id: true,
        title: true,
        titleLanguage: true,
        level: true,
        regionCode: true,
        status: true,
        startsAt: true,
        endsAt: true,
        updatedAt: true,
      },
    }),
  ]);
  // Editions per listed event, counted on their index: a relation count in the page's query
  // (_count) grouped every edition of every event before the page was cut. With their first and last day:
  // an event whose every edition was cancelled has no dates of its own (deriveEventDates), and its organisers
  // still tell it by the days it was planned for.
  const editionGroups = new Map(
    events.length === 0
      ? []
      : (
          await prisma.edition.groupBy({
            by: ["eventId"],
            where: { eventId: { in: events.map((e) => e.id) } },
            _count: { _all: true },
            _min: { startsOn: true },
            _max: { endsOn: true },
          })
        ).map((g) => [g.eventId, g]),
  );
  return {
    total,
    events: events.map((e) => {
      const editions = editionGroups.get(e.id);
      return {
        ...e,
        startsAt: e.startsAt ?? editions?._min.startsOn ?? null,
        endsAt: e.endsAt ?? editions?._max.endsOn ?? null,
        editionCount: editions?._count._all ?? 0,
      };
    }),
    pageSize: EVENTS_PAGE_SIZE,
  };
}

const fullEventInclude = {
  schoolLevels: { select: { schoolLevel: true }, orderBy: { schoolLevel: "asc" } },
  audienceRoles: { select: { role: true }, orderBy: { role: "asc" } },
  themes: { select: { theme: true }, orderBy: { theme: "asc" } },
  editions: {
    orderBy: { number: "asc" },
    include: { sessions: { orderBy: [{ startsAt: "asc" }, { id: "asc" }] } },
  },
} satisfies Prisma.EventInclude;

async function loadFullEvent(db: Tx | typeof prisma, eventId: string) {
  return db.event.findUnique({ where: { id: eventId }, include: fullEventInclude });
}

/**
 * What the edit form shows of an event, as a short fingerprint. The form carries the one it was filled in
 * from; a save is refused when the event now shows anything else, whoever changed it (another organiser's
 * save, a cap raised on the edition page, a placement over the cap). Seats taken and waiting lists are not in
 * the form, so enrolments meanwhile never make a save conflict.
 */
export function eventEditFingerprint(event: Parameters<typeof eventToFormValues>[0]): string {
  return createHash("sha256")
    .update(JSON.stringify(eventToFormValues(event, "it")))
    .digest("base64url")
    .slice(0, 22);
}

/** The organiser's view of an event, or why not. */
export async function getManagedEvent(actor: Actor, eventId: string) {
  const event = await prisma.event.findUnique({
    where: { id: eventId },
    include: {
      ...fullEventInclude,
      createdBy: { select: { firstName: true, lastName: true } },
      trainers: {
        orderBy: { assignedAt: "asc" },
        select: { assignedAt: true, user: { select: { id: true, firstName: true, lastName: true, email: true } } },
      },
    },
  });
  const refusal = accessRefusal(actor, event);
  if (refusal) return refusal;
  return { ok: true as const, event: event! };
}

/**
 * The editions of `editionIds` that hold a place of any kind (a seat, a waiting-list position, an offer, a place ended
 * and kept as history): the event form may not remove them; such an edition is cancelled from its own page.
 */
async function editionsWithPlaces(
  db: Tx | typeof prisma,
  editions: readonly { id: string; seatsTaken: number }[],
): Promise<Set<string>> {
  const found = new Set(editions.filter((e) => e.seatsTaken > 0).map((e) => e.id));
  const rest = editions.filter((e) => !found.has(e.id)).map((e) => e.id);
  if (rest.length) {
    const rows = await db.enrolment.groupBy({ by: ["editionId"], where: { editionId: { in: rest } } });
    for (const r of rows) found.add(r.editionId);
  }
  return found;
}

/**
 * The sessions of `sessionIds` with register lines or completed activities: they have taken place, so the event form
 * may not remove them (the register would be lost), move them to after now (ADR 0010), nor change their delivery
 * (the lines or completions would stop counting).
 */
async function sessionsWithRecords(db: Tx | typeof prisma, sessionIds: readonly string[]): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const where = { sessionId: { in: [...sessionIds] } };
  // One after the other: inside a transaction its statements run in turn anyway.
  const lines = await db.attendanceRecord.groupBy({ by: ["sessionId"], where });
  const completions = await db.activityCompletion.groupBy({ by: ["sessionId"], where });
  return new Set([...lines, ...completions].map((r) => r.sessionId));
}

/** What the edit form must know before it offers to remove the event's stored editions and sessions (FormRemovals). */
export async function formRemovalsOf(event: {
  editions: { id: string; seatsTaken: number; sessions: { id: string; delivery: string }[] }[];
}): Promise<FormRemovals> {
  const sessionIds = event.editions.flatMap((e) => e.sessions.map((s) => s.id));
  const [editions, sessions, materials] = await Promise.all([
    editionsWithPlaces(prisma, event.editions),
    sessionsWithRecords(prisma, sessionIds),
    sessionIds.length
      ? prisma.eventFile.groupBy({ by: ["sessionId"], where: { sessionId: { in: sessionIds } }, _count: true })
      : Promise.resolve([]),
  ]);
  return {
    editionsWithPlaces: [...editions],
    sessionsWithRecords: [...sessions],
    recordedDeliveries: Object.fromEntries(
      event.editions.flatMap((e) => e.sessions.filter((s) => sessions.has(s.id)).map((s) => [s.id, s.delivery])),
    ),
    materialsBySession: Object.fromEntries(materials.flatMap((m) => (m.sessionId ? [[m.sessionId, m._count]] : []))),
  };
}

// ---------------------------------------------------------------------------------------------
// Saving

type EditionWithIndex = EditionInput & { formIndex: number };

/** Editions in date order (then as entered): their numbers 1, 2, 3… follow this order. */
function orderEditions(editions: EditionInput[]): EditionWithIndex[] {
  return editions
    .map((e, formIndex) => ({ ...e, formIndex }))
    .sort((a, b) => a.startsOn.getTime() - b.startsOn.getTime() || a.formIndex - b.formIndex);
}

const sortSessions = <T extends { startsAt: Date }>(sessions: T[]) =>
  [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

/** `cancelled`: the ids of the event's cancelled editions, which give it no dates (deriveEventDates). */
function derived(input: EventInput, cancelled: ReadonlySet<string>) {
  return deriveEventFields({
    title: input.title,
    description: input.description,
    venue: input.venue,
    editions: input.editions.map((e) => ({ ...e, status: e.id && cancelled.has(e.id) ? "annullata" : undefined })),
  });
}

function eventColumns(input: EventInput, cancelled: ReadonlySet<string> = new Set()) {
  return {
    title: input.title,
    description: input.description,
    type: input.type,
    level: input.level,
    regionCode: input.regionCode,
    openToAllRegions: input.openToAllRegions,
    mode: input.mode,
    venue: input.venue,
    onlineUrl: input.onlineUrl,
    language: input.language,
    titleLanguage: input.titleLanguage,
    textLanguage: input.textLanguage,
    certifiedMinutes: input.certifiedMinutes,
    completionPercent: input.completionPercent,
    ...derived(input, cancelled),
  };
}

function editionColumns(e: EditionInput, number: number) {
  return {
    number,
    startsOn: e.startsOn,
    endsOn: e.endsOn,
    seatCap: e.seatCap,
    enrolmentOpensAt: e.enrolmentOpensAt,
    enrolmentClosesAt: e.enrolmentClosesAt,
  };
}

function sessionColumns(s: EditionInput["sessions"][number]) {
  return {
    title: s.title,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    delivery: s.delivery,
    place: s.place,
    minutes: s.minutes,
    required: s.required,
  };
}

async function replaceClassifications(tx: Tx, eventId: string, input: EventInput) {
  await tx.eventSchoolLevel.deleteMany({ where: { eventId } });
  await tx.eventAudienceRole.deleteMany({ where: { eventId } });
  await tx.eventTheme.deleteMany({ where: { eventId } });
  await tx.eventSchoolLevel.createMany({ data: input.schoolLevels.map((schoolLevel) => ({ eventId, schoolLevel })) });
  await tx.eventAudienceRole.createMany({ data: input.audienceRoles.map((role) => ({ eventId, role })) });
  await tx.eventTheme.createMany({ data: input.themes.map((theme) => ({ eventId, theme })) });
}

/** Creates a draft. The actor must manage an event of the submitted level and region. */
export async function createEvent(actor: Actor, submission: EventSubmission): Promise<SaveOutcome> {
  if (!canManageEvent(actor, submission)) return refuse(403, "forbidden");
  // A new event has no stored edition whose schedule could be locked.
  const input = withStoredSchedules(submission, []);
  if (!input)
    return { ok: false, status: 400, reason: "invalid", fieldErrors: {}, formErrors: ["events.error.badRequest"] };
  const eventId = await prisma.$transaction(async (tx) => {
    const event = await tx.event.create({
      data: { ...eventColumns(input), status: "bozza", createdById: actor.userId },
      select: { id: true },
    });
    for (const [i, edition] of orderEditions(input.editions).entries()) {
      await tx.edition.create({
        data: {
          ...editionColumns(edition, i + 1),
          eventId: event.id,
          sessions: { create: sortSessions(edition.sessions).map(sessionColumns) },
        },
        select: { id: true },
      });
    }
    await replaceClassifications(tx, event.id, input);
    await writeAudit(tx, {
      actorId: actor.userId,
      entityType: "event",
      entityId: event.id,
      action: "create",
      details: {
        status: "bozza",
        title: input.title,
        level: input.level,
        regionCode: input.regionCode,
        editions: input.editions.length,
      },
    });
    return event.id;
  });
  return { ok: true, eventId };
}

class SaveRefused extends Error {
  constructor(readonly outcome: Exclude<SaveOutcome, { ok: true }>) {
    super(outcome.reason);
  }
}

type StoredEvent = NonNullable<Awaited<ReturnType<typeof loadFullEvent>>>;

const SCALAR_FIELDS = [
  "title",
  "description",
  "type",
  "level",
  "regionCode",
  "openToAllRegions",
  "mode",
  "venue",
  "onlineUrl",
  "language",
  "titleLanguage",
  "textLanguage",
  "certifiedMinutes",
  "completionPercent",
] as const;

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
const t = (d: Date | null | undefined) => (d ? d.getTime() : null);

function editionChanged(before: StoredEvent["editions"][number], after: EditionInput, number: number): boolean {
  if (
    before.number !== number ||
    t(before.startsOn) !== t(after.startsOn) ||
    t(before.endsOn) !== t(after.endsOn) ||
    before.seatCap !== after.seatCap ||
    t(before.enrolmentOpensAt) !== t(after.enrolmentOpensAt) ||
    t(before.enrolmentClosesAt) !== t(after.enrolmentClosesAt) ||
    before.sessions.length !== after.sessions.length
  ) {
    return true;
  }
  const byId = new Map(before.sessions.map((s) => [s.id, s]));
  return after.sessions.some((s) => {
    const old = s.id ? byId.get(s.id) : undefined;
    return (
      !old ||
      old.title !== s.title ||
      t(old.startsAt) !== t(s.startsAt) ||
      t(old.endsAt) !== t(s.endsAt) ||
      old.delivery !== s.delivery ||
      (old.place ?? null) !== (s.place ?? null) ||
      old.minutes !== s.minutes ||
      old.required !== s.required
    );
  });
}

/**
 * Why an edition's schedule (its days, enrolment window and sessions) can no longer change: it was
 * cancelled (the teachers were told and their places ended), or its register was closed and its
 * certificates issued on those sessions' hours. Null while it may change.
 */
export function scheduleLockOf(edition: {
  status: string;
  attendanceClosedAt: Date | string | null;
}): "cancelled" | "register-closed" | null {
  if (edition.status === "annullata") return "cancelled";
  if (edition.attendanceClosedAt !== null) return "register-closed";
  return null;
}

const SCHEDULE_LOCK_ERRORS = {
  cancelled: "events.error.editionCancelledReadOnly",
  "register-closed": "events.error.editionRegisterClosedReadOnly",
} as const;

/** An instant to the minute, as the form shows and sends it. */
const toMinute = (d: Date) => Math.floor(d.getTime() / 60_000);

/**
 * Whether the form changes an edition's schedule: its days, enrolment window or sessions (not its
 * number or cap), compared as the form writes them (to the minute, days as days): an edition sent
 * back as it was shown is unchanged, whatever seconds its stored times have.
 */
function changesSchedule(before: StoredEvent["editions"][number], after: EditionInput): boolean {
  const day = (d: Date) => toRomeDateValue(d);
  if (
    day(before.startsOn) !== day(after.startsOn) ||
    day(before.endsOn) !== day(after.endsOn) ||
    toMinute(before.enrolmentOpensAt) !== toMinute(after.enrolmentOpensAt) ||
    toMinute(before.enrolmentClosesAt) !== toMinute(after.enrolmentClosesAt) ||
    before.sessions.length !== after.sessions.length
  )
    return true;
  const byId = new Map(before.sessions.map((s) => [s.id, s]));
  const seen = new Set<string>();
  return after.sessions.some((s) => {
    const old = s.id && !seen.has(s.id) ? byId.get(s.id) : undefined;
    if (!old) return true;
    seen.add(old.id);
    return (
      (old.title ?? null) !== (s.title ?? null) ||
      toMinute(old.startsAt) !== toMinute(s.startsAt) ||
      toMinute(old.endsAt) !== toMinute(s.endsAt) ||
      old.delivery !== s.delivery ||
      (old.place ?? null) !== (s.place ?? null) ||
      old.minutes !== s.minutes ||
      old.required !== s.required
    );
  });
}

/**
 * The submission with each locked edition (sent as its id and cap: lockedEditionFields in
 * app/forms/event-form.ts) given its stored days, enrolment window and sessions, so the rest of the save
 * compares and writes it as any other and finds its schedule unchanged. Null when a locked edition is not
 * one of `stored`, or is not locked, or when one edition comes twice (a stale or crafted form): the save is refused.
 */
/** The first (or last) instant of the Rome day `date` falls in, as the form's day fields read a day. */
function romeDayEdge(date: Date, edge: "start" | "end"): Date {
  const day = toRomeDateValue(date);
  const read = parseRomeDateTime(edge === "start" ? day : `${day}T23:59`);
  if (!read) return date;
  return edge === "start" ? read : new Date(read.getTime() + 59_999);
}

function withStoredSchedules(submission: EventSubmission, stored: StoredEvent["editions"]): EventInput | null {
  const byId = new Map(stored.map((e) => [e.id, e]));
  const editions: EditionInput[] = [];
  // One edition twice (only a crafted form sends that) would be saved twice over, its sessions deleted by one copy
  // and updated by the other: refused as a bad request, as a locked edition that is not one.
  const ids = submission.editions.flatMap((e) => (e.id ? [e.id] : []));
  if (new Set(ids).size !== ids.length) return null;
  for (const e of submission.editions) {
    if (!("scheduleLocked" in e)) {
      editions.push(e);
      continue;
    }
    const old = byId.get(e.id);
    if (!old || scheduleLockOf(old) === null) return null;
    editions.push({
      id: old.id,
      // Its days as the form read them when it sent them (the first and last instant of each Rome day),
      // so the editions are numbered in the same order as before; they are compared as days and not written.
      startsOn: romeDayEdge(old.startsOn, "start"),
      endsOn: romeDayEdge(old.endsOn, "end"),
      seatCap: e.seatCap,
      enrolmentOpensAt: old.enrolmentOpensAt,
      enrolmentClosesAt: old.enrolmentClosesAt,
      sessions: old.sessions.map((s) => ({ id: s.id, ...sessionColumns(s) })),
    });
  }
  return { ...submission, editions };
}

/**
 * Saves the form over an existing event. Editions and sessions keep their ids (updated by id,
 * new ones created, removed ones deleted), since enrolments reference editions. The actor must
 * manage the event both as it is and as it would become.
 */
export async function updateEvent(
  actor: Actor,
  eventId: string,
  submission: EventSubmission,
  now: Date = new Date(),
): Promise<SaveOutcome> {
  try {
    const renumbered: Renumbered[] = [];
    const seatedOutside: SeatedOutside[] = [];
    await prisma.$transaction(async (tx) => {
      renumbered.length = 0;
      seatedOutside.length = 0;
      // Every edition's lock first, in the order closing or cancelling the event takes them (ADR 0084): a save
      // racing the close cannot deadlock with it, and the event is then read as the close left it (a closed
      // event is no longer edited), not as it was before the close committed.
      await lockEventEditions(tx, eventId, now);
      const current = await loadFullEvent(tx, eventId);
      const refusal = accessRefusal(actor, current);
      if (refusal) throw new SaveRefused(refusal);
      // Saved over what the organiser never saw, the form would silently undo it: they are told, their input kept.
      if (submission.basedOn !== undefined && isEditable(current!.status)) {
        const stored = eventEditFingerprint(current!);
        if (stored !== submission.basedOn) {
          throw new SaveRefused({ ok: false, status: 409, reason: "changed-meanwhile", basedOn: stored });
        }
      }
      // Locked editions come as their id and cap: their schedule is the stored one (ADR 0084).
      const input = withStoredSchedules(submission, current!.editions);
      if (!input) {
        throw new SaveRefused({
          ok: false,
          status: 400,
          reason: "invalid",
          fieldErrors: {},
          formErrors: ["events.error.badRequest"],
        });
      }
      if (!canManageEvent(actor, input)) throw new SaveRefused(refuse(403, "forbidden"));
      if (!isEditable(current!.status)) throw new SaveRefused(refuse(409, "not-editable"));
      const before = current!;
      // Calendars (iCalendar SEQUENCE) must see a kept session as changed when its time or place
      // changes; the place is the event's venue, online room or mode.
      const placeChanged =
        (before.venue ?? null) !== (input.venue ?? null) ||
        (before.onlineUrl ?? null) !== (input.onlineUrl ?? null) ||
        before.mode !== input.mode;

      const existing = new Map(before.editions.map((e) => [e.id, e]));
      // An id that is not one of this event's editions (stale or crafted) makes a new edition.
      const ordered = orderEditions(input.editions).map((e) =>
        e.id && existing.has(e.id) ? e : { ...e, id: undefined },
      );
      const keptIds = new Set(ordered.flatMap((e) => (e.id ? [e.id] : [])));
      const removed = before.editions.filter((e) => !keptIds.has(e.id));

      const fieldErrors: FieldErrors = {};
      const formErrors: string[] = [];
      let waitingOutside = 0;
      /** Per edition, its seated people the new audience no longer admits (they keep their seat; the page says how many). */
      const seatedOutsideOf = new Map<string, number>();
      // Enrolments (seats, waitlist, history) belong to their edition: it is cancelled from its own page, not deleted.
      // The edit form does not offer to remove them (formRemovalsOf); a stale or crafted form is refused here.
      const removedWithEnrolments = removed.length > 0 && (await editionsWithPlaces(tx, removed)).size > 0;
      if (removedWithEnrolments) formErrors.push("events.error.editionHasEnrolments");
      // A changed cap goes through the seat ledger's one cap-change rule, under the edition's lock
      // (app/models/seat-ledger.server.ts), exactly as the edition page's own cap change.
      // A cancelled edition, or one whose certificates were issued, keeps its schedule: moving,
      // adding or removing its sessions would tell people of a training that is off, or change the
      // hours its certificates were issued on. The form shows it read-only; a stale or crafted one is refused here.
      for (const e of ordered) {
        const old = e.id ? existing.get(e.id) : undefined;
        const lock = old ? scheduleLockOf(old) : null;
        if (old && lock && changesSchedule(old, e)) {
          fieldErrors[`editions[${e.formIndex}].sessions`] = [SCHEDULE_LOCK_ERRORS[lock]];
        }
        // Its certificates were issued on the hours its sessions add up to, which are the event's certified
        // hours: those stay, or the catalogue and the event's page would state hours no session of it gave.
        if (old && lock === "register-closed" && sumMinutes(old.sessions) !== input.certifiedMinutes) {
          fieldErrors.certifiedHours = ["events.error.certifiedHoursLocked"];
        }
      }
      const raised: string[] = [];
      for (const e of ordered) {
        const old = e.id ? existing.get(e.id) : undefined;
        if (!old || old.seatCap === e.seatCap) continue;
        const r = await setSeatCapLocked(tx, actor.userId, old.id, e.seatCap, now);
        if (r.ok) {
          if (r.raised) raised.push(old.id);
        } else {
          fieldErrors[`editions[${e.formIndex}].seatCap`] = [SEAT_CAP_ERRORS[r.reason]];
        }
      }
      // A quota still open must stay for a region quotaRegionAllowed accepts (ADR 0011), or its seats stay empty
      // while eligible teachers wait: closing a regional event to other regions, or moving it to another region,
      // waits until such quotas are released. Read under every edition's lock, as addQuota reads the rule.
      if (
        before.level !== input.level ||
        (before.regionCode ?? null) !== (input.regionCode ?? null) ||
        before.openToAllRegions !== input.openToAllRegions
      ) {
        const open = await tx.editionQuota.findMany({
          // A cancelled edition's quota (left open before cancelling released it) holds nobody and cannot be released.
          where: { edition: { eventId, status: { not: "annullata" } }, releasedAt: null },
          select: { regionCode: true },
        });
        if (open.some((q) => !quotaRegionAllowed(input, q.regionCode))) {
          // The field the change is undone by: the box when the event took several regions, else the region.
          const closing = before.level !== "regionale" || before.openToAllRegions;
          fieldErrors[closing ? "openToAllRegions" : "regionCode"] = ["events.error.quotaRegionClosed"];
        }
      }
      // People waiting or holding an offer whom the new audience would no longer admit: the seat ledger gives a freed
      // seat to whoever is first in line without asking the audience again (fillFreeSeats, acceptOfferIn), so they
      // would take seats ahead of the event's public. The save waits until the organiser takes them out of the line
      // (ADR 0011 addendum); seated people keep their seat. Read under every edition's lock, as the seat writers read.
      const beforeAudience = {
        level: before.level,
        regionCode: before.regionCode,
        openToAllRegions: before.openToAllRegions,
        schoolLevels: before.schoolLevels.map((s) => s.schoolLevel),
        audienceRoles: before.audienceRoles.map((r) => r.role),
      };
      if (audienceChanged(beforeAudience, input)) {
        // The places of the event's editions, read once and sorted by status here. Enrolment has no index on eventId,
        // and SQLite without statistics found the event's waiting places through the status index (every waiting
        // place of the database) and its seated ones by reading every edition of the database, or, given the
        // edition, through the status index again (every seated place): a tie it breaks blindly (ADR 0029, addendum
        // of 07/12/2026), under the write lock. By editionId alone it has one index to take.
        const places = await tx.enrolment.findMany({
          where: {
            eventId,
            editionId: { in: before.editions.map((e) => e.id) },
            edition: { status: { not: "annullata" } },
          },
          select: {
            editionId: true,
            status: true,
            user: { select: { regionCode: true, schoolLevel: true, professionalRole: true } },
          },
        });
        const inLine = places.filter((p) => p.status === "in-attesa" || p.status === "offerta");
        const outside = newlyOutsideAudience(
          beforeAudience,
          input,
          inLine.map((p) => p.user),
        );
        // Seated people keep their seat (ADR 0011 addendum): counted per edition, so that the organiser is told.
        const seated = places.filter((p) => p.status === "iscritto");
        for (const p of seated) {
          if (newlyOutsideAudience(beforeAudience, input, [p.user]).total > 0) {
            seatedOutsideOf.set(p.editionId, (seatedOutsideOf.get(p.editionId) ?? 0) + 1);
          }
        }
        if (outside.total > 0) {
          waitingOutside = outside.total;
          const regionField =
            before.level !== "regionale" || before.openToAllRegions ? "openToAllRegions" : "regionCode";
          const fields: [keyof typeof outside.byRule, string][] = [
            ["other-region", regionField],
            ["audience-school-level", "schoolLevels"],
            ["audience-role", "audienceRoles"],
          ];
          for (const [rule, field] of fields) {
            if (outside.byRule[rule] > 0) {
              fieldErrors[field] = [...(fieldErrors[field] ?? []), AUDIENCE_EXCLUDES_WAITING];
            }
          }
        }
      }
      if (formErrors.length || Object.keys(fieldErrors).length) {
        throw new SaveRefused({
          ok: false,
          status: 400,
          reason: "invalid",
          fieldErrors,
          formErrors,
          ...(waitingOutside > 0 ? { waitingOutside } : {}),
        });
      }

      if (removed.length) {
        await tx.edition.deleteMany({ where: { eventId, id: { in: removed.map((e) => e.id) }, seatsTaken: 0 } });
      }
      // Numbers are unique per event: park the kept editions on negative numbers before renumbering.
      for (const [i, e] of ordered.entries()) {
        if (e.id) await tx.edition.update({ where: { id: e.id }, data: { number: -(i + 1) }, select: { id: true } });
      }
      const editionIds: { added: string[]; updated: string[] } = { added: [], updated: [] };
      // Editions with a kept session moved (its sequence incremented) or deleted sessions (by id):
      // their teachers are told below, once per edition.
      const rescheduled = new Set<string>();
      const deletedSessions = new Map<string, string[]>();
      /** Per edition, the kept sessions whose start or end changed, with their times before (the email says what moved). */
      const movedTimes = new Map<string, MovedSession[]>();
      /** Per edition, the kept sessions whose own place changed (ADR 0091), with their place before. */
      const placeChanges = new Map<string, PlaceChangedSession[]>();
      for (const [i, e] of ordered.entries()) {
        const number = i + 1;
        const sessions = sortSessions(e.sessions);
        if (!e.id) {
          const created = await tx.edition.create({
            data: { ...editionColumns(e, number), eventId, sessions: { create: sessions.map(sessionColumns) } },
            select: { id: true },
          });
          editionIds.added.push(created.id);
          continue;
        }
        const old = existing.get(e.id)!;
        if (old.number !== number) renumbered.push({ from: old.number, to: number });
        const outsideHere = seatedOutsideOf.get(e.id);
        if (outsideHere) seatedOutside.push({ editionId: e.id, number, count: outsideHere });
        // A locked schedule (checked unchanged above) keeps its stored values: only its number and cap are written.
        const locked = scheduleLockOf(old) !== null;
        if (locked ? old.number !== number || old.seatCap !== e.seatCap : editionChanged(old, e, number))
          editionIds.updated.push(e.id);
        // The cap is checked against seats taken in the same statement that sets it, so an enrolment
        // arriving meanwhile cannot leave more people than seats.
        const written = await tx.edition.updateMany({
          where: { id: e.id, eventId, ...(e.seatCap === null ? {} : { seatsTaken: { lte: e.seatCap } }) },
          data: locked ? { number, seatCap: e.seatCap } : editionColumns(e, number),
        });
        if (written.count !== 1) {
          throw new SaveRefused({
            ok: false,
            status: 400,
            reason: "invalid",
            fieldErrors: { [`editions[${e.formIndex}].seatCap`]: ["events.error.seatCapBelowTaken"] },
            formErrors: [],
          });
        }
        if (locked) continue;
        // The teachers' cancellation cut-off is never after the first session starts (checkCancellationCutoff, on
        // the edition page): sessions moved earlier than it leave the rule's default, "until the first session".
        if (sessions.length > 0) {
          await tx.edition.updateMany({
            where: { id: e.id, cancellationCutoffAt: { gt: sessions[0]!.startsAt } },
            data: { cancellationCutoffAt: null },
          });
        }
        const oldSessionIds = new Set(old.sessions.map((s) => s.id));
        const keptSessionIds = new Set<string>();
        for (const s of sessions) {
          if (s.id && oldSessionIds.has(s.id) && !keptSessionIds.has(s.id)) {
            keptSessionIds.add(s.id);
            const was = old.sessions.find((x) => x.id === s.id)!;
            // A blended event's session held elsewhere than before (ADR 0091) is a change of place.
            const ownPlaceChanged = (was.place ?? null) !== (s.place ?? null);
            // The event's mode, venue or room link changing is news for sessions still to end: one already held
            // took place where it took place, and its participants are not told it moved (nor their calendars).
            const moved =
              (placeChanged && s.endsAt > now) ||
              ownPlaceChanged ||
              t(was.startsAt) !== t(s.startsAt) ||
              t(was.endsAt) !== t(s.endsAt) ||
              was.delivery !== s.delivery;
            // A session whose register (or activity) is filled in keeps its delivery: a live session's lines count
            // only while it is live, an activity's completions only while it is one (progressOf), so turning one into
            // the other would silently drop them from everyone's hours, and hide the register's lines and history.
            if (was.delivery !== s.delivery && (await sessionsWithRecords(tx, [s.id])).size > 0) {
              throw new SaveRefused({
                ok: false,
                status: 400,
                reason: "invalid",
                fieldErrors: {
                  [`editions[${e.formIndex}].sessions[${e.sessions.indexOf(s)}].delivery`]: [
                    "events.error.sessionRecordedDeliveryChanged",
                  ],
                },
                formErrors: [],
              });
            }
            // A session whose register (or activity) is already filled in has taken place: it may be corrected
            // within the past, not moved to start later than now. Moved there, the register would say "not
            // started yet" and hide its form, while its lines still counted in everyone's hours.
            if (t(was.startsAt) !== t(s.startsAt) && s.startsAt > now) {
              if ((await sessionsWithRecords(tx, [s.id])).size > 0) {
                throw new SaveRefused({
                  ok: false,
                  status: 400,
                  reason: "invalid",
                  fieldErrors: {
                    [`editions[${e.formIndex}].sessions[${e.sessions.indexOf(s)}].startsAt`]: [
                      "events.error.sessionRecordedMovedAhead",
                    ],
                  },
                  formErrors: [],
                });
              }
            }
            await tx.trainingSession.update({
              where: { id: s.id },
              data: { ...sessionColumns(s), ...(moved ? { sequence: { increment: 1 } } : {}) },
              select: { id: true },
            });
            if (moved) rescheduled.add(e.id);
            // Told as a move, before and now; a change of the whole event's mode is not a session's own.
            if (ownPlaceChanged && !placeChanged && s.delivery === "sincrona" && was.delivery === "sincrona") {
              placeChanges.set(e.id, [...(placeChanges.get(e.id) ?? []), { id: s.id, wasPlace: was.place ?? null }]);
            }
            if (t(was.startsAt) !== t(s.startsAt) || t(was.endsAt) !== t(s.endsAt)) {
              movedTimes.set(e.id, [
                ...(movedTimes.get(e.id) ?? []),
                { id: s.id, wasStartsAt: was.startsAt, wasEndsAt: was.endsAt },
              ]);
            }
          } else {
            await tx.trainingSession.create({ data: { ...sessionColumns(s), editionId: e.id }, select: { id: true } });
            // A session added to an edition: its participants are told, with the invitation that now holds it.
            rescheduled.add(e.id);
          }
        }
        const droppedSessions = [...oldSessionIds].filter((id) => !keptSessionIds.has(id));
        if (droppedSessions.length) {
          // A session with register lines or completed activities keeps them: deleting it would lose the register.
          // The edit form does not offer to remove it (formRemovalsOf); a stale or crafted form is refused here.
          if ((await sessionsWithRecords(tx, droppedSessions)).size > 0) {
            throw new SaveRefused({
              ok: false,
              status: 400,
              reason: "invalid",
              fieldErrors: { [`editions[${e.formIndex}].sessions`]: ["events.error.sessionHasAttendance"] },
              formErrors: [],
            });
          }
          // A tombstone per deleted session (same id, so the same UID; SEQUENCE one higher) lets the
          // feeds list it as cancelled and the edition-changed email carry a METHOD:CANCEL.
          await tx.cancelledSession.createMany({
            data: old.sessions
              .filter((s) => droppedSessions.includes(s.id))
              .map((s) => ({
                id: s.id,
                editionId: e.id!,
                title: s.title,
                startsAt: s.startsAt,
                endsAt: s.endsAt,
                delivery: s.delivery,
                place: s.place,
                sequence: s.sequence + 1,
              })),
          });
          await tx.trainingSession.deleteMany({ where: { editionId: e.id, id: { in: droppedSessions } } });
          deletedSessions.set(e.id, droppedSessions);
        }
      }

      // Offers already open are bounded by the new schedule as a new offer would be (ADR 0011: an
      // offer never outlives the edition), under each edition's lock, before the cap's new seats
      // are offered (those are bounded already).
      const scheduleChanged = new Set([...rescheduled, ...deletedSessions.keys()]);
      const offers = new Map<string, RescheduledOffers>();
      for (const editionId of scheduleChanged) {
        offers.set(editionId, await rescheduleOffers(tx, editionId, now, actor.userId));
      }
      // A cap raised (or removed) gives the new seats to the waitlist at once (sessions are written: offers end before the last one starts).
      // Those offered a seat here are told by "posto-offerto" only, which states the sessions as they then are (ADR 0011).
      const promotedNow = new Map<string, string[]>();
      // The offer's email says places were added to the edition, not that someone left one (seatsAdded).
      for (const id of raised)
        promotedNow.set(id, (await fillFreeSeats(tx, id, now, actor.userId, { seatsAdded: true })).promoted);

      // A national template is a national event (setTemplate): moved to another level it stops being one, or
      // every region's referents kept it among the "Modelli nazionali" and nobody could unmark it.
      const templateOff = before.isTemplate && input.level !== "nazionale";
      await tx.event.update({
        where: { id: eventId },
        data: {
          ...eventColumns(input, new Set(before.editions.filter((e) => e.status === "annullata").map((e) => e.id))),
          ...(templateOff ? { isTemplate: false } : {}),
        },
        select: { id: true },
      });
      await replaceClassifications(tx, eventId, input);

      const changed: string[] = SCALAR_FIELDS.filter((f) => {
        const a = before[f];
        const b = input[f];
        return (a ?? null) !== (b ?? null);
      });
      if (
        !sameSet(
          before.schoolLevels.map((s) => s.schoolLevel),
          input.schoolLevels,
        )
      )
        changed.push("schoolLevels");
      if (
        !sameSet(
          before.audienceRoles.map((r) => r.role),
          input.audienceRoles,
        )
      )
        changed.push("audienceRoles");
      if (
        !sameSet(
          before.themes.map((x) => x.theme),
          input.themes,
        )
      )
        changed.push("themes");
      // One "edizione-modificata" per teacher holding a place, in this transaction: the updated
      // invitation, and a METHOD:CANCEL for the deleted sessions; one "edizione-modificata-offerta"
      // per teacher holding an offer from before this change: the schedule and the offer's deadline;
      // one "edizione-modificata-in-attesa" per teacher waiting: the schedule, and how to leave the line.
      for (const editionId of scheduleChanged) {
        await notifyEditionChanged(tx, editionId, {
          cancelledSessionIds: deletedSessions.get(editionId),
          rescheduled: rescheduled.has(editionId),
          movedSessions: movedTimes.get(editionId),
          placeChangedSessions: placeChanges.get(editionId),
          offers: offers.get(editionId),
          // Promoted by this save's raised cap: "promosso" carries the new schedule already.
          promotedBySave: promotedNow.get(editionId),
          now,
        });
      }
      const removedIds = removed.map((e) => e.id);
      if (editionIds.added.length || editionIds.updated.length || removedIds.length) changed.push("editions");
      // The change log names the sessions the email names: those whose time moved or whose own place changed.
      const { sessionChanges, moreSessionChanges } = auditedSessionChanges(
        ordered.map((e, i) => ({
          number: i + 1,
          sessions: sortSessions(e.sessions),
          moved: e.id ? movedTimes.get(e.id) : undefined,
          placeChanged: e.id ? placeChanges.get(e.id) : undefined,
        })),
      );
      await writeAudit(tx, {
        actorId: actor.userId,
        entityType: "event",
        entityId: eventId,
        action: "update",
        details: {
          changed,
          editions: { ...editionIds, removed: removedIds },
          ...(sessionChanges.length ? { sessionChanges } : {}),
          ...(moreSessionChanges ? { moreSessionChanges } : {}),
        },
      });
      if (templateOff) {
        await writeAudit(tx, {
          actorId: actor.userId,
          entityType: "event",
          entityId: eventId,
          action: "template-off",
          details: { level: input.level },
        });
      }
    });
    return {
      ok: true,
      eventId,
      ...(renumbered.length ? { renumbered } : {}),
      ...(seatedOutside.length ? { seatedOutside } : {}),
    };
  } catch (error) {
    if (error instanceof SaveRefused) return error.outcome;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Status

export type TransitionOutcome =
  | { ok: true }
  | Refusal
  | { ok: false; status: 400; reason: "invalid"; issues: string[] }
  /** A cancellation refused by editions that have taken place: their numbers (eventCancellationPlan). */
  | { ok: false; status: 409; reason: "edition-concluded"; concluded: number[] };

/**
 * Moves an event along its lifecycle. Publishing re-runs the whole form validation on what is
 * stored. The status is changed only if it is still the one checked (two clicks, two tabs).
 */
export async function changeEventStatus(
  actor: Actor,
  eventId: string,
  to: string,
  /** Required to cancel ("annullato"): told to every participant and shown on the event page. */
  reason?: string,
): Promise<TransitionOutcome> {
  const current = await findScope(prisma, eventId);
  const refusal = accessRefusal(actor, current);
  if (refusal) return refusal;
  const from = current!.status;
  if (!canTransition(from, to)) return refuse(409, "transition-not-allowed");
  const checkedReason = to === "annullato" ? cancellationReasonSchema.safeParse(reason ?? "") : null;
  if (checkedReason && !checkedReason.success) return refuse(400, "reason-required");
  const cancellationReason = checkedReason?.success ? checkedReason.data : null;
  if (to === "pubblicato") {
    const full = await loadFullEvent(prisma, eventId);
    const check = eventFormSchema.safeParse(eventToFormValues(full!));
    if (!check.success) {
      return {
        ok: false,
        status: 400,
        reason: "invalid",
        issues: [...new Set(check.error.issues.map((i) => i.message))],
      };
    }
    if (!canManageEvent(actor, check.data)) return refuse(403, "forbidden");
  }
  const now = new Date();
  const changed = await prisma
    .$transaction(
      (tx) =>
        writeEventStatus(
          tx,
          actor.userId,
          eventId,
          { from, to, firstPublication: !current!.publishedAt, cancellationReason },
          now,
        ),
      SEAT_TRANSACTION,
    )
    .catch((error: unknown) => {
      if (error instanceof EventCancelRefused) return "edition-concluded" as const;
      throw error;
    });
  if (changed === "edition-concluded") {
    // Rolled back: the refusal names the editions that have taken place, as the confirmation did.
    const editions = await prisma.edition.findMany({
      where: { eventId },
      select: { number: true, status: true, attendanceClosedAt: true, endsOn: true },
    });
    return { ok: false, status: 409, reason: changed, concluded: eventCancellationPlan(editions, now).concluded };
  }
  return changed === "changed" ? { ok: true } : refuse(409, changed);
}

/**
 * changeEventStatus's writes, in the caller's transaction (the race tests hold one open around them).
 * Closing or cancelling first locks every edition of the event in a fixed order (lockEventEditions), so
 * a seat writer of any edition (the burst, the pools, a placement, a move, an offer, an application)
 * either commits before it or, queued on its edition's lock, finds the event closed or cancelled
 * (ADR 0084). The status changes only if it is still `from` (two clicks, two tabs): "status-changed".
 * Cancelling an event with an edition that has taken place (ended, or its register closed) throws
 * EventCancelRefused (undo it all).
 */
export async function writeEventStatus(
  tx: Tx,
  actorId: string,
  eventId: string,
  change: { from: string; to: string; firstPublication: boolean; cancellationReason: string | null },
  now: Date,
): Promise<"changed" | "status-changed"> {
  const { from, to, cancellationReason } = change;
  if (to === "chiuso" || to === "annullato") await lockEventEditions(tx, eventId, now);
  const result = await tx.event.updateMany({
    where: { id: eventId, status: from },
    data: {
      status: to,
      ...(to === "pubblicato" && change.firstPublication ? { publishedAt: now } : {}),
      ...(cancellationReason ? { cancellationReason } : {}),
    },
  });
  if (result.count !== 1) return "status-changed";
  if (!(await editionsFollowEvent(tx, actorId, eventId, to, cancellationReason, now))) throw new EventCancelRefused();
  await writeAudit(tx, {
    actorId,
    entityType: "event",
    entityId: eventId,
    action: "status",
    details: cancellationReason ? { from, to, reason: cancellationReason } : { from, to },
  });
  return "changed";
}

/** Rolls back an event's cancellation that reached an edition that has taken place (ended, or register closed). */
class EventCancelRefused extends Error {}

/**
 * What an event's new status does to its editions, in the transaction that wrote it and under every
 * edition's lock (lockEventEditions). Written by writeEventStatus, and by reconcileEndedEvents for the
 * events closed before ADR 0084 (their editions were left open): one rule for both.
 * - "chiuso": no edition takes anyone from now on; open offers end (closeEventEditions);
 * - "annullato" with its reason: every edition still running is cancelled and every participant told
 *   why; editions cancelled earlier keep their own reason. False, having changed some editions, when
 *   one has taken place (register closed, or ended with its register still open: editionCancelTransition):
 *   the caller rolls back.
 * `actorId` is null for a background job.
 */
export async function editionsFollowEvent(
  tx: Tx,
  actorId: string | null,
  eventId: string,
  status: string,
  cancellationReason: string | null,
  now: Date,
): Promise<boolean> {
  if (status === "chiuso") await closeEventEditions(tx, actorId, eventId, now);
  if (status === "annullato" && cancellationReason) {
    const editions = await tx.edition.findMany({ where: { eventId }, orderBy: { id: "asc" }, select: { id: true } });
    for (const edition of editions) {
      const cancelled = await cancelEditionInTransaction(tx, actorId, edition.id, cancellationReason, now);
      if (cancelled.ok) await tx.edition.update({ where: { id: edition.id }, data: { cancellationReason } });
      else if (cancelled.reason === "attendance-closed" || cancelled.reason === "ended") return false;
    }
  }
  return true;
}

/**
 * Cancels one edition from its page (the seat ledger ends every place and tells every participant)
 * and keeps the organiser's reason on the edition for the event page. Scope is checked by the caller.
 */
export async function cancelEditionWithReason(
  scope: ManagedEdition,
  reason: string,
  now: Date = new Date(),
): Promise<CancelEditionOutcome | { ok: false; reason: "reason-required" }> {
  const checked = cancellationReasonSchema.safeParse(reason);
  if (!checked.success) return { ok: false, reason: "reason-required" };
  const { id: editionId, actorId } = scope;
  return prisma.$transaction(async (tx) => {
    const cancelled = await cancelEditionInTransaction(tx, actorId, editionId, checked.data, now);
    if (cancelled.ok) await tx.edition.update({ where: { id: editionId }, data: { cancellationReason: checked.data } });
    return cancelled;
  }, SEAT_TRANSACTION);
}

// ---------------------------------------------------------------------------------------------
// Trainers

/** People who hold the trainer role, for the assignment form. */
export async function listTrainerCandidates() {
  // From the trainers' roles to their accounts: `roles: { some }` on User probed the roles of every
  // account (a scan of all teachers: 29 ms at 100,000 on SQLite, on every event page); the role
  // rows are few and indexed by role.
  const roles = await prisma.userRole.findMany({ where: { role: "formatore" }, select: { userId: true } });
  if (roles.length === 0) return [];
  return prisma.user.findMany({
    where: { id: { in: [...new Set(roles.map((r) => r.userId))] } },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
    take: 1000,
    select: { id: true, firstName: true, lastName: true, email: true },
  });
}

export async function assignTrainer(actor: Actor, eventId: string, userId: string): Promise<{ ok: true } | Refusal> {
  const refusal = accessRefusal(actor, await findScope(prisma, eventId));
  if (refusal) return refusal;
  try {
    return await prisma.$transaction(async (tx): Promise<{ ok: true } | Refusal> => {
      // The role row is written first (an update that changes nothing), as isLastNationalUnitLocked does: a
      // revocation at the same moment (revokeRole deletes the role, then the assignments) either waits for this
      // assignment to commit and then removes it, or has already removed the role, which this finds gone. Read
      // outside the transaction, the role could be revoked between the check and the insert, leaving an
      // assignment, and the registers it opens, without the role.
      const held = await tx.userRole.updateMany({
        where: { userId, role: "formatore" },
        data: { role: "formatore" },
      });
      if (held.count === 0) return refuse(400, "not-a-trainer");
      const trainer = await tx.user.findUniqueOrThrow({
        where: { id: userId },
        select: { firstName: true, lastName: true },
      });
      const name = `${trainer.firstName} ${trainer.lastName}`;
      const already = await tx.eventTrainer.findUnique({
        where: { eventId_userId: { eventId, userId } },
        select: { userId: true },
      });
      if (already) return { ok: true };
      await tx.eventTrainer.create({ data: { eventId, userId, assignedById: actor.userId } });
      await writeAudit(tx, {
        actorId: actor.userId,
        entityType: "event",
        entityId: eventId,
        action: "trainer.assign",
        details: { userId, name },
      });
      return { ok: true };
    });
  } catch (error) {
    // Assigned at the same moment from another tab: already done.
    if (!isUniqueViolation(error)) throw error;
  }
  return { ok: true };
}

export async function unassignTrainer(actor: Actor, eventId: string, userId: string): Promise<{ ok: true } | Refusal> {
  const refusal = accessRefusal(actor, await findScope(prisma, eventId));
  if (refusal) return refusal;
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { firstName: true, lastName: true } });
    const removed = await tx.eventTrainer.deleteMany({ where: { eventId, userId } });
    if (removed.count === 0) return;
    const name = user ? `${user.firstName} ${user.lastName}` : null;
    await writeAudit(tx, {
      actorId: actor.userId,
      entityType: "event",
      entityId: eventId,
      action: "trainer.unassign",
      details: { userId, name },
    });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Form choices

/** Levels and regions the form offers this organiser; the server re-checks every save with canManageEvent. */
export function formChoicesFor(actor: Actor) {
  const regions = isNationalUnit(actor) ? [...REGION_CODES] : referentRegions(actor);
  const levels = publishableLevels(actor);
  return { levels, regions };
}

export function newEventDefaults(actor: Actor) {
  const { levels, regions } = formChoicesFor(actor);
  return newEventFormValues({
    level: levels.length === 1 ? levels[0] : undefined,
    regionCode: !isNationalUnit(actor) && regions.length === 1 ? regions[0] : undefined,
  });
}
