// The organiser's event form (iniziativa with its editions and their sessions): ONE Zod schema,
// used by Conform in the browser and by the create/edit actions on the server, and re-run on a
// stored event before it is published. Field names are the form's (hours, days as YYYY-MM-DD,
// date-times as <input type="datetime-local"> values in Europe/Rome); the parsed value is the
// storable EventInput (minutes, instants). Cross-field rules come from app/domain/event-rules.ts.
import { z } from "zod";
import {
  CANCELLATION_REASON_MAX,
  editionHoursIssues,
  editionScheduleIssues,
  isHttpUrl,
  MAX_CERTIFIED_MINUTES,
  modeIssues,
  needsOnlineUrl,
  needsVenue,
  regionIssues,
  type RuleIssue,
} from "~/domain/event-rules.ts";
import { DEFAULT_COMPLETION_PERCENT } from "~/domain/completion-rule.ts";
import { parseHoursToMinutes } from "~/domain/hours.ts";
import { storedSessionPlace } from "~/domain/session-place.ts";
import {
  EVENT_LANGUAGES,
  EVENT_STATUSES,
  EVENT_LEVELS,
  EVENT_MODES,
  EVENT_TYPES,
  MAX_THEMES_PER_EVENT,
  PROFESSIONAL_ROLES,
  REGION_CODES,
  SCHOOL_LEVELS,
  SESSION_DELIVERIES,
  SESSION_PLACES,
  THEMES,
  type Locale,
} from "~/domain/vocabulary.ts";
import { parseRomeDateTime, readRomeDateTime, toRomeDateValue, toRomeInputValue } from "~/utils/dates.ts";
import {
  choice,
  inFormYears,
  ROME_TIME_REFUSALS,
  optionalPrintedText,
  optionalWholeNumber,
  parseWholeNumber,
  requiredPrintedText,
  requiredText,
} from "./fields.ts";

export const MAX_EDITIONS_PER_EVENT = 20;
export const MAX_SESSIONS_PER_EDITION = 60;
export const MAX_SEAT_CAP = 100_000;

/**
 * The most bytes the event form's post may have (app/utils/body-limit.server.ts): every edition with every session,
 * each text at its maximum length in characters that percent-encode to 9 bytes (’ is %E2%80%99), with Conform's field
 * names ("editions[19].sessions[59].startsAt"). 16 editions of 20 sessions were already past the ordinary 128 KB.
 */
const SESSION_POST_BYTES = 8 * 40 + 64 + 200 * 9 + 2 * 48 + 3 * 40;
const EDITION_POST_BYTES = 8 * 30 + 64 + 4 * 48 + 24;
const EVENT_FIELDS_POST_BYTES = 128 * 1024 + 10_000 * 9;
export const EVENT_FORM_MAX_BYTES =
  MAX_EDITIONS_PER_EVENT * (EDITION_POST_BYTES + MAX_SESSIONS_PER_EDITION * SESSION_POST_BYTES) +
  EVENT_FIELDS_POST_BYTES;

/** Hours typed as "25", "1,5" or "0.75" -> whole minutes, more than zero. */
const hours = (max: number) =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .transform((text, ctx) => {
      const minutes = parseHoursToMinutes(text);
      if (minutes === null) {
        ctx.addIssue({ code: "custom", message: "events.validation.hours" });
        return z.NEVER;
      }
      if (minutes <= 0 || minutes > max) {
        ctx.addIssue({ code: "custom", message: "events.validation.hoursRange" });
        return z.NEVER;
      }
      return minutes;
    });

