// A regional quota reserves seats only for a region whose teachers may enrol (review publishing, finding 2; ADR
// 0011 addendum): in a regional event closed to other regions, seats reserved for Lombardy stayed empty while
// Tuscan teachers went to the waiting list. The quota, the edition page's choice of regions and the event form's
// change of the region rule are refused; a national event still takes a quota for any region.
// Narrowing the audience (region rule, school levels, roles) is refused too while people it would no longer admit
// wait or hold an offer (review organiser, finding 1): the seat ledger gave them the freed seats ahead of the public.
// Seated people keep their seat, and the organiser is told how many the save left outside, per edition, with the
// edition's list of seated people (review 0020, schedule finding 2).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGION_CODES } from "../../app/domain/vocabulary.ts";
import { translator } from "../../app/i18n/i18n.tsx";
import { enrol, removeByOrganiser } from "../../app/models/enrolment.server.ts";
import { AUDIENCE_EXCLUDES_WAITING, updateEvent } from "../../app/models/event.server.ts";
import { placeTeacher } from "../../app/models/placement.server.ts";
import * as editRoute from "../../app/routes/gestione.eventi.$eventId.modifica.tsx";
import * as eventRoute from "../../app/routes/gestione.eventi.$eventId.tsx";
import { addQuota, cancelEdition, changeEditionSettings, releaseQuota } from "../../app/models/seat-ledger.server.ts";
import * as editionRoute from "../../app/routes/gestione.edizioni.$editionId.tsx";
import { databaseEngine, prisma } from "../../app/utils/db.server.ts";
import type { Actor } from "../../app/domain/permissions.ts";
import { eventInputFrom, toFormData, twoWebinarsFields, type EventFormFields } from "../support/event-form-fields.ts";
import { createNationalUnit, publishEvent } from "../support/events.ts";
import { createOpenEdition, createTeachers, createUser } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { hrefsOf, renderRoutePage, textOf } from "../support/render-route.ts";
import { managedEdition } from "../support/scopes.ts";
import { sqlitePlansOf } from "../support/sqlite-plans.ts";

afterAll(() => prisma.$disconnect());

let national: Actor;
let nationalId: string;
beforeAll(async () => {
  ({ id: nationalId, actor: national } = await createNationalUnit());
});

const REGIONAL = { level: "regionale", regionCode: "toscana" } as const;

/** A published event of one 30-seat edition with the given region rule, and the form that edits it as stored. */
async function eventWith(name: string, regions: EventFormFields) {
  const fields = twoWebinarsFields(name, regions);
  const { eventId, editions } = await publishEvent(national, fields);
  const edition = editions[0]!;
  const form = (changes: EventFormFields) =>
    eventInputFrom({
      ...fields,
      "editions[0].id": edition.id,
      "editions[0].sessions[0].id": edition.sessions[0]!.id,
      "editions[0].sessions[1].id": edition.sessions[1]!.id,
      ...changes,
    });
  const formFields = (changes: EventFormFields) => ({
    ...fields,
    "editions[0].id": edition.id,
    "editions[0].sessions[0].id": edition.sessions[0]!.id,
    "editions[0].sessions[1].id": edition.sessions[1]!.id,
    ...changes,
  });
  return { eventId, edition, form, formFields, scope: await managedEdition(nationalId, edition.id) };
}

async function pageData(editionId: string) {
  const page = await runRoute(editionRoute.loader as unknown as Handler, {
    cookie: await cookieOf(nationalId),
    url: `http://localhost/gestione/edizioni/${editionId}`,
    params: { editionId },
  });
  expect(page.status).toBe(200);
  return page.data as { regionsForQuota: string[] };
}

async function postQuota(editionId: string, regionCode: string, seats: number) {
  return runRoute(editionRoute.action as unknown as Handler, {
    cookie: await cookieOf(nationalId),
    url: `http://localhost/gestione/edizioni/${editionId}`,
    params: { editionId },
    form: { intent: "add-quota", regionCode, seats: String(seats) },
  });
}

