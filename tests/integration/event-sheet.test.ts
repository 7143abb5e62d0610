// The event sheet (issue 15, item 4) against the real database, SQLite or PostgreSQL: the
// database file store's round trip, the organiser's sheet page (texts, attachments, session
// materials and links, scope), downloads with their headers and access rules, the public page
// with the trainers' own profiles, registration questions in first-come editions with the
// answers in the participants' CSV, and the import of certificates an older version left on disk.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveApplicationSetup } from "../../app/models/application.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import { closeEnrolmentEarly } from "../../app/models/seat-ledger.server.ts";
import { certificateKey } from "../../app/models/training-plan.server.ts";
import * as downloadRoute from "../../app/routes/eventi.$eventId_.allegati.$fileId.tsx";
import * as eventPage from "../../app/routes/eventi.$eventId.tsx";
import * as enrolRoute from "../../app/routes/eventi.$eventId_.iscrizione.tsx";
import * as csvRoute from "../../app/routes/gestione.edizioni.$editionId_.iscritti[.]csv.tsx";
import * as sheetRoute from "../../app/routes/gestione.eventi.$eventId_.scheda.tsx";
import * as profileRoute from "../../app/routes/profilo.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { databaseFileStore, fileKey, fileStore } from "../../app/utils/file-store.server.ts";
import { importLegacyUploads } from "../../scripts/import-uploads.ts";
import { createOpenEdition, createUser, unique } from "../support/factories.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { bodyOf, callRoute, cookieOf, routeRequest, runRoute, statusOf, type Handler } from "../support/routes.ts";
import { managedEdition } from "../support/scopes.ts";

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const EXE = new TextEncoder().encode("MZ\x90\x00 not a document");

afterAll(async () => {
  await prisma.$disconnect();
});

/** A multipart POST to the sheet page, as the browser sends it. */
function sheetPost(eventId: string, cookie: string, fields: Record<string, string | File>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return callRoute(
    sheetRoute.action as Handler,
    routeRequest(`http://localhost/gestione/eventi/${eventId}/scheda`, { cookie, form }),
    { eventId },
  );
}

function download(eventId: string, fileId: string, cookie?: string) {
  return callRoute(
    downloadRoute.loader as Handler,
    routeRequest(`http://localhost/eventi/${eventId}/allegati/${fileId}`, { cookie }),
    { eventId, fileId },
  ) as Promise<Response>;
}

describe("the database file store", () => {
  it("keeps every byte, replaces, lists by prefix and deletes", async () => {
    const key = fileKey("event-file", unique("k"));
    const bytes = new Uint8Array(3 * 1024 * 1024 + 7);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) % 256;
    await databaseFileStore.put(key, bytes);
    // Compared as buffers: a deep equal over three million elements takes most of a minute.
    const back = await databaseFileStore.get(key);
    expect(back?.byteLength).toBe(bytes.byteLength);
    expect(Buffer.compare(Buffer.from(back!), Buffer.from(bytes))).toBe(0);
    const replaced = new Uint8Array([0, 255, 0, 1]);
    await databaseFileStore.put(key, replaced);
    expect(await databaseFileStore.get(key)).toEqual(replaced);
    expect(await databaseFileStore.list(key)).toEqual([key]);
    await databaseFileStore.delete([key, fileKey("event-file", "unknown")]);
    expect(await databaseFileStore.get(key)).toBeNull();
    expect(() => fileKey("event-file", "../etc/passwd")).toThrow();
  });
});