/** An <input type="datetime-local"> value, read as Europe/Rome wall-clock time. */
const romeDateTime = z
  .string({ required_error: "validation.required" })
  .trim()
  .transform((text, ctx) => {
    const reading = /T|\s/.test(text) ? readRomeDateTime(text) : null;
    if (reading && !reading.ok && reading.reason !== "invalid") {
      // The nights clocks change: a time Rome skips, or one it lives twice, is not stored as a guess.
      ctx.addIssue({ code: "custom", message: ROME_TIME_REFUSALS[reading.reason] });
      return z.NEVER;
    }
    if (!reading?.ok || !inFormYears(reading.date)) {
      ctx.addIssue({ code: "custom", message: "events.validation.dateTime" });
      return z.NEVER;
    }
    return reading.date;
  });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An <input type="date"> value: the first (or last) instant of that day in Europe/Rome. */
const romeDay = (edge: "start" | "end") =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .transform((text, ctx) => {
      const date = DAY.test(text) ? parseRomeDateTime(edge === "start" ? text : `${text}T23:59`) : null;
      if (!date || !inFormYears(date)) {
        ctx.addIssue({ code: "custom", message: "events.validation.date" });
        return z.NEVER;
      }
      return edge === "start" ? date : new Date(date.getTime() + 59_999);
    });

/** Empty = no cap (open webinars); otherwise a whole number of seats. */
const seatCap = optionalWholeNumber(1, MAX_SEAT_CAP, "events.validation.seatCap");

/** Share of the total hours needed for the certificate: a whole number from 1 to 100 (empty = the default). */
const completionPercent = z
  .string()
  .trim()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined || text === "") return DEFAULT_COMPLETION_PERCENT;
    const n = parseWholeNumber(text, 1, 100);
    if (n === null) {
      ctx.addIssue({ code: "custom", message: "events.validation.completionPercent" });
      return z.NEVER;
    }
    return n;
  });

const id = z.string().trim().max(64).optional();

const sessionSchema = z
  .object({
    id,
    title: optionalPrintedText(200),
    startsAt: romeDateTime,
    endsAt: romeDateTime,
    delivery: choice(SESSION_DELIVERIES),
    /**
     * A blended event's live session: where it is held (ADR 0091). Empty = both, the venue and the
     * room; kept only for a live session of a blended event (openEditionInput).
     */
    place: choice(SESSION_PLACES).optional(),
    hours: hours(24 * 60 * 31),
    /** Asynchronous activities only: needed for the certificate whatever the hours reached. */
    required: z.boolean().optional(),
  })
  .superRefine((session, ctx) => {
    // An activity is named by its title alone (the register's columns and buttons, the completion rule, the
    // closing reasons, the teacher's page): a live session has its date, an activity has nothing else.
    if (session.delivery === "asincrona" && !session.title) {
      ctx.addIssue({ code: "custom", path: ["title"], message: "events.validation.activityTitleRequired" });
    }
  });

const editionFields = z.object({
  id,
  startsOn: romeDay("start"),
  endsOn: romeDay("end"),
  seatCap,
  enrolmentOpensAt: romeDateTime,
  enrolmentClosesAt: romeDateTime,
  sessions: z
    .array(sessionSchema, { required_error: "events.validation.sessionsRequired" })
    .min(1, "events.validation.sessionsRequired")
    .max(MAX_SESSIONS_PER_EDITION, "events.validation.tooManySessions"),
});

/** An edition the organiser may change: every field, and no lock marker. */
const openEditionFields = editionFields.extend({ scheduleLocked: z.undefined() });
type EditionFields = z.infer<typeof openEditionFields>;

/**
 * An edition whose schedule is locked (scheduleLockOf in app/models/event.server.ts: cancelled, or its
 * register closed and certificates issued), as the form sends it: its id, its cap and the marker. Its days,
 * enrolment window and sessions are read-only: the form shows them as text and sends none of them, so
 * nothing of them is validated again (ADR 0084); updateEvent takes them as stored. A time stored before
 * Rome's clock checks existed (25/10/2026 02:30) thus no longer blocks saving the rest of the form.
 */
