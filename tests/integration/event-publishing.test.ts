// Publishing events, against the real database: saving through the models, stable ids across
// edits, all-or-nothing transactions, audit rows, and the organisers' scope enforced by the
// route loaders and actions themselves (called with a real session cookie).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/permissions.ts";
import {
  assignTrainer,
  changeEventStatus,
  createEvent,
  unassignTrainer,
  updateEvent,
} from "../../app/models/event.server.ts";
import { getPublicEvent } from "../../app/models/catalogue.server.ts";
import { listAudit } from "../../app/models/audit.server.ts";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import { grantRole, revokeRole, roleHistoryOf, searchUsers } from "../../app/models/roles.server.ts";
import * as adminUsersRoute from "../../app/routes/admin.utenti.tsx";
import * as eventPageRoute from "../../app/routes/gestione.eventi.$eventId.tsx";
import * as editRoute from "../../app/routes/gestione.eventi.$eventId.modifica.tsx";
import * as listRoute from "../../app/routes/gestione.eventi._index.tsx";
import * as newRoute from "../../app/routes/gestione.eventi.nuovo.tsx";
import { eventFormFields, eventInputFrom, toFormData, type EventFormFields } from "../support/event-form-fields.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser, unique } from "../support/factories.ts";
import { actorOf } from "../support/events.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

type Fields = EventFormFields;

/** The event form as a browser posts it, with a title of its own per test. */
function formFields(overrides: Fields = {}): Fields {
  return eventFormFields({ title: `Didattica digitale ${unique("t")}`, ...overrides });
}

/** A second, earlier edition (January is after December: this one is in November). */
const novemberEdition = (i: number): Fields => ({
  [`editions[${i}].startsOn`]: "2026-11-16",
  [`editions[${i}].endsOn`]: "2026-11-20",
  [`editions[${i}].seatCap`]: "",
  [`editions[${i}].enrolmentOpensAt`]: "2026-10-01T09:00",
  [`editions[${i}].enrolmentClosesAt`]: "2026-11-15T12:00",
  [`editions[${i}].sessions[0].startsAt`]: "2026-11-16T15:00",
  [`editions[${i}].sessions[0].endsAt`]: "2026-11-16T19:30",
  [`editions[${i}].sessions[0].delivery`]: "sincrona",
  [`editions[${i}].sessions[0].hours`]: "4.5",
});

async function loadEvent(id: string) {
  return prisma.event.findUniqueOrThrow({
    where: { id },
    include: {
      themes: true,
      schoolLevels: true,
      audienceRoles: true,
      editions: { orderBy: { number: "asc" }, include: { sessions: { orderBy: { startsAt: "asc" } } } },
    },
  });
}

async function auditOf(id: string) {
  const rows = await prisma.auditLog.findMany({
    where: { entityType: "event", entityId: id },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}

async function created(actor: Actor, fields: Fields = formFields()) {
  const outcome = await createEvent(actor, eventInputFrom(fields));
  if (!outcome.ok) throw new Error(`create refused: ${outcome.reason}`);
  return outcome.eventId;
}

// --- calling route modules as Remix does ------------------------------------------------------

/** Runs a loader or action (posting the event form's fields); gives the HTTP status it answered or threw, and its data or Location. */
const call = (fn: Handler, opts: { cookie?: string; url: string; params?: Record<string, string>; form?: Fields }) =>
  runRoute(fn, { ...opts, form: opts.form ? toFormData(opts.form) : undefined });

const url = (path: string) => `http://localhost${path}`;

// -----------------------------------------------------------------------------------------------

let national: Actor;
let toscana: Actor;
let lombardia: Actor;

beforeAll(async () => {
  national = actorOf(await createUser({ roles: [{ role: "unita-nazionale" }] }));
  toscana = actorOf(await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] }));
  lombardia = actorOf(
    await createUser({ regionCode: "lombardia", roles: [{ role: "referente-usr", regionCode: "lombardia" }] }),
  );
});

