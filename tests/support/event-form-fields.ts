// The organiser's event form as a browser posts it (names like editions[0].sessions[1].endsAt):
// a regional, blended Toscana event with one edition of 4,5 hours (a live session and a required
// asynchronous activity; certificate at 80% of the hours). Shared by the form's unit
// tests and the publishing integration tests.
import { parseWithZod } from "@conform-to/zod";
import { eventFormSchema, type EventSubmission } from "../../app/forms/event-form.ts";

export type EventFormFields = Record<string, string | string[] | null>;

export function eventFormFields(overrides: EventFormFields = {}): EventFormFields {
  return {
    title: "Didattica digitale integrata",
    description: "Un percorso per progettare attività con strumenti digitali.",
    type: "corso-online-base",
    level: "regionale",
    regionCode: "toscana",
    mode: "blended",
    venue: "IIS Leonardo da Vinci, Firenze",
    onlineUrl: "https://meet.example.it/ddi",
    language: "it",
    titleLanguage: "it",
    textLanguage: "it",
    certifiedHours: "4,5",
    completionPercent: "80",
    schoolLevels: ["primaria", "secondaria-primo-grado"],
    audienceRoles: ["docente"],
    themes: ["competenze-digitali", "inclusione"],
    "editions[0].startsOn": "2026-12-01",
    "editions[0].endsOn": "2026-12-10",
    "editions[0].seatCap": "30",
    "editions[0].enrolmentOpensAt": "2026-11-01T09:00",
    "editions[0].enrolmentClosesAt": "2026-11-28T23:59",
    "editions[0].sessions[0].startsAt": "2026-12-01T15:00",
    "editions[0].sessions[0].endsAt": "2026-12-01T17:00",
    "editions[0].sessions[0].delivery": "sincrona",
    "editions[0].sessions[0].hours": "2",
    "editions[0].sessions[1].startsAt": "2026-12-02T09:00",
    "editions[0].sessions[1].endsAt": "2026-12-10T23:00",
    "editions[0].sessions[1].title": "Attività online: materiali e forum",
    "editions[0].sessions[1].delivery": "asincrona",
    "editions[0].sessions[1].hours": "2,5",
    "editions[0].sessions[1].required": "on",
    ...overrides,
  };
}

/**
 * A national online course of two live webinars, 10 and 17 February 2027 at 15:00 Rome (4 hours, 30
 * seats): the edition that invitations and seat offers are tried on. `name` starts its title.
 */
export function twoWebinarsFields(name: string, overrides: EventFormFields = {}): EventFormFields {
  return {
    title: name,
    description: "Un percorso di due webinar per le prove.",
    type: "corso-online-base",
    level: "nazionale",
    mode: "online",
    onlineUrl: "https://meet.example.it/stanza-prove",
    language: "it",
    titleLanguage: "it",
    textLanguage: "it",
    certifiedHours: "4",
    schoolLevels: ["primaria"],
    audienceRoles: ["docente"],
    themes: ["competenze-digitali"],
    "editions[0].startsOn": "2027-02-10",
    "editions[0].endsOn": "2027-02-17",
    "editions[0].seatCap": "30",
    "editions[0].enrolmentOpensAt": "2026-11-01T09:00",
    "editions[0].enrolmentClosesAt": "2027-02-01T23:59",
    "editions[0].sessions[0].startsAt": "2027-02-10T15:00",
    "editions[0].sessions[0].endsAt": "2027-02-10T17:00",
    "editions[0].sessions[0].delivery": "sincrona",
    "editions[0].sessions[0].hours": "2",
    "editions[0].sessions[1].startsAt": "2027-02-17T15:00",
    "editions[0].sessions[1].endsAt": "2027-02-17T17:00",
    "editions[0].sessions[1].delivery": "sincrona",
    "editions[0].sessions[1].hours": "2",
    ...overrides,
  };
}

/** The fields as FormData; null leaves a field out. */
export function toFormData(fields: EventFormFields): FormData {
  const fd = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) fd.append(name, v);
  }
  return fd;
}

/** The fields as the event form's action reads them (createEvent / updateEvent); throws if they are not valid. */
export function eventInputFrom(fields: EventFormFields): EventSubmission {
  const submission = parseWithZod(toFormData(fields), { schema: eventFormSchema });
  if (submission.status !== "success") throw new Error(`fixture invalid: ${JSON.stringify(submission.error)}`);
  return submission.value;
}