const lockedEditionFields = z.object({
  id: z.string().trim().min(1).max(64),
  scheduleLocked: z.literal("on"),
  seatCap,
});
type LockedEditionFields = z.infer<typeof lockedEditionFields>;

// Zod still runs refinements when a sibling field has a non-fatal issue, with that field's
// value left unparsed: cross-field rules only look at parts whose values are all well-formed.
const isDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());
const isMinutes = (m: unknown): m is number => typeof m === "number" && Number.isInteger(m);

function wellFormedEdition(e: EditionFields | LockedEditionFields | undefined): e is EditionFields {
  return (
    !!e &&
    e.scheduleLocked !== "on" &&
    isDate(e.startsOn) &&
    isDate(e.endsOn) &&
    isDate(e.enrolmentOpensAt) &&
    isDate(e.enrolmentClosesAt) &&
    Array.isArray(e.sessions) &&
    e.sessions.length > 0 &&
    e.sessions.every(
      (s) => isDate(s.startsAt) && isDate(s.endsAt) && isMinutes(s.hours) && typeof s.delivery === "string",
    )
  );
}

const withMinutes = (e: EditionFields) => ({ ...e, sessions: e.sessions.map((s) => ({ ...s, minutes: s.hours })) });

function addIssues(ctx: z.RefinementCtx, issues: readonly RuleIssue[], prefix: (string | number)[] = []) {
  for (const issue of issues)
    ctx.addIssue({ code: "custom", path: [...prefix, ...issue.path], message: issue.message });
}

// Zod skips a refinement on an object as soon as any of its fields is missing or of the wrong type,
// so a rule written on the whole event would wait for the title and the description before saying that
// a session ends before it starts. Each cross-field rule sits instead on the smallest part it reads (an
// edition; its level, region and place; the certified hours with the editions), and the
// organiser sees every error of the form at once.
// The lock marker chooses the schema (a discriminated union: an open edition's errors stay on its own
// fields), and the schedule's cross-field rules apply to an open edition only.
const editionSchema = z
  .discriminatedUnion("scheduleLocked", [openEditionFields, lockedEditionFields])
  .superRefine((edition, ctx) => {
    if (wellFormedEdition(edition)) addIssues(ctx, editionScheduleIssues(withMinutes(edition)));
  });

const distinct = <T>(values: T[]) => [...new Set(values)];

const levelAndPlace = z
  .object({
    level: choice(EVENT_LEVELS),
    regionCode: choice(REGION_CODES).optional(),
    openToAllRegions: z.boolean().optional(),
    mode: choice(EVENT_MODES),
    venue: optionalPrintedText(300),
    onlineUrl: z.string().trim().max(500, "validation.tooLong").refine(isHttpUrl, "events.validation.url").optional(),
  })
  .superRefine((place, ctx) => {
    addIssues(ctx, [
      ...regionIssues(place.level, place.regionCode),
      ...modeIssues(place.mode, place.venue, place.onlineUrl),
    ]);
  });

const hoursAndEditions = z
  .object({
    certifiedHours: hours(MAX_CERTIFIED_MINUTES),
    editions: z
      .array(editionSchema, { required_error: "events.validation.editionsRequired" })
      .min(1, "events.validation.editionsRequired")
      .max(MAX_EDITIONS_PER_EVENT, "events.validation.tooManyEditions"),
  })
  .superRefine((event, ctx) => {
    // Without valid certified hours there is nothing to add up to.
    if (!isMinutes(event.certifiedHours) || !Array.isArray(event.editions)) return;
    event.editions.forEach((edition, i) => {
      if (wellFormedEdition(edition)) {
        addIssues(ctx, editionHoursIssues(withMinutes(edition), event.certifiedHours), ["editions", i]);
      }
    });
  });