describe("saving events", () => {
  it("creates a draft with numbered editions, sessions, derived fields and an audit row", async () => {
    const fields = formFields({ ...novemberEdition(1), title: "Coding unplugged per la primaria" });
    const id = await created(toscana, fields);
    const event = await loadEvent(id);
    expect(event.status).toBe("bozza");
    expect(event.createdById).toBe(toscana.userId);
    expect(event.certifiedMinutes).toBe(270);
    expect(event.themes.map((t) => t.theme).sort()).toEqual(["competenze-digitali", "inclusione"]);
    expect(event.schoolLevels).toHaveLength(2);
    // Numbered in date order: the November edition (second in the form) is edition 1.
    expect(event.editions.map((e) => [e.number, e.startsOn.toISOString()])).toEqual([
      [1, "2026-11-15T23:00:00.000Z"],
      [2, "2026-11-30T23:00:00.000Z"],
    ]);
    expect(event.editions[0]!.seatCap).toBeNull();
    expect(event.editions[1]!.sessions.map((s) => s.minutes)).toEqual([120, 150]);
    expect(event.startsAt?.toISOString()).toBe("2026-11-15T23:00:00.000Z");
    expect(event.endsAt?.toISOString()).toBe("2026-12-10T22:59:59.999Z");
    expect(event.searchText).toContain("coding unplugged per la primaria");
    const audit = await auditOf(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: toscana.userId, action: "create", details: { status: "bozza" } });
  });

  it("keeps edition and session ids when editing, creating and deleting only what changed", async () => {
    const id = await created(national, formFields({ ...novemberEdition(1), level: "nazionale", regionCode: null }));
    const before = await loadEvent(id);
    const [nov, dec] = before.editions as [(typeof before.editions)[number], (typeof before.editions)[number]];
    const [decLive, decAsync] = dec.sessions as [(typeof dec.sessions)[number], (typeof dec.sessions)[number]];

    // December keeps its live session (now 3 h) and drops the asynchronous one for a new one;
    // November is removed; a January edition is added.
    const edited = formFields({
      level: "nazionale",
      regionCode: null,
      title: "Titolo nuovo",
      "editions[0].id": dec.id,
      "editions[0].seatCap": "25",
      "editions[0].sessions[0].id": decLive.id,
      "editions[0].sessions[0].endsAt": "2026-12-01T18:00",
      "editions[0].sessions[0].hours": "3",
      "editions[0].sessions[1].startsAt": "2026-12-03T15:00",
      "editions[0].sessions[1].endsAt": "2026-12-03T16:30",
      "editions[0].sessions[1].delivery": "sincrona",
      "editions[0].sessions[1].hours": "1,5",
      "editions[1].startsOn": "2027-01-11",
      "editions[1].endsOn": "2027-01-11",
      "editions[1].enrolmentOpensAt": "2026-12-01T09:00",
      "editions[1].enrolmentClosesAt": "2027-01-10T12:00",
      "editions[1].sessions[0].startsAt": "2027-01-11T09:00",
      "editions[1].sessions[0].endsAt": "2027-01-11T14:00",
      "editions[1].sessions[0].delivery": "sincrona",
      "editions[1].sessions[0].hours": "4,5",
    });
    const outcome = await updateEvent(national, id, eventInputFrom(edited));
    // November gone, December is now edition 1: the saved page says so (renumbered).
    expect(outcome).toEqual({ ok: true, eventId: id, renumbered: [{ from: 2, to: 1 }] });

    const after = await loadEvent(id);
    expect(after.title).toBe("Titolo nuovo");
    expect(after.editions.map((e) => e.number)).toEqual([1, 2]);
    expect(after.editions[0]!.id).toBe(dec.id);
    expect(after.editions[0]!.seatCap).toBe(25);
    expect(after.editions[1]!.id).not.toBe(nov.id);
    expect(await prisma.edition.count({ where: { id: nov.id } })).toBe(0);
    expect(await prisma.trainingSession.count({ where: { editionId: nov.id } })).toBe(0);
    const decSessions = after.editions[0]!.sessions;
    expect(decSessions[0]!.id).toBe(decLive.id);
    expect(decSessions[0]!.minutes).toBe(180);
    expect(decSessions[1]!.id).not.toBe(decAsync.id);
    expect(await prisma.trainingSession.count({ where: { id: decAsync.id } })).toBe(0);
    expect(after.startsAt?.toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(after.endsAt?.toISOString()).toBe("2027-01-11T22:59:59.999Z");
    expect(after.searchText).toContain("titolo nuovo");

    const update = (await auditOf(id)).find((r) => r.action === "update")!;
    expect(update.actorId).toBe(national.userId);
    expect(update.details.changed).toEqual(["title", "editions"]);
    expect(update.details.editions).toMatchObject({ updated: [dec.id], removed: [nov.id] });
    expect((update.details.editions as { added: string[] }).added).toEqual([after.editions[1]!.id]);
  });

  it("does not let an id from another event's edition reach that edition", async () => {
    const victim = await created(lombardia, formFields({ regionCode: "lombardia" }));
    const victimEdition = (await loadEvent(victim)).editions[0]!;
    const own = await created(toscana);
    const outcome = await updateEvent(
      toscana,
      own,
      eventInputFrom(formFields({ "editions[0].id": victimEdition.id, "editions[0].seatCap": "3" })),
    );
    expect(outcome.ok).toBe(true);
    const after = await prisma.edition.findUniqueOrThrow({ where: { id: victimEdition.id } });
    expect(after.eventId).toBe(victim);
    expect(after.seatCap).toBe(30);
    const ownEditions = (await loadEvent(own)).editions;
    expect(ownEditions).toHaveLength(1);
    expect(ownEditions[0]!.id).not.toBe(victimEdition.id);
  });

  it("saves nothing when a write fails half-way through a create", async () => {
    const fields = formFields();
    const input = eventInputFrom(fields);
    // Duplicate themes bypass the form (which removes them) and break the primary key on the last insert.
    await expect(createEvent(toscana, { ...input, themes: ["inclusione", "inclusione"] })).rejects.toThrow();
    expect(await prisma.event.count({ where: { title: input.title } })).toBe(0);
    expect(
      await prisma.auditLog.count({ where: { actorId: toscana.userId, details: { contains: input.title } } }),
    ).toBe(0);
  });

  it("leaves the event as it was when a write fails half-way through an update", async () => {
    const id = await created(toscana, formFields({ ...novemberEdition(1) }));
    const before = await loadEvent(id);
    const input = eventInputFrom(formFields({ title: "Non deve restare", "editions[0].id": before.editions[1]!.id }));
    await expect(updateEvent(toscana, id, { ...input, themes: ["inclusione", "inclusione"] })).rejects.toThrow();
    const after = await loadEvent(id);
    expect(after).toEqual(before);
    expect((await auditOf(id)).map((r) => r.action)).toEqual(["create"]);
  });

  it("refuses to delete an edition with only a waitlist, since deleting would erase those enrolments", async () => {
    const id = await created(toscana, formFields({ ...novemberEdition(1) }));
    const before = await loadEvent(id);
    const [nov, dec] = before.editions as [(typeof before.editions)[number], (typeof before.editions)[number]];
    const teacher = await createUser();
    await prisma.enrolment.create({
      data: { editionId: nov.id, eventId: id, userId: teacher.id, status: "in-attesa", waitlistSeq: 1 },
    });
    const outcome = await updateEvent(toscana, id, eventInputFrom(formFields({ "editions[0].id": dec.id })));
    expect(outcome).toMatchObject({ ok: false, status: 400, formErrors: ["events.error.editionHasEnrolments"] });
    expect(await prisma.edition.count({ where: { id: nov.id } })).toBe(1);
    expect(await prisma.enrolment.count({ where: { editionId: nov.id } })).toBe(1);
  });

  it("refuses to delete an edition with enrolments or to cap it below them, changing nothing", async () => {
    const id = await created(toscana, formFields({ ...novemberEdition(1) }));
    const before = await loadEvent(id);
    const [nov, dec] = before.editions as [(typeof before.editions)[number], (typeof before.editions)[number]];
    await prisma.edition.update({ where: { id: nov.id }, data: { seatsTaken: 4 } });
    await prisma.edition.update({ where: { id: dec.id }, data: { seatsTaken: 12 } });

    const dropNovember = await updateEvent(toscana, id, eventInputFrom(formFields({ "editions[0].id": dec.id })));
    expect(dropNovember).toMatchObject({ ok: false, status: 400, formErrors: ["events.error.editionHasEnrolments"] });

    const capTooLow = await updateEvent(
      toscana,
      id,
      eventInputFrom(
        formFields({
          ...novemberEdition(1),
          "editions[0].id": dec.id,
          "editions[0].seatCap": "10",
          "editions[1].id": nov.id,
        }),
      ),
    );
    expect(capTooLow).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { "editions[0].seatCap": ["events.error.seatCapBelowTaken"] },
    });

    const after = await loadEvent(id);
    expect(after.editions.map((e) => [e.id, e.seatCap])).toEqual(before.editions.map((e) => [e.id, e.seatCap]));
    expect((await auditOf(id)).map((r) => r.action)).toEqual(["create"]);
  });
});

