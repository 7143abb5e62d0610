import { describe, expect, it } from "vitest";
import {
  editionCancelTransition,
  eventCancellationPlan,
  editionTransition,
  ENROLMENT_TERMINAL,
  enrolmentSources,
  enrolmentTransition,
} from "./state-machine.ts";

describe("moving a participant to another edition (issue 15)", () => {
  it("ends only a held or awaited place, as the terminal 'spostato'", () => {
    expect(enrolmentSources("move-out").sort()).toEqual(["in-attesa", "iscritto", "offerta"]);
    expect(enrolmentTransition("move-out", "iscritto")).toEqual({ ok: true, to: "spostato" });
    expect(enrolmentTransition("move-out", "candidato")).toMatchObject({ ok: false, reason: "wrong-state" });
    expect(enrolmentTransition("move-out", "annullato")).toMatchObject({ ok: false });
    expect(ENROLMENT_TERMINAL).toContain("spostato");
  });

  it("starts the new place seated or waiting, in an edition that takes people", () => {
    expect(enrolmentTransition("move-in", null, "iscritto")).toEqual({ ok: true, to: "iscritto" });
    expect(enrolmentTransition("move-in", null, "in-attesa")).toEqual({ ok: true, to: "in-attesa" });
    expect(enrolmentTransition("move-in", null, "offerta")).toMatchObject({ ok: false });
    expect(editionTransition("move-in", "attiva")).toEqual({ ok: true, to: "attiva" });
    expect(editionTransition("move-in", "iscrizioni-chiuse")).toMatchObject({ ok: false, reason: "edition-closed" });
    expect(editionTransition("move-in", "annullata")).toMatchObject({ ok: false, reason: "edition-cancelled" });
    expect(editionTransition("move-out", "iscrizioni-chiuse")).toMatchObject({ ok: true });
    expect(editionTransition("move-out", "annullata")).toMatchObject({ ok: false, reason: "edition-cancelled" });
  });
});

describe("cancelling an edition", () => {
  // An edition whose last day ends on 10/03/2027 (23:59:59.999 in Rome).
  const endsOn = new Date("2027-03-10T22:59:59.999Z");
  const before = new Date("2027-03-10T12:00:00Z");
  const after = new Date("2027-03-11T08:00:00Z");
  const edition = (status: string, attendanceClosedAt: Date | null = null) => ({ status, attendanceClosedAt, endsOn });

  it("is refused once its register is closed and certificates issued, whatever its status", () => {
    const closedAt = new Date("2026-11-06T10:00:00Z");
    expect(editionCancelTransition(edition("attiva"), before)).toEqual({ ok: true, to: "annullata" });
    expect(editionCancelTransition(edition("iscrizioni-chiuse"), before)).toEqual({ ok: true, to: "annullata" });
    expect(editionCancelTransition(edition("attiva", closedAt), before)).toEqual({
      ok: false,
      reason: "attendance-closed",
      from: "attiva",
    });
    expect(editionCancelTransition(edition("iscrizioni-chiuse", closedAt), after)).toMatchObject({
      ok: false,
      reason: "attendance-closed",
    });
    expect(editionCancelTransition(edition("annullata"), before)).toMatchObject({
      ok: false,
      reason: "edition-cancelled",
    });
  });

  it("is refused once it has ended, its register still open (it took place), and allowed until then", () => {
    expect(editionCancelTransition(edition("attiva"), after)).toEqual({ ok: false, reason: "ended", from: "attiva" });
    expect(editionCancelTransition(edition("iscrizioni-chiuse"), after)).toMatchObject({ ok: false, reason: "ended" });
    // Its last day, until its end: in progress, still cancellable (ADR 0084, addendum).
    expect(editionCancelTransition(edition("iscrizioni-chiuse"), before)).toMatchObject({ ok: true });
    expect(editionCancelTransition(edition("iscrizioni-chiuse"), endsOn)).toMatchObject({ ok: true });
    // A cancelled edition stays refused as cancelled.
    expect(editionCancelTransition(edition("annullata"), after)).toMatchObject({ reason: "edition-cancelled" });
  });

  it("plans an event's cancellation: the editions it cancels, and those concluded that refuse it", () => {
    const later = { number: 3, status: "attiva", attendanceClosedAt: null, endsOn: new Date("2027-05-01T21:59:59Z") };
    const held = { number: 1, ...edition("iscrizioni-chiuse") };
    const cancelled = { number: 2, ...edition("annullata") };
    expect(eventCancellationPlan([later, held, cancelled], after)).toEqual({ cancels: [3], concluded: [1] });
    expect(eventCancellationPlan([later, held, cancelled], before)).toEqual({ cancels: [1, 3], concluded: [] });
  });
});

describe("closing an edition's register (issuing certificates)", () => {
  it("is allowed while the edition is active or closed to enrolment, and refused once it is cancelled", () => {
    expect(editionTransition("close-attendance", "attiva")).toEqual({ ok: true, to: "attiva" });
    expect(editionTransition("close-attendance", "iscrizioni-chiuse")).toEqual({ ok: true, to: "iscrizioni-chiuse" });
    expect(editionTransition("close-attendance", "annullata")).toEqual({
      ok: false,
      reason: "edition-cancelled",
      from: "annullata",
    });
  });
});