describe("a regional quota", () => {
  it("is refused in a regional event closed to other regions, for another region and for its own, and nothing is written", async () => {
    const w = await eventWith("Quote chiuse", REGIONAL);
    // Lombardy's teachers may not enrol: its seats would stay empty.
    expect(await addQuota(w.scope, "lombardia", 10)).toEqual({ ok: false, reason: "region-not-eligible" });
    // Tuscany's teachers are the whole audience: every request would go to the quota, the general seats stay empty.
    expect(await addQuota(w.scope, "toscana", 10)).toEqual({ ok: false, reason: "region-not-eligible" });
    expect(await prisma.editionQuota.count({ where: { editionId: w.edition.id } })).toBe(0);
    expect((await prisma.edition.findUniqueOrThrow({ where: { id: w.edition.id } })).hasQuotas).toBe(false);
  });

  it("is accepted for any region in a national event and in a regional event open to all regions", async () => {
    const nationalEvent = await eventWith("Quote nazionali", {});
    expect(await addQuota(nationalEvent.scope, "lombardia", 10)).toEqual({ ok: true });
    expect(await addQuota(nationalEvent.scope, "toscana", 5)).toEqual({ ok: true });
    const open = await eventWith("Quote aperte", { ...REGIONAL, openToAllRegions: "on" });
    expect(await addQuota(open.scope, "lombardia", 10)).toEqual({ ok: true });
    expect(await addQuota(open.scope, "toscana", 5)).toEqual({ ok: true });
  });
});

describe("the edition page's quota form", () => {
  it("offers no region in a regional event closed to other regions, and refuses a crafted one with its message", async () => {
    const w = await eventWith("Pagina chiusa", REGIONAL);
    expect((await pageData(w.edition.id)).regionsForQuota).toEqual([]);
    const refused = await postQuota(w.edition.id, "lombardia", 10);
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({ error: translator("it")("quotas.error.region-not-eligible") });
    expect(await prisma.editionQuota.count({ where: { editionId: w.edition.id } })).toBe(0);
  });

  it("offers every region in a national event, and adds the quota", async () => {
    const w = await eventWith("Pagina nazionale", {});
    expect((await pageData(w.edition.id)).regionsForQuota).toEqual([...REGION_CODES]);
    const added = await postQuota(w.edition.id, "lombardia", 10);
    expect(added.status).toBe(302);
    expect(await prisma.editionQuota.count({ where: { editionId: w.edition.id, regionCode: "lombardia" } })).toBe(1);
  });
});

describe("the edition page's quota release", () => {
  // One tap on "Rilascia la quota" released it: the region could never have a quota again in the edition, and
  // its waiters went to the end of the general line and were emailed (review 0017, referent, finding 1).
  it("is refused without its second step's confirm=yes, which it opens, and nothing changes", async () => {
    const { organiser, edition } = await createOpenEdition({ seatCap: 4 });
    expect(await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 1)).toEqual({ ok: true });
    const [seated, waiting] = await createTeachers(2, "lazio");
    for (const teacher of [seated!, waiting!]) expect((await enrol(teacher.id, edition.id)).ok).toBe(true);
    const quota = await prisma.editionQuota.findFirstOrThrow({ where: { editionId: edition.id } });
    const post = async (form: Record<string, string>) =>
      runRoute(editionRoute.action as unknown as Handler, {
        cookie: await cookieOf(organiser.id),
        url: `http://localhost/gestione/edizioni/${edition.id}?rilascia=${quota.id}`,
        params: { editionId: edition.id },
        form,
      });
    const placeOf = () =>
      prisma.enrolment.findFirstOrThrow({
        where: { editionId: edition.id, userId: waiting!.id },
        select: { status: true, quotaId: true, waitlistSeq: true },
      });
    const before = await placeOf();
    expect(before).toMatchObject({ status: "in-attesa", quotaId: quota.id });

    const oneTap = await post({ intent: "release-quota", quotaId: quota.id });
    expect(oneTap.status).toBe(400);
    expect(oneTap.data).toMatchObject({
      error: translator("it")("quotas.releaseStep.confirmRequired"),
      releasing: quota.id,
    });
    expect(await prisma.editionQuota.findUniqueOrThrow({ where: { id: quota.id } })).toMatchObject({
      releasedAt: null,
      seats: 1,
    });
    expect(await placeOf()).toEqual(before);
    expect(await prisma.auditLog.count({ where: { entityId: edition.id, action: "quota-rilasciata" } })).toBe(0);

    const confirmed = await post({ intent: "release-quota", quotaId: quota.id, confirm: "yes" });
    expect(confirmed.status).toBe(302);
    expect((await prisma.editionQuota.findUniqueOrThrow({ where: { id: quota.id } })).releasedAt).not.toBeNull();
    expect((await placeOf()).quotaId).toBeNull();
  });
});

