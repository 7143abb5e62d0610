// The teacher's training plan against the real database (SQLite or PostgreSQL): plan content with
// Forma enrolments and external training, school-year filtering, the target and the reminder
// preference through the page's action, suggestions that respect eligibility, certificate upload
// validation and download by the owner only, the PDF.
// Everything is dated in the 2090-2091 school year, which no other test uses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificateLines, STATED_FIELDS } from "../../app/domain/certificate-text.ts";
import { schoolYearLabel } from "../../app/domain/training-plan.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import { renderTrainingPlanPdf } from "../../app/models/training-plan-pdf.server.ts";
import { certificateKey, loadTrainingPlan } from "../../app/models/training-plan.server.ts";
import * as certificateRoute from "../../app/routes/il-mio-piano_.attestati.$trainingId.tsx";
import * as pdfRoute from "../../app/routes/il-mio-piano[.]pdf.tsx";
import * as planRoute from "../../app/routes/il-mio-piano.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { fileStore } from "../../app/utils/file-store.server.ts";
import { pdfText } from "../support/pdf-text.ts";
import { createCertificate, createOpenEdition, createUser, unique } from "../support/factories.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { callRoute as call, cookieOf, statusOf, type Handler } from "../support/routes.ts";

const YEAR = { startYear: 2090 };
const PDF_BYTES = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

afterAll(async () => {
  await prisma.$disconnect();
});
/** The certificate's bytes in the file store (ADR 0015), or null. */
const stored = (trainingId: string) => fileStore().get(certificateKey(trainingId));

async function post(cookie: string, fields: Record<string, string | Blob>, url = "/il-mio-piano?anno=2090-2091") {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value instanceof Blob) body.set(name, value, (value as File).name ?? "file");
    else body.set(name, value);
  }
  const request = new Request(`http://localhost${url}`, { method: "POST", body, headers: { Cookie: cookie } });
  return call(planRoute.action as Handler, request);
}

/** A published event of the given shape with one 2090-2091 edition whose enrolment is open now. */
async function event(options: {
  level: string;
  mode: string;
  regionCode?: string | null;
  openToAllRegions?: boolean;
  schoolLevels?: string[];
  audienceRoles?: string[];
  startsAt: string;
  minutes?: number;
  type?: string;
}) {
  const created = await createOpenEdition({
    level: options.level,
    regionCode: options.regionCode ?? null,
    openToAllRegions: options.openToAllRegions ?? false,
    schoolLevels: options.schoolLevels,
    audienceRoles: options.audienceRoles,
    sessionStartsAt: new Date(options.startsAt),
    title: `Piano ${options.level} ${options.mode} ${unique("")}`,
  });
  await prisma.event.update({
    where: { id: created.event.id },
    data: { mode: options.mode, type: options.type ?? "webinar", certifiedMinutes: options.minutes ?? 120 },
  });
  return created;
}

/** A new Tuscan primary teacher enrolled in `created`'s edition, with a valid certificate of it stating `fields`. */
async function certifiedTeacher(
  created: Awaited<ReturnType<typeof event>>,
  fields: Parameters<typeof createCertificate>[2] = {},
) {
  const teacher = await createUser({ regionCode: "toscana", schoolLevel: "primaria", professionalRole: "docente" });
  expect((await enrol(teacher.id, created.edition.id)).ok).toBe(true);
  const enrolment = await prisma.enrolment.findFirstOrThrow({
    where: { userId: teacher.id, editionId: created.edition.id },
  });
  const certificate = await createCertificate({ enrolmentId: enrolment.id, userId: teacher.id }, created.edition, {
    eventTitle: created.event.title,
    ...fields,
  });
  return { teacher, certificate };
}

function externalFields(overrides: Record<string, string | Blob> = {}) {
  return {
    intent: "external-add",
    title: `Corso esterno ${unique("x")}`,
    organiser: "Università di Firenze",
    startsOn: "2090-11-05",
    endsOn: "2090-11-20",
    hours: "10",
    level: "europeo",
    mode: "blended",
    ...overrides,
  };
}