describe("status lifecycle", () => {
  it("publishes a draft, then closes it, auditing each change", async () => {
    const id = await created(toscana);
    expect(await changeEventStatus(toscana, id, "pubblicato")).toEqual({ ok: true });
    const published = await prisma.event.findUniqueOrThrow({ where: { id } });
    expect(published.status).toBe("pubblicato");
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect(await changeEventStatus(toscana, id, "bozza")).toMatchObject({ ok: false, status: 409 });
    expect(await changeEventStatus(toscana, id, "chiuso")).toEqual({ ok: true });
    expect(await changeEventStatus(toscana, id, "annullato")).toMatchObject({ ok: false, status: 409 });
    const audit = await auditOf(id);
    expect(audit.filter((r) => r.action === "status").map((r) => r.details)).toEqual([
      { from: "bozza", to: "pubblicato" },
      { from: "pubblicato", to: "chiuso" },
    ]);
    // A closed event is no longer edited.
    expect(await updateEvent(toscana, id, eventInputFrom(formFields()))).toMatchObject({ ok: false, status: 409 });
  });

  it("does not publish an event whose stored content fails validation", async () => {
    const id = await created(toscana);
    // e.g. data written by an older version: the hours no longer add up.
    await prisma.event.update({ where: { id }, data: { certifiedMinutes: 600 } });
    const outcome = await changeEventStatus(toscana, id, "pubblicato");
    expect(outcome).toMatchObject({ ok: false, status: 400, reason: "invalid" });
    expect(outcome.ok === false && "issues" in outcome ? outcome.issues : []).toContain(
      "events.validation.hoursDoNotAddUp",
    );
    expect((await prisma.event.findUniqueOrThrow({ where: { id } })).status).toBe("bozza");
    expect((await auditOf(id)).map((r) => r.action)).toEqual(["create"]);
  });

  it("cancels a draft", async () => {
    const id = await created(toscana);
    expect(await changeEventStatus(toscana, id, "annullato", "Bozza superata")).toEqual({ ok: true });
    expect((await prisma.event.findUniqueOrThrow({ where: { id } })).status).toBe("annullato");
  });
});

describe("trainers", () => {
  it("assigns and unassigns people with the trainer role only, audited", async () => {
    const trainer = await createUser({ firstName: "Paola", lastName: "Verdi", roles: [{ role: "formatore" }] });
    const teacher = await createUser();
    const id = await created(toscana);
    expect(await assignTrainer(toscana, id, teacher.id)).toMatchObject({ ok: false, status: 400 });
    expect(await assignTrainer(toscana, id, trainer.id)).toEqual({ ok: true });
    expect(await assignTrainer(toscana, id, trainer.id)).toEqual({ ok: true });
    expect(
      await prisma.eventTrainer.findMany({ where: { eventId: id }, select: { userId: true, assignedById: true } }),
    ).toEqual([{ userId: trainer.id, assignedById: toscana.userId }]);
    expect(await unassignTrainer(toscana, id, trainer.id)).toEqual({ ok: true });
    expect(await prisma.eventTrainer.count({ where: { eventId: id } })).toBe(0);
    const audit = await auditOf(id);
    expect(audit.filter((r) => r.action.startsWith("trainer.")).map((r) => [r.action, r.details])).toEqual([
      ["trainer.assign", { userId: trainer.id, name: "Paola Verdi" }],
      ["trainer.unassign", { userId: trainer.id, name: "Paola Verdi" }],
    ]);
  });

  it("offers on the event page, by surname, each person with the trainer role once, not those already assigned", async () => {
    const surname = unique("Zanetti");
    const [first, second, assigned] = await Promise.all(
      ["B", "A", "C"].map((initial) =>
        createUser({ firstName: initial, lastName: `${surname} ${initial}`, roles: [{ role: "formatore" }] }),
      ),
    );
    // A second trainer role row (another region) must not list the person twice.
    await prisma.userRole.create({ data: { userId: second!.id, role: "formatore", regionCode: "toscana" } });
    const teacher = await createUser({ lastName: `${surname} D` });
    const id = await created(toscana);
    expect(await assignTrainer(toscana, id, assigned!.id)).toEqual({ ok: true });
    const page = await runRoute(eventPageRoute.loader as unknown as Handler, {
      cookie: await cookieOf(toscana.userId),
      url: `http://localhost/gestione/eventi/${id}`,
      params: { eventId: id },
    });
    const candidates = (page.data as { candidates: { id: string }[] }).candidates.map((c) => c.id);
    const ours = candidates.filter((c) => [first!.id, second!.id, assigned!.id, teacher.id].includes(c));
    expect(ours).toEqual([second!.id, first!.id]);
  });

  it("tells an event whose trainers are all assigned from a site with no trainer at all", async () => {
    // The page said "Nessuna persona ha ancora il ruolo di formatore." under the trainers it listed,
    // once every person with the role was assigned to the event.
    const id = await created(toscana);
    await createUser({ lastName: unique("Formatrice"), roles: [{ role: "formatore" }] });
    const trainers = await prisma.userRole.findMany({ where: { role: "formatore" }, select: { userId: true } });
    for (const userId of new Set(trainers.map((r) => r.userId))) {
      expect(await assignTrainer(toscana, id, userId)).toEqual({ ok: true });
    }
    const page = await runRoute(eventPageRoute.loader as unknown as Handler, {
      cookie: await cookieOf(toscana.userId),
      url: `http://localhost/gestione/eventi/${id}`,
      params: { eventId: id },
    });
    expect(page.data).toMatchObject({ candidates: [], trainersToAssign: "all-assigned" });
  });
});

