// Sign-up keeps the return address (issue 12 item 6): /registrati?redirectTo=… carries it through
// the "check your email" page, the confirmation page and the first sign-in, validated as a path of
// this site at every step. Real SQLite or PostgreSQL (DATABASE_URL).
import { afterAll, describe, expect, it } from "vitest";
import * as signInRoute from "../../app/routes/accedi.tsx";
import * as confirmRoute from "../../app/routes/conferma-email.$token.tsx";
import * as signupRoute from "../../app/routes/registrati.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser, TEST_PASSWORD, unique } from "../support/factories.ts";
import { bodyOf, callRoute, routeRequest } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const fields = (email: string, redirectTo: string) => ({
  firstName: "Giulia",
  lastName: "Verdi",
  email,
  password: "formazione2026",
  schoolLevel: "primaria",
  regionCode: "toscana",
  professionalRole: "docente",
  redirectTo,
});

/** The "name=value" of the return cookie a response sets, or null. */
function returnCookieOf(response: Response): string | null {
  const set = response.headers.get("Set-Cookie") ?? "";
  const match = /(?:^|,\s*)(forma_return=[^;]*)/.exec(set);
  return match ? match[1]! : null;
}

describe("sign-up keeps where the teacher was going", () => {
  it("through the sign-up answer, the confirmation page and the first sign-in", async () => {
    const { event, edition } = await createOpenEdition();
    const target = `/eventi/${event.id}/iscrizione?edizione=${edition.id}`;
    const signup = (await callRoute(
      signupRoute.action,
      routeRequest("http://localhost/registrati", {
        form: fields(`${unique("ritorno")}@scuola.example.it`, target),
      }),
    )) as Response;
    expect(signup.status).toBe(302);
    expect(signup.headers.get("Location")).toBe(`/registrati?inviata=1&redirectTo=${encodeURIComponent(target)}`);
    const cookie = returnCookieOf(signup);
    expect(cookie).not.toBeNull();

    // The confirmation link, opened in the same browser, offers to sign in and continue there.
    const confirmPage = await callRoute(
      confirmRoute.loader,
      routeRequest("http://localhost/conferma-email/sconosciuto", { cookie: cookie! }),
      { token: "sconosciuto" },
    );
    expect(bodyOf<{ returnTo: string | null }>(confirmPage).returnTo).toBe(target);

    // The first sign-in, even from a form without redirectTo, lands there and forgets it.
    const teacher = await createUser();
    const signIn = (await callRoute(
      signInRoute.action,
      routeRequest("http://localhost/accedi", {
        cookie: cookie!,
        form: { email: teacher.email, password: TEST_PASSWORD, redirectTo: "" },
      }),
    )) as Response;
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("Location")).toBe(target);
    expect(returnCookieOf(signIn)).toBe("forma_return=");

    // Without the cookie, the usual landing page.
    const plain = (await callRoute(
      signInRoute.action,
      routeRequest("http://localhost/accedi", {
        form: { email: teacher.email, password: TEST_PASSWORD, redirectTo: "" },
      }),
    )) as Response;
    expect(plain.headers.get("Location")).toBe("/eventi");
  });

  it("drops a return address that leaves the site", async () => {
    for (const hostile of ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      const signup = (await callRoute(
        signupRoute.action,
        routeRequest("http://localhost/registrati", {
          form: fields(`${unique("ostile")}@scuola.example.it`, hostile),
        }),
      )) as Response;
      expect(signup.status).toBe(302);
      expect(signup.headers.get("Location")).toBe("/registrati?inviata=1");
      expect(returnCookieOf(signup)).toBeNull();
    }
    // A forged cookie is checked again at sign-in.
    const teacher = await createUser();
    const signIn = (await callRoute(
      signInRoute.action,
      routeRequest("http://localhost/accedi", {
        cookie: `forma_return=${encodeURIComponent(Buffer.from(JSON.stringify("//evil.example/")).toString("base64"))}`,
        form: { email: teacher.email, password: TEST_PASSWORD, redirectTo: "" },
      }),
    )) as Response;
    expect(signIn.headers.get("Location")).toBe("/eventi");
  });
});

describe("sign-up names (ADR 0075)", () => {
  it("refuses a name the PDFs cannot print with its own message and creates no account; takes a Greek one", async () => {
    const refusedEmail = `${unique("kanji")}@scuola.example.it`;
    const refused = await callRoute(
      signupRoute.action,
      routeRequest("http://localhost/registrati", {
        form: { ...fields(refusedEmail, ""), firstName: "太郎", lastName: "山田" },
      }),
    );
    const error = bodyOf<{ result: { error: Record<string, string[]> } }>(refused).result.error;
    expect(error.firstName).toEqual(["validation.nameScript"]);
    expect(error.lastName).toEqual(["validation.nameScript"]);
    expect(await prisma.user.findUnique({ where: { email: refusedEmail } })).toBeNull();

    const email = `${unique("greco")}@scuola.example.it`;
    const signup = (await callRoute(
      signupRoute.action,
      routeRequest("http://localhost/registrati", {
        form: { ...fields(email, ""), firstName: "Αλέξανδρος", lastName: "Παπαδόπουλος" },
      }),
    )) as Response;
    expect(signup.status).toBe(302);
    expect(await prisma.user.findUniqueOrThrow({ where: { email } })).toMatchObject({
      firstName: "Αλέξανδρος",
      lastName: "Παπαδόπουλος",
    });
  });
});
