import { describe, expect, it } from "vitest";
import {
  accountLinkOutdated,
  accountMessageStripped,
  lateRecipientRefusal,
  offerMessageOutdated,
  parseDeliveryStatus,
  permanentRecipientRefusal,
  seatMessageOutdated,
  sessionMessageOutdated,
} from "./notification-delivery.ts";

// The shapes nodemailer 7 gives (seen against smtp-server refusing a recipient with 550).
function envelopeError(responseCode: number, command = "RCPT TO", response = `${responseCode} 5.1.1 User unknown`) {
  const recipient = Object.assign(new Error(`Recipient command failed: ${response}`), {
    code: "EENVELOPE",
    response,
    responseCode,
    command,
    recipient: "x@scuola.example.it",
  });
  return Object.assign(new Error(`Can't send mail - all recipients were rejected: ${response}`), {
    code: "EENVELOPE",
    response,
    responseCode,
    command,
    rejected: ["x@scuola.example.it"],
    rejectedErrors: [recipient],
  });
}

describe("a permanent refusal of the recipient's address", () => {
  it("is a 5xx answer to RCPT TO, with the server's words", () => {
    expect(permanentRecipientRefusal(envelopeError(550))).toBe("550 5.1.1 User unknown");
    expect(permanentRecipientRefusal(envelopeError(553, "RCPT TO", "553 mailbox name not allowed"))).toBe(
      "553 mailbox name not allowed",
    );
    // Only the per-recipient error carries it (a message to several recipients, one refused).
    const partial = { message: "x", rejectedErrors: [envelopeError(551).rejectedErrors[0]] };
    expect(permanentRecipientRefusal(partial)).toBe("551 5.1.1 User unknown");
  });

  it("is not a full mailbox (552), a temporary answer, the relay refusing Forma, or a network error", () => {
    expect(permanentRecipientRefusal(envelopeError(552, "RCPT TO", "552 mailbox full"))).toBeNull();
    expect(permanentRecipientRefusal(envelopeError(450, "RCPT TO", "450 try later"))).toBeNull();
    expect(permanentRecipientRefusal(envelopeError(550, "MAIL FROM", "550 sender refused"))).toBeNull();
    expect(permanentRecipientRefusal(envelopeError(554, "DATA", "554 spam"))).toBeNull();
    expect(permanentRecipientRefusal(Object.assign(new Error("connect ECONNREFUSED"), { code: "ESOCKET" }))).toBeNull();
    expect(permanentRecipientRefusal("text")).toBeNull();
    expect(permanentRecipientRefusal(null)).toBeNull();
  });

  it("keeps at most 300 characters of the answer", () => {
    expect(permanentRecipientRefusal(envelopeError(550, "RCPT TO", `550 ${"x".repeat(1000)}`))).toHaveLength(300);
  });
});

// A Postfix bounce's message/delivery-status part (RFC 3464), folded Diagnostic-Code and all.
const POSTFIX_REPORT = [
  "Reporting-MTA: dns; relay.istruzione.example",
  "X-Postfix-Queue-ID: 4Xy1Zq0abc",
  "Arrival-Date: Thu,  3 Dec 2026 09:12:01 +0100 (CET)",
  "",
  "Final-Recipient: rfc822; maria.rossi@scuola.example",
  "Original-Recipient: rfc822;maria.rossi@scuola.example",
  "Action: failed",
  "Status: 5.1.1",
  "Remote-MTA: dns; mx.scuola.example",
  "Diagnostic-Code: smtp; 550 5.1.1 <maria.rossi@scuola.example>: Recipient address",
  "    rejected: User unknown in virtual mailbox table",
  "",
].join("\r\n");

describe("bounces that come later (delivery status reports, ADR 0087)", () => {
  it("reads each recipient's block, unfolded, without the address and diagnostic types", () => {
    expect(parseDeliveryStatus(POSTFIX_REPORT)).toEqual([
      {
        recipient: "maria.rossi@scuola.example",
        action: "failed",
        status: "5.1.1",
        diagnostic:
          "550 5.1.1 <maria.rossi@scuola.example>: Recipient address rejected: User unknown in virtual mailbox table",
      },
    ]);
    // Exchange writes "Action: failed" and "Status: 5.1.10 (…)"; a message block alone has no recipient.
    expect(
      parseDeliveryStatus(
        "Reporting-MTA: dns;ex.example\n\nFinal-Recipient: RFC822;a@b.example\nAction: Failed\nStatus: 5.1.10\n",
      ),
    ).toEqual([{ recipient: "a@b.example", action: "failed", status: "5.1.10", diagnostic: null }]);
    expect(parseDeliveryStatus("Reporting-MTA: dns; x\n")).toEqual([]);
    expect(parseDeliveryStatus("")).toEqual([]);
  });

  it("counts only a failure that says the address is wrong", () => {
    const report = (action: string, status: string) => ({ recipient: "a@b.example", action, status, diagnostic: null });
    for (const status of ["5.1.1", "5.1.2", "5.1.3", "5.1.6", "5.1.10", "5.2.1"]) {
      expect(lateRecipientRefusal(report("failed", status)), status).toBe(status);
    }
    // Full mailbox, message too big, spam or policy (Forma's fault, not the address's), routing, temporary.
    for (const status of ["5.2.2", "5.3.4", "5.7.1", "5.7.26", "5.4.7", "4.1.1", "5.0.0"]) {
      expect(lateRecipientRefusal(report("failed", status)), status).toBeNull();
    }
    expect(lateRecipientRefusal(report("delayed", "5.1.1"))).toBeNull();
    expect(lateRecipientRefusal(report("delivered", "2.0.0"))).toBeNull();
    expect(lateRecipientRefusal(parseDeliveryStatus(POSTFIX_REPORT)[0]!)).toMatch(/^550 5\.1\.1 .*User unknown/);
  });
});

