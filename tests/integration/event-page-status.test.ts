// The public event page tells the signed-in teacher where she stands in each edition and, once
// enrolled, gives the online room's link from ROOM_LINK_LEAD_MINUTES (30) before each live session
// (issue 12 item 6). Loader data on real SQLite or PostgreSQL (DATABASE_URL).
import { afterAll, describe, expect, it } from "vitest";
import { enrol } from "../../app/models/enrolment.server.ts";
import { changeEventStatus } from "../../app/models/event.server.ts";
import { addQuota } from "../../app/models/seat-ledger.server.ts";
import * as eventPage from "../../app/routes/eventi.$eventId.tsx";
import * as enrolPage from "../../app/routes/eventi.$eventId_.iscrizione.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { addEdition, createOpenEdition, createTeachers, createUser } from "../support/factories.ts";
import { actorOf } from "../support/events.ts";
import { cookieOf, runRoute } from "../support/routes.ts";
import { managedEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

type Mine = {
  status: string;
  position: number | null;
  rooms: Record<string, { state: string; url?: string; from?: string | Date }>;
} | null;
type Page = { event: { editions: { id: string; mine: Mine; sessions: { id: string }[] }[] } };

async function pageFor(eventId: string, cookie?: string) {
  const r = await runRoute(eventPage.loader, {
    url: `http://localhost/eventi/${eventId}`,
    params: { eventId },
    cookie,
  });
  expect(r.status).toBe(200);
  return (r.data as Page).event.editions[0]!;
}

describe("the event page for a signed-in teacher", () => {
  it("shows the seat and the room link within the lead time; the waitlist position; nothing to visitors", async () => {
    // The live session starts in 20 minutes: inside the 30-minute lead.
    const { event } = await createOpenEdition({ seatCap: 1, sessionStartsAt: new Date(Date.now() + 20 * 60_000) });
    const [seated, waiting] = await createTeachers(2);
    expect(await enrol(seated!.id, (await pageFor(event.id)).id)).toMatchObject({ status: "iscritto" });
    expect(await enrol(waiting!.id, (await pageFor(event.id)).id)).toMatchObject({ status: "in-attesa" });

    const anonymous = await pageFor(event.id);
    expect(anonymous.mine).toBeNull();
    const sessionId = anonymous.sessions[0]!.id;

    const mine = await pageFor(event.id, await cookieOf(seated!.id));
    expect(mine.mine).toMatchObject({ status: "iscritto", position: null });
    expect(mine.mine!.rooms[sessionId]).toMatchObject({ state: "open", url: "https://meet.example.it/stanza" });

    const theirs = await pageFor(event.id, await cookieOf(waiting!.id));
    expect(theirs.mine).toMatchObject({ status: "in-attesa", position: 1 });
    // No room link for someone without a seat.
    expect(theirs.mine!.rooms[sessionId]).toEqual({ state: "none" });
  });

  it("before the lead time the link is not given, only from when it will be", async () => {
    const startsAt = new Date(Date.now() + 3 * 24 * 3600_000);
    const { event, edition } = await createOpenEdition({ sessionStartsAt: startsAt });
    const [teacher] = await createTeachers(1);
    expect(await enrol(teacher!.id, edition.id)).toMatchObject({ status: "iscritto" });
    const page = await pageFor(event.id, await cookieOf(teacher!.id));
    const room = Object.values(page.mine!.rooms)[0]!;
    expect(room.state).toBe("later");
    expect(room.url).toBeUndefined();
    expect(new Date(room.from!).getTime()).toBe(startsAt.getTime() - 30 * 60_000);
  });
});

describe("the event page's enrol button, for a teacher the enrol page would refuse", () => {
  type Refusal = { reason: string; editionNumber?: number; status?: string; regionCode?: string | null } | null;
  async function refusals(eventId: string, cookie?: string) {
    const r = await runRoute(eventPage.loader, {
      url: `http://localhost/eventi/${eventId}`,
      params: { eventId },
      cookie,
    });
    expect(r.status).toBe(200);
    const page = r.data as { event: { editions: { number: number; refusal: Refusal }[] } };
    return page.event.editions.map((e) => e.refusal);
  }

  it("gives the reason instead of the button: a place in another edition, another region, the audience", async () => {
    // A Tuscan regional event for secondary-school teachers, with two open editions.
    const { event, edition } = await createOpenEdition({
      level: "regionale",
      regionCode: "toscana",
      schoolLevels: ["secondaria-secondo-grado"],
    });
    await addEdition(event.id);
    const teacher = await createUser({ schoolLevel: "secondaria-secondo-grado" });
    expect(await enrol(teacher.id, edition.id)).toMatchObject({ ok: true, status: "iscritto" });
    // Her own edition shows her place; the other says she holds one already (the enrol page's `held`).
    expect(await refusals(event.id, await cookieOf(teacher.id))).toEqual([
      null,
      { reason: "held", editionNumber: 1, status: "iscritto" },
    ]);
    const lombard = await createUser({ regionCode: "lombardia", schoolLevel: "secondaria-secondo-grado" });
    expect(await refusals(event.id, await cookieOf(lombard.id))).toEqual([
      { reason: "other-region", regionCode: "toscana" },
      { reason: "other-region", regionCode: "toscana" },
    ]);
    const primary = await createUser({ schoolLevel: "primaria" });
    expect((await refusals(event.id, await cookieOf(primary.id)))[0]).toMatchObject({
      reason: "audience-school-level",
    });
    // Whoever may enrol, and a visitor, get the button.
    const colleague = await createUser({ schoolLevel: "secondaria-secondo-grado" });
    expect(await refusals(event.id, await cookieOf(colleague.id))).toEqual([null, null]);
    expect(await refusals(event.id)).toEqual([null, null]);
  });
});

describe("the seats of an edition with regional quotas", () => {
  type Seats = {
    seatsLeft: number | null;
    pool: string;
    poolSeats: number | null;
    full: boolean;
    reserved: { regionCode: string; seats: number; free: number }[];
  };

  async function seatsOnPage(eventId: string, cookie?: string): Promise<Seats> {
    const r = await runRoute(eventPage.loader, {
      url: `http://localhost/eventi/${eventId}`,
      params: { eventId },
      cookie,
    });
    expect(r.status).toBe(200);
    return (r.data as { event: { editions: Seats[] } }).event.editions[0]!;
  }

  async function seatsOnEnrolPage(eventId: string, cookie: string): Promise<Seats> {
    const r = await runRoute(enrolPage.loader, {
      url: `http://localhost/eventi/${eventId}/iscrizione`,
      params: { eventId },
      cookie,
    });
    expect(r.status).toBe(200);
    return (r.data as { editions: Seats[] }).editions[0]!;
  }

  it("show a teacher the pool her enrolment goes to, and everyone the seats reserved for a region", async () => {
    // Cap 3 with 2 seats reserved for Lazio: one general seat, which a Toscana teacher takes.
    const { organiser, event, edition } = await createOpenEdition({ seatCap: 3 });
    expect(await addQuota(await managedEdition(organiser.id, edition.id), "lazio", 2)).toEqual({ ok: true });
    const [first, second] = await createTeachers(2, "toscana");
    const [fromLazio] = await createTeachers(1, "lazio");
    expect(await enrol(first!.id, edition.id)).toMatchObject({ status: "iscritto" });
    const reserved = [{ regionCode: "lazio", seats: 2, free: 2 }];

    // A second Toscana teacher: no seat for her (the 2 free ones are Lazio's), so the page offers the waitlist.
    const toscana = await cookieOf(second!.id);
    expect(await seatsOnPage(event.id, toscana)).toMatchObject({ pool: "general", seatsLeft: 0, full: true, reserved });
    expect(await seatsOnEnrolPage(event.id, toscana)).toMatchObject({ pool: "general", seatsLeft: 0, full: true });
    // A Lazio teacher has her quota's 2 seats.
    const lazio = await cookieOf(fromLazio!.id);
    expect(await seatsOnPage(event.id, lazio)).toMatchObject({
      pool: "region",
      seatsLeft: 2,
      poolSeats: 2,
      full: false,
    });
    expect(await seatsOnEnrolPage(event.id, lazio)).toMatchObject({ pool: "region", seatsLeft: 2, full: false });
    // A visitor: the general pool (full) and the reserved seats; she may be from Lazio, so enrolling is offered.
    expect(await seatsOnPage(event.id)).toMatchObject({
      pool: "general",
      poolSeats: 1,
      seatsLeft: 0,
      full: false,
      reserved,
    });

    // What the pages said is what the enrolment does.
    expect(await enrol(second!.id, edition.id)).toMatchObject({ status: "in-attesa" });
    expect(await enrol(fromLazio!.id, edition.id)).toMatchObject({ status: "iscritto" });
    expect((await seatsOnPage(event.id)).reserved).toEqual([{ regionCode: "lazio", seats: 2, free: 1 }]);
  });
});

describe("the enrol page", () => {
  it("is not found for a draft dropped without ever being published, as the event page (review 0018)", async () => {
    const { event } = await createOpenEdition({ title: "Bozza riservata annullata" });
    const [teacher] = await createTeachers(1);
    const at = (path: string) => ({ url: `http://localhost${path}`, params: { eventId: event.id } });
    const enrolUrl = { ...at(`/eventi/${event.id}/iscrizione`), cookie: await cookieOf(teacher!.id) };
    expect((await runRoute(enrolPage.loader, enrolUrl)).status).toBe(200);

    // bozza → annullato: never published.
    await prisma.event.update({ where: { id: event.id }, data: { status: "annullato", publishedAt: null } });
    expect((await runRoute(eventPage.loader, at(`/eventi/${event.id}`))).status).toBe(404);
    const dropped = await runRoute(enrolPage.loader, enrolUrl);
    expect(dropped.status).toBe(404);
    expect(dropped.data).toBeUndefined();

    // A published event that was then cancelled stays public on both pages.
    await prisma.event.update({ where: { id: event.id }, data: { publishedAt: new Date() } });
    expect((await runRoute(eventPage.loader, at(`/eventi/${event.id}`))).status).toBe(200);
    expect((await runRoute(enrolPage.loader, enrolUrl)).status).toBe(200);
  });
});

describe("the enrol page of a cancelled event", () => {
  it("says it was cancelled, with the reason, and refuses each edition as cancelled (review 0018)", async () => {
    const { event, edition, organiser } = await createOpenEdition();
    const [teacher] = await createTeachers(1);
    const enrolUrl = {
      url: `http://localhost/eventi/${event.id}/iscrizione`,
      params: { eventId: event.id },
      cookie: await cookieOf(teacher!.id),
    };
    type EnrolData = {
      event: { cancelled: boolean; cancellationReason: string | null };
      editions: { id: string; eligibility: { ok: boolean; reason?: string } }[];
    };
    const before = (await runRoute(enrolPage.loader, enrolUrl)).data as EnrolData;
    expect(before.event).toMatchObject({ cancelled: false, cancellationReason: null });

    expect(await changeEventStatus(actorOf(organiser), event.id, "annullato", "Relatrice indisponibile.")).toEqual({
      ok: true,
    });
    const page = await runRoute(enrolPage.loader, enrolUrl);
    expect(page.status).toBe(200);
    const after = page.data as EnrolData;
    expect(after.event).toMatchObject({ cancelled: true, cancellationReason: "Relatrice indisponibile." });
    expect(after.editions.map((e) => [e.id, e.eligibility])).toEqual([
      [edition.id, { ok: false, reason: "edition-cancelled" }],
    ]);
  });
});
