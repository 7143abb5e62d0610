import { describe, expect, it } from "vitest";
import { parseForm, verdictsOf, type FormFields } from "../../tests/support/intent-forms.ts";
import { adminUsersActionSchema } from "./admin-users-form.ts";
import { failedIntentOf } from "./intent.ts";

const parse = (fields: FormFields) => parseForm(adminUsersActionSchema, fields);

describe("adminUsersActionSchema", () => {
  it("refuses an unknown or missing intent", () => {
    expect(verdictsOf(adminUsersActionSchema, [{ intent: "promote-everyone" }, {}])).toEqual([null, null]);
  });

  it("parses each member", () => {
    const grant = parse({ intent: "grant", userId: "u1", role: "referente-usr", regionCode: "toscana" });
    expect(grant.status === "success" && grant.value).toEqual({
      intent: "grant",
      userId: "u1",
      role: "referente-usr",
      regionCode: "toscana",
    });
    const national = parse({ intent: "grant", userId: "u1", role: "unita-nazionale", regionCode: "toscana" });
    expect(national.status === "success" && national.value).toMatchObject({ regionCode: "" });
    const revoke = parse({ intent: "revoke", roleId: "r1", confirm: "yes" });
    expect(revoke.status === "success" && revoke.value).toEqual({ intent: "revoke", roleId: "r1", confirm: "yes" });
    const close = parse({ intent: "close-account", userId: "u2", confirm: "on" });
    expect(close.status === "success" && close.value).toEqual({ intent: "close-account", userId: "u2", confirm: true });
  });

  it("closes an account only with its confirmation", () => {
    const unconfirmed = parse({ intent: "close-account", userId: "u2" });
    expect(unconfirmed.status).toBe("error");
    if (unconfirmed.status !== "success") {
      expect(failedIntentOf(unconfirmed)).toBe("close-account");
      expect(unconfirmed.error).toEqual({ confirm: ["admin.users.closeAccountConfirmRequired"] });
    }
  });

  it("revokes a role only from its second step (confirm=yes)", () => {
    // The row's button revoked at one tap, and revoking a trainer takes them off every event for good.
    const posts: FormFields[] = [
      { intent: "revoke", roleId: "r1" },
      { intent: "revoke", roleId: "r1", confirm: "on" },
    ];
    for (const fields of posts) {
      const unconfirmed = parse(fields);
      expect(unconfirmed.status).toBe("error");
      if (unconfirmed.status !== "success") {
        expect(failedIntentOf(unconfirmed)).toBe("revoke");
        expect(unconfirmed.error).toEqual({ confirm: ["admin.users.revokeConfirmRequired"] });
      }
    }
  });

  it("keeps the grant form's region rule", () => {
    const referent = parse({ intent: "grant", userId: "u1", role: "referente-usr" });
    expect(referent.status).toBe("error");
    if (referent.status !== "success") {
      expect(failedIntentOf(referent)).toBe("grant");
      expect(referent.error).toEqual({ regionCode: ["admin.validation.regionRequiredForReferent"] });
    }
  });
});
