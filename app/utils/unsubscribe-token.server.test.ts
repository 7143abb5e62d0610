import { describe, expect, it } from "vitest";
import { readUnsubscribeToken, unsubscribeToken, unsubscribeUrl } from "./unsubscribe-token.server.ts";

const SECRET = "a-session-secret-of-at-least-32-characters";

describe("unsubscribe tokens", () => {
  it("name the topic and the person, and read back only with the same secret", () => {
    const token = unsubscribeToken(SECRET, "promemoria", "cm0user1");
    expect(token).toMatch(/^promemoria\.cm0user1\.[A-Za-z0-9_-]{43}$/);
    expect(readUnsubscribeToken(SECRET, token)).toEqual({ topic: "promemoria", userId: "cm0user1" });
    // Stable: the same link in every reminder, with no expiry.
    expect(unsubscribeToken(SECRET, "promemoria", "cm0user1")).toBe(token);
    expect(readUnsubscribeToken("another-secret-of-at-least-32-characters!", token)).toBeNull();
  });

  it("cannot be turned into another person's or another topic's link", () => {
    const mine = unsubscribeToken(SECRET, "promemoria", "cm0user1");
    const [, , mac] = mine.split(".");
    // Another person's id with my signature, or theirs with any made-up one: refused.
    expect(readUnsubscribeToken(SECRET, `promemoria.cm0user2.${mac}`)).toBeNull();
    expect(readUnsubscribeToken(SECRET, `promemoria.cm0user2.${"A".repeat(43)}`)).toBeNull();
    expect(readUnsubscribeToken(SECRET, `tutto.cm0user1.${mac}`)).toBeNull();
    // One character of the signature changed, cut short, or extra parts.
    const flipped = mine.slice(0, -1) + (mine.endsWith("A") ? "B" : "A");
    expect(readUnsubscribeToken(SECRET, flipped)).toBeNull();
    expect(readUnsubscribeToken(SECRET, mine.slice(0, -2))).toBeNull();
    expect(readUnsubscribeToken(SECRET, `${mine}.x`)).toBeNull();
    for (const junk of ["", "promemoria", "..", "promemoria.../..", "promemoria.cm0 user1." + mac]) {
      expect(readUnsubscribeToken(SECRET, junk)).toBeNull();
    }
  });

  it("refuses to sign an id that could not travel in a path", () => {
    expect(() => unsubscribeToken(SECRET, "promemoria", "../x")).toThrow();
  });

  it("link to /disiscrizione on APP_ORIGIN, in English with ?lang=en", () => {
    const token = unsubscribeToken(SECRET, "promemoria", "cm0user1");
    expect(unsubscribeUrl("https://forma.example.it", token, "it")).toBe(
      `https://forma.example.it/disiscrizione/${token}`,
    );
    expect(unsubscribeUrl("https://forma.example.it/", token, "en")).toBe(
      `https://forma.example.it/disiscrizione/${token}?lang=en`,
    );
  });
});
