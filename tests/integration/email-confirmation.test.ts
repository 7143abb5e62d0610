// Enrolling and applying need a confirmed email; the enrolment page offers a rate-limited new link.
import { afterAll, describe, expect, it } from "vitest";
import * as enrolPage from "../../app/routes/eventi.$eventId_.iscrizione.tsx";
import * as signupRoute from "../../app/routes/registrati.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { CONFIRMATION_RESEND_LIMITS } from "../../app/utils/rate-limit.server.ts";
import { createOpenEdition, createUser, teacherSignupFields, unique } from "../support/factories.ts";
import { callRoute, cookieOf, routeRequest, runRoute } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

async function unconfirmedTeacher() {
  const user = await createUser({ emailVerifiedAt: null });
  return { user, cookie: await cookieOf(user.id) };
}

describe("email confirmation", () => {
  it("an unconfirmed account cannot enrol or apply (403, no row), and the page says so", async () => {
    const { event, edition } = await createOpenEdition();
    const { user, cookie } = await unconfirmedTeacher();
    const url = `http://localhost/eventi/${event.id}/iscrizione`;
    const params = { eventId: event.id };
    const page = await runRoute(enrolPage.loader, { url, cookie, params });
    expect(page.data).toMatchObject({ emailConfirmed: false, email: user.email });

    const enrol = await runRoute(enrolPage.action, { url, cookie, params, form: { editionId: edition.id } });
    expect(enrol.status).toBe(403);
    const apply = await runRoute(enrolPage.action, {
      url,
      cookie,
      params,
      form: { intent: "apply", editionId: edition.id, motivation: "Vorrei partecipare per migliorare la didattica." },
    });
    expect(apply.status).toBe(403);
    expect(await prisma.enrolment.count({ where: { userId: user.id } })).toBe(0);

    // Once the link is opened (the date written by the confirmation page), the same request enrols.
    await prisma.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
    const again = await runRoute(enrolPage.action, {
      url,
      cookie: await cookieOf(user.id),
      params,
      form: { editionId: edition.id },
    });
    expect(again.status).toBe(302);
    expect(await prisma.enrolment.count({ where: { userId: user.id } })).toBe(1);
  });

  it("'send the link again' issues a new confirmation email, a few times an hour at most", async () => {
    const { event } = await createOpenEdition();
    const { user, cookie } = await unconfirmedTeacher();
    const url = `http://localhost/eventi/${event.id}/iscrizione`;
    const params = { eventId: event.id };
    for (let i = 0; i < CONFIRMATION_RESEND_LIMITS.perUser; i++) {
      const r = await runRoute(enrolPage.action, { url, cookie, params, form: { intent: "resend-confirmation" } });
      expect(r).toMatchObject({ status: 200, data: { confirmationSent: true } });
    }
    const refused = await runRoute(enrolPage.action, { url, cookie, params, form: { intent: "resend-confirmation" } });
    expect(refused.status).toBe(429);
    expect(
      await prisma.accountToken.count({ where: { userId: user.id, purpose: "conferma-email", usedAt: null } }),
    ).toBe(CONFIRMATION_RESEND_LIMITS.perUser);
    expect(await prisma.notification.count({ where: { userId: user.id, kind: "conferma-email" } })).toBe(
      CONFIRMATION_RESEND_LIMITS.perUser,
    );
  });

  it("a confirmed account asking for a link gets none", async () => {
    const { event } = await createOpenEdition();
    const user = await createUser();
    const r = await runRoute(enrolPage.action, {
      url: `http://localhost/eventi/${event.id}/iscrizione`,
      cookie: await cookieOf(user.id),
      params: { eventId: event.id },
      form: { intent: "resend-confirmation" },
    });
    expect(r.status).toBe(200);
    expect(await prisma.accountToken.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("sign-up does not reveal whether an email has an account", () => {
  it("answers the same for a new and a known address, signs nobody in, and emails the known address's owner", async () => {
    const existing = await createUser();
    const fresh = `${unique("nuovo")}@scuola.example.it`;
    const url = "http://localhost/registrati";
    const a = await callRoute(signupRoute.action, routeRequest(url, { form: teacherSignupFields(fresh) }));
    const b = await callRoute(
      signupRoute.action,
      routeRequest(url, { form: teacherSignupFields(existing.email.toUpperCase()) }),
    );
    for (const r of [a, b]) {
      expect(r).toBeInstanceOf(Response);
      const response = r as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/registrati?inviata=1");
      expect(response.headers.get("Set-Cookie")).toBeNull();
    }
    expect(await prisma.user.count({ where: { email: fresh } })).toBe(1);
    expect(await prisma.user.count({ where: { email: existing.email } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: existing.id, kind: "account-esistente" } })).toBe(1);
  });
});
