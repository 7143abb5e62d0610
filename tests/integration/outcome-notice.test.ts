// The outcome of an action, on the page its redirect leads to (review of the teacher's pages, 07/12/2026, WCAG 4.1.3):
// a notice already in the page when it loads is not announced (no JavaScript, or a full page load), so the page's
// title starts with the outcome ("Iscrizione confermata – Le mie iscrizioni · Forma") and the notice is a region named
// by its heading, focusable from script (NavigationFocus focuses it after a client navigation). Not after a form the
// page answered itself: the success still in the URL is then not what just happened (useSuccessInUrl).
import type { LoaderFunctionArgs, MetaArgs } from "@remix-run/node";
import { afterAll, describe, expect, it } from "vitest";
import { enrol } from "../../app/models/enrolment.server.ts";
import * as root from "../../app/root.tsx";
import * as myEnrolmentsRoute from "../../app/routes/le-mie-iscrizioni.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createUser, unique } from "../support/factories.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { cookieOf, routeRequest, runRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

type PageData = { enrolments: { id: string; status: string }[] };

/** The page's <title> as its meta gives it, at `search`, with the root loader's data given. */
function titleAt(search: string, data: PageData, rootData: Record<string, unknown> = { locale: "it" }): string {
  const args = {
    data,
    params: {},
    location: { pathname: "/le-mie-iscrizioni", search, hash: "", state: null, key: "k" },
    matches: [
      { id: "root", data: rootData, params: {}, pathname: "/", meta: [] },
      { id: "routes/le-mie-iscrizioni", data, params: {}, pathname: "/le-mie-iscrizioni", meta: [] },
    ],
  } as unknown as MetaArgs;
  const meta = myEnrolmentsRoute.meta(args as Parameters<typeof myEnrolmentsRoute.meta>[0]) as { title?: string }[];
  return meta.find((m) => m.title)!.title!;
}

describe("the outcome after an action's redirect", () => {
  it("starts the title of Le mie iscrizioni and is a focusable region with a heading", async () => {
    const { event, edition } = await createOpenEdition({ seatCap: 1, title: `Corso esito ${unique("")}` });
    const [seated, queued] = [await createUser(), await createUser()];
    const seat = await enrol(seated.id, edition.id);
    const queue = await enrol(queued.id, edition.id);
    expect(seat).toMatchObject({ ok: true, status: "iscritto" });
    expect(queue).toMatchObject({ ok: true, status: "in-attesa" });
    const seatId = (seat as { enrolmentId: string }).enrolmentId;
    const queueId = (queue as { enrolmentId: string }).enrolmentId;

    const url = `http://localhost/le-mie-iscrizioni?esito=${seatId}`;
    const page = await runRoute(myEnrolmentsRoute.loader as unknown as Handler, {
      cookie: await cookieOf(seated.id),
      url,
    });
    const data = page.data as PageData;
    expect(titleAt(`?esito=${seatId}`, data)).toBe("Iscrizione confermata – Le mie iscrizioni · Forma");
    expect(titleAt(`?esito=${seatId}`, data, { locale: "en" })).toBe("Enrolment confirmed – My enrolments · Forma");
    expect(titleAt("", data)).toBe("Le mie iscrizioni · Forma");
    expect(titleAt("?fatto=cancelled&id=x", data)).toBe("Iscrizione annullata – Le mie iscrizioni · Forma");
    // A refused form answered by the page itself, the earlier success still in its URL: the title does not claim it.
    expect(titleAt(`?esito=${seatId}`, data, { locale: "it", answersSubmission: true })).toBe(
      "Le mie iscrizioni · Forma",
    );

    const html = await renderRoutePage(myEnrolmentsRoute.default, { url, loaderData: data });
    const notice =
      /<div class="alert alert-success" role="region" aria-labelledby="([^"]+)" tabindex="-1"[^>]*>([\s\S]*?)<\/h2>/.exec(
        html,
      );
    expect(notice).not.toBeNull();
    const headingId = notice![1]!;
    const inner = notice![2]!;
    expect(inner).toContain(`<h2 id="${headingId}"`);
    expect(inner).toContain('role="status"');
    // (textOf puts a space for each tag: the title is in a span of its own, for its language.)
    expect(textOf(inner).replace(/\s+/g, "")).toBe(
      `Iscrizione confermata: hai un posto in «${event.title}», edizione 1.`.replace(/\s+/g, ""),
    );

    // The waiting list: its own outcome, an "info" notice.
    const queuedPage = await runRoute(myEnrolmentsRoute.loader as unknown as Handler, {
      cookie: await cookieOf(queued.id),
      url: `http://localhost/le-mie-iscrizioni?esito=${queueId}`,
    });
    expect(titleAt(`?esito=${queueId}`, queuedPage.data as PageData)).toBe(
      "In lista d'attesa – Le mie iscrizioni · Forma",
    );
    const queuedHtml = await renderRoutePage(myEnrolmentsRoute.default, {
      url: `http://localhost/le-mie-iscrizioni?esito=${queueId}`,
      loaderData: queuedPage.data,
    });
    expect(queuedHtml).toMatch(/<div class="alert alert-info" role="region" aria-labelledby="[^"]+" tabindex="-1"/);
  });

  it("the root loader tells a page drawn as the answer to a form sent without JavaScript", async () => {
    const rootData = (submission: boolean) =>
      root.loader({
        request: routeRequest("http://localhost/le-mie-iscrizioni"),
        params: {},
        context: { forma: { databaseUnavailable: false, cspNonce: "", submission } },
      } as LoaderFunctionArgs);
    expect((await rootData(true)).answersSubmission).toBe(true);
    expect((await rootData(false)).answersSubmission).toBe(false);
  });
});
