// Sign-up keeps the return address (issue 12 item 6): /registrati?redirectTo=… carries it through
// the "check your email" page, the confirmation page and the first sign-in, validated as a path of
// this site at every step. Real SQLite or PostgreSQL (DATABASE_URL).
import { afterAll, describe, expect, it } from "vitest";
import * as signInRoute from "../../app/routes/accedi.tsx";
import * as confirmRoute from "../../app/routes/conferma-email.$token.tsx";
import * as forgotRoute from "../../app/routes/password-dimenticata.tsx";
import * as signupRoute from "../../app/routes/registrati.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser, TEST_PASSWORD, unique } from "../support/factories.ts";
import { hrefsOf, renderRoutePage } from "../support/render-route.ts";
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

describe("the links between sign-in, sign-up and a forgotten password keep where the teacher was going", () => {
  // "Iscriviti" on an event led to /accedi?redirectTo=/eventi/…; /accedi → /registrati kept it, but "Accedi" back
  // from /registrati, "Password dimenticata?" and its "Torna all'accesso" dropped it: after signing in she landed
  // on the catalogue, not the event (review 0018, finding 7).
  const target = "/eventi/ev1/iscrizione?edizione=ed1";
  const carried = (path: string) => `${path}?redirectTo=${encodeURIComponent(target)}`;
  const signInPage = { providers: [], passwordEnabled: true, sessionEnded: false };
  /** A reset request from a network of this test's own: the per-network limit of other tests' requests stays theirs. */
  const network = `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join(".")}`;
  const askReset = (form: Record<string, string>) => {
    const request = routeRequest("http://localhost/password-dimenticata", { form });
    request.headers.set("x-forma-client-ip", network);
    return callRoute(forgotRoute.action, request);
  };

  it("on /accedi, /registrati and /password-dimenticata, each link carries it; one that leaves the site is dropped", async () => {
    const signIn = await renderRoutePage(signInRoute.default, {
      url: `http://localhost${carried("/accedi")}`,
      loaderData: signInPage,
    });
    expect(hrefsOf(signIn, "Password dimenticata?")).toEqual([carried("/password-dimenticata")]);
    expect(hrefsOf(signIn, "Registrati")).toContain(carried("/registrati"));

    const signUp = await renderRoutePage(signupRoute.default, { url: `http://localhost${carried("/registrati")}` });
    expect(hrefsOf(signUp, "Accedi")).toContain(carried("/accedi"));
    const sent = await renderRoutePage(signupRoute.default, {
      url: `http://localhost/registrati?inviata=1&redirectTo=${encodeURIComponent(target)}`,
    });
    expect(hrefsOf(sent, "Vai alla pagina di accesso")).toEqual([carried("/accedi")]);

    const forgot = await renderRoutePage(forgotRoute.default, {
      url: `http://localhost${carried("/password-dimenticata")}`,
    });
    expect(hrefsOf(forgot, "Torna all'accesso")).toEqual([carried("/accedi")]);
    expect(forgot).toContain(`name="redirectTo" value="${target.replace("&", "&amp;")}"`);

    // Somewhere else than this site: the links go plain, as the sign-in itself would refuse it.
    for (const hostile of ["//evil.example/", "https://evil.example/", "javascript:alert(1)"]) {
      const q = `?redirectTo=${encodeURIComponent(hostile)}`;
      const page = await renderRoutePage(signInRoute.default, {
        url: `http://localhost/accedi${q}`,
        loaderData: signInPage,
      });
      expect(hrefsOf(page, "Password dimenticata?")).toEqual(["/password-dimenticata"]);
      expect(hrefsOf(page, "Registrati")).toContain("/registrati");
      expect(hrefsOf(page, "Registrati")).not.toContain(`/registrati${q}`);
      const up = await renderRoutePage(signupRoute.default, { url: `http://localhost/registrati${q}` });
      expect(hrefsOf(up, "Accedi")).not.toContain(`/accedi${q}`);
      const back = await renderRoutePage(forgotRoute.default, { url: `http://localhost/password-dimenticata${q}` });
      expect(hrefsOf(back, "Torna all'accesso")).toEqual(["/accedi"]);
    }
  });

  it("through the reset email: asking for the link remembers it, and the sign-in after the new password lands there", async () => {
    // The reset page's "Accedi" opens /accedi without it (the email's link names only the token): the browser
    // that asked remembers it, as after a sign-up.
    const teacher = await createUser();
    const asked = await askReset({ email: teacher.email, redirectTo: target });
    expect(bodyOf<{ sent: boolean }>(asked).sent).toBe(true);
    const headers = new Headers((asked as { init?: { headers?: HeadersInit } }).init?.headers);
    const cookie = /(?:^|,\s*)(forma_return=[^;]*)/.exec(headers.get("Set-Cookie") ?? "")?.[1];
    expect(cookie).toBeDefined();
    const signIn = (await callRoute(
      signInRoute.action,
      routeRequest("http://localhost/accedi", {
        cookie: cookie!,
        form: { email: teacher.email, password: TEST_PASSWORD, redirectTo: "" },
      }),
    )) as Response;
    expect(signIn.headers.get("Location")).toBe(target);

    // Unknown address: the same answer, cookie included (it must not tell them apart); none without a return path.
    const unknown = await askReset({ email: `${unique("nessuno")}@scuola.example.it`, redirectTo: target });
    const unknownHeaders = new Headers((unknown as { init?: { headers?: HeadersInit } }).init?.headers);
    expect(unknownHeaders.get("Set-Cookie")).toContain("forma_return=");
    for (const redirectTo of ["", "//evil.example/"]) {
      const plain = await askReset({ email: teacher.email, redirectTo });
      expect((plain as { init?: { headers?: HeadersInit } | null }).init?.headers).toBeUndefined();
    }
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