const eventObject = z
  .object({
    title: requiredPrintedText(200),
    description: requiredText(10_000),
    type: choice(EVENT_TYPES),
    language: choice(EVENT_LANGUAGES),
    titleLanguage: choice(EVENT_LANGUAGES),
    textLanguage: choice(EVENT_LANGUAGES),
    completionPercent,
    /** The edit form's fingerprint of the event it was filled in from (eventEditFingerprint): a save over a changed event is refused. */
    basedOn: z.string().max(100).optional(),
    schoolLevels: z
      .array(choice(SCHOOL_LEVELS), { required_error: "events.validation.schoolLevelsRequired" })
      .min(1, "events.validation.schoolLevelsRequired")
      .transform(distinct),
    audienceRoles: z
      .array(choice(PROFESSIONAL_ROLES), { required_error: "events.validation.audienceRolesRequired" })
      .min(1, "events.validation.audienceRolesRequired")
      .transform(distinct),
    themes: z
      .array(choice(THEMES), { required_error: "events.validation.themesRequired" })
      .transform(distinct)
      .refine((t) => t.length >= 1, "events.validation.themesRequired")
      .refine((t) => t.length <= MAX_THEMES_PER_EVENT, "events.validation.tooManyThemes"),
  })
  .and(levelAndPlace)
  .and(hoursAndEditions);

export const eventFormSchema = eventObject.transform((event): EventSubmission => ({
  title: event.title,
  description: event.description,
  type: event.type,
  level: event.level,
  regionCode: event.level === "regionale" ? (event.regionCode ?? null) : null,
  openToAllRegions: event.level === "regionale" && event.openToAllRegions === true,
  mode: event.mode,
  venue: needsVenue(event.mode) ? (event.venue ?? null) : null,
  onlineUrl: needsOnlineUrl(event.mode) ? (event.onlineUrl ?? null) : null,
  language: event.language,
  titleLanguage: event.titleLanguage,
  textLanguage: event.textLanguage,
  certifiedMinutes: event.certifiedHours,
  completionPercent: event.completionPercent,
  schoolLevels: event.schoolLevels,
  audienceRoles: event.audienceRoles,
  themes: event.themes,
  ...(event.basedOn ? { basedOn: event.basedOn } : {}),
  editions: event.editions.map((e) =>
    e.scheduleLocked === "on"
      ? { id: e.id, scheduleLocked: true as const, seatCap: e.seatCap }
      : openEditionInput(e, event.mode),
  ),
}));

/** An open edition's fields as the models store them (a session's own place only on a blended event's live session). */
const openEditionInput = (e: EditionFields, mode: string): EditionInput => ({
  id: e.id || undefined,
  startsOn: e.startsOn,
  endsOn: e.endsOn,
  seatCap: e.seatCap,
  enrolmentOpensAt: e.enrolmentOpensAt,
  enrolmentClosesAt: e.enrolmentClosesAt,
  sessions: e.sessions.map((s) => ({
    id: s.id || undefined,
    title: s.title ?? "",
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    delivery: s.delivery,
    place: storedSessionPlace(s, mode),
    minutes: s.hours,
    // A live session is attended, not completed: only asynchronous activities can be required.
    required: s.delivery === "asincrona" && s.required === true,
  })),
});

/** A valid event as the models store it. */
export type EventInput = {
  title: string;
  description: string;
  type: string;
  level: string;
  regionCode: string | null;
  openToAllRegions: boolean;
  mode: string;
  venue: string | null;
  onlineUrl: string | null;
  language: string;
  /** The language the title, description and sheet are written in (the pages' lang, WCAG 3.1.2). */
  titleLanguage: string;
  /** The language the description and sheet are written in. */
  textLanguage: string;
  certifiedMinutes: number;
  /** Completion rule: minimum share (1..100) of the total hours, besides the required activities. */
  completionPercent: number;
  schoolLevels: string[];
  audienceRoles: string[];
  themes: string[];
  editions: EditionInput[];
};

/**
 * What the form sends, parsed: an EventInput whose locked editions carry only their id and cap
 * (lockedEditionFields); updateEvent reads their schedule from the database.
 */