describe("the training plan", () => {
  let teacher: Awaited<ReturnType<typeof createUser>>;
  let cookie: string;
  let regional: Awaited<ReturnType<typeof event>>;
  let national: Awaited<ReturnType<typeof event>>;
  let externalId: string;

  beforeAll(async () => {
    teacher = await createUser({ regionCode: "toscana", schoolLevel: "primaria", professionalRole: "docente" });
    cookie = await cookieOf(teacher.id);
    regional = await event({
      level: "regionale",
      mode: "in-presenza",
      regionCode: "toscana",
      startsAt: "2090-10-10T08:00:00Z",
      minutes: 360,
      type: "seminario",
    });
    national = await event({ level: "nazionale", mode: "online", startsAt: "2091-03-01T16:00:00Z", minutes: 120 });
    expect((await enrol(teacher.id, regional.edition.id)).ok).toBe(true);
    expect((await enrol(teacher.id, national.edition.id)).ok).toBe(true);
    // External training with a certificate, through the page's form (multipart).
    const response = await post(
      cookie,
      externalFields({
        title: "Corso esterno europeo",
        certificate: new File([PDF_BYTES], "../../../etc/passwd.pdf", { type: "application/pdf" }),
      }),
    );
    expect(statusOf(response)).toBe(302);
    const row = await prisma.externalTraining.findFirstOrThrow({
      where: { userId: teacher.id, title: "Corso esterno europeo" },
    });
    externalId = row.id;
    // And one in the previous school year.
    expect(
      statusOf(
        await post(
          cookie,
          externalFields({
            title: "Corso dell'anno prima",
            startsOn: "2089-12-01",
            endsOn: "2089-12-02",
            hours: "3,5",
            level: "",
            mode: "",
          }),
        ),
      ),
    ).toBe(302);
  });

  it("shows Forma training, external training, hours and the grid for the school year", async () => {
    // On 1 January 2091 the regional seminar (October) is over, the national webinar (March) is not.
    const plan = await loadTrainingPlan(teacher.id, YEAR, new Date("2091-01-01T12:00:00Z"));
    expect(plan.completed.map((e) => e.eventId)).toEqual([regional.event.id]);
    expect(plan.active.map((e) => [e.eventId, e.status])).toEqual([[national.event.id, "iscritto"]]);
    expect(plan.upcomingSessions.map((s) => s.eventId)).toEqual([national.event.id]);
    expect(plan.externals.map((x) => [x.title, x.minutes, x.hasCertificate])).toEqual([
      ["Corso esterno europeo", 600, true],
    ]);
    // Only certified hours count: the external course (ended); the regional seminar has ended but
    // its register is still open, so its certificate is being prepared: its 6 hours are neither
    // certified nor "not certified"; the webinar is upcoming.
    expect(plan.totals).toMatchObject({
      formaCertifiedMinutes: 0,
      externalCertifiedMinutes: 600,
      certifiedMinutes: 600,
      notCertifiedMinutes: 0,
      awaitingCertificateMinutes: 360,
      totalMinutes: 600,
      upcomingMinutes: 120,
    });
    expect(plan.completed.map((e) => e.state)).toEqual(["in-attesa-di-attestato"]);
    expect(plan.totals.byLevel).toEqual([{ level: "europeo", minutes: 600 }]);
    const cell = (key: string) => plan.grid.flat().find((c) => c.key === key)!;
    expect(cell("regionale|in-presenza").items.map((i) => i.state)).toEqual(["in-attesa-di-attestato"]);
    expect(cell("nazionale|online").items.map((i) => i.state)).toEqual(["in-corso"]);
    expect(cell("europeo|online").items.map((i) => i.kind)).toEqual(["esterna"]);
    expect(cell("europeo|in-presenza").items.map((i) => i.kind)).toEqual(["esterna"]);
    expect(cell("regionale|online").items).toEqual([]);
    expect(cell("nazionale|in-presenza").items).toEqual([]);
  });

  it("counts the certified hours of a valid certificate instead of the event's expected hours", async () => {
    const { teacher: other, certificate } = await certifiedTeacher(regional, {
      eventType: "seminario",
      organiser: "USR Toscana",
      certifiedMinutes: 300,
    });
    const at = new Date("2091-01-01T12:00:00Z");
    const plan = await loadTrainingPlan(other.id, YEAR, at);
    expect(plan.completed.map((e) => [e.eventId, e.state, e.minutes, e.certificate?.id])).toEqual([
      [regional.event.id, "certificata", 300, certificate.id],
    ]);
    expect(plan.totals).toMatchObject({
      formaCertifiedMinutes: 300,
      externalCertifiedMinutes: 0,
      certifiedMinutes: 300,
      notCertifiedMinutes: 0,
    });
    // Revoked (the register closed): not certified any more, and the event's nominal hours do not count either.
    await prisma.edition.update({ where: { id: regional.edition.id }, data: { attendanceClosedAt: at } });
    await prisma.certificate.update({ where: { id: certificate.id }, data: { activeKey: null, revokedAt: at } });
    const after = await loadTrainingPlan(other.id, YEAR, at);
    expect(after.totals).toMatchObject({ formaCertifiedMinutes: 0, certifiedMinutes: 0, notCertifiedMinutes: 360 });
    expect(after.completed.map((e) => e.state)).toEqual(["non-certificata"]);
  });

  it("writes certified hours as the certificate does: 175 minutes are 2 hours and 55 minutes on the page and in its PDF", async () => {
    // Review of the teacher's pages (07/12/2026): the plan wrote 175 certified minutes as "2,92 ore", the certificate
    // the teacher downloads beside it "2 ore e 55 minuti". One figure, in the certificate's words, everywhere.
    const webinar = await event({ level: "nazionale", mode: "online", startsAt: "2090-10-20T16:00:00Z", minutes: 180 });
    const { teacher: holder, certificate: created } = await certifiedTeacher(webinar, {
      organiser: "Unità nazionale eTwinning – INDIRE",
      certifiedMinutes: 175,
    });
    const stated = await prisma.certificate.findUniqueOrThrow({ where: { id: created.id }, select: STATED_FIELDS });
    const onCertificate = certificateLines(stated, { signatory: "Firma" }, "it", "https://forma.test/v").hours;
    expect(onCertificate).toBe("2 ore e 55 minuti");
    expect(certificateLines(stated, { signatory: "Firma" }, "en", "https://forma.test/v").hours).toBe(
      "2 hours and 55 minutes",
    );

    const at = new Date("2091-01-01T12:00:00Z");
    const plan = await loadTrainingPlan(holder.id, YEAR, at);
    expect(plan.totals).toMatchObject({ formaCertifiedMinutes: 175, totalMinutes: 175 });
    const loaderData = { plan, yearLabel: schoolYearLabel(YEAR), currentLabel: schoolYearLabel(plan.current) };
    const url = "http://localhost/il-mio-piano?anno=2090-2091";
    const page = textOf(await renderRoutePage(planRoute.default, { url, loaderData }));
    expect(page).toContain(`Totale certificato dell'anno: ${onCertificate}`);
    expect(page).toContain(`Ore certificate da attestati Forma: ${onCertificate}`);
    expect(page).toContain(`· ${onCertificate} (ore certificate)`);
    expect(page).not.toMatch(/2,92|2\.92/);
    const english = textOf(await renderRoutePage(planRoute.default, { url, loaderData, locale: "en" }));
    expect(english).toContain("Certified total for the year: 2 hours and 55 minutes");
    expect(english).not.toMatch(/2,92|2\.92/);

    const pdf = (await pdfText(new Uint8Array(await renderTrainingPlanPdf(plan, "it", at)))).replace(/\s+/g, " ");
    expect(pdf).toContain(`Totale certificato dell'anno: ${onCertificate}`);
    expect(pdf).toContain(`Nazionale: ${onCertificate}`);
    expect(pdf).not.toMatch(/2,92|2\.92/);
    const englishPdf = (await pdfText(new Uint8Array(await renderTrainingPlanPdf(plan, "en", at)))).replace(
      /\s+/g,
      " ",
    );
    expect(englishPdf).toContain("Certified total for the year: 2 hours and 55 minutes");
  });

  it("lists a waitlist position, an offer or an application apart: no seat, so not in the grid nor in any hours", async () => {
    // A full European seminar (16 hours, in person) in April 2091: one seat, taken by `holder`.
    const full = await createOpenEdition({
      seatCap: 1,
      level: "europeo",
      sessionStartsAt: new Date("2091-04-13T12:00:00Z"),
      title: `Seminario multilaterale ${unique("")}`,
    });
    await prisma.event.update({
      where: { id: full.event.id },
      data: { mode: "in-presenza", type: "seminario-multilaterale", certifiedMinutes: 960 },
    });
    const profile = { regionCode: "toscana", schoolLevel: "primaria", professionalRole: "docente" };
    const holder = await createUser(profile);
    const waiting = await createUser(profile);
    expect(await enrol(holder.id, full.edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    expect(await enrol(waiting.id, full.edition.id)).toMatchObject({ ok: true, status: "in-attesa" });
    // The page's loader, today (the seminar is in 2091: not ended).
    const pageOf = async (userId: string) =>
      (
        (await call(
          planRoute.loader as Handler,
          new Request("http://localhost/il-mio-piano?anno=2090-2091", { headers: { Cookie: await cookieOf(userId) } }),
        )) as { plan: Awaited<ReturnType<typeof loadTrainingPlan>> }
      ).plan;
    const cellOf = (plan: Awaited<ReturnType<typeof loadTrainingPlan>>) =>
      plan.grid.flat().find((c) => c.key === "europeo|in-presenza")!;

    // The seat is training in progress: in the grid, its 16 hours upcoming.
    const held = await pageOf(holder.id);
    expect(cellOf(held).items.map((i) => [i.id, i.state])).toEqual([[expect.any(String), "in-corso"]]);
    expect(held.totals.upcomingMinutes).toBe(960);

    const place = await prisma.enrolment.findFirstOrThrow({
      where: { userId: waiting.id, editionId: full.edition.id },
    });
    for (const status of ["in-attesa", "offerta", "candidato"]) {
      await prisma.enrolment.update({ where: { id: place.id }, data: { status } });
      const plan = await pageOf(waiting.id);
      // Listed as what it is (its status), with no hours: not in the grid, not in any total.
      expect(plan.active.map((e) => [e.eventId, e.status, e.state])).toEqual([[full.event.id, status, "in-sospeso"]]);
      expect(plan.completed).toEqual([]);
      expect(cellOf(plan).items).toEqual([]);
      expect(plan.upcomingSessions).toEqual([]);
      expect(plan.totals).toMatchObject({
        totalMinutes: 0,
        certifiedMinutes: 0,
        notCertifiedMinutes: 0,
        upcomingMinutes: 0,
        byLevel: [],
        byType: [],
      });
    }
    // Once the edition has ended, a place that never became a seat is not in the plan at all.
    const after = await loadTrainingPlan(waiting.id, YEAR, new Date("2091-05-01T12:00:00Z"));
    expect([after.active, after.completed]).toEqual([[], []]);
    // The PDF says the same: the waitlist position with its status and no hours, nothing in the grid or the hours.
    await prisma.enrolment.update({ where: { id: place.id }, data: { status: "in-attesa" } });
    const pdf = (await call(
      pdfRoute.loader as Handler,
      new Request("http://localhost/il-mio-piano.pdf?anno=2090-2091", {
        headers: { Cookie: await cookieOf(waiting.id) },
      }),
    )) as Response;
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Disposition")).toBe('attachment; filename="piano-formativo-2090-2091.pdf"');
    // In English the file is named in English too.
    const english = (await call(
      pdfRoute.loader as Handler,
      new Request("http://localhost/il-mio-piano.pdf?anno=2090-2091&lang=en", {
        headers: { Cookie: await cookieOf(waiting.id) },
      }),
    )) as Response;
    expect(english.headers.get("Content-Disposition")).toBe('attachment; filename="training-plan-2090-2091.pdf"');
    await english.arrayBuffer();
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, " ");
    expect(text).toContain(
      `${full.event.title} · Europeo, In presenza · nessun posto: ore non contate · In lista d'attesa`,
    );
    expect(text).not.toContain(`${full.event.title} (16 ore`);
    expect(text).toContain("fuori dal totale: 0");
    // An empty list says so in words that agree with incontri as with iscrizioni ("Nessuna." did not).
    expect(text).toContain("Nessuna voce.");
    expect(text).not.toMatch(/Nessuna\.|Nessuno\./);
  });

  it("tells a concluded edition whose register is open (certificate being prepared) from one closed without a certificate, page and PDF", async () => {
    const pending = await event({
      level: "nazionale",
      mode: "in-presenza",
      startsAt: "2090-11-10T08:00:00Z",
      minutes: 240,
      type: "seminario",
    });
    const learner = await createUser({ regionCode: "toscana", schoolLevel: "primaria", professionalRole: "docente" });
    expect((await enrol(learner.id, pending.edition.id)).ok).toBe(true);
    const at = new Date("2091-01-01T12:00:00Z");
    const open = await loadTrainingPlan(learner.id, YEAR, at);
    expect(open.completed.map((e) => [e.eventId, e.state])).toEqual([[pending.event.id, "in-attesa-di-attestato"]]);
    expect(open.totals).toMatchObject({ certifiedMinutes: 0, notCertifiedMinutes: 0, awaitingCertificateMinutes: 240 });
    const pdfOf = async () => {
      const plan = await loadTrainingPlan(learner.id, YEAR, at);
      return (await pdfText(new Uint8Array(await renderTrainingPlanPdf(plan, "it", at)))).replace(/\s+/g, " ");
    };
    const pdfOpen = await pdfOf();
    expect(pdfOpen).toContain("conclusa: attestato in preparazione");
    expect(pdfOpen).not.toContain("conclusa senza attestato");
    // The trainer closes the register and no certificate is issued: now it ended without one.
    await prisma.edition.update({
      where: { id: pending.edition.id },
      data: { attendanceClosedAt: new Date("2090-12-01T12:00:00Z") },
    });
    const closed = await loadTrainingPlan(learner.id, YEAR, at);
    expect(closed.completed.map((e) => e.state)).toEqual(["non-certificata"]);
    expect(closed.totals).toMatchObject({ notCertifiedMinutes: 240, awaitingCertificateMinutes: 0 });
    expect(await pdfOf()).toContain("conclusa senza attestato");
  });

  it("goes to the school year of external training added for another year, and says so", async () => {
    const other = await createUser({ regionCode: "toscana", schoolLevel: "primaria", professionalRole: "docente" });
    const otherCookie = await cookieOf(other.id);
    // Viewing 2090-2091, a course of June 2090 (school year 2089-2090) is added.
    const response = (await post(
      otherCookie,
      externalFields({ title: "Corso di giugno", startsOn: "2090-06-03", endsOn: "2090-06-05" }),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      "/il-mio-piano?anno=2089-2090&fatto=aggiunta-altro-anno#esterna-titolo",
    );
    // Added for the year being viewed: that year, with the usual message.
    const same = (await post(otherCookie, externalFields({ title: "Corso di novembre" }))) as Response;
    expect(same.headers.get("Location")).toBe("/il-mio-piano?anno=2090-2091&fatto=aggiunta#esterna-titolo");
  });

  it("lists upcoming sessions whatever school year their edition starts in", async () => {
    // On 28 August 2090 the plan shows 2089-2090; the course starts on 8 September (2090-2091). (Not a year later:
    // 2091-2092 is the dashboard fixture's own school year, whose national figures no other test may touch.)
    const september = await event({ level: "nazionale", mode: "online", startsAt: "2090-09-08T08:00:00Z" });
    const learner = await createUser({ regionCode: "toscana", schoolLevel: "primaria", professionalRole: "docente" });
    expect((await enrol(learner.id, september.edition.id)).ok).toBe(true);
    const plan = await loadTrainingPlan(learner.id, { startYear: 2089 }, new Date("2090-08-28T10:00:00Z"));
    expect(plan.upcomingSessions.map((s) => s.eventId)).toEqual([september.event.id]);
    // It still counts in its own school year only.
    expect(plan.active).toEqual([]);
    expect(plan.totals.upcomingMinutes).toBe(0);
  });

  it("counts external training dated in the future as upcoming, not certified", async () => {
    const other = await createUser({ regionCode: "toscana", schoolLevel: "primaria", professionalRole: "docente" });
    const otherCookie = await cookieOf(other.id);
    const fields = externalFields({ title: "Corso futuro", startsOn: "2091-05-10", endsOn: "2091-05-20", hours: "4" });
    expect(statusOf(await post(otherCookie, fields))).toBe(302);
    const before = await loadTrainingPlan(other.id, YEAR, new Date("2091-01-01T12:00:00Z"));
    expect(before.externals.map((x) => [x.title, x.state])).toEqual([["Corso futuro", "in-corso"]]);
    expect(before.totals).toMatchObject({ externalCertifiedMinutes: 0, totalMinutes: 0, upcomingMinutes: 240 });
    const after = await loadTrainingPlan(other.id, YEAR, new Date("2091-06-01T12:00:00Z"));
    expect(after.totals).toMatchObject({ externalCertifiedMinutes: 240, totalMinutes: 240, upcomingMinutes: 0 });
  });

  it("filters by school year (September to August in Rome)", async () => {
    const previous = await loadTrainingPlan(teacher.id, { startYear: 2089 }, new Date("2091-01-01T12:00:00Z"));
    expect(previous.externals.map((x) => x.title)).toEqual(["Corso dell'anno prima"]);
    expect(previous.active).toEqual([]);
    expect(previous.completed).toEqual([]);
    expect(previous.totals.certifiedMinutes).toBe(210);
    const next = await loadTrainingPlan(teacher.id, { startYear: 2091 }, new Date("2091-01-01T12:00:00Z"));
    expect(next.externals).toEqual([]);
    expect(next.totals.totalMinutes).toBe(0);
    // The page reads ?anno=.
    const page = (await call(
      planRoute.loader as Handler,
      new Request("http://localhost/il-mio-piano?anno=2089-2090", { headers: { Cookie: cookie } }),
    )) as {
      yearLabel: string;
    };
    expect(page.yearLabel).toBe("2089-2090");
  });

  it("sets the target (comma or dot) and the reminder preference by POST only", async () => {
    await call(
      planRoute.loader as Handler,
      new Request("http://localhost/il-mio-piano", { headers: { Cookie: cookie } }),
    );
    expect((await prisma.user.findUniqueOrThrow({ where: { id: teacher.id } })).trainingTargetMinutes).toBeNull();
    expect(statusOf(await post(cookie, { intent: "target", targetHours: "12,5" }))).toBe(302);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: teacher.id } })).trainingTargetMinutes).toBe(750);
    expect(statusOf(await post(cookie, { intent: "target", targetHours: "tante" }))).toBe(400);
    // The one hours parser (app/domain/hours.ts): not a whole number of minutes, zero or over 2000 hours is refused.
    for (const targetHours of ["1,33", "0", "2001"])
      expect(statusOf(await post(cookie, { intent: "target", targetHours }))).toBe(400);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: teacher.id } })).trainingTargetMinutes).toBe(750);
    expect(statusOf(await post(cookie, { intent: "target", targetHours: "20.5" }))).toBe(302);
    const plan = await loadTrainingPlan(teacher.id, YEAR, new Date("2091-01-01T12:00:00Z"));
    expect(plan.totals.targetMinutes).toBe(1230);
    expect(plan.totals.percentOfTarget).toBe(48); // 600 certified of 1230 (48.8%, rounded down): the uncertified seminar does not count;
    // Unticked checkbox: reminders off; ticked: on again.
    expect(statusOf(await post(cookie, { intent: "preferences" }))).toBe(302);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: teacher.id } })).emailReminders).toBe(false);
    expect(statusOf(await post(cookie, { intent: "preferences", emailReminders: "on" }))).toBe(302);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: teacher.id } })).emailReminders).toBe(true);
  });

  it("suggests, for each gap, only published events the teacher is eligible for", async () => {
    const at = (day: number) => `2091-02-${String(day).padStart(2, "0")}T15:00:00Z`;
    const toscanaOnline = await event({ level: "regionale", mode: "online", regionCode: "toscana", startsAt: at(1) });
    const lombardiaOnline = await event({
      level: "regionale",
      mode: "online",
      regionCode: "lombardia",
      startsAt: at(2),
    });
    const lombardiaOpen = await event({
      level: "regionale",
      mode: "online",
      regionCode: "lombardia",
      openToAllRegions: true,
      startsAt: at(3),
    });
    const infanzia = await event({
      level: "regionale",
      mode: "online",
      regionCode: "toscana",
      schoolLevels: ["infanzia"],
      startsAt: at(4),
    });
    const heads = await event({
      level: "regionale",
      mode: "online",
      regionCode: "toscana",
      audienceRoles: ["dirigente"],
      startsAt: at(5),
    });
    const draft = await event({ level: "regionale", mode: "online", regionCode: "toscana", startsAt: at(6) });
    await prisma.event.update({ where: { id: draft.event.id }, data: { status: "bozza" } });
    const blended = await event({ level: "nazionale", mode: "blended", startsAt: at(7) });
    const nationalOnline = await event({ level: "nazionale", mode: "online", startsAt: at(8) });

    const plan = await loadTrainingPlan(teacher.id, YEAR);
    const ids = (key: string) => (plan.suggestions[key as keyof typeof plan.suggestions] ?? []).map((s) => s.id);
    expect(ids("regionale|online")).toEqual([toscanaOnline.event.id, lombardiaOpen.event.id]);
    for (const refused of [lombardiaOnline, infanzia, heads, draft])
      expect(ids("regionale|online")).not.toContain(refused.event.id);
    expect(ids("nazionale|in-presenza")).toContain(blended.event.id);
    expect(ids("nazionale|in-presenza")).not.toContain(nationalOnline.event.id);
    // Filled cells get no suggestions; at most three per gap.
    expect(plan.suggestions["nazionale|online"]).toBeUndefined();
    for (const list of Object.values(plan.suggestions)) expect(list!.length).toBeLessThanOrEqual(3);
    // Past school years get none.
    expect((await loadTrainingPlan(teacher.id, { startYear: 2020 })).suggestions).toEqual({});
  });

  it("suggests an event whose enrolment opens later only to whom it is for", async () => {
    // A teacher with an empty grid: every cell is a gap.
    const secondary = await createUser({
      regionCode: "toscana",
      schoolLevel: "secondaria-secondo-grado",
      professionalRole: "docente",
    });
    const opensAt = new Date(Date.now() + 7 * 24 * 3600_000);
    const closesAt = new Date(Date.now() + 14 * 24 * 3600_000);
    const later = async (options: { schoolLevels?: string[]; audienceRoles?: string[]; day: number }) => {
      const created = await event({
        level: "regionale",
        mode: "online",
        regionCode: "toscana",
        schoolLevels: options.schoolLevels,
        audienceRoles: options.audienceRoles,
        startsAt: `2090-12-${String(options.day).padStart(2, "0")}T15:00:00Z`,
      });
      await prisma.edition.update({
        where: { id: created.edition.id },
        data: { enrolmentOpensAt: opensAt, enrolmentClosesAt: closesAt },
      });
      return created.event.id;
    };
    const forInfanzia = await later({ schoolLevels: ["infanzia"], day: 1 });
    const forHeads = await later({ audienceRoles: ["dirigente"], day: 2 });
    const forEveryone = await later({ day: 3 });
    const plan = await loadTrainingPlan(secondary.id, YEAR);
    const ids = (plan.suggestions["regionale|online"] ?? []).map((s) => s.id);
    expect(ids).toContain(forEveryone);
    expect(ids).not.toContain(forInfanzia);
    expect(ids).not.toContain(forHeads);
  });

  it("finds a gap's suggestion however many sooner events are for other cells or other teachers", async () => {
    const teacher = await createUser({
      regionCode: "lazio",
      schoolLevel: "secondaria-primo-grado",
      professionalRole: "docente",
    });
    // 200 events sooner than the one that suits the nazionale/in-presenza cell: national webinars she
    // could take, and national in-presenza events for infanzia.
    const organiser = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const crowd = Array.from({ length: 200 }, (_, i) => {
      const startsAt = new Date(Date.UTC(2091, 1, 1 + (i % 25), 8, i));
      return {
        id: unique("crowd"),
        mode: i % 2 === 0 ? "online" : "in-presenza",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
      };
    });
    await prisma.event.createMany({
      data: crowd.map((c) => ({
        id: c.id,
        title: `Folla ${c.id}`,
        description: "Evento di prova",
        type: "webinar",
        level: "nazionale",
        mode: c.mode,
        certifiedMinutes: 120,
        status: "pubblicato",
        publishedAt: new Date(),
        startsAt: c.startsAt,
        endsAt: c.endsAt,
        createdById: organiser.id,
      })),
    });
    await prisma.eventSchoolLevel.createMany({
      data: crowd.filter((c) => c.mode === "in-presenza").map((c) => ({ eventId: c.id, schoolLevel: "infanzia" })),
    });
    await prisma.edition.createMany({
      data: crowd.map((c) => ({
        eventId: c.id,
        number: 1,
        startsOn: c.startsAt,
        endsOn: c.endsAt,
        enrolmentOpensAt: new Date(Date.now() - 24 * 3600_000),
        enrolmentClosesAt: new Date(Date.now() + 10 * 24 * 3600_000),
      })),
    });
    const suited = await event({ level: "nazionale", mode: "in-presenza", startsAt: "2091-03-01T09:00:00Z" });

    const plan = await loadTrainingPlan(teacher.id, YEAR);
    const ids = (plan.suggestions["nazionale|in-presenza"] ?? []).map((s) => s.id);
    expect(ids).toContain(suited.event.id);
    expect(ids.filter((id) => id.startsWith("crowd"))).toEqual([]);
    // The webinars she could take still fill the online cell's suggestions.
    expect(plan.suggestions["nazionale|online"]).toHaveLength(3);
  });

  it("lets only the owner download the certificate, stored under the row's id", async () => {
    expect(await stored(externalId)).toEqual(PDF_BYTES);
    const own = (await call(
      certificateRoute.loader as Handler,
      new Request(`http://localhost/il-mio-piano/attestati/${externalId}`, { headers: { Cookie: cookie } }),
      { trainingId: externalId },
    )) as Response;
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Type")).toBe("application/pdf");
    expect(own.headers.get("Content-Disposition")).toBe('attachment; filename="attestato-corso-esterno-europeo.pdf"');
    expect(new Uint8Array(await own.arrayBuffer())).toEqual(PDF_BYTES);

    const other = await createUser();
    const theirs = await call(
      certificateRoute.loader as Handler,
      new Request(`http://localhost/il-mio-piano/attestati/${externalId}`, {
        headers: { Cookie: await cookieOf(other.id) },
      }),
      { trainingId: externalId },
    );
    expect(statusOf(theirs)).toBe(404);
    const anonymous = await call(
      certificateRoute.loader as Handler,
      new Request(`http://localhost/il-mio-piano/attestati/${externalId}`),
      {
        trainingId: externalId,
      },
    );
    expect(statusOf(anonymous)).toBe(302);
    // Nor can someone else delete it.
    expect(
      statusOf(
        await post(await cookieOf(other.id), { intent: "external-delete", trainingId: externalId, confirm: "yes" }),
      ),
    ).toBe(404);
    expect(await prisma.externalTraining.count({ where: { id: externalId } })).toBe(1);
  });

  it("validates uploads by content and size, and the other fields", async () => {
    const count = () => prisma.externalTraining.count({ where: { userId: teacher.id } });
    const before = await count();
    const fakePdf = new File([new TextEncoder().encode("<html><script>alert(1)</script>")], "attestato.pdf", {
      type: "application/pdf",
    });
    expect(statusOf(await post(cookie, externalFields({ certificate: fakePdf })))).toBe(400);
    const huge = new Uint8Array(5 * 1024 * 1024 + 10);
    huge.set(PDF_BYTES);
    const tooLarge = await post(
      cookie,
      externalFields({ certificate: new File([huge], "grande.pdf", { type: "application/pdf" }) }),
    );
    expect([400, 413]).toContain(statusOf(tooLarge));
    expect(statusOf(await post(cookie, externalFields({ hours: "dieci" })))).toBe(400);
    expect(statusOf(await post(cookie, externalFields({ startsOn: "2090-11-20", endsOn: "2090-11-05" })))).toBe(400);
    expect(statusOf(await post(cookie, externalFields({ level: "mondiale" })))).toBe(400);
    expect(await count()).toBe(before);
    // A PNG is accepted, whatever its name says; then the owner deletes it and its file.
    expect(
      statusOf(
        await post(
          cookie,
          externalFields({
            title: "Con immagine",
            certificate: new File([PNG_BYTES], "foto.exe", { type: "application/octet-stream" }),
          }),
        ),
      ),
    ).toBe(302);
    const png = await prisma.externalTraining.findFirstOrThrow({
      where: { userId: teacher.id, title: "Con immagine" },
    });
    expect(png.certificateMimeType).toBe("image/png");
    expect(await stored(png.id)).not.toBeNull();
    // Deleting takes the second step's confirm=yes: without it (one tap on the first button) nothing goes
    // and the page opens that second step.
    const unconfirmed = (await post(cookie, { intent: "external-delete", trainingId: png.id })) as Response;
    expect(statusOf(unconfirmed)).toBe(302);
    expect(unconfirmed.headers.get("Location")).toBe(
      `/il-mio-piano?anno=2090-2091&elimina=${png.id}#elimina-${png.id}`,
    );
    expect(await stored(png.id)).not.toBeNull();
    expect(await prisma.externalTraining.count({ where: { id: png.id } })).toBe(1);
    expect(statusOf(await post(cookie, { intent: "external-delete", trainingId: png.id, confirm: "yes" }))).toBe(302);
    expect(await stored(png.id)).toBeNull();
    expect(await count()).toBe(before);
  });

  it("downloads the plan as a PDF", async () => {
    const response = (await call(
      pdfRoute.loader as Handler,
      new Request("http://localhost/il-mio-piano.pdf?anno=2090-2091", { headers: { Cookie: cookie } }),
    )) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toContain("piano-formativo-2090-2091.pdf");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    expect(statusOf(await call(pdfRoute.loader as Handler, new Request("http://localhost/il-mio-piano.pdf")))).toBe(
      302,
    );
  });
});