describe("the event sheet", () => {
  let organiser: { id: string };
  let cookie: string;
  let eventId: string;
  let editionId: string;
  let sessionId: string;
  let trainer: { id: string };
  let attachmentId: string;
  let materialId: string;

  beforeAll(async () => {
    const open = await createOpenEdition({ level: "regionale", regionCode: "toscana", seatCap: 1 });
    // A referent of the event's region manages it.
    organiser = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    cookie = await cookieOf(organiser.id);
    eventId = open.event.id;
    editionId = open.edition.id;
    sessionId = (await prisma.trainingSession.findFirstOrThrow({ where: { editionId } })).id;
    trainer = await createUser({ firstName: "Lucia", lastName: "Formatrice", roles: [{ role: "formatore" }] });
    await prisma.eventTrainer.create({ data: { eventId, userId: trainer.id } });
  });

  it("saves objectives and programme, and refuses another region's referent", async () => {
    const saved = await sheetPost(eventId, cookie, {
      intent: "text",
      objectives: "Progettare un gemellaggio.\n\nValutare le competenze.",
      programme: "Primo incontro: la piattaforma.",
    });
    expect(statusOf(saved)).toBe(302);
    const event = await prisma.event.findUniqueOrThrow({ where: { id: eventId } });
    expect(event.objectives).toBe("Progettare un gemellaggio.\n\nValutare le competenze.");
    expect(event.programme).toBe("Primo incontro: la piattaforma.");
    expect(await prisma.auditLog.count({ where: { entityId: eventId, action: "scheda-modificata" } })).toBe(1);

    const other = await createUser({ roles: [{ role: "referente-usr", regionCode: "lazio" }] });
    const refused = await sheetPost(eventId, await cookieOf(other.id), { intent: "text", objectives: "Altro" });
    expect(statusOf(refused)).toBe(403);
    expect((await prisma.event.findUniqueOrThrow({ where: { id: eventId } })).objectives).toContain("gemellaggio");
  });

  it("stores an attachment and a session's material in the file store, checked by their bytes", async () => {
    const attachment = await sheetPost(eventId, cookie, {
      intent: "file",
      title: "Bando",
      sessionId: "",
      file: new File([PDF], "../../Bando è ufficiale.pdf", { type: "application/pdf" }),
    });
    expect(statusOf(attachment)).toBe(302);
    const material = await sheetPost(eventId, cookie, {
      intent: "file",
      title: "Slide",
      sessionId,
      file: new File([PDF], "slide.exe", { type: "application/octet-stream" }),
    });
    expect(statusOf(material)).toBe(302);
    const files = await prisma.eventFile.findMany({ where: { eventId }, orderBy: { createdAt: "asc" } });
    expect(files.map((f) => [f.title, f.sessionId, f.fileName, f.mimeType, f.size])).toEqual([
      ["Bando", null, "Bando è ufficiale.pdf", "application/pdf", PDF.length],
      ["Slide", sessionId, "slide.pdf", "application/pdf", PDF.length],
    ]);
    attachmentId = files[0]!.id;
    materialId = files[1]!.id;
    expect(await fileStore().get(fileKey("event-file", attachmentId))).toEqual(PDF);

    // Refused: a type Forma does not accept (whatever the name says), an empty file, a session of another event.
    const before = await prisma.eventFile.count({ where: { eventId } });
    const exe = await sheetPost(eventId, cookie, {
      intent: "file",
      title: "Programma",
      sessionId: "",
      file: new File([EXE], "programma.pdf", { type: "application/pdf" }),
    });
    expect(statusOf(exe)).toBe(400);
    // Refused on the file's field, with the title typed kept (shown inside the attachment's form).
    expect(bodyOf(exe)).toMatchObject({
      intent: "file",
      form: "allegato",
      fieldErrors: { file: ["sheet.refused.bad-type"] },
      values: { title: "Programma" },
    });
    const empty = await sheetPost(eventId, cookie, {
      intent: "file",
      title: "Vuoto",
      sessionId: "",
      file: new File([], "vuoto.pdf", { type: "application/pdf" }),
    });
    expect(statusOf(empty)).toBe(400);
    const elsewhere = await createOpenEdition();
    const otherSession = await prisma.trainingSession.findFirstOrThrow({ where: { editionId: elsewhere.edition.id } });
    const foreign = await sheetPost(eventId, cookie, {
      intent: "file",
      title: "Slide",
      sessionId: otherSession.id,
      file: new File([PDF], "slide.pdf"),
    });
    expect(statusOf(foreign)).toBe(404);
    expect(await prisma.eventFile.count({ where: { eventId } })).toBe(before);
  });

  it("adds a recording link to a session; only http(s) links", async () => {
    expect(
      statusOf(
        await sheetPost(eventId, cookie, {
          intent: "link",
          title: "Registrazione",
          sessionId,
          url: "https://video.example.it/reg/1",
        }),
      ),
    ).toBe(302);
    expect(
      statusOf(await sheetPost(eventId, cookie, { intent: "link", title: "X", sessionId, url: "javascript:alert(1)" })),
    ).toBe(400);
    const links = await prisma.eventFile.findMany({ where: { eventId, url: { not: null } } });
    expect(links.map((l) => [l.title, l.url, l.sessionId])).toEqual([
      ["Registrazione", "https://video.example.it/reg/1", sessionId],
    ]);
    // A link has no bytes: nothing to download.
    expect((await download(eventId, links[0]!.id, cookie)).status).toBe(404);
  });

  it("serves an attachment to anyone with safe headers; materials only to enrolled participants and staff", async () => {
    const anonymous = await download(eventId, attachmentId);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get("Content-Type")).toBe("application/pdf");
    expect(anonymous.headers.get("Content-Disposition")).toBe(
      "attachment; filename=\"Bando e ufficiale.pdf\"; filename*=UTF-8''Bando%20%C3%A8%20ufficiale.pdf",
    );
    expect(new Uint8Array(await anonymous.arrayBuffer())).toEqual(PDF);

    // The material: not for visitors, nor for a teacher who is not enrolled, nor for one on the waitlist.
    expect((await download(eventId, materialId)).status).toBe(404);
    const seated = await createUser();
    const waiting = await createUser();
    const stranger = await createUser();
    expect((await download(eventId, materialId, await cookieOf(stranger.id))).status).toBe(404);
    expect(await enrol(seated.id, editionId)).toMatchObject({ ok: true, status: "iscritto" });
    expect(await enrol(waiting.id, editionId)).toMatchObject({ ok: true, status: "in-attesa" });
    expect((await download(eventId, materialId, await cookieOf(waiting.id))).status).toBe(404);
    const mine = await download(eventId, materialId, await cookieOf(seated.id));
    expect(mine.status).toBe(200);
    expect(new Uint8Array(await mine.arrayBuffer())).toEqual(PDF);
    // The event's trainers and organisers.
    expect((await download(eventId, materialId, await cookieOf(trainer.id))).status).toBe(200);
    expect((await download(eventId, materialId, cookie)).status).toBe(200);
    // A file asked for under another event is unknown there.
    const elsewhere = await createOpenEdition();
    expect((await download(elsewhere.event.id, attachmentId)).status).toBe(404);

    // The public page: objectives, programme, the trainer with the profile she wrote, attachments;
    // the materials only for the seated participant.
    const trainerCookie = await cookieOf(trainer.id);
    const saved = await callRoute(
      profileRoute.action as Handler,
      routeRequest("http://localhost/profilo", {
        cookie: trainerCookie,
        form: { intent: "trainer-profile", trainerProfile: "Docente di lingue, ambasciatrice eTwinning." },
      }),
    );
    expect(statusOf(saved)).toBe(302);
    type Page = {
      sheet: { objectives: string; trainers: { name: string; profile: string }[]; attachments: { title: string }[] };
      materials: { bySession: Record<string, { title: string }[]> };
    };
    const page = async (userId?: string) =>
      bodyOf<Page>(
        await callRoute(
          eventPage.loader as Handler,
          routeRequest(`http://localhost/eventi/${eventId}`, { cookie: userId ? await cookieOf(userId) : undefined }),
          { eventId },
        ),
      );
    const visitor = await page();
    expect(visitor.sheet.objectives).toContain("gemellaggio");
    expect(visitor.sheet.trainers).toEqual([
      { id: trainer.id, name: "Lucia Formatrice", profile: "Docente di lingue, ambasciatrice eTwinning." },
    ]);
    expect(visitor.sheet.attachments.map((a) => a.title)).toEqual(["Bando"]);
    expect(visitor.materials.bySession).toEqual({});
    expect((await page(waiting.id)).materials.bySession).toEqual({});
    expect((await page(seated.id)).materials.bySession[sessionId]!.map((m) => m.title)).toEqual([
      "Slide",
      "Registrazione",
    ]);

    // Someone without the trainer role cannot set a trainer profile.
    const notTrainer = await callRoute(
      profileRoute.action as Handler,
      routeRequest("http://localhost/profilo", {
        cookie: await cookieOf(stranger.id),
        form: { intent: "trainer-profile", trainerProfile: "Io" },
      }),
    );
    expect(statusOf(notTrainer)).toBe(400);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: stranger.id } })).trainerProfile).toBeNull();
  });

  it("keeps a draft's attachments from visitors and removes a file with its bytes", async () => {
    await prisma.event.update({ where: { id: eventId }, data: { status: "bozza" } });
    expect((await download(eventId, attachmentId)).status).toBe(404);
    expect((await download(eventId, attachmentId, cookie)).status).toBe(200);
    await prisma.event.update({ where: { id: eventId }, data: { status: "pubblicato" } });

    expect(statusOf(await sheetPost(eventId, cookie, { intent: "remove", fileId: attachmentId }))).toBe(400);
    expect(statusOf(await sheetPost(eventId, cookie, { intent: "remove", fileId: attachmentId, confirm: "yes" }))).toBe(
      302,
    );
    expect(await prisma.eventFile.count({ where: { id: attachmentId } })).toBe(0);
    expect(await fileStore().get(fileKey("event-file", attachmentId))).toBeNull();
    expect((await download(eventId, attachmentId)).status).toBe(404);
    expect(statusOf(await sheetPost(eventId, cookie, { intent: "remove", fileId: attachmentId, confirm: "yes" }))).toBe(
      404,
    );
  });
});

