import { describe, expect, it } from "vitest";
import {
  capRaised,
  checkCapChange,
  checkNewQuota,
  exceedsCap,
  fillDecision,
  freeSeatsFor,
  generalPoolFree,
  hasFreeSeat,
  moveInRefusal,
  poolsWithFreeSeats,
  quotaFor,
  quotaFree,
  quotaRegions,
  releasedQuotaSeats,
  rescheduledOffer,
  seatsLeft,
  seatsTakenCeiling,
  seatsToFill,
  selectableSeats,
  type QuotaState,
} from "./seat-ledger.ts";
import { REGION_CODES } from "./vocabulary.ts";

const toscana: QuotaState = { id: "q1", regionCode: "toscana", seats: 10, seatsTaken: 4, releasedAt: null };
const lazio: QuotaState = { id: "q2", regionCode: "lazio", seats: 5, seatsTaken: 5, releasedAt: null };
const national = { level: "nazionale", regionCode: null, openToAllRegions: false };

describe("seats", () => {
  it("has a free seat below the cap or without one", () => {
    expect(hasFreeSeat(350, 349)).toBe(true);
    expect(hasFreeSeat(350, 350)).toBe(false);
    expect(hasFreeSeat(null, 10_000)).toBe(true);
  });
  it("says seats left, null without a cap, never negative", () => {
    expect(seatsLeft({ seatCap: null, seatsTaken: 1200 })).toBeNull();
    expect(seatsLeft({ seatCap: 350, seatsTaken: 120 })).toBe(230);
    expect(seatsLeft({ seatCap: 30, seatsTaken: 30 })).toBe(0);
    expect(seatsLeft({ seatCap: 30, seatsTaken: 31 })).toBe(0);
  });
  it("fills from the waitlist no more than the seats free", () => {
    expect(seatsToFill(2, 10)).toBe(2);
    expect(seatsToFill(0, 10)).toBe(0);
    expect(seatsToFill(10, 3)).toBe(3);
    expect(seatsToFill(Number.POSITIVE_INFINITY, 7)).toBe(7);
  });
});

