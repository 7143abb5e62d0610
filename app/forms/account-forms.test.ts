import { describe, expect, it } from "vitest";
import { signupFormSchema } from "./account-forms.ts";

const valid = {
  firstName: "Maria",
  lastName: "Rossi",
  email: "Maria.Rossi@Scuola.IT",
  password: "insegnare2026",
  schoolName: "IC Firenze 1",
  schoolCode: "fiic80100x",
  schoolLevel: "primaria",
  regionCode: "toscana",
  professionalRole: "docente",
};

function errorsOf(input: Record<string, unknown>) {
  const r = signupFormSchema.safeParse(input);
  return r.success ? {} : r.error.flatten().fieldErrors;
}

describe("signupFormSchema", () => {
  it("accepts a complete sign-up and normalises email and school code", () => {
    const r = signupFormSchema.parse(valid);
    expect(r.email).toBe("maria.rossi@scuola.it");
    expect(r.schoolCode).toBe("FIIC80100X");
  });
  it("refuses weak passwords", () => {
    expect(errorsOf({ ...valid, password: "short1" }).password).toEqual(["validation.passwordWeak"]);
    expect(errorsOf({ ...valid, password: "onlyletterslong" }).password).toEqual(["validation.passwordWeak"]);
  });
  it("refuses a malformed school code", () => {
    expect(errorsOf({ ...valid, schoolCode: "ABC" }).schoolCode).toEqual(["validation.schoolCode"]);
  });
  it("refuses values outside the vocabularies", () => {
    expect(errorsOf({ ...valid, regionCode: "atlantide" }).regionCode).toEqual(["validation.invalidChoice"]);
    expect(errorsOf({ ...valid, schoolLevel: undefined }).schoolLevel).toEqual(["validation.required"]);
  });
});
