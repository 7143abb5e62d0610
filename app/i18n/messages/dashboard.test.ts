// The dashboard's "Come si leggono le cifre" (ADR 0093): a teacher whose profile changed during the
// school year is one of the teachers reached under each profile, so the total counts them more than
// once; the text says so, where before it said only "è contato con ciascuno" (counted with each).
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/i18n.tsx";

describe("the dashboard's definitions", () => {
  it("say that a teacher who changed profile is among the teachers reached under each profile, in the total too", () => {
    expect(translator("it")("dashboard.definitions.text")).toContain(
      "è contata nel personale docente raggiunto una volta con ciascun profilo, anche nel totale",
    );
    expect(translator("en")("dashboard.definitions.text")).toContain(
      "counts among the teachers reached once under each profile, in the total too",
    );
  });
});