describe("registration questions in first-come editions", () => {
  it("asks them on enrolling, stores the answers with the enrolment and exports them in the CSV", async () => {
    const { organiser, event, edition } = await createOpenEdition();
    const setup = await saveApplicationSetup(await managedEdition(organiser.id, edition.id), {
      questions: [
        { id: "q1", label: "Disciplina insegnata", kind: "scelta", options: ["Inglese", "Matematica"] },
        { id: "q2", label: "Esigenze di accessibilità", kind: "testo", optional: true },
      ],
      criteria: [],
    });
    expect(setup).toEqual({ ok: true });
    // Criteria make no sense without a selection.
    expect(
      await saveApplicationSetup(await managedEdition(organiser.id, edition.id), {
        questions: [],
        criteria: [{ id: "c1", label: "Esperienza", maxScore: 10 }],
      }),
    ).toEqual({ ok: false, reason: "not-application" });

    const teacher = await createUser({ lastName: "Verdi" });
    // The required answer missing, or not one of the options: refused, nothing written.
    expect(await enrol(teacher.id, edition.id)).toEqual({
      ok: false,
      reason: "invalid-answers",
      errors: { q1: "required" },
    });
    expect(await enrol(teacher.id, edition.id, new Date(), { answers: { q1: "Storia" } })).toMatchObject({
      ok: false,
      reason: "invalid-answers",
    });
    expect(await prisma.enrolment.count({ where: { editionId: edition.id } })).toBe(0);

    // Through the enrol page: the answers ride with the form.
    const cookie = await cookieOf(teacher.id);
    const enrolled = await runRoute(enrolRoute.action as Handler, {
      url: `http://localhost/eventi/${event.id}/iscrizione`,
      cookie,
      params: { eventId: event.id },
      form: { editionId: edition.id, "answers.q1": "Inglese", "answers.q2": "Sottotitoli nei video" },
    });
    expect(enrolled.status).toBe(302);
    const row = await prisma.enrolment.findFirstOrThrow({ where: { editionId: edition.id, userId: teacher.id } });
    expect(row.status).toBe("iscritto");
    expect(JSON.parse(row.answers)).toEqual({ q1: "Inglese", q2: "Sottotitoli nei video" });

    // The optional question may be left blank; a refused page form says which field.
    const second = await createUser({ lastName: "Neri" });
    const refused = await runRoute(enrolRoute.action as Handler, {
      url: `http://localhost/eventi/${event.id}/iscrizione`,
      cookie: await cookieOf(second.id),
      params: { eventId: event.id },
      form: { editionId: edition.id },
    });
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({
      editionId: edition.id,
      result: { error: { "answers.q1": expect.any(Array) } },
    });
    expect(await enrol(second.id, edition.id, new Date(), { answers: { q1: "Matematica" } })).toMatchObject({
      ok: true,
    });

    // Frozen once someone has enrolled.
    expect(
      await saveApplicationSetup(await managedEdition(organiser.id, edition.id), { questions: [], criteria: [] }),
    ).toEqual({ ok: false, reason: "questions-locked" });

    const csv = await callRoute(
      csvRoute.loader as Handler,
      routeRequest(`http://localhost/gestione/edizioni/${edition.id}/iscritti.csv`, {
        cookie: await cookieOf(organiser.id),
      }),
      { editionId: edition.id },
    );
    const lines = (await (csv as Response).text()).replace("\uFEFF", "").split("\r\n");
    expect(lines[0]).toContain("Domanda 1: Disciplina insegnata;Domanda 2: Esigenze di accessibilità");
    expect(lines.find((l) => l.startsWith("Verdi;"))).toMatch(/;Inglese;Sottotitoli nei video$/);
    expect(lines.find((l) => l.startsWith("Neri;"))).toMatch(/;Matematica;$/);
    expect((csv as Response).headers.get("Content-Disposition")).toBe(
      `attachment; filename="iscrizioni-edizione-${edition.number}-${edition.id}.csv"`,
    );
    // In English the file is named in English, as its headers are.
    const english = (await callRoute(
      csvRoute.loader as Handler,
      routeRequest(`http://localhost/gestione/edizioni/${edition.id}/iscritti.csv?lang=en`, {
        cookie: await cookieOf(organiser.id),
      }),
      { editionId: edition.id },
    )) as Response;
    expect(english.headers.get("Content-Disposition")).toBe(
      `attachment; filename="participants-edition-${edition.number}-${edition.id}.csv"`,
    );
  });

  it("keeps the answers typed when the enrolment is refused: in the form if still open, else as a copy", async () => {
    // A refusal (enrolment closed meanwhile, unconfirmed address…) answered with the reason only: the page came
    // back with the form emptied, or gone, and every answer typed lost (as applications were until 66e0792).
    const { organiser, event, edition } = await createOpenEdition();
    const questions = [
      { id: "q1", label: "Disciplina insegnata", kind: "scelta" as const, options: ["Inglese", "Matematica"] },
      { id: "q2", label: "Esigenze di accessibilità", kind: "testo" as const, optional: true as const },
    ];
    const scope = await managedEdition(organiser.id, edition.id);
    expect(await saveApplicationSetup(scope, { questions, criteria: [] })).toEqual({ ok: true });
    const url = `http://localhost/eventi/${event.id}/iscrizione`;
    const params = { eventId: event.id };
    const typed = { "answers.q1": "Matematica", "answers.q2": "Testi ingranditi e pause ogni ora" };
    const drawn = async (cookie: string, posted: unknown) => {
      const page = await runRoute(enrolRoute.loader as Handler, { url, cookie, params });
      return renderRoutePage(enrolRoute.default, {
        url,
        path: "/eventi/:eventId/iscrizione",
        loaderData: page.data,
        actionData: posted,
      });
    };

    // The address not confirmed yet: the form stays, with the answers and the reason in its own summary.
    const unconfirmed = await createUser({ emailVerifiedAt: null });
    const unconfirmedCookie = await cookieOf(unconfirmed.id);
    const early = await runRoute(enrolRoute.action as Handler, {
      url,
      cookie: unconfirmedCookie,
      params,
      form: { intent: "enrol", editionId: edition.id, ...typed },
    });
    expect(early.status).toBe(403);
    const kept = await drawn(unconfirmedCookie, early.data);
    const form = /<form[^>]*id="registration-[^"]*"[\s\S]*?<\/form>/.exec(kept)?.[0] ?? "";
    expect(textOf(form)).toContain("Conferma prima il tuo indirizzo email");
    expect(form).toContain("Testi ingranditi e pause ogni ora</textarea>");
    expect(form).toMatch(/<option value="Matematica" selected="">/);

    // Enrolment closed by the organiser while the teacher typed: the form is gone, the page's summary says why
    // and a copy keeps the answers.
    expect(await closeEnrolmentEarly(scope)).toEqual({ ok: true });
    const teacher = await createUser();
    const cookie = await cookieOf(teacher.id);
    const late = await runRoute(enrolRoute.action as Handler, {
      url,
      cookie,
      params,
      form: { intent: "enrol", editionId: edition.id, ...typed },
    });
    expect(late.status).toBe(409);
    expect(await prisma.enrolment.count({ where: { userId: teacher.id } })).toBe(0);
    const html = await drawn(cookie, late.data);
    const summary = /<div class="alert alert-danger" role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
    expect(textOf(summary)).toContain("Le iscrizioni a questa edizione sono state chiuse dall'organizzazione.");
    const copy = textOf(/data-testid="unsent-registration"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "");
    expect(copy).toContain("Iscrizione non registrata");
    expect(copy).toContain("Matematica");
    expect(copy).toContain("Testi ingranditi e pause ogni ora");
  });

  it("leaves editions without questions as they were: answers are the empty default", async () => {
    const { edition } = await createOpenEdition();
    const teacher = await createUser();
    const outcome = await enrol(teacher.id, edition.id, new Date(), { answers: { q1: "ignorata" } });
    expect(outcome).toMatchObject({ ok: true, status: "iscritto" });
    const row = await prisma.enrolment.findFirstOrThrow({ where: { editionId: edition.id, userId: teacher.id } });
    expect(row.answers).toBe("{}");
  });
});

