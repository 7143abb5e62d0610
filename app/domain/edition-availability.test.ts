import { describe, expect, it } from "vitest";
import { editionSeats, enrolmentWindowState, type EditionForAvailability } from "./edition-availability.ts";
import { hasFreeSeat, poolsWithFreeSeats, type QuotaState } from "./seat-ledger.ts";

const edition = (over: Partial<EditionForAvailability> = {}): EditionForAvailability => ({
  enrolmentOpensAt: new Date("2026-11-01T08:00:00Z"),
  enrolmentClosesAt: new Date("2026-11-30T22:59:00Z"),
  status: "attiva",
  seatCap: 350,
  seatsTaken: 0,
  admission: "ordine-arrivo",
  selectionClosedAt: null,
  lastSessionEndsAt: new Date("2026-12-05T17:00:00Z"),
  ...over,
});

describe("enrolmentWindowState", () => {
  it("is not yet open before the window, open inside it, closed from its closing instant", () => {
    expect(enrolmentWindowState(edition(), "pubblicato", new Date("2026-10-31T12:00:00Z"))).toBe("not-yet-open");
    expect(enrolmentWindowState(edition(), "pubblicato", new Date("2026-11-01T08:00:00Z"))).toBe("open");
    expect(enrolmentWindowState(edition(), "pubblicato", new Date("2026-11-30T22:58:59Z"))).toBe("open");
    expect(enrolmentWindowState(edition(), "pubblicato", new Date("2026-11-30T22:59:00Z"))).toBe("closed");
  });
  it("is closed when the organiser closed the edition early or the event is closed", () => {
    const now = new Date("2026-11-10T12:00:00Z");
    expect(enrolmentWindowState(edition({ status: "iscrizioni-chiuse" }), "pubblicato", now)).toBe("closed");
    expect(enrolmentWindowState(edition(), "chiuso", now)).toBe("closed");
  });
  it("is closed once the organiser closed the selection of an edition by application, as the enrolment page says", () => {
    const now = new Date("2026-11-10T12:00:00Z");
    const closedOn = new Date("2026-11-09T12:00:00Z");
    expect(enrolmentWindowState(edition({ admission: "candidatura" }), "pubblicato", now)).toBe("open");
    expect(
      enrolmentWindowState(edition({ admission: "candidatura", selectionClosedAt: closedOn }), "pubblicato", now),
    ).toBe("closed");
    // Before the window opens too: the selection is over, it will not open.
    expect(
      enrolmentWindowState(
        edition({ admission: "candidatura", selectionClosedAt: closedOn }),
        "pubblicato",
        new Date("2026-10-01T12:00:00Z"),
      ),
    ).toBe("closed");
  });
  it("is over once the last session has ended, though the window is still open: no enrol button", () => {
    const webinar = edition({ lastSessionEndsAt: new Date("2026-11-30T16:00:00Z") });
    expect(enrolmentWindowState(webinar, "pubblicato", new Date("2026-11-30T15:59:59Z"))).toBe("open");
    expect(enrolmentWindowState(webinar, "pubblicato", new Date("2026-11-30T16:00:00Z"))).toBe("over");
    expect(enrolmentWindowState(webinar, "pubblicato", new Date("2026-11-30T17:30:00Z"))).toBe("over");
    // As the page reads it (JSON dates), and without sessions the window alone decides.
    expect(
      enrolmentWindowState(
        edition({ lastSessionEndsAt: "2026-11-30T16:00:00.000Z" }),
        "pubblicato",
        new Date("2026-11-30T17:30:00Z"),
      ),
    ).toBe("over");
    expect(
      enrolmentWindowState(edition({ lastSessionEndsAt: null }), "pubblicato", new Date("2026-11-30T17:30:00Z")),
    ).toBe("open");
    // A cancelled edition stays cancelled.
    expect(
      enrolmentWindowState(
        edition({ status: "annullata", lastSessionEndsAt: new Date("2026-11-30T16:00:00Z") }),
        "pubblicato",
        new Date("2026-11-30T17:30:00Z"),
      ),
    ).toBe("cancelled");
  });
  it("is cancelled when the edition or the event is cancelled", () => {
    const now = new Date("2026-11-10T12:00:00Z");
    expect(enrolmentWindowState(edition({ status: "annullata" }), "pubblicato", now)).toBe("cancelled");
    expect(enrolmentWindowState(edition(), "annullato", now)).toBe("cancelled");
  });
});

