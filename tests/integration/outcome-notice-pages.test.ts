// The outcome of an action on the admin pages, the profile's sub-pages, the questionnaire and the account's token pages
// (ADR 0086, addendum 07/12/2026, WCAG 4.1.3), as on Le mie iscrizioni (outcome-notice.test.ts): the notice is a region
// named by its heading, and the page's <title> starts with the outcome. For a page whose action answers with the page
// itself (a token's page, a deletion, a role granted) the title still starts with it: on a document POST the action
// leaves it in the request's context for the loader (answeredOutcome), in the browser the router's action data has it.
import type { ComponentType } from "react";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { issueAccountToken } from "../../app/models/account-tokens.server.ts";
import { createCatalogueAlert } from "../../app/models/catalogue-alert.server.ts";
import * as adminEmailRoute from "../../app/routes/admin.email.tsx";
import * as adminUsersRoute from "../../app/routes/admin.utenti.tsx";
import * as confirmEmailRoute from "../../app/routes/conferma-email.$token.tsx";
import * as confirmNewEmailRoute from "../../app/routes/conferma-nuova-email.$token.tsx";
import * as unsubscribeRoute from "../../app/routes/disiscrizione.$token.tsx";
import * as forgotRoute from "../../app/routes/password-dimenticata.tsx";
import * as identitiesRoute from "../../app/routes/profilo_.accessi.tsx";
import * as alertsRoute from "../../app/routes/profilo_.avvisi.tsx";
import * as letterheadRoute from "../../app/routes/profilo_.carta-intestata.tsx";
import * as closeRoute from "../../app/routes/profilo_.chiudi.tsx";
import * as questionnaireRoute from "../../app/routes/questionario.$editionId.tsx";
import * as resetRoute from "../../app/routes/reimposta-password.$token.tsx";
import * as restoreRoute from "../../app/routes/ripristina-email.$token.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { getEnv } from "../../app/utils/env.server.ts";
import { unsubscribeToken } from "../../app/utils/unsubscribe-token.server.ts";
import { createUser, unique } from "../support/factories.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { bodyOf, cookieOf, routeRequest, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());
afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

type Route = { meta?: unknown; default: ComponentType };

/** The page's <title> as its meta gives it at `url`, with its loader's data and the root loader's. */
function titleOf(route: Route, url: string, data: unknown, rootData: Record<string, unknown> = { locale: "it" }) {
  const { pathname, search } = new URL(url);
  const meta = (route.meta as (args: unknown) => { title?: string }[])({
    data,
    params: {},
    location: { pathname, search, hash: "", state: null, key: "k" },
    matches: [
      { id: "root", data: rootData, params: {}, pathname: "/", meta: [] },
      { id: "routes/page", data, params: {}, pathname, meta: [] },
    ],
  });
  return meta.find((m) => m.title)!.title!;
}

