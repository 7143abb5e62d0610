// Another person's ids in every loader and action that takes one (issue 11, a hostile review of 08/12/2026):
// a referent of Lombardy on a Tuscan event's pages, a trainer not assigned to it on its registers, another
// teacher on a teacher's place, certificate, pass and questionnaire. Each answers 403 or 404, never the page
// or a redirect that says it worked, and nothing of the event, its edition or the places changes.
// tests/integration/hostile-input.test.ts sends hostile values as the route's own user; edition-scope.test.ts
// records of another edition inside one's own; this file the whole route as someone whose scope it is not.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/utils/db.server.ts";
import { createCertificate, createEnrolment, createOpenEdition, createUser } from "../support/factories.ts";
import { callRoute, cookieOf, routeRequest, statusOf, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

type RouteModule = { loader?: Handler; action?: Handler };
const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");
const route = (file: string) => import(path.join(ROUTES_DIR, file)) as Promise<RouteModule>;

let ids: { eventId: string; editionId: string; sessionId: string; enrolmentId: string; certificateId: string };
let cookies: { lombardy: string; trainer: string; otherTeacher: string; tuscany: string; teacher: string };

/** What a refused request must leave as it was: the event, its edition, its places and what was written about them. */
async function snapshot() {
  const [event, edition, places, audit, notifications, certificates] = await Promise.all([
    prisma.event.findUniqueOrThrow({ where: { id: ids.eventId } }),
    prisma.edition.findUniqueOrThrow({ where: { id: ids.editionId } }),
    prisma.enrolment.findMany({ where: { eventId: ids.eventId }, orderBy: { id: "asc" } }),
    prisma.auditLog.count(),
    prisma.notification.count(),
    prisma.certificate.findMany({ where: { editionId: ids.editionId }, orderBy: { id: "asc" } }),
  ]);
  return { event, edition, places, audit, notifications, certificates };
}

beforeAll(async () => {
  // A Tuscan regional event, managed by the referent of Tuscany, with a teacher's place and her certificate.
  const { event, edition } = await createOpenEdition({ level: "regionale", regionCode: "toscana" });
  const session = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: edition.id } });
  const teacher = await createUser();
  const place = await createEnrolment(edition, teacher.id);
  // Over, its register closed and her certificate issued: every page of it has something to show.
  const ended = await prisma.edition.update({
    where: { id: edition.id },
    data: {
      seatsTaken: 1,
      startsOn: new Date(Date.now() - 2 * 86_400_000),
      endsOn: new Date(Date.now() - 86_400_000),
      attendanceClosedAt: new Date(),
    },
  });
  const certificate = await createCertificate({ enrolmentId: place.id, userId: teacher.id }, ended);
  ids = {
    eventId: event.id,
    editionId: edition.id,
    sessionId: session.id,
    enrolmentId: place.id,
    certificateId: certificate.id,
  };
  const lombardy = await createUser({
    regionCode: "lombardia",
    roles: [{ role: "referente-usr", regionCode: "lombardia" }],
  });
  // A trainer, assigned to another event only.
  const trainer = await createUser({ roles: [{ role: "formatore" }] });
  const elsewhere = await createOpenEdition();
  await prisma.eventTrainer.create({ data: { eventId: elsewhere.event.id, userId: trainer.id } });
  const otherTeacher = await createUser();
  const tuscany = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
  cookies = {
    tuscany: await cookieOf(tuscany.id),
    teacher: await cookieOf(teacher.id),
    lombardy: await cookieOf(lombardy.id),
    trainer: await cookieOf(trainer.id),
    otherTeacher: await cookieOf(otherTeacher.id),
  };
});

type Probe = {
  file: string;
  path: (i: typeof ids) => string;
  params: (i: typeof ids) => Record<string, string>;
  /** A form the action would act on if the scope were not checked; absent: the loader only. */
  form?: (i: typeof ids) => Record<string, string>;
};

const edition = (p: string): Pick<Probe, "path" | "params"> => ({
  path: (i) => `/gestione/edizioni/${i.editionId}${p}`,
  params: (i) => ({ editionId: i.editionId }),
});
const event = (p: string): Pick<Probe, "path" | "params"> => ({
  path: (i) => `/gestione/eventi/${i.eventId}${p}`,
  params: (i) => ({ eventId: i.eventId }),
});
const trainerEdition = (p: string): Pick<Probe, "path" | "params"> => ({
  path: (i) => `/formazione/edizioni/${i.editionId}${p}`,
  params: (i) => ({ editionId: i.editionId }),
});
const session = (p: string): Pick<Probe, "path" | "params"> => ({
  path: (i) => `/formazione/incontri/${i.sessionId}${p}`,
  params: (i) => ({ sessionId: i.sessionId }),
});

