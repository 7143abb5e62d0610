// The chrome of a document drawn without the root loader's data (app/utils/document-locale.server.ts): the error page
// of a form its action refused, posted without JavaScript. Its language and signed-in person are read from the request
// as the root loader reads them, the person shaped by the root loader's own rootUser: a trainer whose form was refused
// saw the signed-out menu, as if signed out. Never a failure of the error page: the database known to be away (the
// server answers its 503 page) or no session gives the request's language and no person.
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "../../app/utils/db.server.ts";
import { documentChrome } from "../../app/utils/document-locale.server.ts";
import { createUser } from "../support/factories.ts";
import { cookieOf, routeRequest } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const context = (databaseUnavailable: boolean) =>
  ({ forma: { databaseUnavailable, cspNonce: "" } }) as unknown as AppLoadContext;

/** A form posted to a trainer's register, as the browser sends it without JavaScript. */
const refusedPost = (cookie?: string, query = "") =>
  routeRequest(`http://localhost/formazione/incontri/s1${query}`, { cookie, form: { intent: "save" } });

describe("the chrome of a document without the root loader's data", () => {
  it("says the person signed in as the root loader does, in the account's language", async () => {
    const trainer = await createUser({ firstName: "Giulia", lastName: "Neri", roles: [{ role: "formatore" }] });
    await prisma.user.update({ where: { id: trainer.id }, data: { locale: "en" } });
    const cookie = await cookieOf(trainer.id);
    const chrome = await documentChrome(refusedPost(cookie), context(false));
    expect(chrome).toEqual({
      locale: "en",
      user: {
        id: trainer.id,
        name: "Giulia Neri",
        isOrganiser: false,
        isNationalUnit: false,
        isTrainer: true,
        email: trainer.email,
        emailRefusedAt: null,
        idleSecondsLeft: expect.any(Number),
      },
    });
  });

  it("an organiser's roles give the organiser's menu", async () => {
    const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const chrome = await documentChrome(refusedPost(await cookieOf(referent.id)), context(false));
    expect(chrome.user).toMatchObject({ isOrganiser: true, isNationalUnit: false, isTrainer: false });
  });

  it("signed out: no person, the request's language", async () => {
    expect(await documentChrome(refusedPost(undefined, "?lang=en"), context(false))).toEqual({
      locale: "en",
      user: null,
    });
  });

  it("a session that has ended: no person", async () => {
    const user = await createUser();
    const cookie = await cookieOf(user.id);
    await prisma.userSession.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(0) } });
    expect(await documentChrome(refusedPost(cookie), context(false))).toEqual({ locale: "it", user: null });
  });

  it("the database known to be away: the session is not read, the page is drawn signed out", async () => {
    const user = await createUser({ roles: [{ role: "formatore" }] });
    await prisma.user.update({ where: { id: user.id }, data: { locale: "en" } });
    const cookie = await cookieOf(user.id);
    // The account's English is not read either: the request alone says the language.
    expect(await documentChrome(refusedPost(cookie), context(true))).toEqual({ locale: "it", user: null });
    expect(await documentChrome(refusedPost(cookie, "?lang=en"), context(true))).toEqual({ locale: "en", user: null });
  });
});
