// Building events for the demo seed, the scale-data generator and tests: Europe/Rome wall-clock
// times, session minutes that add up to the certified hours, and the derived columns
// (startsAt, endsAt, searchText) computed the same way the organiser forms do.
import { TZDate } from "@date-fns/tz";
import { deriveEventFields } from "../../app/domain/event-derived-fields.ts";
import type { Prisma } from "../../app/generated/prisma-sqlite/client.ts";
import { TIME_ZONE } from "../../app/utils/dates.ts";

export type SessionSpec = {
  title?: string;
  startsAt: Date;
  endsAt: Date;
  delivery: "sincrona" | "asincrona";
  /** Certified minutes; defaults to the length of a synchronous session. Required for asynchronous work. */
  minutes?: number;
  /** Asynchronous work that must be completed for the certificate (e.g. the final project). */
  required?: boolean;
  /** A blended event's live session held in one place only (ADR 0091); none = both. */
  place?: "in-presenza" | "online";
};

export type EditionSpec = {
  seatCap: number | null;
  seatsTaken?: number;
  enrolmentOpensAt: Date;
  enrolmentClosesAt: Date;
  status?: "attiva" | "iscrizioni-chiuse" | "annullata";
  sessions: SessionSpec[];
};

export type EventSpec = {
  id?: string;
  title: string;
  description: string;
  type: string;
  level: string;
  regionCode?: string | null;
  mode: string;
  venue?: string | null;
  onlineUrl?: string | null;
  language?: string;
  /** The languages of the title and of the description (default Italian). */
  titleLanguage?: string;
  textLanguage?: string;
  status: "bozza" | "pubblicato" | "chiuso" | "annullato";
  openToAllRegions?: boolean;
  publishedAt?: Date | null;
  createdById: string;
  schoolLevels: string[];
  audienceRoles: string[];
  themes: string[];
  trainerIds?: string[];
  editions: EditionSpec[];
};

/** A wall-clock time in Europe/Rome as an instant. month is 1-12; day may overflow (32 January = 1 February). */
export function romeTime(year: number, month: number, day: number, time = "00:00"): Date {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(year, month - 1, day, h, m, TIME_ZONE).getTime());
}

/** The Rome calendar day `days` after (or before) the day of `base`, at `time` Rome time. */
export function romeDaysFrom(base: Date, days: number, time = "00:00"): Date {
  const d = new TZDate(base.getTime(), TIME_ZONE);
  return romeTime(d.getFullYear(), d.getMonth() + 1, d.getDate() + days, time);
}

/** A synchronous meeting on `day` (a Rome date instant) from `from` to `to`, Rome time. */
export function meeting(day: Date, from: string, to: string, title = ""): SessionSpec {
  return { title, startsAt: romeDaysFrom(day, 0, from), endsAt: romeDaysFrom(day, 0, to), delivery: "sincrona" };
}

/** Asynchronous activity open for `days` days from `day`, certified for `minutes`. */
export function activity(day: Date, days: number, minutes: number, title = "", required = false): SessionSpec {
  return {
    required,
    title,
    startsAt: romeDaysFrom(day, 0, "00:00"),
    endsAt: romeDaysFrom(day, days - 1, "23:59"),
    delivery: "asincrona",
    minutes,
  };
}

export function sessionMinutes(s: SessionSpec): number {
  if (s.minutes !== undefined) return s.minutes;
  if (s.delivery === "asincrona") throw new Error("Un'attività asincrona deve indicare i minuti certificati");
  return Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000);
}

/** The certified minutes of one edition; every edition of an event must certify the same. */
export function certifiedMinutesOf(spec: Pick<EventSpec, "title" | "editions">): number {
  const totals = spec.editions.map((e) => e.sessions.reduce((sum, s) => sum + sessionMinutes(s), 0));
  const first = totals[0] ?? 0;
  if (totals.some((t) => t !== first)) {
    throw new Error(`"${spec.title}": le edizioni certificano ore diverse (${totals.join(", ")} minuti)`);
  }
  return first;
}

function editionBounds(e: EditionSpec): { startsOn: Date; endsOn: Date } {
  if (e.sessions.length === 0) throw new Error("Un'edizione ha almeno un incontro");
  const starts = e.sessions.map((s) => s.startsAt.getTime());
  const ends = e.sessions.map((s) => s.endsAt.getTime());
  return { startsOn: new Date(Math.min(...starts)), endsOn: new Date(Math.max(...ends)) };
}

/** Editions numbered 1, 2, 3… in date order, as the data model expects. */
function editionsInDateOrder(spec: EventSpec): EditionSpec[] {
  return [...spec.editions].sort((a, b) => editionBounds(a).startsOn.getTime() - editionBounds(b).startsOn.getTime());
}

/** One nested create for Prisma: the event, its editions and sessions, audiences, themes, trainers. */
export function eventCreateInput(spec: EventSpec): Prisma.EventUncheckedCreateInput {
  const certifiedMinutes = certifiedMinutesOf(spec);
  const derived = deriveEventFields({
    title: spec.title,
    description: spec.description,
    venue: spec.venue ?? null,
    editions: spec.editions,
  });
  return {
    ...(spec.id ? { id: spec.id } : {}),
    title: spec.title,
    description: spec.description,
    type: spec.type,
    level: spec.level,
    regionCode: spec.regionCode ?? null,
    mode: spec.mode,
    venue: spec.venue ?? null,
    onlineUrl: spec.onlineUrl ?? null,
    language: spec.language ?? "it",
    titleLanguage: spec.titleLanguage ?? "it",
    textLanguage: spec.textLanguage ?? "it",
    certifiedMinutes,
    status: spec.status,
    openToAllRegions: spec.openToAllRegions ?? false,
    publishedAt: spec.publishedAt ?? (spec.status === "bozza" ? null : new Date()),
    createdById: spec.createdById,
    ...derived,
    schoolLevels: { create: spec.schoolLevels.map((schoolLevel) => ({ schoolLevel })) },
    audienceRoles: { create: spec.audienceRoles.map((role) => ({ role })) },
    themes: { create: spec.themes.map((theme) => ({ theme })) },
    trainers: { create: (spec.trainerIds ?? []).map((userId) => ({ userId })) },
    editions: {
      create: editionsInDateOrder(spec).map((e, i) => ({
        number: i + 1,
        ...editionBounds(e),
        seatCap: e.seatCap,
        seatsTaken: e.seatsTaken ?? 0,
        enrolmentOpensAt: e.enrolmentOpensAt,
        enrolmentClosesAt: e.enrolmentClosesAt,
        status: e.status ?? "attiva",
        sessions: {
          create: e.sessions.map((s) => ({
            title: s.title ?? "",
            startsAt: s.startsAt,
            endsAt: s.endsAt,
            delivery: s.delivery,
            minutes: sessionMinutes(s),
            required: s.required ?? false,
            place: s.place ?? null,
          })),
        },
      })),
    },
  };
}
