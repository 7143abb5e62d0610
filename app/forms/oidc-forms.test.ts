import { describe, expect, it } from "vitest";
import { parseForm, verdictsOf, type FormFields } from "../../tests/support/intent-forms.ts";
import { failedIntentOf } from "./intent.ts";
import { oidcCompleteActionSchema, oidcStartActionSchema } from "./oidc-forms.ts";

const profile = {
  intent: "crea",
  firstName: "Luca",
  lastName: "Bianchi",
  email: "Luca.Bianchi@Example.it",
  schoolLevel: "secondaria-primo-grado",
  regionCode: "lombardia",
  professionalRole: "docente",
};

describe("oidcCompleteActionSchema", () => {
  it("refuses an unknown or missing intent on `intent`", () => {
    const { intent: _intent, ...noIntent } = profile;
    const forms: FormFields[] = [{ ...profile, intent: "crea-admin" }, noIntent];
    expect(verdictsOf(oidcCompleteActionSchema, forms)).toEqual([null, null]);
    const unknown = parseForm(oidcCompleteActionSchema, forms[0]!);
    expect(unknown.status !== "success" && unknown.error?.intent).toEqual(["validation.invalidChoice"]);
  });

  it("parses each member with its own form's rules", () => {
    const create = parseForm(oidcCompleteActionSchema, profile);
    expect(create.status === "success" && create.value).toMatchObject({
      intent: "crea",
      email: "luca.bianchi@example.it",
      regionCode: "lombardia",
    });
    const link = parseForm(oidcCompleteActionSchema, {
      intent: "collega",
      email: "luca@example.it",
      password: "segreta-2026",
    });
    expect(link.status === "success" && link.value).toEqual({
      intent: "collega",
      email: "luca@example.it",
      password: "segreta-2026",
    });
  });

  it("says which form failed, with its field errors", () => {
    const create = parseForm(oidcCompleteActionSchema, { ...profile, email: "non-un-indirizzo", regionCode: "" });
    expect(create.status).toBe("error");
    if (create.status !== "success") {
      expect(failedIntentOf(create)).toBe("crea");
      expect(create.error).toEqual({ email: ["validation.email"], regionCode: ["validation.required"] });
    }
    const link = parseForm(oidcCompleteActionSchema, { intent: "collega", email: "luca@example.it" });
    expect(link.status).toBe("error");
    if (link.status !== "success") {
      expect(failedIntentOf(link)).toBe("collega");
      expect(link.error).toEqual({ password: ["validation.required"] });
    }
  });

  it("refuses a provider's name the PDFs cannot print: the person writes it in Latin, Greek or Cyrillic letters", () => {
    const cjk = parseForm(oidcCompleteActionSchema, { ...profile, firstName: "太郎", lastName: "山田" });
    expect(cjk.status !== "success" && cjk.error).toEqual({
      firstName: ["validation.nameScript"],
      lastName: ["validation.nameScript"],
    });
    const greek = parseForm(oidcCompleteActionSchema, { ...profile, firstName: "Νίκος", lastName: "Yamada" });
    expect(greek.status).toBe("success");
  });
});

describe("oidcStartActionSchema", () => {
  it("refuses an unknown or missing intent on `intent`", () => {
    expect(verdictsOf(oidcStartActionSchema, [{ intent: "admin" }, { redirectTo: "/eventi" }, {}])).toEqual([
      null,
      null,
      null,
    ]);
  });

  it("parses a sign-in and a linking, the return path as sent (safeRedirectTarget checks it)", () => {
    const signIn = parseForm(oidcStartActionSchema, { intent: "accedi", redirectTo: "/le-mie-iscrizioni" });
    expect(signIn.status === "success" && signIn.value).toEqual({
      intent: "accedi",
      redirectTo: "/le-mie-iscrizioni",
      keep: false,
    });
    // "Mantieni l'accesso su questo dispositivo" ticked on the sign-in page (ADR 0092).
    const kept = parseForm(oidcStartActionSchema, { intent: "accedi", keep: "on" });
    expect(kept.status === "success" && kept.value).toMatchObject({ intent: "accedi", keep: true });
    const link = parseForm(oidcStartActionSchema, { intent: "collega" });
    expect(link.status === "success" && link.value).toEqual({ intent: "collega" });
    const hostile = parseForm(oidcStartActionSchema, { intent: "accedi", redirectTo: "//evil.example" });
    expect(hostile.status === "success" && hostile.value).toEqual({
      intent: "accedi",
      redirectTo: "//evil.example",
      keep: false,
    });
  });
});