export type EventSubmission = Omit<EventInput, "editions"> & {
  editions: (EditionInput | LockedEditionInput)[];
  /** Set by the edit form: the fingerprint of the event as the organiser saw it (eventEditFingerprint). */
  basedOn?: string;
};

/** A locked edition as the form sends it (its schedule is the stored one). */
export type LockedEditionInput = { id: string; scheduleLocked: true; seatCap: number | null };

export type EditionInput = {
  /** Set when the edition already exists (kept stable across edits). */
  id?: string;
  startsOn: Date;
  endsOn: Date;
  seatCap: number | null;
  enrolmentOpensAt: Date;
  enrolmentClosesAt: Date;
  sessions: SessionInput[];
};

export type SessionInput = {
  id?: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  delivery: string;
  /** A blended event's live session held in one place only: "in-presenza" | "online"; null = both, or not blended. */
  place: string | null;
  minutes: number;
  required: boolean;
};

/** What the form's inputs hold: strings, as typed. */
export type SessionFormValues = {
  id?: string;
  title?: string;
  startsAt?: string;
  endsAt?: string;
  delivery?: string;
  place?: string;
  hours?: string;
  required?: boolean;
};
export type EditionFormValues = {
  id?: string;
  startsOn?: string;
  endsOn?: string;
  seatCap?: string;
  enrolmentOpensAt?: string;
  enrolmentClosesAt?: string;
  sessions: SessionFormValues[];
};
export type EventFormValues = {
  title?: string;
  description?: string;
  type?: string;
  level?: string;
  regionCode?: string;
  openToAllRegions?: boolean;
  mode?: string;
  venue?: string;
  onlineUrl?: string;
  language?: string;
  titleLanguage?: string;
  textLanguage?: string;
  certifiedHours?: string;
  completionPercent?: string;
  schoolLevels: string[];
  audienceRoles: string[];
  themes: string[];
  editions: EditionFormValues[];
};

/**
 * What the edit form must know before it offers to remove a stored edition or session (formRemovalsOf in
 * app/models/event.server.ts): editions holding places and sessions with register lines or completed activities
 * (the save refuses to remove them, so no button is offered), and each session's number of materials (files and
 * links of the event sheet), deleted with it. A session with records also keeps its stored delivery
 * (`recordedDeliveries`, by session id): the save refuses to change it, so the form shows it locked.
 */
export type FormRemovals = {
  editionsWithPlaces: string[];
  sessionsWithRecords: string[];
  recordedDeliveries: Record<string, string>;
  materialsBySession: Record<string, number>;
};

export const emptySession = (): SessionFormValues => ({ delivery: "sincrona" });
export const emptyEdition = (): EditionFormValues => ({ sessions: [emptySession()] });

/** A new event's form: one edition with one live session, Italian, the referent's region if they have just one. */
export function newEventFormValues(defaults: { level?: string; regionCode?: string } = {}): EventFormValues {
  return {
    level: defaults.level,
    regionCode: defaults.regionCode,
    language: "it",
    titleLanguage: "it",
    textLanguage: "it",
    completionPercent: String(DEFAULT_COMPLETION_PERCENT),
    schoolLevels: [],
    audienceRoles: [],
    themes: [],
    editions: [emptyEdition()],
  };
}

/** Minutes as the hours field shows them: 90 -> "1,5" (it) or "1.5" (en). */
export function minutesToHoursText(minutes: number, locale: Locale): string {
  const text = String(Math.round((minutes / 60) * 100) / 100);
  return locale === "it" ? text.replace(".", ",") : text;
}

