import { describe, expect, it } from "vitest";
import {
  checkNewQuota,
  generalPoolFree,
  quotaFor,
  quotaFree,
  releasedQuotaSeats,
  type QuotaState,
  activeKeyFor,
  cancellationDeadline,
  canTeacherCancel,
  checkEligibility,
  hasFreeSeat,
  offerDeadline,
  seatsToFill,
  type EditionForEligibility,
  type EventForEligibility,
  type Teacher,
} from "./enrolment.ts";

const now = new Date("2026-12-01T10:00:00Z");
const teacher: Teacher = { id: "u1", regionCode: "toscana", schoolLevel: "primaria", professionalRole: "docente" };
const event: EventForEligibility = {
  status: "pubblicato",
  level: "nazionale",
  regionCode: null,
  openToAllRegions: false,
  schoolLevels: [],
  audienceRoles: [],
};
const edition: EditionForEligibility = {
  status: "attiva",
  enrolmentOpensAt: new Date("2026-11-20T00:00:00Z"),
  enrolmentClosesAt: new Date("2026-12-10T00:00:00Z"),
};

describe("checkEligibility", () => {
  it("accepts a teacher inside the window of a published national event", () => {
    expect(checkEligibility(teacher, event, edition, now)).toEqual({ ok: true });
  });
  it("refuses before the window opens and from the moment it closes", () => {
    expect(checkEligibility(teacher, event, edition, new Date("2026-11-19T23:59:59Z"))).toEqual({
      ok: false,
      reason: "window-not-open",
    });
    expect(checkEligibility(teacher, event, edition, edition.enrolmentClosesAt)).toEqual({
      ok: false,
      reason: "window-closed",
    });
  });
  it("refuses events that are not published and cancelled or closed editions", () => {
    expect(checkEligibility(teacher, { ...event, status: "annullato" }, edition, now)).toEqual({
      ok: false,
      reason: "event-not-open",
    });
    expect(checkEligibility(teacher, event, { ...edition, status: "annullata" }, now)).toEqual({
      ok: false,
      reason: "edition-cancelled",
    });
    expect(checkEligibility(teacher, event, { ...edition, status: "iscrizioni-chiuse" }, now)).toEqual({
      ok: false,
      reason: "enrolment-closed-early",
    });
  });
  it("keeps regional events for the region's teachers unless opened to all", () => {
    const regional = { ...event, level: "regionale", regionCode: "lombardia" };
    expect(checkEligibility(teacher, regional, edition, now)).toEqual({ ok: false, reason: "other-region" });
    expect(checkEligibility(teacher, { ...regional, openToAllRegions: true }, edition, now)).toEqual({ ok: true });
    expect(checkEligibility({ ...teacher, regionCode: "lombardia" }, regional, edition, now)).toEqual({ ok: true });
  });
  it("follows the event's audience", () => {
    expect(checkEligibility(teacher, { ...event, schoolLevels: ["secondaria-secondo-grado"] }, edition, now)).toEqual({
      ok: false,
      reason: "audience-school-level",
    });
    expect(checkEligibility(teacher, { ...event, audienceRoles: ["dirigente"] }, edition, now)).toEqual({
      ok: false,
      reason: "audience-role",
    });
    expect(
      checkEligibility(
        teacher,
        { ...event, schoolLevels: ["primaria"], audienceRoles: ["docente", "dirigente"] },
        edition,
        now,
      ),
    ).toEqual({ ok: true });
  });
});

describe("seats", () => {
  it("has a free seat below the cap or without one", () => {
    expect(hasFreeSeat(350, 349)).toBe(true);
    expect(hasFreeSeat(350, 350)).toBe(false);
    expect(hasFreeSeat(null, 10_000)).toBe(true);
  });
  it("fills from the waitlist no more than the seats freed", () => {
    expect(seatsToFill(350, 348, 10)).toBe(2);
    expect(seatsToFill(350, 350, 10)).toBe(0);
    expect(seatsToFill(350, 340, 3)).toBe(3);
    expect(seatsToFill(null, 0, 7)).toBe(7);
  });
});

describe("cancellation", () => {
  const start = new Date("2026-12-15T15:00:00Z");
  it("uses the organiser's cut-off, else the first session's start", () => {
    const cutoff = new Date("2026-12-12T00:00:00Z");
    expect(cancellationDeadline(cutoff, start)).toBe(cutoff);
    expect(cancellationDeadline(null, start)).toBe(start);
  });
  it("lets an enrolled teacher give up the seat only before the deadline", () => {
    expect(canTeacherCancel("iscritto", start, now)).toBe(true);
    expect(canTeacherCancel("iscritto", start, new Date("2026-12-15T15:00:00Z"))).toBe(false);
  });
  it("always lets a teacher leave the waitlist, and never cancel what has ended", () => {
    expect(canTeacherCancel("in-attesa", start, new Date("2027-01-01T00:00:00Z"))).toBe(true);
    expect(canTeacherCancel("annullato", start, now)).toBe(false);
  });
});

describe("offers and keys", () => {
  it("gives an offer its deadline in hours", () => {
    expect(offerDeadline(now, 48).toISOString()).toBe("2026-12-03T10:00:00.000Z");
  });
  it("keys one active place per teacher and event", () => {
    expect(activeKeyFor("e1", "u1")).toBe("e1:u1");
  });
});

describe("quotas", () => {
  const toscana: QuotaState = { id: "q1", regionCode: "toscana", seats: 10, seatsTaken: 4, releasedAt: null };
  const lazio: QuotaState = { id: "q2", regionCode: "lazio", seats: 5, seatsTaken: 5, releasedAt: null };

  it("sends a teacher to their region's open quota, else to the general pool", () => {
    expect(quotaFor("toscana", [toscana, lazio])).toBe(toscana);
    expect(quotaFor("puglia", [toscana, lazio])).toBeNull();
    expect(quotaFor("toscana", [{ ...toscana, releasedAt: new Date() }])).toBeNull();
  });

  it("leaves the general pool the cap minus every quota's seats", () => {
    // cap 40, quotas reserve 15, 9 taken in quotas, 20 taken overall -> 11 in the general pool -> 14 free
    expect(generalPoolFree(40, 20, [toscana, lazio])).toBe(14);
    expect(generalPoolFree(null, 20, [toscana])).toBe(Number.POSITIVE_INFINITY);
    expect(quotaFree(toscana)).toBe(6);
    expect(quotaFree(lazio)).toBe(0);
  });

  it("reserves only seats the general pool still has free, once per region, on capped editions", () => {
    const edition = { seatCap: 40, seatsTaken: 20 };
    expect(checkNewQuota(edition, [toscana, lazio], "puglia", 14)).toEqual({ ok: true });
    expect(checkNewQuota(edition, [toscana, lazio], "puglia", 15)).toEqual({
      ok: false,
      reason: "not-enough-free-seats",
    });
    expect(checkNewQuota(edition, [toscana], "toscana", 1)).toEqual({ ok: false, reason: "region-has-quota" });
    expect(checkNewQuota({ seatCap: null, seatsTaken: 0 }, [], "puglia", 5)).toEqual({ ok: false, reason: "no-cap" });
    expect(checkNewQuota(edition, [], "puglia", 0)).toEqual({ ok: false, reason: "invalid-seats" });
  });

  it("releasing a quota keeps only the seats already held", () => {
    expect(releasedQuotaSeats(toscana)).toBe(4);
  });
});
