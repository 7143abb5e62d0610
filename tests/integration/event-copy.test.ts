// Copying an event as a draft (issue 15, item 3) against a real database (SQLite or PostgreSQL):
// settings, editions and sessions copied with dates moved by whole Rome days at the same wall-clock
// times; nothing about people copied; scope checked; the page's action validates the day.
import { afterAll, describe, expect, it } from "vitest";
import { enrol } from "../../app/models/enrolment.server.ts";
import { copyEvent, listTemplates, setTemplate } from "../../app/models/event-copy.server.ts";
import { createEvent, updateEvent } from "../../app/models/event.server.ts";
import * as copyRoute from "../../app/routes/gestione.eventi.$eventId_.copia.tsx";
import { parseRomeDateTime } from "../../app/utils/dates.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser } from "../support/factories.ts";
import { eventInputFrom, twoWebinarsFields } from "../support/event-form-fields.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const nationalActor = (userId: string) => ({ userId, roles: [{ role: "unita-nazionale", regionCode: "" }] });

describe("copying an event", () => {
  it("copies settings, editions and sessions as a draft starting on the chosen day, at the same Rome times", async () => {
    // A session at 10:00 Rome on 15 January 2087 (winter time).
    const { organiser, event, edition } = await createOpenEdition({
      sessionStartsAt: new Date("2087-01-15T09:00:00Z"),
      cancellationCutoffAt: new Date("2087-01-13T09:00:00Z"),
      seatCap: 12,
      promotionMode: "offerta",
      offerHours: 24,
      schoolLevels: ["primaria"],
      audienceRoles: ["docente"],
    });
    await prisma.edition.update({
      where: { id: edition.id },
      data: {
        applicationQuestions: '[{"id":"q1","label":"Perché?","kind":"testo"}]',
        selectionCriteria: '[{"id":"c1","label":"Esperienza","maxScore":10}]',
      },
    });
    await prisma.event.update({
      where: { id: event.id },
      data: { completionPercent: 80, language: "en", titleLanguage: "en", textLanguage: "fr" },
    });
    const teacher = await createUser();
    // A first-come edition asks its questions on enrolling too (registration questions).
    expect((await enrol(teacher.id, edition.id, new Date(), { answers: { q1: "Per imparare" } })).ok).toBe(true);
    await prisma.edition.update({ where: { id: edition.id }, data: { admission: "candidatura" } });

    // Copied to 15 July 2087 (summer time): still 10:00 in Rome, i.e. 08:00 UTC.
    const outcome = await copyEvent(nationalActor(organiser.id), event.id, parseRomeDateTime("2087-07-15")!);
    if (!outcome.ok) throw new Error(outcome.reason);
    const copy = await prisma.event.findUniqueOrThrow({
      where: { id: outcome.eventId },
      include: {
        schoolLevels: true,
        audienceRoles: true,
        editions: { include: { sessions: true, enrolments: true } },
      },
    });
    expect(copy).toMatchObject({
      title: event.title,
      status: "bozza",
      createdById: organiser.id,
      completionPercent: 80,
      level: event.level,
      publishedAt: null,
      // The languages it is held in and its texts are written in go with the texts.
      language: "en",
      titleLanguage: "en",
      textLanguage: "fr",
    });
    expect(copy.startsAt?.toISOString()).toBe("2087-07-15T08:00:00.000Z");
    expect(copy.schoolLevels.map((s) => s.schoolLevel)).toEqual(["primaria"]);
    expect(copy.audienceRoles.map((r) => r.role)).toEqual(["docente"]);
    expect(copy.editions).toHaveLength(1);
    const e = copy.editions[0]!;
    expect(e).toMatchObject({
      number: 1,
      status: "attiva",
      seatCap: 12,
      seatsTaken: 0,
      waitlistSeq: 0,
      promotionMode: "offerta",
      offerHours: 24,
      admission: "candidatura",
      selectionClosedAt: null,
      attendanceClosedAt: null,
    });
    expect(JSON.parse(e.applicationQuestions)).toHaveLength(1);
    expect(JSON.parse(e.selectionCriteria)).toHaveLength(1);
    expect(e.enrolments).toEqual([]);
    expect(e.cancellationCutoffAt?.toISOString()).toBe("2087-07-13T08:00:00.000Z");
    expect(e.sessions.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString(), s.minutes, s.title])).toEqual([
      ["2087-07-15T08:00:00.000Z", "2087-07-15T10:00:00.000Z", 120, "Incontro 1"],
    ]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: copy.id, action: "copy" } });
    expect(JSON.parse(audit.details)).toMatchObject({ from: event.id, shiftedDays: 181 });
    // The source is untouched.
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).seatsTaken).toBe(1);
  });

  it("refuses an event outside the actor's scope", async () => {
    const { event } = await createOpenEdition();
    const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const actor = { userId: referent.id, roles: [{ role: "referente-usr", regionCode: "toscana" }] };
    expect(await copyEvent(actor, event.id, new Date())).toEqual({ ok: false, reason: "forbidden" });
    expect(await copyEvent(actor, "nessuno", new Date())).toEqual({ ok: false, reason: "not-found" });
  });

  it("an id in the URL that cannot be one is a 404 before any query (PostgreSQL refuses a NUL: it was a 500)", async () => {
    const national = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const cookie = await cookieOf(national.id);
    const url = "http://localhost/gestione/eventi/x/copia";
    const before = await prisma.event.count();
    for (const eventId of ["a\u0000b", "x".repeat(5000)]) {
      expect((await runRoute(copyRoute.loader as Handler, { cookie, url, params: { eventId } })).status).toBe(404);
      const posted = await runRoute(copyRoute.action as Handler, {
        cookie,
        url,
        params: { eventId },
        form: { intent: "copy", startsOn: "2088-03-02" },
      });
      expect(posted.status).toBe(404);
    }
    expect(await prisma.event.count()).toBe(before);
  });

  it("the page's action validates the day and redirects to the new draft", async () => {
    const { organiser, event } = await createOpenEdition();
    const cookie = await cookieOf(organiser.id);
    const url = `http://localhost/gestione/eventi/${event.id}/copia`;
    const params = { eventId: event.id };
    const bad = await runRoute(copyRoute.action as Handler, {
      cookie,
      url,
      params,
      form: { intent: "copy", startsOn: "domani" },
    });
    expect(bad.status).toBe(400);
    const before = await prisma.event.count();
    const ok = await runRoute(copyRoute.action as Handler, {
      cookie,
      url,
      params,
      form: { intent: "copy", startsOn: "2088-03-02" },
    });
    expect(ok.status).toBe(302);
    expect(ok.location).toMatch(/^\/gestione\/eventi\/[a-z0-9]+\?esito=copiato$/);
    expect(await prisma.event.count()).toBe(before + 1);
    const stranger = await createUser();
    const refused = await runRoute(copyRoute.action as Handler, {
      cookie: await cookieOf(stranger.id),
      url,
      params,
      form: { intent: "copy", startsOn: "2088-03-02" },
    });
    expect([302, 403, 404]).toContain(refused.status);
    expect(await prisma.event.count()).toBe(before + 1);
  });

  it("a copy whose session would fall in the hour the clocks skip is refused, naming the session and the day", async () => {
    // A session at 02:30-04:30 Rome on Sunday 21 March 2088; copied a week on, to the night summer time starts.
    const { organiser, event } = await createOpenEdition({
      sessionStartsAt: parseRomeDateTime("2088-03-21T02:30")!,
      opensAt: parseRomeDateTime("2088-03-01T09:00")!,
      closesAt: parseRomeDateTime("2088-03-19T18:00")!,
    });
    const cookie = await cookieOf(organiser.id);
    const url = `http://localhost/gestione/eventi/${event.id}/copia`;
    const params = { eventId: event.id };
    const before = await prisma.event.count();
    const refused = await runRoute(copyRoute.action as Handler, {
      cookie,
      url,
      params,
      form: { intent: "copy", startsOn: "2088-03-28" },
    });
    expect(refused.status).toBe(409);
    const result = (
      refused.data as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } }
    ).result;
    expect(result.error[""]).toEqual([
      "Copia non creata: nella copia, l'incontro 1 («Incontro 1») dell'edizione 1 cadrebbe il 28 marzo 2088 alle 02:30, un orario che in Italia non esiste (quella notte, per il passaggio all'ora legale, gli orologi passano dalle 02:00 alle 03:00). Scegli un altro giorno di inizio, oppure cambia prima quell'orario nell'evento.",
    ]);
    // Nothing written, and the form keeps the day chosen.
    expect(await prisma.event.count()).toBe(before);
    expect(result.initialValue).toMatchObject({ startsOn: "2088-03-28" });

    // The night summer time ends: 02:30 is lived twice, refused the same way.
    const twice = await copyEvent(nationalActor(organiser.id), event.id, parseRomeDateTime("2088-10-31")!);
    expect(twice).toMatchObject({ ok: false, reason: "clock-change", problems: [{ reason: "ambiguous" }] });

    // The day after, 02:30 exists again: copied at the same Rome time.
    const copied = await copyEvent(nationalActor(organiser.id), event.id, parseRomeDateTime("2088-03-29")!);
    if (!copied.ok) throw new Error(copied.reason);
    const session = await prisma.trainingSession.findFirstOrThrow({ where: { edition: { eventId: copied.eventId } } });
    expect(session.startsAt).toEqual(parseRomeDateTime("2088-03-29T02:30"));
  });

  it("national templates: the national unit marks one, a regional referent copies it into their region", async () => {
    const { organiser, event } = await createOpenEdition({ level: "nazionale" });
    await prisma.event.update({
      where: { id: event.id },
      data: { onlineUrl: "https://meet.example.it/stanza-nazionale" },
    });
    const national = nationalActor(organiser.id);
    const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const regional = { userId: referent.id, roles: [{ role: "referente-usr", regionCode: "toscana" }] };
    const day = parseRomeDateTime("2088-05-04")!;

    // Not a template yet: the referent may not copy it, nor mark it.
    expect(await copyEvent(regional, event.id, day)).toEqual({ ok: false, reason: "forbidden" });
    expect(await setTemplate(regional, event.id, true)).toEqual({ ok: false, reason: "forbidden" });
    expect(await setTemplate(national, event.id, true)).toEqual({ ok: true });
    expect((await listTemplates()).map((e) => e.id)).toContain(event.id);

    // Copied into the referent's region only, as a regional draft they manage.
    expect(await copyEvent(regional, event.id, day, { regionCode: "lazio" })).toEqual({
      ok: false,
      reason: "forbidden",
    });
    const copied = await copyEvent(regional, event.id, day);
    if (!copied.ok) throw new Error(copied.reason);
    const copy = await prisma.event.findUniqueOrThrow({ where: { id: copied.eventId } });
    expect(copy).toMatchObject({ level: "regionale", regionCode: "toscana", status: "bozza", isTemplate: false });
    expect(copy.createdById).toBe(referent.id);
    // The national event's room is not the referent's: their copy starts without its link, the national unit's keeps it.
    expect(copy.onlineUrl).toBeNull();
    const own = await copyEvent(national, event.id, day);
    if (!own.ok) throw new Error(own.reason);
    expect((await prisma.event.findUniqueOrThrow({ where: { id: own.eventId } })).onlineUrl).toBe(
      "https://meet.example.it/stanza-nazionale",
    );

    // Through the page: the referent copies; the template's own page stays closed to them.
    const cookie = await cookieOf(referent.id);
    const url = `http://localhost/gestione/eventi/${event.id}/copia`;
    const params = { eventId: event.id };
    const page = await runRoute(copyRoute.loader as Handler, { cookie, url, params });
    expect(page.status).toBe(200);
    const viaPage = await runRoute(copyRoute.action as Handler, {
      cookie,
      url,
      params,
      form: { intent: "copy", startsOn: "2088-06-01" },
    });
    expect(viaPage.status).toBe(302);
    const marking = await runRoute(copyRoute.action as Handler, {
      cookie,
      url,
      params,
      form: { intent: "template" },
    });
    expect(marking.status).toBe(403);
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).isTemplate).toBe(true);

    // Unmarked: gone from the list, and copies are refused again.
    expect(await setTemplate(national, event.id, false)).toEqual({ ok: true });
    expect((await listTemplates()).map((e) => e.id)).not.toContain(event.id);
    expect(await copyEvent(regional, event.id, day)).toEqual({ ok: false, reason: "forbidden" });
    expect((await runRoute(copyRoute.loader as Handler, { cookie, url, params })).status).toBe(404);
  });

  it("a template moved off the national level stops being one: unmarked and audited, listed and copied no more", async () => {
    // The flag outlived the level: a Lombardia regional event stayed in every referent's "Modelli nazionali",
    // a Toscana referent could copy it, and nobody could unmark it (setTemplate refuses a non-national event).
    const admin = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const national = nationalActor(admin.id);
    const fields = twoWebinarsFields("Modello nazionale poi regionale 2088");
    const created = await createEvent(national, eventInputFrom(fields));
    if (!created.ok) throw new Error(created.reason);
    const eventId = created.eventId;
    await prisma.event.update({ where: { id: eventId }, data: { status: "pubblicato" } });
    expect(await setTemplate(national, eventId, true)).toEqual({ ok: true });
    expect((await listTemplates()).map((e) => e.id)).toContain(eventId);

    const moved = eventInputFrom({ ...fields, level: "regionale", regionCode: "lombardia" });
    expect(await updateEvent(national, eventId, moved)).toEqual({ ok: true, eventId });
    expect(await prisma.event.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({
      level: "regionale",
      isTemplate: false,
    });
    const audit = await prisma.auditLog.findMany({
      where: { entityType: "event", entityId: eventId, action: "template-off" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(admin.id);
    expect((await listTemplates()).map((e) => e.id)).not.toContain(eventId);
    const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const regional = { userId: referent.id, roles: [{ role: "referente-usr", regionCode: "toscana" }] };
    expect(await copyEvent(regional, eventId, parseRomeDateTime("2088-09-01")!)).toEqual({
      ok: false,
      reason: "forbidden",
    });

    // A flag left on a regional event (from before this rule): neither listed nor copied by another region.
    await prisma.event.update({ where: { id: eventId }, data: { isTemplate: true } });
    expect((await listTemplates()).map((e) => e.id)).not.toContain(eventId);
    expect(await copyEvent(regional, eventId, parseRomeDateTime("2088-09-01")!)).toEqual({
      ok: false,
      reason: "forbidden",
    });
  });
});