describe("sessionMessageOutdated", () => {
  const now = new Date("2027-03-09T15:00:00Z");
  const start = "2027-03-10T15:00:00.000Z";
  const at = (iso: string) => new Date(iso);
  it("sends a reminder whose place and session are as they were written", () => {
    expect(
      sessionMessageOutdated({ placeStatus: "iscritto", writtenStartsAt: start, startsAtNow: at(start), now }),
    ).toBe(false);
    // An "after the last session" message names no session: only the place counts.
    expect(
      sessionMessageOutdated({ placeStatus: "iscritto", writtenStartsAt: undefined, startsAtNow: undefined, now }),
    ).toBe(false);
  });
  it("holds back one whose place ended, whose session moved, was deleted or has started", () => {
    expect(
      sessionMessageOutdated({ placeStatus: "annullato", writtenStartsAt: start, startsAtNow: at(start), now }),
    ).toBe(true);
    expect(sessionMessageOutdated({ placeStatus: null, writtenStartsAt: undefined, startsAtNow: undefined, now })).toBe(
      true,
    );
    expect(
      sessionMessageOutdated({
        placeStatus: "iscritto",
        writtenStartsAt: start,
        startsAtNow: at("2027-03-17T15:00:00Z"),
        now,
      }),
    ).toBe(true);
    expect(sessionMessageOutdated({ placeStatus: "iscritto", writtenStartsAt: start, startsAtNow: null, now })).toBe(
      true,
    );
    expect(
      sessionMessageOutdated({
        placeStatus: "iscritto",
        writtenStartsAt: start,
        startsAtNow: at(start),
        now: at(start),
      }),
    ).toBe(true);
  });
});

describe("messages that would no longer be true when they leave", () => {
  const now = new Date("2027-03-09T15:00:00Z");
  const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

  it("an offer of a seat leaves only while the place holds it and its deadline lies ahead", () => {
    expect(offerMessageOutdated({ placeStatus: "offerta", offerExpiresAt: minutes(60), now })).toBe(false);
    expect(offerMessageOutdated({ placeStatus: "offerta", offerExpiresAt: null, now })).toBe(false);
    // Past its deadline, before the expiry job ended it.
    expect(offerMessageOutdated({ placeStatus: "offerta", offerExpiresAt: now, now })).toBe(true);
    for (const placeStatus of ["offerta-scaduta", "offerta-rifiutata", "iscritto", "edizione-annullata", null]) {
      expect(offerMessageOutdated({ placeStatus, offerExpiresAt: minutes(60), now })).toBe(true);
    }
  });

  it("an account link leaves only while it works", () => {
    expect(accountLinkOutdated({ usedAt: null, expiresAt: minutes(1) }, now)).toBe(false);
    expect(accountLinkOutdated({ usedAt: null, expiresAt: now }, now)).toBe(true);
    expect(accountLinkOutdated({ usedAt: minutes(-5), expiresAt: minutes(60) }, now)).toBe(true);
    expect(accountLinkOutdated(null, now)).toBe(true);
  });

  it("an account message sent once lacks its link or address: it is not rebuilt without them", () => {
    const token = "a".repeat(43);
    expect(accountMessageStripped("reimposta-password", { token })).toBe(false);
    expect(accountMessageStripped("cambio-email", { token, to: "nuova@scuola.example.it" })).toBe(false);
    expect(accountMessageStripped("email-modificata", { to: "vecchia@scuola.example.it" })).toBe(false);
    expect(accountMessageStripped("reimposta-password", {})).toBe(true);
    expect(accountMessageStripped("account-in-scadenza", { token: "" })).toBe(true);
    expect(accountMessageStripped("cambio-email", { token })).toBe(true);
    expect(accountMessageStripped("account-chiuso", {})).toBe(true);
    // Kinds that need neither, and enrolment messages.
    expect(accountMessageStripped("email-in-uso", {})).toBe(false);
    expect(accountMessageStripped("iscrizione-confermata", {})).toBe(false);
  });
});

describe("seatMessageOutdated", () => {
  it("is outdated once the place no longer holds the seat it announces", () => {
    expect(seatMessageOutdated("iscritto")).toBe(false);
    for (const status of ["annullato", "rimosso", "spostato", "edizione-annullata", "offerta", "in-attesa", null]) {
      expect(seatMessageOutdated(status)).toBe(true);
    }
  });
});