describe("quotas", () => {
  it("sends a teacher to their region's open quota, else to the general pool", () => {
    expect(quotaFor("toscana", [toscana, lazio])).toBe(toscana);
    expect(quotaFor("puglia", [toscana, lazio])).toBeNull();
    expect(quotaFor("toscana", [{ ...toscana, releasedAt: new Date() }])).toBeNull();
    expect(freeSeatsFor({ seatCap: 40, seatsTaken: 20 }, [toscana, lazio], "toscana")).toBe(6);
    expect(freeSeatsFor({ seatCap: 40, seatsTaken: 20 }, [toscana, lazio], "puglia")).toBe(14);
  });

  it("leaves the general pool the cap minus every quota's seats", () => {
    // cap 40, quotas reserve 15, 9 taken in quotas, 20 taken overall -> 11 in the general pool -> 14 free
    expect(generalPoolFree(40, 20, [toscana, lazio])).toBe(14);
    expect(generalPoolFree(null, 20, [toscana])).toBe(Number.POSITIVE_INFINITY);
    expect(quotaFree(toscana)).toBe(6);
    expect(quotaFree(lazio)).toBe(0);
    expect(poolsWithFreeSeats({ seatCap: 40, seatsTaken: 20 }, [toscana, lazio])).toEqual([
      { quotaId: null, free: 14 },
      { quotaId: "q1", free: 6 },
      { quotaId: "q2", free: 0 },
    ]);
  });

  it("reserves only seats the general pool still has free, once per region, on capped editions", () => {
    const edition = { seatCap: 40, seatsTaken: 20, event: national };
    expect(checkNewQuota(edition, [toscana, lazio], "puglia", 14)).toEqual({ ok: true });
    expect(checkNewQuota(edition, [toscana, lazio], "puglia", 15)).toEqual({
      ok: false,
      reason: "not-enough-free-seats",
    });
    expect(checkNewQuota(edition, [toscana], "toscana", 1)).toEqual({ ok: false, reason: "region-has-quota" });
    expect(checkNewQuota({ seatCap: null, seatsTaken: 0, event: national }, [], "puglia", 5)).toEqual({
      ok: false,
      reason: "no-cap",
    });
    expect(checkNewQuota(edition, [], "puglia", 0)).toEqual({ ok: false, reason: "invalid-seats" });
    // The selection of an edition by application seats people in the general pool only: a quota would stay empty.
    expect(checkNewQuota({ ...edition, admission: "candidatura" }, [], "puglia", 5)).toEqual({
      ok: false,
      reason: "by-application",
    });
    expect(checkNewQuota({ ...edition, admission: "ordine-arrivo" }, [], "puglia", 5)).toEqual({ ok: true });
  });

  it("reserves seats only for a region whose teachers may enrol, and never in a regional event closed to other regions", () => {
    const edition = { seatCap: 30, seatsTaken: 0 };
    const closed = { level: "regionale", regionCode: "toscana", openToAllRegions: false };
    const open = { ...closed, openToAllRegions: true };
    // Lombardy's teachers may not enrol: its 10 seats would stay empty while Tuscan teachers wait.
    expect(checkNewQuota({ ...edition, event: closed }, [], "lombardia", 10)).toEqual({
      ok: false,
      reason: "region-not-eligible",
    });
    // Tuscany's are the whole audience: every request would go to the quota and the general seats stay empty.
    expect(checkNewQuota({ ...edition, event: closed }, [], "toscana", 10)).toEqual({
      ok: false,
      reason: "region-not-eligible",
    });
    expect(quotaRegions(closed)).toEqual([]);
    // Any region for a national or European event, and for a regional event open to all regions.
    for (const event of [national, { ...national, level: "europeo" }, open]) {
      expect(checkNewQuota({ ...edition, event }, [], "lombardia", 10)).toEqual({ ok: true });
      expect(checkNewQuota({ ...edition, event }, [], "toscana", 10)).toEqual({ ok: true });
      expect(quotaRegions(event)).toEqual(REGION_CODES);
    }
  });

  it("releasing a quota keeps only the seats already held", () => {
    expect(releasedQuotaSeats(toscana)).toBe(4);
  });
});

describe("cap changes", () => {
  const quota3: QuotaState = { id: "q", regionCode: "toscana", seats: 3, seatsTaken: 0, releasedAt: null };
  it("refuses a cap below the seats a quota reserves (cap 4, quota 3, to 2)", () => {
    expect(checkCapChange({ seatCap: 4, seatsTaken: 0 }, [quota3], 2)).toEqual({ ok: false, reason: "below-quotas" });
    expect(checkCapChange({ seatCap: 4, seatsTaken: 0 }, [quota3], 3)).toEqual({ ok: true });
  });
  it("counts the general pool's seats held on top of the quotas", () => {
    // quota reserves 3; 1 held in the general pool: 4 is the least
    expect(checkCapChange({ seatCap: 6, seatsTaken: 1 }, [quota3], 3)).toEqual({ ok: false, reason: "below-quotas" });
    expect(checkCapChange({ seatCap: 6, seatsTaken: 1 }, [quota3], 4)).toEqual({ ok: true });
  });
  it("refuses a cap below the seats held, a non-integer or zero cap, and no cap with quotas", () => {
    expect(checkCapChange({ seatCap: 10, seatsTaken: 8 }, [], 7)).toEqual({ ok: false, reason: "below-taken" });
    expect(checkCapChange({ seatCap: 10, seatsTaken: 8 }, [], 8)).toEqual({ ok: true });
    expect(checkCapChange({ seatCap: 10, seatsTaken: 0 }, [], 0)).toEqual({ ok: false, reason: "invalid" });
    expect(checkCapChange({ seatCap: 10, seatsTaken: 0 }, [], 2.5)).toEqual({ ok: false, reason: "invalid" });
    expect(checkCapChange({ seatCap: 10, seatsTaken: 0 }, [], null)).toEqual({ ok: true });
    expect(checkCapChange({ seatCap: 10, seatsTaken: 0 }, [quota3], null)).toEqual({
      ok: false,
      reason: "quota-needs-cap",
    });
  });
  it("says when a cap change gives seats to the waitlist", () => {
    expect(capRaised(4, 5)).toBe(true);
    expect(capRaised(4, null)).toBe(true);
    expect(capRaised(4, 4)).toBe(false);
    expect(capRaised(null, 4)).toBe(false);
  });
});

