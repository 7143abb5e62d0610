import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { adminUsersActionSchema } from "./admin-users-form.ts";
import { failedIntentOf } from "./intent.ts";

function parse(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return parseWithZod(data, { schema: adminUsersActionSchema });
}

describe("adminUsersActionSchema", () => {
  it("refuses an unknown or missing intent", () => {
    for (const fields of [{ intent: "promote-everyone" }, {}] as Record<string, string>[]) {
      const submission = parse(fields);
      expect(submission.status).toBe("error");
      if (submission.status !== "success") expect(failedIntentOf(submission)).toBeNull();
    }
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
    const revoke = parse({ intent: "revoke", roleId: "r1" });
    expect(revoke.status === "success" && revoke.value).toEqual({ intent: "revoke", roleId: "r1" });
    const close = parse({ intent: "close-account", userId: "u2" });
    expect(close.status === "success" && close.value).toEqual({ intent: "close-account", userId: "u2" });
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
