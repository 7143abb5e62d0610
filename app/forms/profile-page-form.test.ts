import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { failedIntentOf } from "./intent.ts";
import { profilePageActionSchema } from "./profile-page-form.ts";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}
const parse = (fields: Record<string, string>, trainer = true) =>
  parseWithZod(form(fields), { schema: profilePageActionSchema({ trainer }) });

describe("profilePageActionSchema", () => {
  it("refuses an unknown or missing intent, and trainer-profile from a non-trainer", () => {
    for (const [fields, trainer] of [
      [{ intent: "delete-everything" }, true],
      [{}, true],
      [{ intent: "trainer-profile", trainerProfile: "x" }, false],
    ] as const) {
      const submission = parse(fields, trainer);
      expect(submission.status).toBe("error");
      if (submission.status !== "success") expect(failedIntentOf(submission)).toBeNull();
    }
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
