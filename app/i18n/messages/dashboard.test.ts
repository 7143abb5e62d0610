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

  it("say why a figure of a filtered view is withheld: the unfiltered view hides it (ADR 0018, 07/12/2026 (2))", () => {
    expect(translator("it")("dashboard.definitions.text")).toContain(
      "resta «riservato» in ogni vista filtrata, sia nelle righe di quel gruppo sia in tutta la vista filtrata su di esso",
    );
    expect(translator("en")("dashboard.definitions.text")).toContain(
      "stays “withheld” in every filtered view, both in that group's rows and throughout the view filtered to it",
    );
  });

  it("say that a filtered view's hidden values stay hidden in narrower views, and why a row another table gives is (ADR 0018, 07/12/2026 (3))", () => {
    expect(translator("it")("dashboard.definitions.text")).toContain(
      "ciò che una vista filtrata nasconde resta «riservato» nelle viste con un filtro in più, e una riga che le altre tabelle della stessa vista",
    );
    expect(translator("en")("dashboard.definitions.text")).toContain(
      "what a filtered view hides stays “withheld” in the views with one more filter, and a row that the view's other tables",
    );
  });
});