/** The organiser's pages of the Tuscan event, and what their forms would change. */
const ORGANISER_PAGES: Probe[] = [
  {
    file: "gestione.edizioni.$editionId.tsx",
    ...edition(""),
    form: (i) => ({ intent: "remove", enrolmentId: i.enrolmentId, reason: "Rimossa da un'altra regione" }),
  },
  { file: "gestione.edizioni.$editionId_.attestati[.]zip.tsx", ...edition("/attestati.zip") },
  {
    file: "gestione.edizioni.$editionId_.inserisci.tsx",
    ...edition("/inserisci"),
    form: () => ({ intent: "email", email: "qualcuno@scuola.example.it" }),
  },
  { file: "gestione.edizioni.$editionId_.iscritti[.]csv.tsx", ...edition("/iscritti.csv") },
  {
    file: "gestione.edizioni.$editionId_.messaggi.tsx",
    ...edition("/messaggi"),
    form: () => ({ intent: "invia", subject: "Ciao", body: "Un messaggio", recipients: "iscritti" }),
  },
  { file: "gestione.edizioni.$editionId_.modifiche.tsx", ...edition("/modifiche") },
  { file: "gestione.edizioni.$editionId_.questionario.tsx", ...edition("/questionario") },
  { file: "gestione.edizioni.$editionId_.sposta.tsx", ...edition("/sposta"), form: () => ({ intent: "preview" }) },
  { file: "gestione.eventi.$eventId.tsx", ...event(""), form: () => ({ intent: "status", to: "chiuso" }) },
  { file: "gestione.eventi.$eventId.modifica.tsx", ...event("/modifica"), form: () => ({ title: "Preso" }) },
  { file: "gestione.eventi.$eventId_.copia.tsx", ...event("/copia"), form: () => ({ intent: "copy" }) },
  { file: "gestione.eventi.$eventId_.scheda.tsx", ...event("/scheda"), form: () => ({ intent: "programma" }) },
];

/** The trainer's pages of its edition and session. */
const TRAINER_PAGES: Probe[] = [
  { file: "formazione.edizioni.$editionId.tsx", ...trainerEdition(""), form: () => ({ intent: "activities" }) },
  {
    file: "formazione.edizioni.$editionId_.attestati.tsx",
    ...trainerEdition("/attestati"),
    form: (i) => ({ intent: "revoke", certificateId: i.certificateId, reason: "Revocato da estranei" }),
  },
  { file: "formazione.edizioni.$editionId_.chiusura.tsx", ...trainerEdition("/chiusura"), form: () => ({}) },
  { file: "formazione.edizioni.$editionId_.ore[.]csv.tsx", ...trainerEdition("/ore.csv") },
  {
    file: "formazione.incontri.$sessionId.tsx",
    ...session(""),
    form: (i) => ({ intent: "save", line: i.enrolmentId, [`status-${i.enrolmentId}`]: "assente" }),
  },
  { file: "formazione.incontri.$sessionId_.check-in.tsx", ...session("/check-in") },
  { file: "formazione.incontri.$sessionId_.importa.tsx", ...session("/importa"), form: () => ({}) },
  { file: "formazione.incontri.$sessionId_.qr.tsx", ...session("/qr") },
  { file: "formazione.incontri.$sessionId_.registro[.]csv.tsx", ...session("/registro.csv") },
  { file: "formazione.incontri.$sessionId_.registro[.]pdf.tsx", ...session("/registro.pdf") },
];

