// A sign-up with an address that already has an account emails its owner ("account-esistente"): the email says how
// that account signs in. One made with SPID/CIE often has no password, and "accedi con la tua password" sent its owner
// to a password they never had (ADR 0014, addendum of 07/12/2026). Through the sign-up, the outbox and a real SMTP server.
import { describe, expect, it, vi } from "vitest";

// Before any module reads the environment (it is read once and cached).
vi.hoisted(() => {
  process.env.OIDC_PROVIDERS = JSON.stringify([
    { id: "spid", issuer: "https://spid.example.it", clientId: "forma", clientSecret: "s", label: "Entra con SPID" },
    { id: "cie", issuer: "https://cie.example.it", clientId: "forma", clientSecret: "s", label: "Entra con CIE" },
  ]);
});

import { createTeacherAccount } from "../../app/utils/account.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { createUser, teacherSignupFields, unique } from "../support/factories.ts";
import { sendQueued, withFileMailbox } from "../support/file-mailbox.ts";
import { to, type Inbox } from "../support/smtp.ts";

let inbox: Inbox;
let mailer: Mailer;

withFileMailbox((started) => ({ inbox, mailer } = started));

const signUpAgain = (email: string) => createTeacherAccount(teacherSignupFields(email), "it");

/** The text of the one "account-esistente" email sent to `email`. */
async function existingAccountText(email: string): Promise<string> {
  await sendQueued(mailer, unique("esistente"));
  const mails = to(inbox, email).filter((m) => m.subject?.startsWith("Hai già un account Forma"));
  expect(mails).toHaveLength(1);
  return mails[0]!.text ?? "";
}

describe("account-esistente", () => {
  it("tells the owner of an account made with SPID and CIE to sign in with them, not with a password it has not got", async () => {
    const owner = await createUser();
    // Made at /accedi/completa: no password, two identities (SPID first).
    await prisma.password.delete({ where: { userId: owner.id } });
    for (const [provider, daysAgo] of [
      ["spid", 2],
      ["cie", 1],
    ] as const) {
      await prisma.userIdentity.create({
        data: {
          userId: owner.id,
          provider,
          issuer: `https://${provider}.example.it`,
          subject: unique(provider),
          linkedAt: new Date(Date.now() - daysAgo * 86_400_000),
        },
      });
    }
    expect(await signUpAgain(owner.email)).toEqual({ ok: true, userId: owner.id, created: false });
    const text = (await existingAccountText(owner.email)).replace(/\s+/g, " ");
    expect(text).toContain(
      "Se la richiesta è tua, accedi con «Entra con SPID» o «Entra con CIE» dalla pagina di accesso: il tuo account non ha una password.",
    );
    expect(text).not.toContain("accedi con la tua password");
  });

  it("tells the owner of a password account to sign in with the password", async () => {
    const owner = await createUser();
    expect(await signUpAgain(owner.email)).toEqual({ ok: true, userId: owner.id, created: false });
    const text = (await existingAccountText(owner.email)).replace(/\s+/g, " ");
    expect(text).toContain(
      "Se la richiesta è tua, accedi con la tua password, oppure scegline una nuova dalla pagina di accesso («Password dimenticata?»).",
    );
    expect(text).not.toMatch(/SPID|CIE/);
  });
});
