import { describe, expect, it } from "vitest";
import { recipientOf } from "./notification-recipient.ts";

describe("recipientOf", () => {
  it("is the message's own address for an account message about another address, while it holds one", () => {
    const change = JSON.stringify({ token: "t", to: "nuova@scuola.example.it" });
    expect(recipientOf("cambio-email", change, "vecchia@scuola.example.it")).toBe("nuova@scuola.example.it");
    const told = JSON.stringify({ token: "t", to: "vecchia@scuola.example.it", newEmail: "nuova@scuola.example.it" });
    expect(recipientOf("email-modificata", told, "nuova@scuola.example.it")).toBe("vecchia@scuola.example.it");
    expect(recipientOf("account-chiuso", JSON.stringify({ to: "ultima@scuola.example.it" }), "chiuso@invalid")).toBe(
      "ultima@scuola.example.it",
    );
  });

  it("is the account's address otherwise: other kinds, a sent message (its address gone), a payload that is not JSON", () => {
    const account = "docente@scuola.example.it";
    expect(recipientOf("iscrizione-confermata", JSON.stringify({ to: "altro@example.it" }), account)).toBe(account);
    expect(recipientOf("cambio-email", "{}", account)).toBe(account);
    expect(recipientOf("cambio-email", '{"to":', account)).toBe(account);
    expect(recipientOf("cambio-email", JSON.stringify({ to: "" }), account)).toBe(account);
    expect(recipientOf("cambio-email", JSON.stringify({ to: 5 }), account)).toBe(account);
  });
});