/** The teacher's own things, opened by another teacher. */
const TEACHER_PAGES: Probe[] = [
  {
    file: "le-mie-iscrizioni_.$enrolmentId.qr.tsx",
    path: (i) => `/le-mie-iscrizioni/${i.enrolmentId}/qr`,
    params: (i) => ({ enrolmentId: i.enrolmentId }),
  },
  {
    file: "attestati.$certificateId[.]pdf.tsx",
    path: (i) => `/attestati/${i.certificateId}.pdf`,
    params: (i) => ({ certificateId: i.certificateId }),
  },
  {
    file: "attestati.$certificateId.inglese[.]pdf.tsx",
    path: (i) => `/attestati/${i.certificateId}/inglese.pdf`,
    params: (i) => ({ certificateId: i.certificateId }),
  },
  {
    file: "questionario.$editionId.tsx",
    path: (i) => `/questionario/${i.editionId}`,
    params: (i) => ({ editionId: i.editionId }),
    form: () => ({ q1: "5" }),
  },
];

/** Calls the probe's loader and (with its form) action as the given cookie; the statuses it answered. */
async function statusesOf(probe: Probe, cookie: string) {
  const mod = await route(probe.file);
  const url = `http://localhost${probe.path(ids)}`;
  const answers: { what: string; status: number }[] = [];
  if (mod.loader) {
    const result = await callRoute(mod.loader, routeRequest(url, { cookie }), probe.params(ids));
    answers.push({ what: `GET ${probe.file}`, status: statusOf(result) });
  }
  if (mod.action && probe.form) {
    const result = await callRoute(mod.action, routeRequest(url, { cookie, form: probe.form(ids) }), probe.params(ids));
    answers.push({ what: `POST ${probe.file}`, status: statusOf(result) });
  }
  return answers;
}

function expectRefused(answers: { what: string; status: number }[]) {
  const allowed = answers.filter((a) => a.status !== 403 && a.status !== 404);
  expect(allowed).toEqual([]);
}

describe("another person's ids", () => {
  it("(the probes reach the pages: the referent of Tuscany and the teacher herself open every one of them)", async () => {
    const loaders = async (probes: Probe[], cookie: string) => {
      const answers = [];
      for (const probe of probes) answers.push(...(await statusesOf({ ...probe, form: undefined }, cookie)));
      return answers.filter((a) => a.status !== 200);
    };
    expect(await loaders([...ORGANISER_PAGES, ...TRAINER_PAGES], cookies.tuscany)).toEqual([]);
    // The questionnaire's page is open to her; the certificate waits for it (a redirect to it), the pass is hers.
    expect(await loaders(TEACHER_PAGES, cookies.teacher)).toEqual([
      { what: "GET attestati.$certificateId[.]pdf.tsx", status: 302 },
      { what: "GET attestati.$certificateId.inglese[.]pdf.tsx", status: 302 },
    ]);
  });

  it("a referent of Lombardy on a Tuscan event: every organiser and register page and form answers 403 or 404, changing nothing", async () => {
    const before = await snapshot();
    const answers = [];
    for (const probe of [...ORGANISER_PAGES, ...TRAINER_PAGES])
      answers.push(...(await statusesOf(probe, cookies.lombardy)));
    expectRefused(answers);
    expect(await snapshot()).toEqual(before);
  });

  it("a trainer not assigned to the event: every register page and form, and the organiser's pages, answer 403 or 404, changing nothing", async () => {
    const before = await snapshot();
    const answers = [];
    for (const probe of [...TRAINER_PAGES, ...ORGANISER_PAGES])
      answers.push(...(await statusesOf(probe, cookies.trainer)));
    expectRefused(answers);
    expect(await snapshot()).toEqual(before);
  });

  it("another teacher: the place's QR pass, the certificate's PDFs and the questionnaire answer 403 or 404", async () => {
    const before = await snapshot();
    const answers = [];
    for (const probe of TEACHER_PAGES) answers.push(...(await statusesOf(probe, cookies.otherTeacher)));
    expectRefused(answers);
    expect(await snapshot()).toEqual(before);
  });

  it("another teacher cannot cancel, accept, decline or withdraw the place from Le mie iscrizioni", async () => {
    const mod = await route("le-mie-iscrizioni.tsx");
    const before = await snapshot();
    for (const intent of ["cancel", "accept", "decline", "withdraw"]) {
      const result = await callRoute(
        mod.action!,
        routeRequest("http://localhost/le-mie-iscrizioni", {
          cookie: cookies.otherTeacher,
          form: { intent, enrolmentId: ids.enrolmentId, confirm: "yes" },
        }),
      );
      expect(statusOf(result), intent).toBeGreaterThanOrEqual(400);
    }
    expect(await snapshot()).toEqual(before);
  });
});