describe("the event form", () => {
  it("refuses to close a regional event to other regions while a quota is open, and allows it once released", async () => {
    const w = await eventWith("Chiusura con quota", { ...REGIONAL, openToAllRegions: "on" });
    expect(await addQuota(w.scope, "lombardia", 10)).toEqual({ ok: true });
    const closing = w.form({ openToAllRegions: null });
    expect(await updateEvent(national, w.eventId, closing)).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { openToAllRegions: ["events.error.quotaRegionClosed"] },
    });
    expect((await prisma.event.findUniqueOrThrow({ where: { id: w.eventId } })).openToAllRegions).toBe(true);
    // Moving it to Lombardy and closing it too: Lombardy is then its whole audience.
    expect(
      await updateEvent(national, w.eventId, w.form({ openToAllRegions: null, regionCode: "lombardia" })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { openToAllRegions: ["events.error.quotaRegionClosed"] },
    });
    // A national event turned into a closed regional one.
    const nationalEvent = await eventWith("Da nazionale a regionale", {});
    expect(await addQuota(nationalEvent.scope, "lazio", 3)).toEqual({ ok: true });
    expect(await updateEvent(national, nationalEvent.eventId, nationalEvent.form(REGIONAL))).toMatchObject({
      ok: false,
      fieldErrors: { openToAllRegions: ["events.error.quotaRegionClosed"] },
    });
    // Changing the region of an event open to all regions keeps every quota usable.
    expect(await updateEvent(national, w.eventId, w.form({ regionCode: "umbria" }))).toEqual({
      ok: true,
      eventId: w.eventId,
    });
    const quota = await prisma.editionQuota.findFirstOrThrow({ where: { editionId: w.edition.id } });
    expect(await releaseQuota(w.scope, quota.id)).toEqual({ ok: true });
    expect(await updateEvent(national, w.eventId, w.form({ regionCode: "umbria", openToAllRegions: null }))).toEqual({
      ok: true,
      eventId: w.eventId,
    });
  });

  it("refuses to move a closed regional event to another region while a quota (saved before the rule) is open", async () => {
    const w = await eventWith("Quota di prima", REGIONAL);
    // A quota saved before quotas were refused in such events.
    await prisma.editionQuota.create({ data: { editionId: w.edition.id, regionCode: "toscana", seats: 5 } });
    expect(await updateEvent(national, w.eventId, w.form({ regionCode: "umbria" }))).toMatchObject({
      ok: false,
      fieldErrors: { regionCode: ["events.error.quotaRegionClosed"] },
    });
    // A save that leaves the region rule as it is still goes through.
    expect(await updateEvent(national, w.eventId, w.form({ title: "Quota di prima, corretto" }))).toEqual({
      ok: true,
      eventId: w.eventId,
    });
  });
});

describe("a cancelled edition's quota", () => {
  it("is released with the edition, so it does not hold the event's regions, nor does one left open before", async () => {
    const w = await eventWith("Quota di un'edizione annullata", { ...REGIONAL, openToAllRegions: "on" });
    expect(await addQuota(w.scope, "lombardia", 10)).toEqual({ ok: true });
    expect((await cancelEdition(w.scope, "Seminario rinviato")).ok).toBe(true);
    // Nobody holds it, nobody will: it is released, and its edition's page offers no button to do it.
    const quota = await prisma.editionQuota.findFirstOrThrow({ where: { editionId: w.edition.id } });
    expect(quota.releasedAt).not.toBeNull();
    expect(quota.seats).toBe(0);
    expect(await updateEvent(national, w.eventId, w.form({ openToAllRegions: null }))).toEqual({
      ok: true,
      eventId: w.eventId,
    });

    // An edition cancelled before cancelling released its quotas: its open quota does not hold the rule either.
    const before = await eventWith("Quota annullata prima", { ...REGIONAL, openToAllRegions: "on" });
    expect(await addQuota(before.scope, "lazio", 5)).toEqual({ ok: true });
    expect((await cancelEdition(before.scope, "Seminario rinviato")).ok).toBe(true);
    await prisma.editionQuota.updateMany({ where: { editionId: before.edition.id }, data: { releasedAt: null } });
    expect(await updateEvent(national, before.eventId, before.form({ openToAllRegions: null }))).toEqual({
      ok: true,
      eventId: before.eventId,
    });
  });
});