/** The page's OutcomeNotice: its tone and its heading's text (a region named by that heading), or null. */
function noticeIn(html: string): { tone: string; text: string } | null {
  const found =
    /<div class="alert alert-(success|info)" role="region" aria-labelledby="([^"]+)" tabindex="-1" data-outcome-notice=""[^>]*><div role="status"><h([23]) id="([^"]+)"[^>]*>([\s\S]*?)<\/h\3>/.exec(
      html,
    );
  if (!found || found[2] !== found[4]) return null;
  return { tone: found[1]!, text: textOf(found[5]!).trim() };
}

/** Runs a loader or an action with the given context (one request's, shared by its action and loaders). */
async function run(handler: unknown, url: string, context: object, init: Parameters<typeof routeRequest>[1] = {}) {
  const params = { token: new URL(url).pathname.split("/").pop()! };
  const result = await (handler as Handler)({ request: routeRequest(url, init), params, context: context as never });
  return bodyOf<Record<string, unknown>>(result);
}

const POSTED = { locale: "it", answersSubmission: true };

describe("the account's pages: token links, a new password, the unsubscribe link", () => {
  it("starts its title with the outcome after a POST without JavaScript, and in the browser from the action's data", async () => {
    // The reminders' unsubscribe link.
    const teacher = await createUser();
    const url = `http://localhost/disiscrizione/${unsubscribeToken(getEnv().SESSION_SECRET, "promemoria", teacher.id)}`;
    const request = {};
    const answer = await run(unsubscribeRoute.action, url, request, { form: {} });
    expect(answer).toMatchObject({ done: true, titleOutcome: "outcome.remindersOff" });
    const page = await run(unsubscribeRoute.loader, url, request);
    expect(titleOf(unsubscribeRoute, url, page, POSTED)).toBe("Promemoria disattivati – Promemoria via email · Forma");
    // Another request (a refused POST, a later visit): no outcome of its own.
    const later = await run(unsubscribeRoute.loader, url, {});
    expect(titleOf(unsubscribeRoute, url, later, POSTED)).toBe("Promemoria via email · Forma");
    expect(titleOf(unsubscribeRoute, url, later)).toBe("Promemoria via email · Forma");
    expect(
      noticeIn(await renderRoutePage(unsubscribeRoute.default, { url, loaderData: page, actionData: answer })),
    ).toEqual({
      tone: "success",
      text: "Fatto: non riceverai più i promemoria via email. Puoi riattivarli quando vuoi nel tuo profilo.",
    });
    // In the browser: the router's action data (the loaders' revalidation is another request).
    (globalThis as { window?: unknown }).window = {
      __remixRouter: { state: { actionData: { "routes/page": { done: true, titleOutcome: "outcome.remindersOff" } } } },
    };
    expect(titleOf(unsubscribeRoute, url, later, { locale: "en" })).toBe(
      "Reminders turned off – Email reminders · Forma",
    );

    // The address's confirmation link.
    const unconfirmed = await createUser({ emailVerifiedAt: null });
    const raw = await prisma.$transaction((tx) => issueAccountToken(tx, unconfirmed.id, "conferma-email"));
    const confirmUrl = `http://localhost/conferma-email/${raw}`;
    const confirmation = {};
    expect(await run(confirmEmailRoute.action, confirmUrl, confirmation, { form: {} })).toMatchObject({
      done: true,
      titleOutcome: "outcome.emailConfirmed",
    });
    const confirmed = await run(confirmEmailRoute.loader, confirmUrl, confirmation);
    expect(titleOf(confirmEmailRoute, confirmUrl, confirmed, POSTED)).toBe(
      "Indirizzo email confermato – Conferma email · Forma",
    );
  });

  it("shows the outcome of the account's token pages as a region named by its heading", async () => {
    const pages: [Route, string, unknown, unknown, string][] = [
      [
        confirmEmailRoute,
        "http://localhost/conferma-email/x",
        { state: "used", madeWith: null, returnTo: null },
        { done: true, state: null },
        "Grazie: il tuo indirizzo email è confermato.",
      ],
      [
        confirmNewEmailRoute,
        "http://localhost/conferma-nuova-email/x",
        { state: "used", address: null },
        { done: true, state: null },
        "Fatto: il tuo account usa ora il nuovo indirizzo email.",
      ],
      [
        restoreRoute,
        "http://localhost/ripristina-email/x",
        { state: "used", address: null, passwordSignIn: true },
        { done: true, state: null, address: "docente@scuola.example.it" },
        "Fatto: il tuo account usa di nuovo docente@scuola.example.it",
      ],
      [
        resetRoute,
        "http://localhost/reimposta-password/x",
        { state: "used" },
        { done: true, state: null },
        "Password aggiornata. Accedi con la nuova password.",
      ],
      [
        forgotRoute,
        "http://localhost/password-dimenticata",
        {},
        { sent: true },
        "Se esiste un account con questo indirizzo, ti abbiamo inviato un'email",
      ],
    ];
    for (const [route, url, loaderData, actionData, text] of pages) {
      const notice = noticeIn(await renderRoutePage(route.default, { url, loaderData, actionData }));
      expect(notice, url).toMatchObject({ tone: "success" });
      expect(notice!.text, url).toContain(text);
    }
    // Their titles, as the loader gives the action's outcome after a POST without JavaScript.
    expect(
      titleOf(
        resetRoute,
        "http://localhost/reimposta-password/x",
        { answeredOutcome: "outcome.passwordChanged" },
        POSTED,
      ),
    ).toBe("Password cambiata – Reimposta la password · Forma");
    expect(
      titleOf(
        forgotRoute,
        "http://localhost/password-dimenticata",
        { answeredOutcome: "outcome.resetLinkRequested" },
        {
          ...POSTED,
          locale: "en",
        },
      ),
    ).toMatch(/^New password request received – /);
  });
});

describe("the profile's pages and the questionnaire", () => {
  it("an alert deleted: the title starts with it after a POST without JavaScript, the notice is a region", async () => {
    const teacher = await createUser();
    // An alert deleted on /profilo/avvisi.
    const cookie = await cookieOf(teacher.id);
    const created = await createCatalogueAlert(teacher.id, `q=${unique("avviso")}`);
    expect(created.ok).toBe(true);
    const alertsUrl = "http://localhost/profilo/avvisi";
    const deletion = {};
    const deleted = await run(alertsRoute.action, alertsUrl, deletion, {
      cookie,
      form: { intent: "elimina", alertId: (created as { id: string }).id },
    });
    expect(deleted).toMatchObject({ ok: true, titleOutcome: "outcome.alertDeleted" });
    const alertsPage = await run(alertsRoute.loader, alertsUrl, deletion, { cookie });
    expect(titleOf(alertsRoute, alertsUrl, alertsPage, POSTED)).toBe(
      "Avviso eliminato – Avvisi di nuovi eventi · Forma",
    );
    expect(
      noticeIn(
        await renderRoutePage(alertsRoute.default, { url: alertsUrl, loaderData: alertsPage, actionData: deleted }),
      ),
    ).toEqual({ tone: "success", text: "Avviso eliminato." });
  });

  it("the outcome after a redirect starts the title and is a region named by its heading", async () => {
    // An alert created from the catalogue, or found there already ("info").
    const alerts = { alerts: [], unconfirmed: false, search: null };
    const created = "http://localhost/profilo/avvisi?esito=creato";
    expect(titleOf(alertsRoute, created, alerts)).toBe("Avviso creato – Avvisi di nuovi eventi · Forma");
    expect(noticeIn(await renderRoutePage(alertsRoute.default, { url: created, loaderData: alerts }))).toMatchObject({
      tone: "success",
    });
    const exists = "http://localhost/profilo/avvisi?esito=esiste";
    expect(titleOf(alertsRoute, exists, alerts)).toBe("Avviso già presente – Avvisi di nuovi eventi · Forma");
    expect(noticeIn(await renderRoutePage(alertsRoute.default, { url: exists, loaderData: alerts }))).toEqual({
      tone: "info",
      text: "Hai già un avviso per questa ricerca.",
    });

    // An identity linked, back from the provider.
    const identities = {
      identities: [
        {
          id: "i1",
          provider: "spid",
          email: null,
          linkedAt: "2026-12-07T08:00:00.000Z",
          lastUsedAt: null,
          label: "SPID",
          gone: false,
          unlinkable: false,
        },
      ],
      providers: [{ id: "spid", label: "SPID" }],
      fiscalCode: null,
      emailConfirmed: true,
      identityConfirmation: null,
    };
    const linked = "http://localhost/profilo/accessi?collegato=spid";
    expect(titleOf(identitiesRoute, linked, identities)).toBe(
      "Identità collegata – Accessi con identità digitale · Forma",
    );
    expect(noticeIn(await renderRoutePage(identitiesRoute.default, { url: linked, loaderData: identities }))).toEqual({
      tone: "success",
      text: "Identità collegata: da ora puoi entrare anche con SPID.",
    });

    // The letterhead saved.
    const letterhead = { letterhead: { signatoryName: "", signatoryRole: "", logo: null, signature: null } };
    const saved = "http://localhost/profilo/carta-intestata?fatto=1";
    expect(titleOf(letterheadRoute, saved, letterhead)).toBe(
      "Carta intestata salvata – Carta intestata degli attestati · Forma",
    );
    expect(noticeIn(await renderRoutePage(letterheadRoute.default, { url: saved, loaderData: letterhead }))).toEqual({
      tone: "success",
      text: "Carta intestata salvata.",
    });

    // The account closed (the page, signed out, right after).
    const closed = "http://localhost/profilo/chiudi";
    expect(titleOf(closeRoute, closed, { closed: true })).toBe("Account chiuso – Chiudi l'account · Forma");
    expect(noticeIn(await renderRoutePage(closeRoute.default, { url: closed, loaderData: { closed: true } }))).toEqual({
      tone: "success",
      text: "Il tuo account è stato chiuso. Grazie per aver usato Forma.",
    });

    // The questionnaire sent, or sent before ("info"); a later visit states it, as no outcome.
    const questionnaire = {
      edition: { id: "e1", number: 1, event: { title: "Robotica", titleLanguage: "it" } },
      certificateId: "c1",
      answered: true,
    };
    const sent = "http://localhost/questionario/e1?inviato=1";
    expect(titleOf(questionnaireRoute, sent, questionnaire)).toBe(
      "Risposte registrate – Questionario di gradimento · Robotica · Forma",
    );
    const sentPage = await renderRoutePage(questionnaireRoute.default, { url: sent, loaderData: questionnaire });
    expect(noticeIn(sentPage)).toMatchObject({ tone: "success", text: expect.stringContaining("Grazie") });
    const again = "http://localhost/questionario/e1?gia=1";
    expect(titleOf(questionnaireRoute, again, questionnaire)).toMatch(/^Questionario già compilato – /);
    expect(
      noticeIn(await renderRoutePage(questionnaireRoute.default, { url: again, loaderData: questionnaire })),
    ).toMatchObject({ tone: "info" });
    const visit = "http://localhost/questionario/e1";
    expect(titleOf(questionnaireRoute, visit, questionnaire)).toBe("Questionario di gradimento · Robotica · Forma");
    expect(
      noticeIn(await renderRoutePage(questionnaireRoute.default, { url: visit, loaderData: questionnaire })),
    ).toBeNull();
  });
});

describe("the admin pages", () => {
  it("a role granted (the page answers itself) and an email retried (a redirect) start the title; the retry's notice is a region", async () => {
    const teacher = await createUser();
    // A role granted on /admin/utenti.
    const national = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const usersUrl = `http://localhost/admin/utenti?q=${encodeURIComponent(teacher.email)}`;
    const grant = {};
    const granted = await run(adminUsersRoute.action, usersUrl, grant, {
      cookie: await cookieOf(national.id),
      form: { intent: "grant", userId: teacher.id, role: "formatore", regionCode: "" },
    });
    expect(granted).toMatchObject({ ok: true, titleOutcome: "outcome.roleGranted" });
    const usersPage = await run(adminUsersRoute.loader, usersUrl, grant, { cookie: await cookieOf(national.id) });
    expect(titleOf(adminUsersRoute, usersUrl, usersPage, POSTED)).toBe("Ruolo assegnato – Persone e ruoli · Forma");

    // The email page's retry.
    const emails = { mode: "file", status: null, recipient: "", counts: {}, rows: [], bulkRetryable: 0 };
    const retried = "http://localhost/admin/email?esito=riprovata";
    expect(titleOf(adminEmailRoute, retried, emails)).toBe("Invio rimesso in coda – Email · Forma");
    expect(noticeIn(await renderRoutePage(adminEmailRoute.default, { url: retried, loaderData: emails }))).toEqual({
      tone: "success",
      text: "Invio rimesso in coda: partirà entro pochi secondi.",
    });
    // None queued again: said, as "info", and not in the title.
    const none = "http://localhost/admin/email?esito=riprovate&n=0";
    expect(titleOf(adminEmailRoute, none, emails)).toBe("Email · Forma");
    expect(noticeIn(await renderRoutePage(adminEmailRoute.default, { url: none, loaderData: emails }))).toEqual({
      tone: "info",
      text: "Nessuna notifica rimessa in coda.",
    });
  });
});
