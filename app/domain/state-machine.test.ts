import { describe, expect, it } from "vitest";
import {
  editionCancelTransition,
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
  it("is refused once its register is closed and certificates issued, whatever its status", () => {
    const closedAt = new Date("2026-11-06T10:00:00Z");
    expect(editionCancelTransition({ status: "attiva", attendanceClosedAt: null })).toEqual({
      ok: true,
      to: "annullata",
    });
    expect(editionCancelTransition({ status: "iscrizioni-chiuse", attendanceClosedAt: null })).toEqual({
      ok: true,
      to: "annullata",
    });
    expect(editionCancelTransition({ status: "attiva", attendanceClosedAt: closedAt })).toEqual({
      ok: false,
      reason: "attendance-closed",
      from: "attiva",
    });
    expect(editionCancelTransition({ status: "iscrizioni-chiuse", attendanceClosedAt: closedAt })).toMatchObject({
      ok: false,
      reason: "attendance-closed",
    });
    expect(editionCancelTransition({ status: "annullata", attendanceClosedAt: null })).toMatchObject({
      ok: false,
      reason: "edition-cancelled",
    });
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