describe("editionSeats", () => {
  // Cap 30, Lazio reserves 10 (2 taken): the general pool has 20 seats, all 20 taken. 22 taken in all.
  const lazio: QuotaState = { id: "q1", regionCode: "lazio", seats: 10, seatsTaken: 2, releasedAt: null };
  const edition = { seatCap: 30, seatsTaken: 22 };

  it("without quotas, is the whole edition's seats for everyone", () => {
    const plain = { pool: "edition", poolSeats: 30, seatsLeft: 8, full: false, reserved: [] };
    expect(editionSeats(edition, [], null)).toEqual(plain);
    expect(editionSeats(edition, [], "toscana")).toEqual(plain);
    expect(editionSeats({ seatCap: 30, seatsTaken: 30 }, [], "toscana")).toMatchObject({ seatsLeft: 0, full: true });
    expect(editionSeats({ seatCap: null, seatsTaken: 500 }, [], "toscana")).toMatchObject({
      poolSeats: null,
      seatsLeft: null,
      full: false,
    });
  });

  it("shows a teacher the pool her enrolment goes to, and everyone the seats each region reserved", () => {
    const reserved = [{ regionCode: "lazio", seats: 10, free: 8 }];
    // A Toscana teacher goes to the general pool, which is full: the waitlist, although 8 seats are free.
    expect(editionSeats(edition, [lazio], "toscana")).toEqual({
      pool: "general",
      poolSeats: 20,
      seatsLeft: 0,
      full: true,
      reserved,
    });
    // A Lazio teacher goes to her quota.
    expect(editionSeats(edition, [lazio], "lazio")).toEqual({
      pool: "region",
      poolSeats: 10,
      seatsLeft: 8,
      full: false,
      reserved,
    });
    // The other way round: the quota full, general seats free, a Lazio teacher is waitlisted in her quota.
    const lazioFull = { ...lazio, seatsTaken: 10 };
    expect(editionSeats({ seatCap: 30, seatsTaken: 15 }, [lazioFull], "lazio")).toMatchObject({
      pool: "region",
      seatsLeft: 0,
      full: true,
    });
    expect(editionSeats({ seatCap: 30, seatsTaken: 15 }, [lazioFull], "toscana")).toMatchObject({
      pool: "general",
      seatsLeft: 15,
      full: false,
    });
  });

  it("shows a visitor the general pool, and offers to enrol while any pool has a seat (she may be from that region)", () => {
    expect(editionSeats(edition, [lazio], null)).toEqual({
      pool: "general",
      poolSeats: 20,
      seatsLeft: 0,
      full: false,
      reserved: [{ regionCode: "lazio", seats: 10, free: 8 }],
    });
    expect(editionSeats({ seatCap: 30, seatsTaken: 30 }, [{ ...lazio, seatsTaken: 10 }], null)).toMatchObject({
      seatsLeft: 0,
      full: true,
    });
  });

  it("forgets a released quota: its people hold their seats, and its region goes to the general pool", () => {
    const released = { ...lazio, seats: 2, releasedAt: new Date("2026-11-01T00:00:00Z") };
    // Cap 30, 2 seats held by the released quota's people, 20 in the general pool: 8 free for anyone.
    expect(editionSeats(edition, [released], "lazio")).toEqual({
      pool: "edition",
      poolSeats: 30,
      seatsLeft: 8,
      full: false,
      reserved: [],
    });
    // With another quota still open, the released one is not listed and Lazio counts as general.
    const puglia: QuotaState = { id: "q2", regionCode: "puglia", seats: 4, seatsTaken: 0, releasedAt: null };
    expect(editionSeats({ seatCap: 30, seatsTaken: 22 }, [released, puglia], "lazio")).toEqual({
      pool: "general",
      poolSeats: 26,
      seatsLeft: 4,
      full: false,
      reserved: [{ regionCode: "puglia", seats: 4, free: 4 }],
    });
  });

  it("the catalogue's free-seats test (seatsTaken < seatCap) is exactly: some pool has a free seat", () => {
    // Every state the ledger allows (no pool over its seats) with cap 6 and one 3-seat quota.
    for (let inQuota = 0; inQuota <= 3; inQuota++) {
      for (let inGeneral = 0; inGeneral <= 3; inGeneral++) {
        const quota: QuotaState = { id: "q", regionCode: "lazio", seats: 3, seatsTaken: inQuota, releasedAt: null };
        const counters = { seatCap: 6, seatsTaken: inQuota + inGeneral };
        const somePool = poolsWithFreeSeats(counters, [quota]).some((p) => p.free > 0);
        expect(hasFreeSeat(counters.seatCap, counters.seatsTaken), `${inQuota}+${inGeneral}`).toBe(somePool);
      }
    }
  });
});
