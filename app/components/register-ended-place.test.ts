// A place that ended after a session keeps its line in that session's register, marked with what ended it.
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/i18n.tsx";
import { endedPlaceText } from "./register-ended-place.ts";

const at = new Date("2026-12-06T10:00:00Z");

describe("endedPlaceText", () => {
  it("says where a place was moved, or that it was removed, and when, in Italian and English", () => {
    const it_ = translator("it");
    const en = translator("en");
    expect(endedPlaceText({ status: "spostato", endedAt: at, movedToEdition: 2 }, it_, "it")).toBe(
      "Iscrizione spostata all'edizione 2 il 6 dicembre 2026",
    );
    expect(endedPlaceText({ status: "spostato", endedAt: at, movedToEdition: 2 }, en, "en")).toBe(
      "Enrolment moved to edition 2 on 6 December 2026",
    );
    expect(endedPlaceText({ status: "spostato", endedAt: at, movedToEdition: null }, it_, "it")).toBe(
      "Iscrizione spostata in un'altra edizione il 6 dicembre 2026",
    );
    expect(endedPlaceText({ status: "rimosso", endedAt: at.toISOString(), movedToEdition: null }, it_, "it")).toBe(
      "Iscrizione rimossa il 6 dicembre 2026",
    );
    expect(endedPlaceText({ status: "annullato", endedAt: at, movedToEdition: null }, en, "en")).toBe(
      "Enrolment cancelled on 6 December 2026",
    );
    expect(endedPlaceText({ status: "offerta-scaduta", endedAt: null, movedToEdition: null }, it_, "it")).toBe(
      "Iscrizione conclusa",
    );
  });
});
