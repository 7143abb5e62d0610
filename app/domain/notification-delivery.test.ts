import { describe, expect, it } from "vitest";
import { permanentRecipientRefusal } from "./notification-delivery.ts";

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
