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

  it("refuses unknown statuses and intents but keeps the typed values", () => {
    const bad = parseRegisterPage(form("save", [["e1", "forse", "3"]]));
    expect(bad).toEqual({ ok: false, intent: null, values: { e1: { status: "forse", minutes: "3" } } });
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
});

describe("parseActivitiesForm", () => {
  function activities(intent: string, activity: string[], done: string[]) {
    const f = new FormData();
    f.set("intent", intent);
    for (const a of activity) f.append("activity", a);
    for (const d of done) f.append("done", d);
    return f;
  }
  it("reads the shown activities, the ticked boxes and the button", () => {
    const parsed = parseActivitiesForm(activities("all-done:act1", ["act1", "act2"], ["act2:enr1"]));
    expect(parsed.status === "success" && parsed.value).toEqual({
      intent: "all-done",
      activityId: "act1",
      activity: ["act1", "act2"],
      done: ["act2:enr1"],
    });
    // One activity shown and no box ticked: lists all the same.
    const saved = parseActivitiesForm(activities("save", ["act1"], []));
    expect(saved.status === "success" && saved.value).toEqual({ intent: "save", activity: ["act1"], done: [] });
  });
  it("refuses an unknown button, no activity, or a box that is not activity:enrolment", () => {
    for (const refused of [
      activities("delete", ["act1"], []),
      activities("all-done:", ["act1"], []),
      activities("all-done:act 1", ["act1"], []),
      activities("", ["act1"], []),
      activities("save", [], []),
      activities("save", ["act1"], ["act1"]),
    ]) {
      expect(parseActivitiesForm(refused).status).toBe("error");
    }
  });
});