describe("organiser scope through the routes", () => {
  let toscanaCookie: string;
  let lombardiaDraft: string;
  let lombardiaPublished: string;

  beforeAll(async () => {
    toscanaCookie = await cookieOf(toscana.userId);
    lombardiaDraft = await created(
      lombardia,
      formFields({ regionCode: "lombardia", title: `Bozza lombarda ${unique()}` }),
    );
    lombardiaPublished = await created(
      lombardia,
      formFields({ regionCode: "lombardia", title: `Evento lombardo ${unique()}` }),
    );
    expect(await changeEventStatus(lombardia, lombardiaPublished, "pubblicato")).toEqual({ ok: true });
  });

  async function snapshot(id: string) {
    return {
      event: await loadEvent(id),
      audit: await auditOf(id),
      trainers: await prisma.eventTrainer.count({ where: { eventId: id } }),
    };
  }

  it("hides another region's drafts (404) and refuses its published events (403) on every page", async () => {
    for (const [route, suffix] of [
      [eventPageRoute.loader, ""],
      [editRoute.loader, "/modifica"],
    ] as const) {
      const draft = await call(route, {
        cookie: toscanaCookie,
        url: url(`/gestione/eventi/${lombardiaDraft}${suffix}`),
        params: { eventId: lombardiaDraft },
      });
      expect(draft.status).toBe(404);
      const published = await call(route, {
        cookie: toscanaCookie,
        url: url(`/gestione/eventi/${lombardiaPublished}${suffix}`),
        params: { eventId: lombardiaPublished },
      });
      expect(published.status).toBe(403);
    }
    const missing = await call(eventPageRoute.loader, {
      cookie: toscanaCookie,
      url: url("/gestione/eventi/nope"),
      params: { eventId: "nope" },
    });
    expect(missing.status).toBe(404);
  });

  it("lists only the events the referent manages", async () => {
    const own = await created(toscana);
    const list = await call(listRoute.loader, { cookie: toscanaCookie, url: url("/gestione/eventi?stato=bozza") });
    expect(list.status).toBe(200);
    const ids = (list.data as { events: { id: string; status: string; regionCode: string | null }[] }).events;
    expect(ids.map((e) => e.id)).toContain(own);
    expect(ids.every((e) => e.regionCode === "toscana" && e.status === "bozza")).toBe(true);
    expect(ids.map((e) => e.id)).not.toContain(lombardiaDraft);
  });

  it("finds managed events by words of their title and by level, within the organiser's scope", async () => {
    // With only a status filter and 50 rows a page, the national unit paged through every region's
    // events (thousands on national data) to reach one it knew by name.
    const word = unique("Girasole").toLowerCase();
    const nationalOne = await created(
      national,
      formFields({ level: "nazionale", regionCode: null, title: `Convegno ${word} nazionale` }),
    );
    const tuscanOne = await created(toscana, formFields({ title: `Seminario ${word} toscano` }));
    const lombardOne = await created(lombardia, formFields({ regionCode: "lombardia", title: `Seminario ${word}` }));
    const idsOf = async (cookie: string, query: string) => {
      const list = await call(listRoute.loader, { cookie, url: url(`/gestione/eventi?${query}`) });
      expect(list.status).toBe(200);
      return (list.data as { events: { id: string }[] }).events.map((e) => e.id).sort();
    };
    const nationalCookie = await cookieOf(national.userId);
    // Any case and accents, any order of the words, like the catalogue's search.
    const q = encodeURIComponent(`${word.toUpperCase()} SEMINÀRIO`);
    expect(await idsOf(nationalCookie, `q=${q}`)).toEqual([tuscanOne, lombardOne].sort());
    expect(await idsOf(nationalCookie, `q=${word}&livello=nazionale`)).toEqual([nationalOne]);
    expect(await idsOf(nationalCookie, `q=${word}&livello=regionale&stato=bozza`)).toEqual(
      [tuscanOne, lombardOne].sort(),
    );
    expect(await idsOf(toscanaCookie, `q=${word}`)).toEqual([tuscanOne]);
    expect(await idsOf(nationalCookie, `q=${word}&livello=sconosciuto`)).toHaveLength(3);
  });

  it("the national unit and a referent of several regions narrow the list to one region's events, kept in the page links", async () => {
    // The national unit had only the status and level filters: "Molise's regional drafts" came mixed with every
    // region's, 50 a page, and the text search found a region only where an event's text named it.
    const word = unique("Ciclamino").toLowerCase();
    const nationalOne = await created(
      national,
      formFields({ level: "nazionale", regionCode: null, title: `Convegno ${word} nazionale` }),
    );
    const tuscanOne = await created(toscana, formFields({ title: `Seminario ${word} toscano` }));
    const lombardOne = await created(lombardia, formFields({ regionCode: "lombardia", title: `Seminario ${word}` }));
    type List = { events: { id: string }[]; regions: string[]; region: string | null; filterQuery: string };
    const listOf = async (cookie: string, query: string) => {
      const list = await call(listRoute.loader, { cookie, url: url(`/gestione/eventi?${query}`) });
      expect(list.status).toBe(200);
      const data = list.data as List;
      return { ...data, ids: data.events.map((e) => e.id).sort() };
    };
    const nationalCookie = await cookieOf(national.userId);
    const all = await listOf(nationalCookie, `q=${word}`);
    expect(all.ids).toEqual([nationalOne, tuscanOne, lombardOne].sort());
    expect(all.regions).toHaveLength(21);
    const lombard = await listOf(nationalCookie, `q=${word}&regione=lombardia&livello=regionale`);
    expect(lombard.ids).toEqual([lombardOne]);
    expect(lombard.region).toBe("lombardia");
    // The next and previous pages keep the region with the other filters.
    expect(new URLSearchParams(lombard.filterQuery).get("regione")).toBe("lombardia");
    expect(new URLSearchParams(lombard.filterQuery).get("livello")).toBe("regionale");
    // A value that is no region is dropped, like an unknown level, and not carried into the links.
    const unknown = await listOf(nationalCookie, `q=${word}&regione=atlantide`);
    expect(unknown.ids).toHaveLength(3);
    expect(unknown.region).toBeNull();
    expect(new URLSearchParams(unknown.filterQuery).has("regione")).toBe(false);

    // A referent of two regions chooses between their own; another region's name is dropped, not a way out.
    const both = await createUser({
      roles: [
        { role: "referente-usr", regionCode: "toscana" },
        { role: "referente-usr", regionCode: "lombardia" },
      ],
    });
    const bothCookie = await cookieOf(both.id);
    const theirs = await listOf(bothCookie, `q=${word}`);
    expect(theirs.ids).toEqual([tuscanOne, lombardOne].sort());
    expect(theirs.regions).toEqual(["lombardia", "toscana"]);
    expect((await listOf(bothCookie, `q=${word}&regione=toscana`)).ids).toEqual([tuscanOne]);
    expect((await listOf(bothCookie, `q=${word}&regione=lazio`)).ids).toEqual([tuscanOne, lombardOne].sort());
    // A referent of one region: nothing to choose.
    const one = await listOf(toscanaCookie, `q=${word}&regione=lombardia`);
    expect(one.regions).toEqual([]);
    expect(one.ids).toEqual([tuscanOne]);
  });

  it("refuses crafted edits, status changes and trainer changes on another region's events, changing nothing", async () => {
    const trainer = await createUser({ roles: [{ role: "formatore" }] });
    for (const [eventId, expected] of [
      [lombardiaDraft, 404],
      [lombardiaPublished, 403],
    ] as const) {
      const before = await snapshot(eventId);
      const editUrl = url(`/gestione/eventi/${eventId}/modifica`);
      const pageUrl = url(`/gestione/eventi/${eventId}`);
      const params = { eventId };
      const attempts = [
        call(editRoute.action, { cookie: toscanaCookie, url: editUrl, params, form: formFields({ title: "Preso!" }) }),
        call(editRoute.action, {
          cookie: toscanaCookie,
          url: editUrl,
          params,
          form: formFields({ title: "Preso!", regionCode: "lombardia" }),
        }),
        // Even an invalid form learns nothing about the event.
        call(editRoute.action, { cookie: toscanaCookie, url: editUrl, params, form: { title: "" } }),
        call(eventPageRoute.action, {
          cookie: toscanaCookie,
          url: pageUrl,
          params,
          form: { intent: "status", to: "annullato" },
        }),
        call(eventPageRoute.action, {
          cookie: toscanaCookie,
          url: pageUrl,
          params,
          form: { intent: "status", to: "pubblicato" },
        }),
        call(eventPageRoute.action, {
          cookie: toscanaCookie,
          url: pageUrl,
          params,
          form: { intent: "assign-trainer", userId: trainer.id },
        }),
      ];
      for (const attempt of attempts) expect((await attempt).status).toBe(expected);
      expect(await snapshot(eventId)).toEqual(before);
    }
  });

  it("refuses creating events outside the referent's region or level", async () => {
    for (const crafted of [
      { regionCode: "lombardia" },
      { level: "nazionale", regionCode: null },
      { level: "europeo", regionCode: null },
    ] as Fields[]) {
      const fields = formFields(crafted);
      const res = await call(newRoute.action, {
        cookie: toscanaCookie,
        url: url("/gestione/eventi/nuovo"),
        form: fields,
      });
      expect(res.status).toBe(403);
      expect(await prisma.event.count({ where: { title: fields.title as string } })).toBe(0);
    }
  });

  it("refuses moving the referent's own event to another region or level", async () => {
    const id = await created(toscana);
    const before = await snapshot(id);
    for (const crafted of [{ regionCode: "lombardia" }, { level: "nazionale", regionCode: null }] as Fields[]) {
      const res = await call(editRoute.action, {
        cookie: toscanaCookie,
        url: url(`/gestione/eventi/${id}/modifica`),
        params: { eventId: id },
        form: formFields(crafted),
      });
      expect(res.status).toBe(403);
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it("creates through the route, and answers a bad form with field errors at their paths and nothing saved", async () => {
    const good = formFields();
    const res = await call(newRoute.action, { cookie: toscanaCookie, url: url("/gestione/eventi/nuovo"), form: good });
    expect(res.status).toBe(302);
    const event = await prisma.event.findFirstOrThrow({ where: { title: good.title as string } });
    expect(res.location).toBe(`/gestione/eventi/${event.id}?esito=salvato`);

    const bad = formFields({ "editions[0].sessions[1].endsAt": "2026-12-02T08:00", certifiedHours: "25" });
    const refused = await call(newRoute.action, {
      cookie: toscanaCookie,
      url: url("/gestione/eventi/nuovo"),
      form: bad,
    });
    expect(refused.status).toBe(400);
    const result = (
      refused.data as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }
    ).result;
    expect(result.error["editions[0].sessions[1].endsAt"]).toEqual(["events.validation.sessionEndBeforeStart"]);
    // What was typed comes back to the form.
    expect(result.initialValue.title).toBe(bad.title);
    expect(await prisma.event.count({ where: { title: bad.title as string } })).toBe(0);
  });

  it("publishes and edits through the routes for the right referent", async () => {
    const id = await created(toscana);
    const publish = await call(eventPageRoute.action, {
      cookie: toscanaCookie,
      url: url(`/gestione/eventi/${id}`),
      params: { eventId: id },
      form: { intent: "status", to: "pubblicato", confirm: "yes" },
    });
    expect(publish.status).toBe(302);
    const edit = await call(editRoute.action, {
      cookie: toscanaCookie,
      url: url(`/gestione/eventi/${id}/modifica`),
      params: { eventId: id },
      form: formFields({ title: "Aggiornato dal referente" }),
    });
    expect(edit.status).toBe(302);
    const after = await prisma.event.findUniqueOrThrow({ where: { id } });
    expect([after.status, after.title]).toEqual(["pubblicato", "Aggiornato dal referente"]);
    const page = await call(eventPageRoute.loader, {
      cookie: toscanaCookie,
      url: url(`/gestione/eventi/${id}`),
      params: { eventId: id },
    });
    const audit = (page.data as { audit: { action: string; actorName: string | null }[] }).audit;
    expect(audit.map((a) => a.action)).toEqual(["update", "status", "create"]);
    expect(audit[0]!.actorName).toBe("Maria Rossi");
  });

  it("publishes only from the second step, which says what publishing does and when enrolment opens", async () => {
    // "Pubblica" published at the first click: public, announced by email to alerts, no way back to draft.
    const id = await created(
      toscana,
      formFields({
        "editions[0].startsOn": "2027-03-01",
        "editions[0].endsOn": "2027-03-10",
        "editions[0].enrolmentOpensAt": "2027-01-15T09:00",
        "editions[0].enrolmentClosesAt": "2027-02-28T23:59",
        "editions[0].sessions[0].startsAt": "2027-03-01T15:00",
        "editions[0].sessions[0].endsAt": "2027-03-01T17:00",
        "editions[0].sessions[1].startsAt": "2027-03-02T09:00",
        "editions[0].sessions[1].endsAt": "2027-03-10T23:00",
      }),
    );
    const pageUrl = url(`/gestione/eventi/${id}`);
    const params = { eventId: id };
    // The page opened at the step (?pubblica=1) has what the step says: when enrolment opens (09:00 in Rome).
    const step = await call(eventPageRoute.loader, { cookie: toscanaCookie, url: `${pageUrl}?pubblica=1`, params });
    expect(step.status).toBe(200);
    expect((step.data as { publishing: unknown }).publishing).toEqual({
      enrolmentOpens: { kind: "at", at: new Date("2027-01-15T08:00:00.000Z") },
    });

    // One click on the old button (no confirmation): 400, the step with its message, still a draft.
    const before = await snapshot(id);
    const oneClick = await call(eventPageRoute.action, {
      cookie: toscanaCookie,
      url: pageUrl,
      params,
      form: { intent: "status", to: "pubblicato" },
    });
    expect(oneClick.status).toBe(400);
    expect(oneClick.data).toMatchObject({ error: "events.admin.publish.confirmRequired", publishing: true });
    expect(await snapshot(id)).toEqual(before);
    expect((await loadEvent(id)).status).toBe("bozza");

    // From the step, with confirm=yes: published.
    const confirmed = await call(eventPageRoute.action, {
      cookie: toscanaCookie,
      url: `${pageUrl}?pubblica=1`,
      params,
      form: { intent: "status", to: "pubblicato", confirm: "yes" },
    });
    expect(confirmed).toMatchObject({ status: 302, location: `/gestione/eventi/${id}?esito=stato-pubblicato` });
    expect((await loadEvent(id)).status).toBe("pubblicato");
    // A published event has no publishing step any more.
    const after = await call(eventPageRoute.loader, { cookie: toscanaCookie, url: `${pageUrl}?pubblica=1`, params });
    expect((after.data as { publishing: unknown }).publishing).toBeNull();
  });

  it("refuses a save over another organiser's change, keeping the input and the fingerprint it was based on", async () => {
    const fields = formFields();
    const id = await created(toscana, fields);
    const stored = await loadEvent(id);
    const ids: Fields = {
      "editions[0].id": stored.editions[0]!.id,
      "editions[0].sessions[0].id": stored.editions[0]!.sessions[0]!.id,
      "editions[0].sessions[1].id": stored.editions[0]!.sessions[1]!.id,
    };
    const opened = await call(editRoute.loader, {
      cookie: toscanaCookie,
      url: url(`/gestione/eventi/${id}/modifica`),
      params: { eventId: id },
    });
    const { basedOn } = opened.data as { basedOn: string };
    expect(basedOn).toMatch(/^[\w-]{22}$/);

    // The national unit saves a new title while the referent is still filling in the form.
    expect(
      await updateEvent(national, id, eventInputFrom({ ...fields, ...ids, title: "Titolo dato da Roma" })),
    ).toEqual({
      ok: true,
      eventId: id,
    });
    const post = (form: Fields) =>
      call(editRoute.action, {
        cookie: toscanaCookie,
        url: url(`/gestione/eventi/${id}/modifica`),
        params: { eventId: id },
        form,
      });

    // A mistake first: the answer keeps the fingerprint the form was filled in from, not the page's fresh one.
    const invalid = await post({ ...fields, ...ids, title: "", basedOn });
    expect(invalid.status).toBe(400);
    expect((invalid.data as { basedOn?: string }).basedOn).toBe(basedOn);

    const refused = await post({ ...fields, ...ids, title: "Titolo del referente", basedOn });
    expect(refused.status).toBe(409);
    const answer = refused.data as {
      basedOn: string;
      result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    };
    expect(answer.result.error[""]).toEqual(["events.error.changedMeanwhile"]);
    expect(answer.result.initialValue.title).toBe("Titolo del referente");
    expect((await loadEvent(id)).title).toBe("Titolo dato da Roma");
    expect(answer.basedOn).not.toBe(basedOn);

    // Saving again from the refusal is a choice made knowing: it goes through.
    const saved = await post({ ...fields, ...ids, title: "Titolo del referente", basedOn: answer.basedOn });
    expect(saved.status).toBe(302);
    expect((await loadEvent(id)).title).toBe("Titolo del referente");
  });

  it("saves the completion rule and required activities, keeps them across edits, and refuses a bad percent", async () => {
    const good = formFields();
    const res = await call(newRoute.action, { cookie: toscanaCookie, url: url("/gestione/eventi/nuovo"), form: good });
    expect(res.status).toBe(302);
    const { id } = await prisma.event.findFirstOrThrow({
      where: { title: good.title as string },
      select: { id: true },
    });
    let event = await loadEvent(id);
    expect(event.completionPercent).toBe(80);
    const [live, activity] = event.editions[0]!.sessions;
    expect([live!.required, activity!.required]).toEqual([false, true]);
    // Published, the public page has the rule and which activity is required, on both engines' SQL.
    expect(await changeEventStatus(toscana, id, "pubblicato")).toEqual({ ok: true });
    const shown = await getPublicEvent(id);
    expect(shown?.completionPercent).toBe(80);
    expect(shown?.editions[0]!.sessions.map((x) => x.required)).toEqual([false, true]);

    // The edit page shows what is stored, and saving it unchanged keeps it.
    const page = await call(editRoute.loader, {
      cookie: toscanaCookie,
      url: url(`/gestione/eventi/${id}/modifica`),
      params: { eventId: id },
    });
    const defaults = (
      page.data as { defaultValue: { completionPercent?: string; editions: { sessions: { required?: boolean }[] }[] } }
    ).defaultValue;
    expect(defaults.completionPercent).toBe("80");
    expect(defaults.editions[0]!.sessions.map((x) => x.required)).toEqual([false, true]);

    const ids = {
      "editions[0].id": event.editions[0]!.id,
      "editions[0].sessions[0].id": live!.id,
      "editions[0].sessions[1].id": activity!.id,
    };
    const edit = await call(editRoute.action, {
      cookie: toscanaCookie,
      url: url(`/gestione/eventi/${id}/modifica`),
      params: { eventId: id },
      form: formFields({
        ...ids,
        title: good.title as string,
        completionPercent: "100",
        "editions[0].sessions[1].required": null,
      }),
    });
    expect(edit.status).toBe(302);
    event = await loadEvent(id);
    expect(event.completionPercent).toBe(100);
    expect(event.editions[0]!.sessions.map((x) => [x.id, x.required])).toEqual([
      [live!.id, false],
      [activity!.id, false],
    ]);
    const audit = await auditOf(id);
    expect(audit.at(-1)!.details).toMatchObject({ changed: ["completionPercent", "editions"] });

    for (const bad of ["0", "101", "75,5"]) {
      const refused = await call(editRoute.action, {
        cookie: toscanaCookie,
        url: url(`/gestione/eventi/${id}/modifica`),
        params: { eventId: id },
        form: formFields({ ...ids, title: good.title as string, completionPercent: bad }),
      });
      expect(refused.status).toBe(400);
      const result = (
        refused.data as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }
      ).result;
      expect(result.error.completionPercent).toEqual(["events.validation.completionPercent"]);
      expect(result.initialValue.completionPercent).toBe(bad);
    }
    expect((await prisma.event.findUniqueOrThrow({ where: { id } })).completionPercent).toBe(100);
  });

  it("keeps teachers and signed-out visitors out of the organiser area", async () => {
    const teacher = await createUser();
    const teacherCookie = await cookieOf(teacher.id);
    expect((await call(listRoute.loader, { cookie: teacherCookie, url: url("/gestione/eventi") })).status).toBe(403);
    expect(
      (await call(newRoute.action, { cookie: teacherCookie, url: url("/gestione/eventi/nuovo"), form: formFields() }))
        .status,
    ).toBe(403);
    const anonymous = await call(listRoute.loader, { url: url("/gestione/eventi") });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/accedi\?redirectTo=/);
  });
});

