import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { forgotPasswordFormSchema, resetPasswordFormSchema } from "~/forms/account-forms.ts";
import { hashToken, newRawToken, TOKEN_LIFETIME_MS } from "./account-tokens.server.ts";

describe("account tokens", () => {
  it("are 32 random bytes in base64url, stored as their SHA-256", () => {
    const a = newRawToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, "base64url")).toHaveLength(32);
    expect(newRawToken()).not.toBe(a);
    expect(hashToken(a)).toBe(createHash("sha256").update(a).digest("hex"));
  });
  it("live 7 days (confirmation) and 1 hour (reset)", () => {
    expect(TOKEN_LIFETIME_MS["conferma-email"]).toBe(7 * 86_400_000);
    expect(TOKEN_LIFETIME_MS["reimposta-password"]).toBe(3_600_000);
  });
});

describe("forgot and reset forms", () => {
  it("normalise the email and apply the sign-up password rules", () => {
    expect(forgotPasswordFormSchema.parse({ email: " Maria@Scuola.IT " })).toEqual({ email: "maria@scuola.it" });
    expect(resetPasswordFormSchema.safeParse({ password: "corta1" }).success).toBe(false);
    expect(resetPasswordFormSchema.safeParse({ password: "solo-lettere-lunghe" }).success).toBe(false);
    expect(resetPasswordFormSchema.safeParse({ password: "nuovapassword42" }).success).toBe(true);
  });
});
