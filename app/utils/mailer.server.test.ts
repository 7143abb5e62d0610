import { describe, expect, it } from "vitest";
import { defaultFrom, senderOf } from "./mailer.server.ts";

describe("senderOf", () => {
  it("reads the name and address of a From value, the invitations' ORGANIZER", () => {
    expect(senderOf("Formazione USR Toscana <formazione@usr.example.it>")).toEqual({
      name: "Formazione USR Toscana",
      address: "formazione@usr.example.it",
    });
    expect(senderOf('"Forma, USR" <forma@usr.example.it>')).toEqual({
      name: "Forma, USR",
      address: "forma@usr.example.it",
    });
    expect(senderOf("<solo@usr.example.it>")).toEqual({ name: "Forma", address: "solo@usr.example.it" });
    expect(senderOf(" nudo@usr.example.it ")).toEqual({ name: "Forma", address: "nudo@usr.example.it" });
    expect(senderOf(defaultFrom("https://forma.example.it"))).toEqual({
      name: "Forma",
      address: "noreply@forma.example.it",
    });
  });
});