/** An event as loaded from the database: EventInput's columns, with the related rows as Prisma returns them. */
type StoredEvent = Omit<EventInput, "schoolLevels" | "audienceRoles" | "themes" | "editions"> & {
  schoolLevels: { schoolLevel: string }[];
  audienceRoles: { role: string }[];
  themes: { theme: string }[];
  editions: {
    id: string;
    startsOn: Date;
    endsOn: Date;
    seatCap: number | null;
    enrolmentOpensAt: Date;
    enrolmentClosesAt: Date;
    sessions: {
      id: string;
      title: string;
      startsAt: Date;
      endsAt: Date;
      delivery: string;
      place: string | null;
      minutes: number;
      required: boolean;
    }[];
  }[];
};

/** A stored event as the form's values: the edit page's defaults, and what publishing re-validates. */
export function eventToFormValues(event: StoredEvent, locale: Locale = "it"): EventFormValues {
  const orUndefined = (v: string | null) => (v ? v : undefined);
  return {
    title: event.title,
    description: event.description,
    type: event.type,
    level: event.level,
    regionCode: orUndefined(event.regionCode),
    openToAllRegions: event.openToAllRegions,
    mode: event.mode,
    venue: orUndefined(event.venue),
    onlineUrl: orUndefined(event.onlineUrl),
    language: event.language,
    titleLanguage: event.titleLanguage,
    textLanguage: event.textLanguage,
    certifiedHours: minutesToHoursText(event.certifiedMinutes, locale),
    completionPercent: String(event.completionPercent),
    schoolLevels: event.schoolLevels.map((s) => s.schoolLevel),
    audienceRoles: event.audienceRoles.map((r) => r.role),
    themes: event.themes.map((t) => t.theme),
    editions: event.editions.map((e) => ({
      id: e.id,
      startsOn: toRomeDateValue(e.startsOn),
      endsOn: toRomeDateValue(e.endsOn),
      seatCap: e.seatCap === null ? undefined : String(e.seatCap),
      enrolmentOpensAt: toRomeInputValue(e.enrolmentOpensAt),
      enrolmentClosesAt: toRomeInputValue(e.enrolmentClosesAt),
      sessions: e.sessions.map((s) => ({
        id: s.id,
        title: orUndefined(s.title),
        startsAt: toRomeInputValue(s.startsAt),
        endsAt: toRomeInputValue(s.endsAt),
        delivery: s.delivery,
        place: orUndefined(s.place),
        hours: minutesToHoursText(s.minutes, locale),
        required: s.required,
      })),
    })),
  };
}

/** The buttons of the organiser's event page: a status change, or a trainer (un)assignment. */
/** Why an event or an edition is cancelled: required, sent to the participants and shown on the event page. */
export const cancellationReasonSchema = requiredText(CANCELLATION_REASON_MAX);

export const eventPageActionSchema = z
  .discriminatedUnion("intent", [
    // Publishing and closing are irreversible: the page sends them from their own confirmation steps, with
    // confirm=yes (publishing: required here; closing: the action answers with its step).
    z.object({ intent: z.literal("status"), to: choice(EVENT_STATUSES), confirm: z.literal("yes").optional() }),
    // Cancelling is the second step of its own (app/routes/gestione.eventi.$eventId.tsx): reason and confirmation.
    z.object({
      intent: z.literal("cancel"),
      reason: cancellationReasonSchema,
      confirm: z.literal("yes", { errorMap: () => ({ message: "cancellation.confirmRequired" }) }),
    }),
    z.object({
      intent: z.literal("assign-trainer"),
      userId: z.string({ required_error: "validation.required" }).trim().min(1).max(64),
    }),
    z.object({ intent: z.literal("unassign-trainer"), userId: z.string().trim().min(1).max(64) }),
  ])
  // Publishing cannot be undone (no way back to draft) and announces the event by email: only from its second
  // step (?pubblica=1), which says so and sends confirm=yes.
  .superRefine((value, ctx) => {
    if (value.intent === "status" && value.to === "pubblicato" && value.confirm !== "yes")
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirm"], message: "events.admin.publish.confirmRequired" });
  });
