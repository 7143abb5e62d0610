import { describe, expect, it } from "vitest";
import { enrolmentWindowState, type EditionForAvailability } from "./edition-availability.ts";

const edition = (over: Partial<EditionForAvailability> = {}): EditionForAvailability => ({
  enrolmentOpensAt: new Date("2026-11-01T08:00:00Z"),
  enrolmentClosesAt: new Date("2026-11-30T22:59:00Z"),
  status: "attiva",
  seatCap: 350,
  seatsTaken: 0,
  admission: "ordine-arrivo",
  selectionClosedAt: null,
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
  it("is cancelled when the edition or the event is cancelled", () => {
    const now = new Date("2026-11-10T12:00:00Z");
    expect(enrolmentWindowState(edition({ status: "annullata" }), "pubblicato", now)).toBe("cancelled");
    expect(enrolmentWindowState(edition(), "annullato", now)).toBe("cancelled");
  });
});