describe("narrowing the audience of a published event", () => {
  const BOTH_LEVELS = { schoolLevels: ["primaria", "secondaria-secondo-grado"], "editions[0].seatCap": "1" };
  const placeIn = (editionId: string, userId: string) =>
    prisma.enrolment.findFirstOrThrow({ where: { editionId, userId }, select: { id: true, status: true } });
  const levelsOf = async (eventId: string) =>
    (await prisma.eventSchoolLevel.findMany({ where: { eventId }, orderBy: { schoolLevel: "asc" } })).map(
      (l) => l.schoolLevel,
    );

  it("is refused while someone it would exclude waits, input kept; once they are out of the line it saves and seated people keep their seat", async () => {
    const w = await eventWith("Pubblico ristretto", BOTH_LEVELS);
    const seated = await createUser({ schoolLevel: "primaria" });
    const waitingPrimary = await createUser({ schoolLevel: "primaria" });
    const waitingSecondary = await createUser({ schoolLevel: "secondaria-secondo-grado" });
    for (const u of [seated, waitingPrimary, waitingSecondary]) expect((await enrol(u.id, w.edition.id)).ok).toBe(true);
    expect((await placeIn(w.edition.id, waitingPrimary.id)).status).toBe("in-attesa");

    const narrowed = w.form({ schoolLevels: ["secondaria-secondo-grado"] });
    expect(await updateEvent(national, w.eventId, narrowed)).toEqual({
      ok: false,
      status: 400,
      reason: "invalid",
      fieldErrors: { schoolLevels: [AUDIENCE_EXCLUDES_WAITING] },
      formErrors: [],
      waitingOutside: 1,
    });
    expect(await levelsOf(w.eventId)).toEqual(["primaria", "secondaria-secondo-grado"]);

    // Through the page: the error on the field says how many and what to do, the form keeps what was typed.
    const refused = await runRoute(editRoute.action as unknown as Handler, {
      cookie: await cookieOf(nationalId),
      url: `http://localhost/gestione/eventi/${w.eventId}/modifica`,
      params: { eventId: w.eventId },
      form: toFormData(w.formFields({ schoolLevels: ["secondaria-secondo-grado"], title: "Titolo corretto" })),
    });
    expect(refused.status).toBe(400);
    const result = (refused.data as { result: { error: Record<string, string[]>; initialValue: { title: string } } })
      .result;
    expect(result.error.schoolLevels).toEqual([translator("it")("events.error.audienceExcludesWaiting", { count: 1 })]);
    expect(result.error.schoolLevels![0]).toMatch(
      /^Una persona in lista d'attesa .*Rimuovi.*Chi ha già un posto lo mantiene\.$/,
    );
    expect(result.initialValue.title).toBe("Titolo corretto");
    expect(await levelsOf(w.eventId)).toEqual(["primaria", "secondaria-secondo-grado"]);

    // Out of the line, the save goes through; the seated primary teacher keeps the seat.
    const waitingPlace = await placeIn(w.edition.id, waitingPrimary.id);
    expect((await removeByOrganiser(w.scope, waitingPlace.id, "Il corso è per la secondaria")).ok).toBe(true);
    // The seated primary teacher is outside the new audience and keeps the seat: the save says so.
    expect(await updateEvent(national, w.eventId, narrowed)).toEqual({
      ok: true,
      eventId: w.eventId,
      seatedOutside: [{ editionId: w.edition.id, number: 1, count: 1 }],
    });
    expect(await levelsOf(w.eventId)).toEqual(["secondaria-secondo-grado"]);
    const seatedPlace = await placeIn(w.edition.id, seated.id);
    expect(seatedPlace.status).toBe("iscritto");
    // The seat freed goes to the secondary teacher, the event's public.
    expect((await removeByOrganiser(w.scope, seatedPlace.id, "Prova")).ok).toBe(true);
    expect((await placeIn(w.edition.id, waitingSecondary.id)).status).toBe("iscritto");
  });

  it("tells the organiser after the save how many seated people it left outside the audience, who keep their seat, with the edition's list", async () => {
    const threeSeats = { ...BOTH_LEVELS, "editions[0].seatCap": "3" };
    const w = await eventWith("Posti fuori pubblico", threeSeats);
    const primary = [await createUser({ schoolLevel: "primaria" }), await createUser({ schoolLevel: "primaria" })];
    const secondary = await createUser({ schoolLevel: "secondaria-secondo-grado" });
    for (const u of [...primary, secondary]) expect((await enrol(u.id, w.edition.id)).ok).toBe(true);

    // Saved from the page: the saved page says how many, that they keep their place, and links the edition's seated.
    const saved = await runRoute(editRoute.action as unknown as Handler, {
      cookie: await cookieOf(nationalId),
      url: `http://localhost/gestione/eventi/${w.eventId}/modifica`,
      params: { eventId: w.eventId },
      form: toFormData(w.formFields({ schoolLevels: ["secondaria-secondo-grado"] })),
    });
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`/gestione/eventi/${w.eventId}?esito=salvato&fuori=${w.edition.id}-2`);
    const url = `http://localhost${saved.location}`;
    const loaded = await runRoute(eventRoute.loader as unknown as Handler, {
      cookie: await cookieOf(nationalId),
      url,
      params: { eventId: w.eventId },
    });
    expect(loaded.status).toBe(200);
    const page = (locale: "it" | "en") =>
      renderRoutePage(eventRoute.default, { url, path: "/gestione/eventi/:eventId", loaderData: loaded.data, locale });
    const it = await page("it");
    expect(textOf(it)).toContain(
      "Evento salvato. 2 persone che hanno già un posto non rientrano più nel pubblico dell'evento: mantengono il posto. Edizione 1: 2 persone.",
    );
    expect(hrefsOf(it, "Chi ha un posto nell'edizione 1")).toEqual([
      `/gestione/edizioni/${w.edition.id}?stato=iscritto`,
    ]);
    const en = await page("en");
    expect(textOf(en)).toContain(
      "2 people who already have a seat are no longer in the event's audience: they keep their seats. Edition 1: 2 people.",
    );
    expect(hrefsOf(en, "People with a seat in edition 1")).toHaveLength(1);
    for (const u of [...primary, secondary]) expect((await placeIn(w.edition.id, u.id)).status).toBe("iscritto");

    // Narrowed again, to headteachers: the secondary teacher only (the primary ones were outside already).
    expect(
      await updateEvent(
        national,
        w.eventId,
        w.form({ schoolLevels: ["secondaria-secondo-grado"], audienceRoles: ["dirigente"] }),
      ),
    ).toEqual({ ok: true, eventId: w.eventId, seatedOutside: [{ editionId: w.edition.id, number: 1, count: 1 }] });
    // Widened back: nobody is left outside, nothing to say.
    expect(await updateEvent(national, w.eventId, w.form(threeSeats))).toEqual({ ok: true, eventId: w.eventId });
    // A URL naming no edition of the event, or malformed, says nothing.
    const elsewhere = `http://localhost/gestione/eventi/${w.eventId}?esito=salvato&fuori=altra-3`;
    expect(
      textOf(
        await renderRoutePage(eventRoute.default, {
          url: elsewhere,
          path: "/gestione/eventi/:eventId",
          loaderData: loaded.data,
        }),
      ),
    ).not.toContain("non rientra");
  });

  it("counts an offer as a place in line, and words the count in both languages", async () => {
    const w = await eventWith("Pubblico con offerta", {
      ...BOTH_LEVELS,
      audienceRoles: ["docente", "dirigente"],
    });
    expect(
      (await changeEditionSettings(w.scope, { promotionMode: "offerta", offerHours: 24, cancellationCutoffAt: null }))
        .ok,
    ).toBe(true);
    const seated = await createUser();
    const offered = await createUser({ professionalRole: "dirigente" });
    const waiting = await createUser({ professionalRole: "dirigente" });
    for (const u of [seated, offered, waiting]) expect((await enrol(u.id, w.edition.id)).ok).toBe(true);
    expect((await removeByOrganiser(w.scope, (await placeIn(w.edition.id, seated.id)).id, "Prova")).ok).toBe(true);
    expect((await placeIn(w.edition.id, offered.id)).status).toBe("offerta");
    expect(await updateEvent(national, w.eventId, w.form({ audienceRoles: ["docente"] }))).toMatchObject({
      ok: false,
      fieldErrors: { audienceRoles: [AUDIENCE_EXCLUDES_WAITING] },
      waitingOutside: 2,
    });
    expect(translator("it")("events.error.audienceExcludesWaiting", { count: 2 })).toMatch(
      /^2 persone in lista d'attesa o con un posto offerto non rientrerebbero più/,
    );
    expect(translator("en")("events.error.audienceExcludesWaiting", { count: 2 })).toMatch(
      /^2 people waiting or holding an offered seat would no longer be/,
    );
  });

  it("is refused when the region rule would exclude someone waiting, on the field that undoes it", async () => {
    // Closing a Tuscan event open to all regions while a Lazio teacher waits.
    const open = await eventWith("Regioni con attesa", {
      ...REGIONAL,
      openToAllRegions: "on",
      "editions[0].seatCap": "1",
    });
    const [tuscan] = await createTeachers(1, "toscana");
    const [lazio] = await createTeachers(1, "lazio");
    for (const u of [tuscan!, lazio!]) expect((await enrol(u.id, open.edition.id)).ok).toBe(true);
    expect(await updateEvent(national, open.eventId, open.form({ openToAllRegions: null }))).toMatchObject({
      ok: false,
      fieldErrors: { openToAllRegions: [AUDIENCE_EXCLUDES_WAITING] },
      waitingOutside: 1,
    });
    // Moving a closed Tuscan event to Umbria while a Tuscan teacher waits.
    const closed = await eventWith("Regione con attesa", { ...REGIONAL, "editions[0].seatCap": "1" });
    const tuscans = await createTeachers(2, "toscana");
    for (const u of tuscans) expect((await enrol(u.id, closed.edition.id)).ok).toBe(true);
    expect(await updateEvent(national, closed.eventId, closed.form({ regionCode: "umbria" }))).toMatchObject({
      ok: false,
      fieldErrors: { regionCode: [AUDIENCE_EXCLUDES_WAITING] },
    });
    expect((await prisma.event.findUniqueOrThrow({ where: { id: closed.eventId } })).regionCode).toBe("toscana");
  });

  it("does not count people who were outside the audience already (placed with an override), nor a widening", async () => {
    const w = await eventWith("Fuori per scelta", { ...REGIONAL, ...BOTH_LEVELS });
    const [tuscan] = await createTeachers(1, "toscana");
    expect((await enrol(tuscan!.id, w.edition.id)).ok).toBe(true);
    // A Lazio teacher placed in line by the organiser, outside the region rule on purpose.
    const lazio = await createUser({ regionCode: "lazio" });
    expect(
      await placeTeacher(w.scope, { email: lazio.email, override: true, reason: "Progetto in rete con la Toscana" }),
    ).toMatchObject({ ok: true, status: "in-attesa" });
    expect(await updateEvent(national, w.eventId, w.form({ schoolLevels: ["primaria"] }))).toEqual({
      ok: true,
      eventId: w.eventId,
    });
    expect(await updateEvent(national, w.eventId, w.form(BOTH_LEVELS))).toEqual({
      ok: true,
      eventId: w.eventId,
    });
  });

  // The places of the event read on an audience change (waiting, seated): Enrolment has no index on eventId, so the
  // read names the event's editions (SQLite's plans without statistics, tests/support/sqlite-plans.ts): before, the
  // waiting places were found through the status index (every waiting place of the database) and the seated ones by
  // reading every edition of the database.
  it("reads the places of the event's own editions, never every edition or every place of a status (SQLite's plans)", async () => {
    if (databaseEngine !== "sqlite") return;
    const w = await eventWith("Piano delle letture", BOTH_LEVELS);
    const [seated, waiting] = [
      await createUser({ schoolLevel: "primaria" }),
      await createUser({ schoolLevel: "primaria" }),
    ];
    for (const u of [seated!, waiting!]) expect((await enrol(u.id, w.edition.id)).ok).toBe(true);
    const statements = await sqlitePlansOf(async () => {
      expect(await updateEvent(national, w.eventId, w.form({ schoolLevels: ["primaria"] }))).toEqual({
        ok: true,
        eventId: w.eventId,
      });
    });
    const places = statements.filter((s) =>
      /^SELECT .* FROM `main`\.`Enrolment` LEFT JOIN `main`\.`Edition`/.test(s.sql),
    );
    expect(places.length).toBeGreaterThan(0);
    for (const s of places) {
      expect(s.plan.filter((d) => /^SCAN /.test(d))).toEqual([]);
      expect(s.plan.filter((d) => /Enrolment_status_offerExpiresAt_idx/.test(d))).toEqual([]);
      expect(s.plan).toContainEqual(
        expect.stringMatching(
          /^SEARCH main\.Enrolment USING INDEX Enrolment_editionId_quotaId_status_waitlistSeq_idx \(editionId=\?/,
        ),
      );
    }
  });
});
