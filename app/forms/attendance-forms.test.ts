import { describe, expect, it } from "vitest";
import { parseActivitiesForm, parseRegisterPage, registerLineProblems } from "./attendance-forms.ts";

function form(intent: string, lines: [string, string, string][]) {
  const f = new FormData();
  f.set("intent", intent);
  for (const [id, status, minutes] of lines) {
    f.append("line", id);
    f.set(`status-${id}`, status);
    f.set(`minutes-${id}`, minutes);
  }
  return f;
}

describe("parseRegisterPage: the register", () => {
  it("reads every line with what was typed, empty status meaning 'leave as it is'", () => {
    const parsed = parseRegisterPage(
      form("all-present", [
        ["e1", "", ""],
        ["e2", "ritardo", " 45 "],
        ["e3", "uscita-anticipata", "4x"],
      ]),
    );
    if (!parsed.ok || parsed.action.intent === "segna-presente") throw new Error("expected the register");
    expect(parsed.action.intent).toBe("all-present");
    expect(parsed.values.e2).toEqual({ status: "ritardo", minutes: " 45 " });
    expect(parsed.action.marks.map((m) => [m.enrolmentId, m.status, m.minutesAttended])).toEqual([
      ["e1", "", null],
      ["e2", "ritardo", 45],
      ["e3", "uscita-anticipata", Number.NaN],
    ]);
    expect(registerLineProblems(parsed.action.marks, 120)).toEqual({ e3: "minuti-non-validi" });
  });

  it("reads 'nessuna' as a clear of the line (status null), distinct from '' (leave it), its minutes and note unchecked", () => {
    const f = form("save", [
      ["e1", "nessuna", "500"],
      ["e2", "", ""],
    ]);
    f.set("note-e1", "uscita anticipata");
    const parsed = parseRegisterPage(f);
    if (!parsed.ok || parsed.action.intent === "segna-presente") throw new Error("expected the register");
    expect(parsed.action.marks.map((m) => [m.enrolmentId, m.status])).toEqual([
      ["e1", null],
      ["e2", ""],
    ]);
    expect(parsed.values.e1).toMatchObject({ status: "nessuna" });
    expect(registerLineProblems(parsed.action.marks, 120)).toEqual({});
  });

  it("refuses unknown statuses and intents but keeps the typed values", () => {
    const bad = parseRegisterPage(form("save", [["e1", "forse", "3"]]));
    expect(bad).toEqual({
      ok: false,
      intent: null,
      values: { e1: { status: "forse", minutes: "3" } },
      notesTooLong: [],
    });
    expect(parseRegisterPage(form("delete-all", [])).ok).toBe(false);
  });

  it("needs minutes within the session for late arrival and early exit only", () => {
    const parsed = parseRegisterPage(
      form("save", [
        ["a", "ritardo", ""],
        ["b", "uscita-anticipata", "121"],
        ["c", "presente", "999"],
        ["d", "ritardo", "0"],
      ]),
    );
    if (!parsed.ok || parsed.action.intent === "segna-presente") throw new Error("expected the register");
    expect(registerLineProblems(parsed.action.marks, 120)).toEqual({ a: "minuti-mancanti", b: "minuti-non-validi" });
  });

  it("minutes written out in words are that line's own problem, however long, not a form that was not the page's", () => {
    const parsed = parseRegisterPage(
      form("save", [
        ["a", "ritardo", "90 minuti"],
        ["b", "uscita-anticipata", "un'ora e mezza circa"],
        ["c", "presente", "tutto l'incontro"],
      ]),
    );
    if (!parsed.ok || parsed.action.intent === "segna-presente") throw new Error("expected the register");
    expect(registerLineProblems(parsed.action.marks, 120)).toEqual({ a: "minuti-non-validi", b: "minuti-non-validi" });
  });
});