describe("selection", () => {
  it("gives at most the general pool's free seats", () => {
    expect(selectableSeats(6, 2, 10)).toBe(4);
    expect(selectableSeats(6, 2, 3)).toBe(3);
    expect(selectableSeats(6, 6, 3)).toBe(0);
    expect(selectableSeats(null, 0, 7)).toBe(7);
    expect(selectableSeats(10, 0, 10, [{ ...toscana, seats: 4, seatsTaken: 0 }])).toBe(6);
    expect(exceedsCap(6, 4, 2)).toBe(false);
    expect(exceedsCap(6, 4, 3)).toBe(true);
    expect(exceedsCap(null, 400, 3)).toBe(false);
  });

  it("bounds the counter exactly where exceedsCap starts refusing", () => {
    expect(seatsTakenCeiling(null, 3)).toBeNull();
    expect(seatsTakenCeiling(6, 2)).toBe(4);
    for (const quotas of [
      [],
      [{ ...toscana, seats: 3, seatsTaken: 1 }],
      [
        { ...toscana, seats: 3, seatsTaken: 1 },
        { ...lazio, seats: 2, seatsTaken: 2 },
      ],
    ]) {
      const held = quotas.reduce((n, q) => n + q.seatsTaken, 0);
      for (let taken = held; taken <= 12; taken++) {
        for (let adding = 1; adding <= 4; adding++) {
          expect(taken <= seatsTakenCeiling(12, adding, quotas)!, `${taken}+${adding}`).toBe(
            !exceedsCap(12, taken, adding, quotas),
          );
        }
      }
    }
  });
});

describe("offers", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  it("promotes at once when the edition does not offer", () => {
    expect(fillDecision("automatica", 48, now, null)).toEqual({ kind: "promote" });
  });
  it("offers for the edition's hours when the last session is further away", () => {
    expect(fillDecision("offerta", 48, now, new Date("2026-12-10T08:00:00Z"))).toEqual({
      kind: "offer",
      expiresAt: new Date("2026-12-03T10:00:00Z"),
    });
  });
  it("shrinks the window to the start of the last session: an offer never outlives the edition", () => {
    // freed the evening before a morning webinar
    const evening = new Date("2026-12-01T19:00:00Z");
    const webinar = new Date("2026-12-02T08:00:00Z");
    expect(fillDecision("offerta", 36, evening, webinar)).toEqual({ kind: "offer", expiresAt: webinar });
  });
  it("promotes at once when less than an hour would remain, or the last session has started", () => {
    expect(fillDecision("offerta", 48, now, new Date("2026-12-01T10:59:00Z"))).toEqual({ kind: "promote" });
    expect(fillDecision("offerta", 48, now, new Date("2026-11-30T10:00:00Z"))).toEqual({ kind: "promote" });
    expect(fillDecision("offerta", 48, now, new Date("2026-12-01T11:00:00Z"))).toEqual({
      kind: "offer",
      expiresAt: new Date("2026-12-01T11:00:00Z"),
    });
  });
  it("gives the seat to nobody once the last session has ended, whatever the mode", () => {
    const started = new Date("2026-12-01T08:00:00Z");
    const ended = new Date("2026-12-01T10:00:00Z");
    expect(fillDecision("automatica", 48, now, started, ended)).toEqual({ kind: "none" });
    expect(fillDecision("offerta", 48, now, started, ended)).toEqual({ kind: "none" });
    // still running: promoted, as before
    expect(fillDecision("automatica", 48, now, started, new Date("2026-12-01T10:00:01Z"))).toEqual({
      kind: "promote",
    });
    expect(fillDecision("offerta", 48, now, started, new Date("2026-12-01T12:00:00Z"))).toEqual({ kind: "promote" });
  });
});