describe("certificates an older version kept on disk", () => {
  it("imports them into the store once, reports files without a row, and removes them on request", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "forma-uploads-"));
    try {
      const teacher = await createUser();
      const training = await prisma.externalTraining.create({
        data: {
          userId: teacher.id,
          title: "Corso esterno",
          organiser: "Ente",
          startsOn: new Date("2025-01-01T00:00:00Z"),
          endsOn: new Date("2025-01-02T00:00:00Z"),
          minutes: 120,
          certificateMimeType: "application/pdf",
          certificateFileName: "attestato-corso-esterno.pdf",
        },
      });
      fs.writeFileSync(path.join(dir, training.id), PDF);
      fs.writeFileSync(path.join(dir, "orfano"), PDF);
      const first = await importLegacyUploads(dir);
      expect(first).toEqual({ imported: [training.id], alreadyStored: [], orphans: ["orfano"] });
      expect(await fileStore().get(certificateKey(training.id))).toEqual(PDF);
      const again = await importLegacyUploads(dir, { remove: true });
      expect(again).toEqual({ imported: [], alreadyStored: [training.id], orphans: ["orfano"] });
      expect(fs.existsSync(path.join(dir, training.id))).toBe(false);
      expect(fs.existsSync(path.join(dir, "orfano"))).toBe(true);
      expect(await importLegacyUploads(path.join(dir, "missing"))).toEqual({
        imported: [],
        alreadyStored: [],
        orphans: [],
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// A refused link or upload came back with what was typed lost and its message at the page's top only (review
// organiser, finding 3): now the page is rendered with the posted values and the error inside the failing form,
// on its field (aria-invalid, aria-describedby to the message).
describe("the sheet page's refused link or upload", () => {
  it("keeps what was typed and shows the error on the field of the form that failed", async () => {
    const open = await createOpenEdition({ level: "regionale", regionCode: "toscana" });
    const organiser = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const cookie = await cookieOf(organiser.id);
    const eventId = open.event.id;
    const sessionId = (await prisma.trainingSession.findFirstOrThrow({ where: { editionId: open.edition.id } })).id;
    const url = `http://localhost/gestione/eventi/${eventId}/scheda`;
    const page = async (actionData: unknown) => {
      const loaded = await runRoute(sheetRoute.loader as Handler, { cookie, url, params: { eventId } });
      return renderRoutePage(sheetRoute.default, { url, loaderData: loaded.data, actionData });
    };
    /** The opening tag of the element with this id. */
    const tagOf = (html: string, id: string) => html.match(new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`))?.[0] ?? "";

    const link = await sheetPost(eventId, cookie, {
      intent: "link",
      sessionId,
      title: "Registrazione del primo incontro",
      url: "ftp://x",
    });
    expect(statusOf(link)).toBe(400);
    const linkPage = await page(bodyOf(link));
    const urlField = tagOf(linkPage, "link-url");
    expect(urlField).toContain('value="ftp://x"');
    expect(urlField).toContain('aria-invalid="true"');
    expect(urlField).toContain('aria-describedby="link-url-error"');
    expect(tagOf(linkPage, "link-title")).toContain('value="Registrazione del primo incontro"');
    expect(linkPage).toMatch(/id="link-session"[^>]*>[\s\S]*?<option value="[^"]+"/);
    expect(textOf(linkPage.match(/<div id="link-url-error"[\s\S]*?<\/div><\/div>/)?.[0] ?? "")).toContain(
      "Scrivi un indirizzo che inizia con https:// o http://.",
    );
    // Not at the page's top: the message is inside the link's form, after its legend.
    const linkForm = linkPage.slice(linkPage.indexOf("Aggiungi"));
    expect(linkPage.indexOf("Scrivi un indirizzo")).toBeGreaterThan(linkPage.indexOf('id="materiali"'));
    expect(linkForm).toContain("link-url-error");

    // An upload of a type not accepted: the material's form keeps its session and title, the file is marked.
    const upload = await sheetPost(eventId, cookie, {
      intent: "file",
      sessionId,
      title: "Slide del primo incontro",
      file: new File([new Uint8Array([1, 2, 3, 4])], "slide.exe", { type: "application/octet-stream" }),
    });
    expect(statusOf(upload)).toBe(400);
    const uploadPage = await page(bodyOf(upload));
    expect(tagOf(uploadPage, "materiale-title")).toContain('value="Slide del primo incontro"');
    const fileField = tagOf(uploadPage, "materiale-file");
    expect(fileField).toContain('aria-invalid="true"');
    expect(fileField).toContain('aria-describedby="materiale-file-error materiale-file-hint"');
    expect(uploadPage).toContain('id="materiale-file-error"');
    // …and the event's attachment form is left as it was.
    expect(tagOf(uploadPage, "allegato-title")).not.toContain("value=");
    expect(uploadPage).not.toContain('id="allegato-file-error"');
  });
});
