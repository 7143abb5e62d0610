import { describe, expect, it } from "vitest";
import {
  activeKeyFor,
  cancellationDeadline,
  defaultEditionId,
  canTeacherCancel,
  checkEligibility,
  editionHasEnded,
  eligibleOnceOpen,
  firstStartAfter,
  isCurrentPlace,
  newlyOutsideAudience,
  placeOutlived,
  seatCancellationDeadline,
  TEACHER_ACTION_RESULTS,
  teacherCancelRefusal,
  teacherActionAlreadyDone,
  type EditionForEligibility,
  type EventForEligibility,
  type Teacher,
} from "./enrolment.ts";
import { ENROLMENT_TERMINAL, ENROLMENT_TRANSITIONS, enrolmentTransition } from "./state-machine.ts";

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
  lastSessionEndsAt: new Date("2026-12-15T17:00:00Z"),
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
  it("refuses from the moment the last session ends, while the window is still open (the training is over)", () => {
    // A one-day webinar: one session 15:00–17:00 (Rome), the window open until 23:59 of that day.
    const webinar = {
      ...edition,
      enrolmentClosesAt: new Date("2026-12-10T22:59:00Z"),
      lastSessionEndsAt: new Date("2026-12-10T16:00:00Z"),
    };
    expect(checkEligibility(teacher, event, webinar, new Date("2026-12-10T15:59:59Z"))).toEqual({ ok: true });
    expect(checkEligibility(teacher, event, webinar, new Date("2026-12-10T16:00:00Z"))).toEqual({
      ok: false,
      reason: "training-over",
    });
    expect(checkEligibility(teacher, event, webinar, new Date("2026-12-10T17:30:00Z"))).toEqual({
      ok: false,
      reason: "training-over",
    });
    // Past the window, the closed window is the reason (as before: a placement after the end reads it).
    expect(checkEligibility(teacher, event, webinar, new Date("2026-12-11T08:00:00Z"))).toEqual({
      ok: false,
      reason: "window-closed",
    });
    // An edition without sessions yet is judged on its window alone.
    expect(
      checkEligibility(teacher, event, { ...webinar, lastSessionEndsAt: null }, new Date("2026-12-10T17:30:00Z")),
    ).toEqual({ ok: true });
  });
  it("refuses events that are not published and cancelled or closed editions", () => {
    // A cancelled event's editions are cancelled with it: said so, not "not accepting enrolments" (review 0018).
    expect(checkEligibility(teacher, { ...event, status: "annullato" }, edition, now)).toEqual({
      ok: false,
      reason: "edition-cancelled",
    });
    expect(checkEligibility(teacher, { ...event, status: "chiuso" }, edition, now)).toEqual({
      ok: false,
      reason: "event-not-open",
    });
    expect(checkEligibility(teacher, { ...event, status: "chiuso" }, { ...edition, status: "annullata" }, now)).toEqual(
      { ok: false, reason: "edition-cancelled" },
    );
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

describe("eligibleOnceOpen", () => {
  const early = new Date("2026-11-01T00:00:00Z");
  it("judges an edition whose window opens later as it will be once open", () => {
    expect(eligibleOnceOpen(teacher, event, edition, early)).toEqual({ ok: true });
    expect(eligibleOnceOpen(teacher, event, edition, now)).toEqual({ ok: true });
  });
  it("still refuses, before the window opens, whom the event is not for", () => {
    expect(eligibleOnceOpen(teacher, { ...event, schoolLevels: ["infanzia"] }, edition, early)).toEqual({
      ok: false,
      reason: "audience-school-level",
    });
    expect(eligibleOnceOpen(teacher, { ...event, audienceRoles: ["dirigente"] }, edition, early)).toEqual({
      ok: false,
      reason: "audience-role",
    });
    const regional = { ...event, level: "regionale", regionCode: "lombardia" };
    expect(eligibleOnceOpen(teacher, regional, edition, early)).toEqual({ ok: false, reason: "other-region" });
  });
  it("refuses a window that has closed or an edition closed early", () => {
    expect(eligibleOnceOpen(teacher, event, edition, edition.enrolmentClosesAt)).toEqual({
      ok: false,
      reason: "window-closed",
    });
    expect(eligibleOnceOpen(teacher, event, { ...edition, status: "iscrizioni-chiuse" }, early)).toEqual({
      ok: false,
      reason: "enrolment-closed-early",
    });
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

// A seat taken once the deadline had passed (promoted from the waitlist after the first session started) could
// never be given up (review 0019, teacher, finding 4): it can, until the next session after it was taken starts.
describe("cancelling a seat taken after the deadline", () => {
  const week = 7 * 24 * 3600_000;
  const first = new Date("2026-12-15T15:00:00Z");
  const second = new Date(first.getTime() + week);
  const third = new Date(first.getTime() + 2 * week);
  const starts = [third, first, second];
  const deadline = cancellationDeadline(null, first);
  /** The deadline of a seat taken at `takenAt`, as the writer and the page work it out. */
  const seatDeadline = (takenAt: Date | null) =>
    seatCancellationDeadline(deadline, takenAt, firstStartAfter(starts, takenAt));

  it("keeps the edition's deadline for a seat taken before it (or whose taking is unknown)", () => {
    expect(seatDeadline(new Date("2026-12-01T10:00:00Z"))).toBe(first);
    expect(seatDeadline(null)).toBe(first);
    const cutoff = new Date("2026-12-12T00:00:00Z");
    expect(seatCancellationDeadline(cutoff, new Date("2026-12-11T00:00:00Z"), second)).toBe(cutoff);
    // No sessions, no deadline: as before.
    expect(seatCancellationDeadline(null, new Date(), null)).toBeNull();
  });

  it("gives a seat taken after it until the next session starts, then closes", () => {
    const promotedAt = new Date(first.getTime() + 24 * 3600_000);
    expect(seatDeadline(promotedAt)).toBe(second);
    expect(canTeacherCancel("iscritto", seatDeadline(promotedAt), new Date(promotedAt.getTime() + 3600_000))).toBe(
      true,
    );
    expect(canTeacherCancel("iscritto", seatDeadline(promotedAt), second)).toBe(false);
    // Taken at the very deadline, or after the organiser's earlier cut-off but before the first session.
    expect(seatDeadline(first)).toBe(second);
    const cutoff = new Date("2026-12-12T00:00:00Z");
    const afterCutoff = new Date("2026-12-13T00:00:00Z");
    expect(seatCancellationDeadline(cutoff, afterCutoff, firstStartAfter(starts, afterCutoff))).toBe(first);
    // Taken during the second week: until the third session.
    expect(seatDeadline(new Date(second.getTime() + 60_000))).toBe(third);
  });

  it("keeps the passed deadline once no session is left to start", () => {
    const duringTheLast = new Date(third.getTime() + 60_000);
    expect(seatDeadline(duringTheLast)).toBe(first);
    expect(canTeacherCancel("iscritto", seatDeadline(duringTheLast), new Date(third.getTime() + 120_000))).toBe(false);
  });

  it("finds the first start strictly after the seat was taken, whatever the order", () => {
    expect(firstStartAfter(starts, new Date(first.getTime() - 1))).toBe(first);
    expect(firstStartAfter(starts, first)).toBe(second);
    expect(firstStartAfter(starts, third)).toBeNull();
    expect(firstStartAfter([], first)).toBeNull();
    expect(firstStartAfter(starts, null)).toBeNull();
  });
});

// A teacher checked in by QR code (30 minutes before the start) or marked present by the trainer could still give the
// seat up until the deadline, and it went to the next in line while the register showed them present (review, QR
// check-in finding 1): once a line of the edition records them there, only the organiser ends the place.
describe("cancelling once the register records the teacher present", () => {
  const start = new Date("2026-12-15T15:00:00Z");
  const checkedInAt = new Date(start.getTime() - 30 * 60_000);

  it("refuses giving up the seat before the deadline, and says why", () => {
    expect(teacherCancelRefusal("iscritto", start, checkedInAt, false)).toBeNull();
    expect(teacherCancelRefusal("iscritto", start, checkedInAt, true)).toBe("recorded-present");
    expect(canTeacherCancel("iscritto", start, checkedInAt, true)).toBe(false);
    // A late seat's deadline (the next session) or no deadline at all: the presence refuses it all the same.
    expect(teacherCancelRefusal("iscritto", null, checkedInAt, true)).toBe("recorded-present");
    expect(teacherCancelRefusal("iscritto", new Date(start.getTime() + 7 * 24 * 3600_000), start, true)).toBe(
      "recorded-present",
    );
  });

  it("says the passed deadline first, and leaves the other places' rules as they were", () => {
    expect(teacherCancelRefusal("iscritto", start, start, true)).toBe("deadline-passed");
    expect(teacherCancelRefusal("iscritto", start, start, false)).toBe("deadline-passed");
    // Leaving the line or declining an offer frees nobody's seat: always possible.
    expect(teacherCancelRefusal("in-attesa", start, start, true)).toBeNull();
    expect(teacherCancelRefusal("offerta", start, checkedInAt, true)).toBeNull();
    expect(teacherCancelRefusal("candidato", start, checkedInAt)).toBe("not-allowed");
    expect(teacherCancelRefusal("annullato", start, checkedInAt)).toBe("not-allowed");
  });
});

describe("a teacher's action submitted twice", () => {
  it("knows the status each button leaves a place in, as the state machine says", () => {
    const action = { cancel: "cancel-by-teacher", accept: "accept", decline: "decline", withdraw: "withdraw" } as const;
    for (const [button, status] of Object.entries(TEACHER_ACTION_RESULTS)) {
      const targets = Object.values(ENROLMENT_TRANSITIONS[action[button as keyof typeof action]]).flat();
      expect(new Set(targets)).toEqual(new Set([status]));
    }
  });
  it("answers a repeated button as done, and a different one as refused", () => {
    expect(teacherActionAlreadyDone("cancel", "annullato")).toBe(true);
    expect(teacherActionAlreadyDone("accept", "iscritto")).toBe(true);
    expect(teacherActionAlreadyDone("decline", "offerta-rifiutata")).toBe(true);
    expect(teacherActionAlreadyDone("withdraw", "annullato")).toBe(true);
    // Declining a seat already accepted (another tab) did not happen: still a refusal.
    expect(teacherActionAlreadyDone("decline", "iscritto")).toBe(false);
    expect(teacherActionAlreadyDone("accept", "offerta-scaduta")).toBe(false);
    expect(teacherActionAlreadyDone("cancel", "rimosso")).toBe(false);
  });
});

describe("keys", () => {
  it("keys one active place per teacher and event", () => {
    expect(activeKeyFor("e1", "u1")).toBe("e1:u1");
  });
});

describe("current or concluded", () => {
  // An edition whose last day is 29 November 2026 in Rome: the event form stores 23:59:59.999 Rome time.
  const endsOn = new Date("2026-11-29T22:59:59.999Z");

  it("an edition ends once the last instant of its last day (Europe/Rome) is past", () => {
    expect(editionHasEnded(endsOn, new Date("2026-11-29T22:59:59.999Z"))).toBe(false);
    expect(editionHasEnded(endsOn, new Date("2026-11-29T23:00:00.000Z"))).toBe(true); // 30 November, 00:00 in Rome
    expect(editionHasEnded(endsOn, now)).toBe(true);
  });

  it("a seat, a waitlist position, an offer or an application is current only until the edition ends", () => {
    const before = new Date("2026-11-29T12:00:00Z");
    for (const status of ["iscritto", "in-attesa", "offerta", "candidato"]) {
      expect(isCurrentPlace(status, endsOn, before)).toBe(true);
      expect(isCurrentPlace(status, endsOn, now)).toBe(false);
    }
    for (const status of ["annullato", "rimosso", "offerta-scaduta", "non-selezionato", "spostato"])
      expect(isCurrentPlace(status, endsOn, before)).toBe(false);
  });
});

describe("the edition the enrolment form selects first", () => {
  const full = { id: "e1", seatsLeft: 0 };
  const free = { id: "e2", seatsLeft: 3 };
  const uncapped = { id: "e3", seatsLeft: null };
  it("is the one the teacher came for, even when full", () => {
    expect(defaultEditionId([full, free], "e1")).toBe("e1");
  });
  it("is otherwise the first with a seat left or no cap, not a full one before it", () => {
    expect(defaultEditionId([full, free], null)).toBe("e2");
    expect(defaultEditionId([full, uncapped], "unknown")).toBe("e3");
  });
  it("is the first when all are full, and none when there is none", () => {
    expect(defaultEditionId([full, { id: "e4", seatsLeft: 0 }], null)).toBe("e1");
    expect(defaultEditionId([], null)).toBeUndefined();
  });
});

describe("a place that outlived its edition (ADR 0011, addendum)", () => {
  const endsOn = new Date("2026-12-01T22:59:59.999Z");
  const lastSession = new Date("2026-12-01T17:00:00Z");
  it("is a place in line, an offer or an application once the training is over or the last day past", () => {
    const evening = new Date("2026-12-01T18:00:00Z");
    for (const status of ["in-attesa", "offerta", "candidato"]) {
      expect(placeOutlived(status, endsOn, lastSession, evening), status).toBe(true);
      expect(placeOutlived(status, endsOn, lastSession, new Date("2026-12-01T16:00:00Z")), status).toBe(false);
      // Without sessions: once its last day is past.
      expect(placeOutlived(status, endsOn, null, evening), status).toBe(false);
      expect(placeOutlived(status, endsOn, null, new Date("2026-12-02T00:00:00Z")), status).toBe(true);
    }
    // A seat is concluded training, not an outlived place; an ended place holds nothing anyway.
    for (const status of ["iscritto", "annullato", "attesa-conclusa"])
      expect(placeOutlived(status, endsOn, lastSession, new Date("2026-12-05T00:00:00Z")), status).toBe(false);
  });

  it("ends by 'edition-over': the line to the terminal 'attesa-conclusa', the application not selected", () => {
    expect(enrolmentTransition("edition-over", "in-attesa")).toEqual({ ok: true, to: "attesa-conclusa" });
    expect(enrolmentTransition("edition-over", "candidato")).toEqual({ ok: true, to: "non-selezionato" });
    expect(enrolmentTransition("edition-over", "iscritto")).toMatchObject({ ok: false });
    expect(ENROLMENT_TERMINAL).toContain("attesa-conclusa");
  });
});

describe("newlyOutsideAudience", () => {
  const audience = {
    level: "regionale",
    regionCode: "toscana",
    openToAllRegions: true,
    schoolLevels: ["primaria", "secondaria-primo-grado"],
    audienceRoles: ["docente", "dirigente"],
  };
  const person = (regionCode: string, schoolLevel: string, professionalRole = "docente") => ({
    regionCode,
    schoolLevel,
    professionalRole,
  });

  it("counts, per rule, the people the change would no longer admit", () => {
    const inLine = [
      person("toscana", "primaria"),
      person("lazio", "primaria"),
      person("lazio", "secondaria-primo-grado", "dirigente"),
      person("toscana", "secondaria-primo-grado"),
    ];
    const narrowed = { ...audience, openToAllRegions: false, schoolLevels: ["secondaria-primo-grado"] };
    expect(newlyOutsideAudience(audience, narrowed, inLine)).toEqual({
      total: 3,
      byRule: { "other-region": 2, "audience-school-level": 2, "audience-role": 0 },
    });
    expect(newlyOutsideAudience(audience, { ...audience, audienceRoles: ["docente"] }, inLine)).toEqual({
      total: 1,
      byRule: { "other-region": 0, "audience-school-level": 0, "audience-role": 1 },
    });
  });

  it("leaves out people already outside before the change, and a widening excludes nobody", () => {
    const closed = { ...audience, openToAllRegions: false };
    // Placed with an override (another region): the change to the school levels is not what leaves them out.
    const inLine = [person("lazio", "primaria")];
    expect(newlyOutsideAudience(closed, { ...closed, schoolLevels: ["secondaria-primo-grado"] }, inLine).total).toBe(0);
    expect(newlyOutsideAudience(closed, audience, [person("toscana", "primaria")]).total).toBe(0);
  });
});