describe("roles", () => {
  it("grants and revokes roles with an audit row, only for the national unit", async () => {
    const person = await createUser({ firstName: "Giulia", lastName: "D'Amico" });
    expect(await grantRole(toscana, { userId: person.id, role: "formatore", regionCode: "" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await grantRole(national, { userId: person.id, role: "referente-usr", regionCode: "umbria" })).toEqual({
      ok: true,
      changed: true,
      userId: person.id,
    });
    expect(await grantRole(national, { userId: person.id, role: "referente-usr", regionCode: "umbria" })).toEqual({
      ok: true,
      changed: false,
      userId: person.id,
    });
    const role = await prisma.userRole.findFirstOrThrow({ where: { userId: person.id } });
    expect([role.role, role.regionCode, role.grantedById]).toEqual(["referente-usr", "umbria", national.userId]);
    expect(await revokeRole(national, role.id)).toEqual({ ok: true, changed: true, userId: person.id });
    expect(await prisma.userRole.count({ where: { userId: person.id } })).toBe(0);
    const audit = await prisma.auditLog.findMany({
      where: { entityType: "user", entityId: person.id },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    expect(audit.map((a) => [a.action, a.actorId, JSON.parse(a.details)])).toEqual([
      ["role.grant", national.userId, { role: "referente-usr", regionCode: "umbria" }],
      ["role.revoke", national.userId, { role: "referente-usr", regionCode: "umbria" }],
    ]);
  });

  it("tells the person of each role granted or revoked, with the role, region, day and events taken away", async () => {
    const person = await createUser();
    expect(
      await grantRole(national, { userId: person.id, role: "referente-usr", regionCode: "toscana" }),
    ).toMatchObject({ ok: true, changed: true });
    // Granted again: nothing changed, nothing told.
    await grantRole(national, { userId: person.id, role: "referente-usr", regionCode: "toscana" });
    await grantRole(national, { userId: person.id, role: "formatore", regionCode: "" });
    const events: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { edition } = await createOpenEdition();
      expect(await assignTrainer(national, edition.eventId, person.id)).toEqual({ ok: true });
      events.push(edition.eventId);
    }
    const trainerRole = await prisma.userRole.findFirstOrThrow({ where: { userId: person.id, role: "formatore" } });
    expect(await revokeRole(national, trainerRole.id)).toMatchObject({ ok: true, unassignedEvents: 2 });
    const notices = await prisma.notification.findMany({
      where: { userId: person.id, kind: "ruolo-modificato" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const audits = await prisma.auditLog.findMany({
      where: { entityType: "user", entityId: person.id, action: { startsWith: "role." } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    expect(
      notices.map((n) => {
        const { changedAt, ...payload } = JSON.parse(n.payload) as Record<string, unknown>;
        expect(Date.parse(String(changedAt))).not.toBeNaN();
        return payload;
      }),
    ).toEqual([
      { action: "grant", role: "referente-usr", regionCode: "toscana" },
      { action: "grant", role: "formatore", regionCode: "" },
      { action: "revoke", role: "formatore", regionCode: "", unassignedEvents: 2 },
    ]);
    // Each event's change log says who took the trainer off, as a single unassignment does.
    const nationalUser = await prisma.user.findUniqueOrThrow({ where: { id: national.userId } });
    for (const eventId of events) {
      const [last] = (await listAudit("event", eventId)).rows;
      expect(last).toMatchObject({
        action: "trainer.unassign",
        actorName: `${nationalUser.firstName} ${nationalUser.lastName}`,
        details: { userId: person.id, name: `${person.firstName} ${person.lastName}`, cause: "role-revoked" },
      });
    }
    // Each notice is named by its audit row: the change it tells of.
    expect(notices.map((n) => n.dedupeKey).sort()).toEqual(audits.map((a) => `ruolo-modificato:${a.id}`).sort());
  });

  it("shows who granted and revoked each person's roles, and when, newest first", async () => {
    const granting = await createUser({
      firstName: "Ada",
      lastName: "Assegnante",
      roles: [{ role: "unita-nazionale" }],
    });
    const revoking = await createUser({
      firstName: "Remo",
      lastName: "Revocante",
      roles: [{ role: "unita-nazionale" }],
    });
    const person = await createUser();
    const untouched = await createUser();
    await grantRole(actorOf(granting), { userId: person.id, role: "referente-usr", regionCode: "umbria" });
    const role = await prisma.userRole.findFirstOrThrow({ where: { userId: person.id } });
    await revokeRole(actorOf(revoking), role.id);
    // A second apart, as a person acts (both could fall in the same millisecond here).
    const rows = await prisma.auditLog.findMany({
      where: { entityType: "user", entityId: person.id },
      orderBy: { id: "asc" },
    });
    const grantRow = rows.find((r) => r.action === "role.grant")!;
    await prisma.auditLog.update({ where: { id: grantRow.id }, data: { at: new Date(grantRow.at.getTime() - 1_000) } });

    const history = await roleHistoryOf([person.id, untouched.id]);
    expect(history.get(untouched.id)).toBeUndefined();
    expect(history.get(person.id)?.map((h) => [h.action, h.role, h.regionCode, h.actorName])).toEqual([
      ["role.revoke", "referente-usr", "umbria", "Remo Revocante"],
      ["role.grant", "referente-usr", "umbria", "Ada Assegnante"],
    ]);
  });

  it("does not let a national unit member revoke their own national role", async () => {
    const own = await prisma.userRole.findFirstOrThrow({ where: { userId: national.userId, role: "unita-nazionale" } });
    // Whose roles it is about, so the page shows the refusal in that row, beside the button pressed.
    expect(await revokeRole(national, own.id)).toMatchObject({ ok: false, status: 400, userId: national.userId });
    expect(await prisma.userRole.count({ where: { id: own.id } })).toBe(1);
  });

  it("finds people by any case of their name or email on either engine", async () => {
    const tag = unique("Zq").toLowerCase();
    const person = await createUser({
      firstName: "Beatrice",
      lastName: `Esposito${tag}`,
      email: `${tag}@scuola.example.it`,
    });
    for (const q of [`esposito${tag}`, `ESPOSITO${tag.toUpperCase()}`, `beatrice esposito${tag}`, tag.toUpperCase()]) {
      expect((await searchUsers(q)).users.map((u) => u.id)).toEqual([person.id]);
    }
    // Names with an apostrophe or a hyphen, typed in lower case (PostgreSQL's LIKE minds the case).
    const apostrophe = await createUser({ firstName: "Chiara", lastName: `D'Amico-Rossi${tag}` });
    for (const q of [`d'amico-rossi${tag}`, `rossi${tag}`, `d'amico`]) {
      expect((await searchUsers(q)).users.map((u) => u.id)).toContain(apostrophe.id);
    }
  });

  it("guards /admin/utenti and refuses a referent without a region", async () => {
    const refCookie = await cookieOf(toscana.userId);
    expect((await call(adminUsersRoute.loader, { cookie: refCookie, url: url("/admin/utenti?q=rossi") })).status).toBe(
      403,
    );
    const person = await createUser();
    expect(
      (
        await call(adminUsersRoute.action, {
          cookie: refCookie,
          url: url("/admin/utenti"),
          form: { intent: "grant", userId: person.id, role: "unita-nazionale" },
        })
      ).status,
    ).toBe(403);
    const nationalCookie = await cookieOf(national.userId);
    const refused = await call(adminUsersRoute.action, {
      cookie: nationalCookie,
      url: url("/admin/utenti"),
      form: { intent: "grant", userId: person.id, role: "referente-usr" },
    });
    expect(refused.status).toBe(400);
    expect((refused.data as { fieldErrors: Record<string, string[]> }).fieldErrors.regionCode).toEqual([
      "admin.validation.regionRequiredForReferent",
    ]);
    const granted = await call(adminUsersRoute.action, {
      cookie: nationalCookie,
      url: url("/admin/utenti"),
      form: { intent: "grant", userId: person.id, role: "formatore" },
    });
    expect(granted.status).toBe(200);
    expect(await prisma.userRole.count({ where: { userId: person.id, role: "formatore", regionCode: "" } })).toBe(1);
    expect(await prisma.userRole.count({ where: { userId: person.id } })).toBe(1);
  });

  it("shows how many events a trainer is assigned to, and says how many revoking the role takes them off", async () => {
    const tag = unique("Zf").toLowerCase();
    const trainer = await createUser({ lastName: `Formatrice${tag}`, roles: [{ role: "formatore" }] });
    for (let i = 0; i < 2; i++) {
      const { edition } = await createOpenEdition();
      await prisma.eventTrainer.create({ data: { eventId: edition.eventId, userId: trainer.id } });
    }
    const nationalCookie = await cookieOf(national.userId);
    const listed = await call(adminUsersRoute.loader, { cookie: nationalCookie, url: url(`/admin/utenti?q=${tag}`) });
    expect((listed.data as { users: { id: string; trainerEvents: number }[] }).users).toEqual([
      expect.objectContaining({ id: trainer.id, trainerEvents: 2 }),
    ]);
    const role = await prisma.userRole.findFirstOrThrow({ where: { userId: trainer.id, role: "formatore" } });
    const revoked = await call(adminUsersRoute.action, {
      cookie: nationalCookie,
      url: url(`/admin/utenti?q=${tag}`),
      form: { intent: "revoke", roleId: role.id, confirm: "yes" },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.data).toMatchObject({
      ok: true,
      message: "admin.users.revokedTrainer",
      count: 2,
      userId: trainer.id,
    });
    expect(await prisma.eventTrainer.count({ where: { userId: trainer.id } })).toBe(0);
  });

  it("leaves closed accounts out of the search and gives them no role", async () => {
    // A closed account is a pseudonym ("Account chiuso 3f9a2c", chiuso-<id>@forma.invalid): the
    // search listed it with the role and closure controls, and a role granted to it was stored.
    const tag = unique("Zc").toLowerCase();
    const person = await createUser({ firstName: "Chiara", lastName: `Chiusa${tag}` });
    const nationalCookie = await cookieOf(national.userId);
    expect((await closeAccount(person.id, national.userId)).ok).toBe(true);
    const listed = await call(adminUsersRoute.loader, {
      cookie: nationalCookie,
      url: url(`/admin/utenti?q=${encodeURIComponent(person.id)}`),
    });
    expect((listed.data as { users: { id: string }[] }).users).toEqual([]);
    expect(await grantRole(national, { userId: person.id, role: "formatore", regionCode: "" })).toMatchObject({
      ok: false,
      status: 404,
    });
    const refused = await call(adminUsersRoute.action, {
      cookie: nationalCookie,
      url: url("/admin/utenti"),
      form: { intent: "grant", userId: person.id, role: "formatore" },
    });
    expect(refused.status).toBe(404);
    expect(await prisma.userRole.count({ where: { userId: person.id } })).toBe(0);
  });

  it("gives no role to an account whose address was never confirmed, and says so in its row; revoking stays possible", async () => {
    // Anyone could sign up with a future referent's address and never confirm it: the national unit found
    // "Giulia Conti" on /admin/utenti, granted the role, and whoever knew the password had it.
    const tag = unique("Zu").toLowerCase();
    const person = await createUser({ firstName: "Giulia", lastName: `Conti${tag}`, emailVerifiedAt: null });
    const nationalCookie = await cookieOf(national.userId);
    expect((await searchUsers(tag)).users.map((u) => [u.id, u.emailVerifiedAt])).toEqual([[person.id, null]]);
    const listed = await call(adminUsersRoute.loader, { cookie: nationalCookie, url: url(`/admin/utenti?q=${tag}`) });
    expect((listed.data as { users: { id: string; emailVerifiedAt: Date | null }[] }).users).toEqual([
      expect.objectContaining({ id: person.id, emailVerifiedAt: null }),
    ]);

    expect(await grantRole(national, { userId: person.id, role: "referente-usr", regionCode: "toscana" })).toEqual({
      ok: false,
      status: 409,
      reason: "email-unconfirmed",
      userId: person.id,
    });
    const refused = await call(adminUsersRoute.action, {
      cookie: nationalCookie,
      url: url(`/admin/utenti?q=${tag}`),
      form: { intent: "grant", userId: person.id, role: "referente-usr", regionCode: "toscana" },
    });
    expect(refused.status).toBe(409);
    // In the person's row, with the choices made, for the grant to be made again once confirmed.
    expect(refused.data).toEqual({
      ok: false,
      message: "admin.users.grantEmailUnconfirmed",
      userId: person.id,
      about: "grant",
      role: "referente-usr",
      regionCode: "toscana",
    });
    expect(await prisma.userRole.count({ where: { userId: person.id } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { entityType: "user", entityId: person.id } })).toBe(0);

    // Once the owner of the address has opened its link, the role can be granted.
    await prisma.user.update({ where: { id: person.id }, data: { emailVerifiedAt: new Date() } });
    const granted = await call(adminUsersRoute.action, {
      cookie: nationalCookie,
      url: url(`/admin/utenti?q=${tag}`),
      form: { intent: "grant", userId: person.id, role: "formatore" },
    });
    expect(granted.data).toMatchObject({ ok: true, message: "admin.users.granted" });

    // A role held by an unconfirmed account (granted before this rule) can still be taken away.
    await prisma.user.update({ where: { id: person.id }, data: { emailVerifiedAt: null } });
    const role = await prisma.userRole.findFirstOrThrow({ where: { userId: person.id } });
    const revoked = await call(adminUsersRoute.action, {
      cookie: nationalCookie,
      url: url(`/admin/utenti?q=${tag}`),
      form: { intent: "revoke", roleId: role.id, confirm: "yes" },
    });
    expect(revoked.data).toMatchObject({ ok: true, userId: person.id });
    expect(await prisma.userRole.count({ where: { userId: person.id } })).toBe(0);
  });
});
