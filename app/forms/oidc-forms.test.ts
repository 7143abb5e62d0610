import { describe, expect, it } from "vitest";
import { parseForm, verdictsOf, type FormFields } from "../../tests/support/intent-forms.ts";
import { failedIntentOf } from "./intent.ts";
import { identitiesActionSchema, oidcCompleteActionSchema, oidcStartActionSchema } from "./oidc-forms.ts";

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

  it("refuses, for the account it creates, an address of the reserved .invalid domain", () => {
    const reserved = parseForm(oidcCompleteActionSchema, { ...profile, email: "chiuso-abc@forma.invalid" });
    expect(reserved.status !== "success" && reserved.error?.email).toEqual(["validation.emailReserved"]);
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

  it("parses a sign-in and a confirmation, the return path as sent (safeRedirectTarget checks it)", () => {
    const signIn = parseForm(oidcStartActionSchema, { intent: "accedi", redirectTo: "/le-mie-iscrizioni" });
    expect(signIn.status === "success" && signIn.value).toEqual({
      intent: "accedi",
      redirectTo: "/le-mie-iscrizioni",
      keep: false,
    });
    // "Mantieni l'accesso su questo dispositivo" ticked on the sign-in page (ADR 0092).
    const kept = parseForm(oidcStartActionSchema, { intent: "accedi", keep: "on" });
    expect(kept.status === "success" && kept.value).toMatchObject({ intent: "accedi", keep: true });
    const confirm = parseForm(oidcStartActionSchema, { intent: "conferma", redirectTo: "/profilo/accessi" });
    expect(confirm.status === "success" && confirm.value).toEqual({
      intent: "conferma",
      redirectTo: "/profilo/accessi",
    });
    // Linking starts at /profilo/accessi, after its proof: here it is an unknown intent (ADR 0014 addendum).
    expect(verdictsOf(oidcStartActionSchema, [{ intent: "collega" }])).toEqual([null]);
    const hostile = parseForm(oidcStartActionSchema, { intent: "accedi", redirectTo: "//evil.example" });
    expect(hostile.status === "success" && hostile.value).toEqual({
      intent: "accedi",
      redirectTo: "//evil.example",
      keep: false,
    });
  });
});

describe("identitiesActionSchema (/profilo/accessi)", () => {
  it("refuses an unknown or missing intent on `intent`", () => {
    expect(verdictsOf(identitiesActionSchema, [{ intent: "admin" }, { identityId: "i1" }, {}])).toEqual([
      null,
      null,
      null,
    ]);
  });

  it("asks an account with a password for it before linking; the other ways need a provider or an identity", () => {
    const withPassword = parseForm(identitiesActionSchema, {
      intent: "collega",
      provider: "spid",
      currentPassword: "x",
    });
    expect(withPassword.status === "success" && withPassword.value).toEqual({
      intent: "collega",
      provider: "spid",
      currentPassword: "x",
    });
    const noPassword = parseForm(identitiesActionSchema, { intent: "collega", provider: "spid" });
    expect(noPassword.status).toBe("error");
    if (noPassword.status !== "success") {
      expect(failedIntentOf(noPassword)).toBe("collega");
      expect(noPassword.error).toEqual({ currentPassword: ["validation.required"] });
    }
    const byIdentity = parseForm(identitiesActionSchema, { intent: "collega-by-identity", provider: "cie" });
    expect(byIdentity.status === "success" && byIdentity.value).toEqual({
      intent: "collega-by-identity",
      provider: "cie",
    });
    expect(verdictsOf(identitiesActionSchema, [{ intent: "collega-by-identity" }, { intent: "scollega" }])).toEqual([
      "collega-by-identity",
      "scollega",
    ]);
  });

  it("asks for the same proof before unlinking: the password, or (without one) the identity named alone", () => {
    // Before, the identity alone unlinked it: a borrowed session could remove the owner's SPID.
    const bare = parseForm(identitiesActionSchema, { intent: "scollega", identityId: "i1" });
    expect(bare.status).toBe("error");
    if (bare.status !== "success") {
      expect(failedIntentOf(bare)).toBe("scollega");
      expect(bare.error).toEqual({ currentPassword: ["validation.required"] });
    }
    const unlink = parseForm(identitiesActionSchema, { intent: "scollega", identityId: "i1", currentPassword: "x" });
    expect(unlink.status === "success" && unlink.value).toEqual({
      intent: "scollega",
      identityId: "i1",
      currentPassword: "x",
    });
    const byIdentity = parseForm(identitiesActionSchema, { intent: "scollega-by-identity", identityId: "i1" });
    expect(byIdentity.status === "success" && byIdentity.value).toEqual({
      intent: "scollega-by-identity",
      identityId: "i1",
    });
    expect(verdictsOf(identitiesActionSchema, [{ intent: "scollega-by-identity" }])).toEqual(["scollega-by-identity"]);
  });
});