describe("parseRegisterPage: a line's note", () => {
  const withNotes = (lines: [string, string, string, string?][]) => {
    const f = form(
      "save",
      lines.map(([id, status]) => [id, status, ""]),
    );
    for (const [id, , note, wasNote] of lines) {
      f.set(`note-${id}`, note);
      f.set(`was-${id}`, ":");
      if (wasNote !== undefined) f.set(`wasnote-${id}`, wasNote);
    }
    return f;
  };

  it("trims the note, reads an empty one as none, and a form without the field as 'leave it'", () => {
    const parsed = parseRegisterPage(
      withNotes([
        ["e1", "presente", "  collegata da telefono \u0007 ", ""],
        ["e2", "assente", "", "Malata"],
      ]),
    );
    if (!parsed.ok || parsed.action.intent === "segna-presente") throw new Error("expected the register");
    expect(parsed.action.marks.map((m) => [m.enrolmentId, m.note, m.shown?.note])).toEqual([
      ["e1", "collegata da telefono", null],
      ["e2", null, "Malata"],
    ]);
    const old = parseRegisterPage(form("save", [["e3", "presente", ""]]));
    if (!old.ok || old.action.intent === "segna-presente") throw new Error("expected the register");
    expect("note" in old.action.marks[0]!).toBe(false);
  });

  it("refuses a note over 200 characters as that line's own problem, keeping what was typed", () => {
    const ok = parseRegisterPage(withNotes([["e1", "presente", "x".repeat(200)]]));
    expect(ok.ok).toBe(true);
    const long = parseRegisterPage(
      withNotes([
        ["e1", "presente", "corta"],
        ["e2", "presente", ` ${"x".repeat(201)} `],
      ]),
    );
    expect(long).toMatchObject({ ok: false, intent: null, notesTooLong: ["e2"] });
    expect(!long.ok && long.values.e2!.note).toBe(` ${"x".repeat(201)} `);
  });

  it("a note needs a status on its line", () => {
    const parsed = parseRegisterPage(
      withNotes([
        ["e1", "", "uscita anticipata per servizio"],
        ["e2", "", ""],
      ]),
    );
    if (!parsed.ok || parsed.action.intent === "segna-presente") throw new Error("expected the register");
    expect(registerLineProblems(parsed.action.marks, 120)).toEqual({ e1: "nota-senza-presenza" });
  });
});

describe("parseActivitiesForm", () => {
  function activities(intent: string, activity: string[], done: string[], was: string[] = []) {
    const f = new FormData();
    f.set("intent", intent);
    for (const a of activity) f.append("activity", a);
    for (const w of was) f.append("was", w);
    for (const d of done) f.append("done", d);
    return f;
  }
  it("reads the shown activities, the ticked boxes, those the page showed ticked and the button", () => {
    const parsed = parseActivitiesForm(activities("all-done:act1", ["act1", "act2"], ["act2:enr1"], ["act1:enr2"]));
    expect(parsed.status === "success" && parsed.value).toEqual({
      intent: "all-done",
      activityId: "act1",
      activity: ["act1", "act2"],
      done: ["act2:enr1"],
      was: ["act1:enr2"],
    });
    // One activity shown and no box ticked: lists all the same.
    const saved = parseActivitiesForm(activities("save", ["act1"], []));
    expect(saved.status === "success" && saved.value).toEqual({
      intent: "save",
      activity: ["act1"],
      done: [],
      was: [],
    });
  });
  it("refuses an unknown button, no activity, or a box that is not activity:enrolment", () => {
    for (const refused of [
      activities("delete", ["act1"], []),
      activities("all-done:", ["act1"], []),
      activities("all-done:act 1", ["act1"], []),
      activities("", ["act1"], []),
      activities("save", [], []),
      activities("save", ["act1"], ["act1"]),
      activities("save", ["act1"], [], ["act1"]),
    ]) {
      expect(parseActivitiesForm(refused).status).toBe("error");
    }
  });
});
