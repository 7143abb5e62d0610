import { describe, expect, it } from "vitest";
import {
  emailChangeByIdentityFormSchema,
  emailChangeFormSchema,
  forgotPasswordFormSchema,
  loginFormSchema,
  profileFormSchema,
  signupFormSchema,
} from "./account-forms.ts";

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
  it("accepts names in Latin, Greek and Cyrillic letters, with spaces, apostrophes, hyphens and dots", () => {
    for (const [firstName, lastName] of [
      ["Zoë", "Łukasz-Şahin"],
      ["Αλέξανδρος", "Παπαδόπουλος"],
      ["Дмитрий", "Шостакович"],
      ["Maria Luisa", "D'Angelo"],
      ["Seán", "O’Brien Jr."],
      ["Zoe\u0308", "Gal·la"],
    ]) {
      expect(errorsOf({ ...valid, firstName, lastName })).toEqual({});
    }
  });
  it("refuses names in letters the PDFs cannot print (CJK, Arabic, emoji, fullwidth), with its own message", () => {
    for (const name of ["山田", "Yamada 太郎", "محمد", "Maria 🙂", "Ｍａｒｉａ", "Maria2"]) {
      expect(errorsOf({ ...valid, firstName: name }).firstName).toEqual(["validation.nameScript"]);
      expect(errorsOf({ ...valid, lastName: name }).lastName).toEqual(["validation.nameScript"]);
    }
    // An empty name is only "required".
    expect(new Set(errorsOf({ ...valid, firstName: "" }).firstName)).toEqual(new Set(["validation.required"]));
  });
});

describe("the addresses an account is to use", () => {
  it("refuses the reserved .invalid domain at sign-up and change of address, not at sign-in or reset", () => {
    const reserved = "Chiuso-abc123@Forma.Invalid";
    expect(errorsOf({ ...valid, email: reserved }).email).toEqual(["validation.emailReserved"]);
    for (const schema of [emailChangeFormSchema, emailChangeByIdentityFormSchema]) {
      const r = schema.safeParse({ newEmail: reserved, currentPassword: "x" });
      expect(r.success ? {} : r.error.flatten().fieldErrors).toEqual({ newEmail: ["validation.emailReserved"] });
    }
    // Sign-in and "Password dimenticata?" create nothing: an account that took such an address before stays reachable.
    expect(loginFormSchema.safeParse({ email: reserved, password: "x" }).success).toBe(true);
    expect(forgotPasswordFormSchema.safeParse({ email: reserved }).success).toBe(true);
  });
});

describe("profileFormSchema", () => {
  const profile = {
    firstName: "Maria",
    lastName: "Rossi",
    schoolLevel: "primaria",
    regionCode: "toscana",
    professionalRole: "docente",
    locale: "it",
  };
  it("takes the same name rule as sign-up", () => {
    expect(profileFormSchema.safeParse({ ...profile, firstName: "Дмитрий", lastName: "Αλεξίου" }).success).toBe(true);
    const r = profileFormSchema.safeParse({ ...profile, lastName: "山田" });
    expect(r.success ? {} : r.error.flatten().fieldErrors).toEqual({ lastName: ["validation.nameScript"] });
  });
});
