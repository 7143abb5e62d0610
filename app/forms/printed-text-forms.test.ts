// The texts other forms send to the PDFs (ADR 0075, review 0017): the letterhead's signatory, an external
// training's title and organiser, a school's name. The event form's own are in event-form.test.ts.
import { describe, expect, it } from "vitest";
import { profileFormSchema, signupFormSchema } from "./account-forms.ts";
import { letterheadFormSchema } from "./letterhead-form.ts";
import { externalTrainingFields } from "./training-plan-forms.ts";

const fieldErrors = (r: { success: boolean; error?: { flatten(): { fieldErrors: Record<string, string[]> } } }) =>
  r.success ? {} : r.error!.flatten().fieldErrors;

describe("texts printed on the PDFs, outside the event form", () => {
  it("the letterhead: invisible characters removed, an emoji or an arrow refused", () => {
    expect(
      letterheadFormSchema.parse({ signatoryName: "Giulia\u200b Conti", signatoryRole: "Diri\u00adgente" }),
    ).toMatchObject({ signatoryName: "Giulia Conti", signatoryRole: "Dirigente" });
    expect(
      fieldErrors(letterheadFormSchema.safeParse({ signatoryName: "Giulia ✍️", signatoryRole: "→ Dirigente" })),
    ).toEqual({
      signatoryName: ["validation.unprintable"],
      signatoryRole: ["validation.unprintable"],
    });
    expect(letterheadFormSchema.parse({})).toMatchObject({ signatoryName: "", signatoryRole: "" });
  });

  it("an external training's title and organiser", () => {
    const base = { startsOn: "2026-10-01", endsOn: "2026-10-02", hours: "3" };
    const ok = externalTrainingFields.safeParse({ ...base, title: "\ufeffCorso B2", organiser: "Ente\u2060 X" });
    expect(ok.success && { title: ok.data.title, organiser: ok.data.organiser }).toEqual({
      title: "Corso B2",
      organiser: "Ente X",
    });
    expect(
      fieldErrors(externalTrainingFields.safeParse({ ...base, title: "Corso ★", organiser: "Ente 🏫" })),
    ).toMatchObject({
      title: ["validation.unprintable"],
      organiser: ["validation.unprintable"],
    });
  });

  it("a school's name, at sign-up and in the profile", () => {
    const person = {
      firstName: "Maria",
      lastName: "Rossi",
      email: "maria.rossi@scuola.it",
      password: "insegnare2026",
      schoolCode: "FIIC80100X",
      schoolLevel: "primaria",
      regionCode: "toscana",
      professionalRole: "docente",
    };
    expect(signupFormSchema.parse({ ...person, schoolName: "IC\u200b Firenze 1" }).schoolName).toBe("IC Firenze 1");
    expect(fieldErrors(signupFormSchema.safeParse({ ...person, schoolName: "IC Firenze 1 ⭐" }))).toEqual({
      schoolName: ["validation.unprintable"],
    });
    expect(fieldErrors(profileFormSchema.safeParse({ ...person, schoolName: "IC 🌍" })).schoolName).toEqual([
      "validation.unprintable",
    ]);
  });

  it("each is one line: a line break a crafted form sends (no input field does) is one space", () => {
    expect(
      letterheadFormSchema.parse({ signatoryName: "Giulia\r\n  Conti", signatoryRole: "Dirigente\n\nUSR\r" }),
    ).toMatchObject({ signatoryName: "Giulia Conti", signatoryRole: "Dirigente USR" });
    const base = { startsOn: "2026-10-01", endsOn: "2026-10-02", hours: "3" };
    const training = externalTrainingFields.parse({ ...base, title: "Corso\nB2", organiser: "Ente \r X" });
    expect({ title: training.title, organiser: training.organiser }).toEqual({
      title: "Corso B2",
      organiser: "Ente X",
    });
    const person = {
      firstName: "Maria",
      lastName: "Rossi",
      email: "maria.rossi@scuola.it",
      password: "insegnare2026",
      schoolLevel: "primaria",
      regionCode: "toscana",
      professionalRole: "docente",
    };
    expect(signupFormSchema.parse({ ...person, schoolName: "IC Firenze 1\r\nBcc: x@evil.example" }).schoolName).toBe(
      "IC Firenze 1 Bcc: x@evil.example",
    );
  });
});
