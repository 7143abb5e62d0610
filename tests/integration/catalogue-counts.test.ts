// The catalogue's unselective counts read from "CatalogueCount" (docs/decisions/0041-catalogue-counts-per-filter-value.md)
// stay exact after every kind of write of the columns they depend on, whatever the writer (database triggers keep
// them), and at any instant: the event's end and the enrolment's close on the day they fall, a moment before and after.
// After each write the triggers' tables are compared with a recount from the events (catalogueSummaryDrift) and each
// count with the catalogue's own count over the events (catalogueCountMismatches), on whichever engine DATABASE_URL names.
import { describe, expect, it } from "vitest";
import { catalogueCountKey } from "../../app/models/catalogue.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { catalogueCountMismatches, catalogueSummaryDrift } from "../support/catalogue-counts.ts";
import { addEdition, createOpenEdition } from "../support/factories.ts";

const DAY = 24 * 3600_000;

/** Now, and around each date: a millisecond before and after, the same instant, its UTC midnight, the day before. */
function instantsAround(...dates: (Date | null)[]): Date[] {
  const around = dates
    .filter((d) => d !== null)
    .flatMap((d) => {
      const t = d.getTime();
      return [t - 1, t, t + 1, Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), t - DAY];
    });
  return [new Date(), ...around.map((t) => new Date(t))];
}

async function expectExact(step: string, instants: Date[]) {
  expect(await catalogueSummaryDrift(), `${step}: the triggers' tables against a recount`).toEqual([]);
  expect(await catalogueCountMismatches(instants), `${step}: each count against the catalogue's`).toEqual([]);
}

describe("the catalogue's counts per filter value", () => {
  it("answers only the unselective counts from the summary", () => {
    expect(catalogueCountKey({})).toBe("");
    expect(catalogueCountKey({ schoolLevel: "primaria" })).toBe("schoolLevel:primaria");
    expect(catalogueCountKey({ role: "dirigente" })).toBe("role:dirigente");
    expect(catalogueCountKey({ freeSeats: true, q: " " })).toBe("freeSeats");
    expect(catalogueCountKey({ schoolLevel: "primaria", freeSeats: true })).toBeNull();
    expect(catalogueCountKey({ q: "coding" })).toBeNull();
    expect(catalogueCountKey({ type: "webinar" })).toBeNull();
    expect(catalogueCountKey({ role: "docente", from: "2026-12-01" })).toBeNull();
  });

  it("stays exact after each kind of write, at any instant", async () => {
    const { event, edition } = await createOpenEdition({
      seatCap: 2,
      schoolLevels: ["primaria", "infanzia"],
      audienceRoles: ["docente", "dirigente"],
      closesAt: new Date(Date.now() + 3 * DAY + 5 * 3600_000),
    });
    const around = async () => {
      const e = await prisma.event.findUniqueOrThrow({ where: { id: event.id }, include: { editions: true } });
      return instantsAround(e.endsAt, ...e.editions.map((ed) => ed.enrolmentClosesAt));
    };
    await expectExact("a published event with an edition", await around());

    // School levels and roles: added, changed, removed.
    await prisma.eventSchoolLevel.create({ data: { eventId: event.id, schoolLevel: "cpia" } });
    await expectExact("a school level added", await around());
    await prisma.eventSchoolLevel.update({
      where: { eventId_schoolLevel: { eventId: event.id, schoolLevel: "infanzia" } },
      data: { schoolLevel: "secondaria-primo-grado" },
    });
    await expectExact("a school level changed", await around());
    await prisma.eventSchoolLevel.deleteMany({ where: { eventId: event.id, schoolLevel: "primaria" } });
    await expectExact("a school level removed", await around());
    await prisma.eventAudienceRole.create({ data: { eventId: event.id, role: "bibliotecario" } });
    await expectExact("a role added", await around());
    await prisma.eventAudienceRole.update({
      where: { eventId_role: { eventId: event.id, role: "dirigente" } },
      data: { role: "animatore-digitale" },
    });
    await expectExact("a role changed", await around());
    await prisma.eventAudienceRole.deleteMany({ where: { eventId: event.id, role: "docente" } });
    await expectExact("a role removed", await around());

    // Seats: the edition fills, then its cap, closing time, status change; a second edition comes and goes.
    await prisma.edition.update({ where: { id: edition.id }, data: { seatsTaken: 1 } });
    await expectExact("a seat taken", await around());
    await prisma.edition.update({ where: { id: edition.id }, data: { seatsTaken: 2 } });
    await expectExact("the last seat taken", await around());
    const second = await addEdition(event.id, { seatCap: null });
    await expectExact("a second edition without a cap", await around());
    await prisma.edition.update({ where: { id: edition.id }, data: { seatsTaken: 1 } });
    await expectExact("a seat freed", await around());
    await prisma.edition.update({ where: { id: edition.id }, data: { seatCap: 1 } });
    await expectExact("the cap lowered", await around());
    await prisma.edition.update({ where: { id: edition.id }, data: { seatCap: null } });
    await expectExact("the cap removed", await around());
    await prisma.edition.update({
      where: { id: second.id },
      data: { enrolmentClosesAt: new Date(Date.now() + 2 * 3600_000) },
    });
    await expectExact("enrolment closing later today", await around());
    await prisma.edition.update({ where: { id: second.id }, data: { status: "annullata" } });
    await expectExact("an edition cancelled", await around());
    await prisma.edition.update({ where: { id: edition.id }, data: { status: "iscrizioni-chiuse" } });
    await expectExact("enrolment closed by the organiser", await around());
    await prisma.edition.update({ where: { id: edition.id }, data: { status: "attiva" } });
    await expectExact("enrolment reopened", await around());
    await prisma.edition.delete({ where: { id: second.id } });
    await expectExact("an edition deleted", await around());

    // The event: its end moves (to today, then later), it is withdrawn and published again, and deleted.
    const endsToday = new Date(Date.now() + 3600_000);
    await prisma.event.update({ where: { id: event.id }, data: { endsAt: endsToday } });
    await expectExact("the event ending later today", await around());
    await prisma.event.update({ where: { id: event.id }, data: { endsAt: new Date(Date.now() + 40 * DAY) } });
    await expectExact("the event's end moved", await around());
    await prisma.event.update({ where: { id: event.id }, data: { endsAt: null } });
    await expectExact("the event without an end", await around());
    await prisma.event.update({ where: { id: event.id }, data: { endsAt: new Date(Date.now() + 40 * DAY) } });
    await prisma.event.update({ where: { id: event.id }, data: { status: "annullato" } });
    await expectExact("the event cancelled", await around());
    await prisma.event.update({ where: { id: event.id }, data: { status: "pubblicato" } });
    await expectExact("the event published again", await around());
    const instants = await around();
    await prisma.event.delete({ where: { id: event.id } });
    await expectExact("the event deleted", instants);
  });
});
