import { describe, expect, it } from "vitest";
import { formDataOf as form } from "../../tests/support/intent-forms.ts";
import { parseRegisterPage } from "./attendance-forms.ts";

describe("parseRegisterPage (the register page's intent union)", () => {
  it("refuses an unknown intent, keeping what was typed in the register", () => {
    const page = parseRegisterPage(
      form([
        ["intent", "delete-all"],
        ["line", "e1"],
        ["status-e1", "presente"],
      ]),
    );
    expect(page).toEqual({
      ok: false,
      intent: null,
      values: { e1: { status: "presente", minutes: "" } },
      notesTooLong: [],
    });
  });

  it("parses the register's save (also when the intent is missing) and all-present", () => {
    for (const intent of ["save", "all-present", null]) {
      const page = parseRegisterPage(
        form([
          ...(intent ? ([["intent", intent]] as [string, string][]) : []),
          ["line", "e1"],
          ["status-e1", "ritardo"],
          ["minutes-e1", "45"],
        ]),
      );
      expect(page).toEqual({
        ok: true,
        action: {
          intent: intent ?? "save",
          marks: [{ enrolmentId: "e1", status: "ritardo", minutesAttended: 45 }],
        },
        values: { e1: { status: "ritardo", minutes: "45" } },
      });
    }
  });

  it("reads what the page showed of each line, and refuses a malformed one keeping what was typed", () => {
    const page = parseRegisterPage(
      form([
        ["line", "e1"],
        ["status-e1", "ritardo"],
        ["minutes-e1", "45"],
        ["was-e1", "presente:"],
        ["line", "e2"],
        ["status-e2", ""],
        ["minutes-e2", ""],
        ["was-e2", ":"],
      ]),
    );
    expect(page).toEqual({
      ok: true,
      action: {
        intent: "save",
        marks: [
          {
            enrolmentId: "e1",
            status: "ritardo",
            minutesAttended: 45,
            shown: { status: "presente", minutesAttended: null },
          },
          { enrolmentId: "e2", status: "", minutesAttended: null, shown: { status: null, minutesAttended: null } },
        ],
      },
      values: { e1: { status: "ritardo", minutes: "45", was: "presente:" }, e2: { status: "", minutes: "", was: ":" } },
    });
    const forged = parseRegisterPage(
      form([
        ["line", "e1"],
        ["status-e1", "presente"],
        ["was-e1", "cancellato:x"],
      ]),
    );
    expect(forged).toEqual({
      ok: false,
      intent: null,
      values: { e1: { status: "presente", minutes: "", was: "cancellato:x" } },
      notesTooLong: [],
    });
  });

  it("parses the staff check-in by enrolment or by pass, and refuses both or neither", () => {
    const byEnrolment = parseRegisterPage(
      form([
        ["intent", "segna-presente"],
        ["enrolmentId", "e1"],
        ["cerca", "Ros"],
      ]),
    );
    expect(byEnrolment.ok && byEnrolment.action).toEqual({ intent: "segna-presente", enrolmentId: "e1", cerca: "Ros" });
    const byPass = parseRegisterPage(
      form([
        ["intent", "segna-presente"],
        ["partecipante", "pass-token"],
      ]),
    );
    expect(byPass.ok && byPass.action).toEqual({ intent: "segna-presente", partecipante: "pass-token" });
    for (const fields of [
      [["intent", "segna-presente"]],
      [
        ["intent", "segna-presente"],
        ["enrolmentId", "e1"],
        ["partecipante", "pass-token"],
      ],
    ] as [string, string][][]) {
      expect(parseRegisterPage(form(fields))).toMatchObject({ ok: false, intent: "segna-presente" });
    }
  });
});