describe("an open offer when the edition's sessions change", () => {
  // The audit's case: an offer until 05/12 17:44 (Rome), the last session moved to 05/12 09:00.
  const now = new Date("2026-12-01T10:00:00Z");
  const deadline = new Date("2026-12-05T16:44:00Z");
  const movedTo = new Date("2026-12-05T08:00:00Z");
  const endsAt = (startsAt: Date) => new Date(startsAt.getTime() + 2 * 3600_000);

  it("ends at the start of the last session when that now comes before its deadline", () => {
    expect(rescheduledOffer(deadline, now, movedTo, endsAt(movedTo))).toEqual({ kind: "shorten", expiresAt: movedTo });
  });

  it("keeps its deadline when the new schedule does not cut it, and is never lengthened", () => {
    const later = new Date("2026-12-20T08:00:00Z");
    expect(rescheduledOffer(deadline, now, later, endsAt(later))).toEqual({ kind: "keep" });
    expect(rescheduledOffer(deadline, now, deadline, endsAt(deadline))).toEqual({ kind: "keep" });
    // its own deadline is close, but the schedule does not shorten it: it stays an offer
    const soon = new Date("2026-12-01T10:30:00Z");
    expect(rescheduledOffer(soon, now, later, endsAt(later))).toEqual({ kind: "keep" });
    expect(rescheduledOffer(deadline, now, null, null)).toEqual({ kind: "keep" });
  });

  it("promotes at once, as for a new offer, when less than MIN_OFFER_MINUTES would remain or the last session has started", () => {
    const in59 = new Date("2026-12-01T10:59:00Z");
    expect(rescheduledOffer(deadline, now, in59, endsAt(in59))).toEqual({ kind: "promote" });
    const started = new Date("2026-12-01T09:30:00Z");
    expect(rescheduledOffer(deadline, now, started, endsAt(started))).toEqual({ kind: "promote" });
    const in60 = new Date("2026-12-01T11:00:00Z");
    expect(rescheduledOffer(deadline, now, in60, endsAt(in60))).toEqual({ kind: "shorten", expiresAt: in60 });
    // the same rule as a seat freed now would meet
    expect(fillDecision("offerta", 96, now, in59)).toEqual({ kind: "promote" });
    expect(fillDecision("offerta", 96, now, in60)).toEqual({ kind: "offer", expiresAt: in60 });
  });

  it("ends, as a seat freed then would go to nobody, once the last session has ended", () => {
    const yesterday = new Date("2026-11-30T08:00:00Z");
    expect(rescheduledOffer(deadline, now, yesterday, endsAt(yesterday))).toEqual({ kind: "expire" });
    expect(fillDecision("offerta", 96, now, yesterday, endsAt(yesterday))).toEqual({ kind: "none" });
  });

  it("leaves an offer already past its deadline to the expiry job", () => {
    const past = new Date("2026-12-01T09:00:00Z");
    expect(rescheduledOffer(past, now, movedTo, endsAt(movedTo))).toEqual({ kind: "lapsed" });
    expect(rescheduledOffer(now, now, movedTo, endsAt(movedTo))).toEqual({ kind: "lapsed" });
  });
});

describe("moves into an edition (ADR 0085)", () => {
  const now = new Date("2027-03-10T12:00:00Z");
  const open = { attendanceClosedAt: null, endsOn: new Date("2027-03-20T22:59:59.999Z") };
  it("an edition still to train takes people moved in", () => {
    expect(moveInRefusal(open, new Date("2027-03-15T17:00:00Z"), now)).toBeNull();
    // A session running now: not over until it ends.
    expect(moveInRefusal(open, new Date("2027-03-10T12:00:01Z"), now)).toBeNull();
  });
  it("refuses an edition whose last session has ended, or whose last day has passed", () => {
    expect(moveInRefusal(open, new Date("2027-03-10T12:00:00Z"), now)).toBe("target-over");
    expect(moveInRefusal({ ...open, endsOn: new Date("2027-03-10T11:59:59Z") }, null, now)).toBe("target-over");
  });
  it("refuses an edition whose certificates were issued, whatever its dates", () => {
    expect(moveInRefusal({ ...open, attendanceClosedAt: new Date("2027-03-01T10:00:00Z") }, null, now)).toBe(
      "target-certified",
    );
  });
});
