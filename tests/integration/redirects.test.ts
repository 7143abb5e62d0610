// Redirect targets named by the request (redirectTo) stay on this site in every route that uses them.
import { afterAll, describe, expect, it } from "vitest";
import * as accedi from "../../app/routes/accedi.tsx";
import * as lingua from "../../app/routes/lingua.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createUser, TEST_PASSWORD } from "../support/factories.ts";
import { cookieOf, runRoute } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const HOSTILE = ["/%09/evil.example", "//evil.example", "/\\evil.example", "/%5Cevil.example", "https://evil.example"];

describe("redirectTo", () => {
  it("a signed-in user opening /accedi with a hostile redirectTo stays on the site", async () => {
    const user = await createUser();
    const cookie = await cookieOf(user.id);
    for (const target of HOSTILE) {
      const url = `http://localhost/accedi?redirectTo=${encodeURIComponent(target)}`;
      const r = await runRoute(accedi.loader, { url, cookie });
      expect(r).toMatchObject({ status: 302, location: "/eventi" });
    }
    const ok = await runRoute(accedi.loader, {
      url: "http://localhost/accedi?redirectTo=%2Fle-mie-iscrizioni",
      cookie,
    });
    expect(ok.location).toBe("/le-mie-iscrizioni");
  });

  it("signing in from a crafted link lands on the site", async () => {
    const user = await createUser();
    const r = await runRoute(accedi.action, {
      url: "http://localhost/accedi",
      form: { email: user.email, password: TEST_PASSWORD, redirectTo: "/%09/evil.example" },
    });
    expect(r).toMatchObject({ status: 302, location: "/eventi" });
  });

  it("/lingua refuses hostile targets, and a line break answers a redirect, not 500", async () => {
    for (const target of [...HOSTILE, "/eventi\r\nSet-Cookie: x=1", "/\n/evil.example"]) {
      const r = await runRoute(lingua.action, {
        url: "http://localhost/lingua",
        form: { locale: "en", redirectTo: target },
      });
      expect(r).toMatchObject({ status: 302, location: "/" });
    }
    const ok = await runRoute(lingua.action, {
      url: "http://localhost/lingua",
      form: { locale: "en", redirectTo: "/eventi?q=caffè" },
    });
    expect(ok.location).toBe("/eventi?q=caff%C3%A8");
    // Back to a page opened from an English email's link, without its ?lang=, which would outrank the choice.
    const fromEmail = await runRoute(lingua.action, {
      url: "http://localhost/lingua",
      form: { locale: "it", redirectTo: "/conferma-email/abc?lang=en" },
    });
    expect(fromEmail.location).toBe("/conferma-email/abc");
  });
});
