import { describe, expect, it } from "vitest";
import { parseForm, verdictsOf, type FormFields } from "../../tests/support/intent-forms.ts";
import { failedIntentOf } from "./intent.ts";
import { profilePageActionSchema } from "./profile-page-form.ts";

const parse = (fields: FormFields, trainer = true) => parseForm(profilePageActionSchema({ trainer }), fields);

describe("profilePageActionSchema", () => {
  it("refuses an unknown or missing intent, and trainer-profile from a non-trainer", () => {
    expect(verdictsOf(profilePageActionSchema({ trainer: true }), [{ intent: "delete-everything" }, {}])).toEqual([
      null,
      null,
    ]);
    const trainerProfile = { intent: "trainer-profile", trainerProfile: "x" };
    expect(verdictsOf(profilePageActionSchema({ trainer: false }), [trainerProfile])).toEqual([null]);
    expect(verdictsOf(profilePageActionSchema({ trainer: true }), [trainerProfile])).toEqual(["success"]);
  });

  it("parses each member with its own form's rules", () => {
    const profile = parse({
      intent: "profile",
      firstName: "Maria",
      lastName: "Rossi",
      schoolLevel: "primaria",
      regionCode: "toscana",
      professionalRole: "docente",
      locale: "it",
      emailReminders: "on",
    });
    expect(profile.status === "success" && profile.value).toMatchObject({ intent: "profile", emailReminders: true });
    const password = parse({ intent: "password", currentPassword: "old", newPassword: "insegnare2026" });
    expect(password.status === "success" && password.value.intent).toBe("password");
    const email = parse({ intent: "email", newEmail: "A@B.IT", currentPassword: "x" });
    expect(email.status === "success" && email.value).toMatchObject({ intent: "email", newEmail: "a@b.it" });
    const trainer = parse({ intent: "trainer-profile", trainerProfile: "Formatrice" });
    expect(trainer.status === "success" && trainer.value).toMatchObject({ trainerProfile: "Formatrice" });
    const end = parse({ intent: "end-session", sessionId: "s1" });
    expect(end.status === "success" && end.value).toEqual({ intent: "end-session", sessionId: "s1" });
  });

  it("reports a known intent's field errors under that intent", () => {
    const weak = parse({ intent: "password", currentPassword: "old", newPassword: "short" });
    expect(weak.status).toBe("error");
    if (weak.status !== "success") {
      expect(failedIntentOf(weak)).toBe("password");
      expect(weak.error).toEqual({ newPassword: ["validation.passwordWeak"] });
    }
  });
});
