// The outcome of an organiser's or a trainer's action, on the page its redirect leads to (as the teacher's pages,
// tests/integration/outcome-notice.test.ts; ADR 0086 addendum, WCAG 4.1.3): a notice already in the page when it loads
// is not announced, so the page's title starts with the outcome and the notice is a region named by its heading
// (OutcomeNotice), "info" for an outcome in part. Each page is run through its loader at the address its action
// redirects to, its title read from its meta and its HTML rendered as the server does.
import type { MetaArgs } from "@remix-run/node";
import type { ComponentType } from "react";
import { afterAll, describe, expect, it } from "vitest";
import type { Locale } from "../../app/domain/vocabulary.ts";
import { recordAttendance } from "../../app/models/attendance.server.ts";
import { moveManyToEdition } from "../../app/models/bulk-move.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import * as editionRoute from "../../app/routes/gestione.edizioni.$editionId.tsx";
import * as placementRoute from "../../app/routes/gestione.edizioni.$editionId_.inserisci.tsx";
import * as messagesRoute from "../../app/routes/gestione.edizioni.$editionId_.messaggi.tsx";
import * as bulkMoveRoute from "../../app/routes/gestione.edizioni.$editionId_.sposta.tsx";
import * as eventRoute from "../../app/routes/gestione.eventi.$eventId.tsx";
import * as sheetRoute from "../../app/routes/gestione.eventi.$eventId_.scheda.tsx";
import * as trainerEditionRoute from "../../app/routes/formazione.edizioni.$editionId.tsx";
import * as certificatesRoute from "../../app/routes/formazione.edizioni.$editionId_.attestati.tsx";
import * as closingRoute from "../../app/routes/formazione.edizioni.$editionId_.chiusura.tsx";
import * as registerRoute from "../../app/routes/formazione.incontri.$sessionId.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { addEdition, createOpenEdition, createTeachers, createUser } from "../support/factories.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { registerEdition } from "../support/registers.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { managedEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

type RouteModule = { loader: unknown; meta?: unknown; default: ComponentType };

/**
 * The page of `route` at `url` (its pattern `path`) for this user, as its action's redirect leads there: its <title>
 * (from its meta, the root's data saying the language) and its OutcomeNotices (tone, heading level and text). With
 * `form`, the page as a POST of that form to `url` without JavaScript gets it back (a document POST: the action, then
 * the loaders in the same request, the root's data saying it answers a submission); the action must answer with data.
 */
async function pageAt(
  route: RouteModule & { action?: unknown },
  {
    path,
    url,
    userId,
    locale = "it",
    form,
  }: { path: string; url: string; userId: string; locale?: Locale; form?: Record<string, string> },
) {
  const full = new URL(url, "http://localhost");
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const values = full.pathname.split("/");
  const params = Object.fromEntries(names.map((n) => [n, values[path.split("/").indexOf(`:${n}`)]!]));
  const cookie = await cookieOf(userId);
  const answer = form ? await runRoute(route.action as Handler, { cookie, url: full.href, params, form }) : undefined;
  if (answer) expect(answer.location).toBeNull();
  const page = await runRoute(route.loader as Handler, { cookie, url: full.href, params });
  expect(page.status).toBe(200);
  const args = {
    data: page.data,
    params,
    location: { pathname: full.pathname, search: full.search, hash: "", state: null, key: "k" },
    matches: [
      { id: "root", data: { locale, answersSubmission: answer !== undefined }, params: {}, pathname: "/", meta: [] },
      { id: "page", data: page.data, params, pathname: full.pathname, meta: [] },
    ],
  } as unknown as MetaArgs;
  const meta = (route.meta as (a: MetaArgs) => { title?: string }[])(args);
  const title = meta.find((m) => m.title)!.title!;
  const html = await renderRoutePage(route.default, {
    url: full.href,
    path,
    loaderData: page.data,
    actionData: answer?.data,
    locale,
  });
  return { title, notices: noticesIn(html), html, status: answer?.status };
}

/** Every OutcomeNotice in the page: a region named by its heading (aria-labelledby), the heading in a status. */
function noticesIn(html: string) {
  const found = html.matchAll(
    /<div class="alert alert-(\w+)" role="region" aria-labelledby="([^"]+)" tabindex="-1" data-outcome-notice=""[^>]*><div role="status"><h([23]) id="([^"]+)"[^>]*>([\s\S]*?)<\/h\3>/g,
  );
  return [...found].map((m) => {
    expect(m[4]).toBe(m[2]);
    return { tone: m[1], level: Number(m[3]), heading: textOf(m[5]!).trim() };
  });
}

describe("the outcome after an organiser's action's redirect", () => {
  it("starts the title of the event, sheet, edition, placement, messages and bulk move pages, in a region", async () => {
    const { organiser, event, edition } = await createOpenEdition({ seatCap: 5, title: `Corso esito staff` });
    const other = await addEdition(event.id, { seatCap: 1 });
    const places: string[] = [];
    for (const teacher of await createTeachers(2)) {
      const r = await enrol(teacher.id, edition.id);
      if (!r.ok) throw new Error(JSON.stringify(r));
      places.push(r.enrolmentId);
    }
    const userId = organiser.id;
    const eventPath = "/gestione/eventi/:eventId";
    const editionPath = "/gestione/edizioni/:editionId";

    const saved = await pageAt(eventRoute, {
      path: eventPath,
      url: `/gestione/eventi/${event.id}?esito=salvato`,
      userId,
    });
    expect(saved.title).toBe("Evento salvato – Gestione · Corso esito staff · Forma");
    expect(saved.notices).toEqual([{ tone: "success", level: 2, heading: "Evento salvato." }]);
    const savedEn = await pageAt(eventRoute, {
      path: eventPath,
      url: `/gestione/eventi/${event.id}?esito=salvato`,
      userId,
      locale: "en",
    });
    expect(savedEn.title).toBe("Event saved – Management · Corso esito staff · Forma");
    const copied = await pageAt(eventRoute, {
      path: eventPath,
      url: `/gestione/eventi/${event.id}?esito=copiato`,
      userId,
    });
    expect(copied.title).toMatch(/^Copia creata come bozza – Gestione · /);
    expect(copied.notices).toEqual([
      { tone: "success", level: 2, heading: "Copia creata come bozza: controlla date e dettagli, poi pubblicala." },
    ]);
    // Assigning or removing a trainer: told in the trainers' section (both went to ?esito=formatori, which said nothing).
    const trainer = await createUser({ roles: [{ role: "formatore" }] });
    for (const [intent, done] of [
      ["assign-trainer", "formatore-assegnato"],
      ["unassign-trainer", "formatore-tolto"],
    ] as const) {
      const answer = await runRoute(eventRoute.action as Handler, {
        cookie: await cookieOf(userId),
        url: `http://localhost/gestione/eventi/${event.id}`,
        params: { eventId: event.id },
        form: { intent, userId: trainer.id },
      });
      expect(answer.location).toBe(`/gestione/eventi/${event.id}?esito=${done}`);
    }
    const assigned = await pageAt(eventRoute, {
      path: eventPath,
      url: `/gestione/eventi/${event.id}?esito=formatore-assegnato`,
      userId,
    });
    expect(assigned.title).toBe("Formatore assegnato – Gestione · Corso esito staff · Forma");
    expect(assigned.notices).toEqual([
      {
        tone: "success",
        level: 3,
        heading: "Formatore assegnato: ora tiene i registri delle edizioni di questo evento.",
      },
    ]);
    const removed = await pageAt(eventRoute, {
      path: eventPath,
      url: `/gestione/eventi/${event.id}?esito=formatore-tolto`,
      userId,
      locale: "en",
    });
    expect(removed.title).toBe("Trainer removed from the event – Management · Corso esito staff · Forma");
    expect(removed.notices).toEqual([
      {
        tone: "success",
        level: 3,
        heading: "Trainer removed from the event: they no longer keep the registers of its editions.",
      },
    ]);
    // Without an outcome in its address, the page's own title.
    expect((await pageAt(eventRoute, { path: eventPath, url: `/gestione/eventi/${event.id}`, userId })).title).toBe(
      "Gestione · Corso esito staff · Forma",
    );

    const sheet = await pageAt(sheetRoute, {
      path: "/gestione/eventi/:eventId/scheda",
      url: `/gestione/eventi/${event.id}/scheda?esito=testi`,
      userId,
    });
    expect(sheet.title).toMatch(/^Obiettivi e programma salvati – .* · Corso esito staff · Forma$/);
    expect(sheet.notices).toEqual([{ tone: "success", level: 2, heading: "Obiettivi e programma salvati." }]);

    const changed = await pageAt(editionRoute, {
      path: editionPath,
      url: `/gestione/edizioni/${edition.id}?fatto=1`,
      userId,
    });
    expect(changed.title).toMatch(/^Modifica salvata – .* · Corso esito staff · Forma$/);
    expect(changed.notices).toEqual([{ tone: "success", level: 2, heading: "Modifica salvata." }]);
    // Moved to the other edition's waiting list, not to a seat: an outcome in part.
    const moved = await pageAt(editionRoute, {
      path: editionPath,
      url: `/gestione/edizioni/${edition.id}?spostato=in-attesa`,
      userId,
    });
    expect(moved.title).toMatch(/^Spostamento in lista d'attesa – /);
    expect(moved.notices).toEqual([
      {
        tone: "info",
        level: 2,
        heading: "Spostamento fatto: la persona è nella lista d'attesa della nuova edizione.",
      },
    ]);

    const placed = await pageAt(placementRoute, {
      path: `${editionPath}/inserisci`,
      url: `/gestione/edizioni/${edition.id}/inserisci?inserito=in-attesa`,
      userId,
    });
    expect(placed.title).toMatch(/^Inserimento in lista d'attesa – .* · Corso esito staff · Forma$/);
    expect(placed.notices).toEqual([
      { tone: "info", level: 2, heading: "Edizione al completo: la persona è ora in lista d'attesa." },
    ]);

    const sent = await pageAt(messagesRoute, {
      path: `${editionPath}/messaggi`,
      url: `/gestione/edizioni/${edition.id}/messaggi?inviato=2`,
      userId,
    });
    expect(sent.title).toMatch(/^Messaggio messo in coda – .* · Corso esito staff · Forma$/);
    expect(sent.notices).toEqual([{ tone: "success", level: 2, heading: "Messaggio messo in coda per 2 persone." }]);
    const auto = await pageAt(messagesRoute, {
      path: `${editionPath}/messaggi`,
      url: `/gestione/edizioni/${edition.id}/messaggi?automatico=salvato`,
      userId,
    });
    expect(auto.title).toMatch(/^Messaggio automatico salvato – /);
    expect(auto.notices).toEqual([{ tone: "success", level: 3, heading: "Messaggio automatico salvato." }]);

    // Two people chosen, one seat in the other edition: moved in part, the summary and its rows in the notice.
    const { auditId } = (await moveManyToEdition(await managedEdition(userId, edition.id), {
      targetEditionId: other.id,
      enrolmentIds: places,
      reason: null,
    }))!;
    const bulk = await pageAt(bulkMoveRoute, {
      path: `${editionPath}/sposta`,
      url: `/gestione/edizioni/${edition.id}/sposta?esito=${auditId}`,
      userId,
    });
    expect(bulk.title).toMatch(/^Spostamento fatto in parte – .* · Corso esito staff · Forma$/);
    expect(bulk.notices).toEqual([{ tone: "info", level: 2, heading: "Esito dello spostamento all'edizione 2" }]);
    const region = bulk.html.slice(bulk.html.indexOf("data-outcome-notice"));
    expect(region.indexOf('data-testid="bulk-summary"')).toBeGreaterThan(0);
    expect(region.indexOf('data-testid="bulk-outcome-rows"')).toBeGreaterThan(0);
  });
});

describe("the outcome after a trainer's action's redirect", () => {
  it("starts the title of the edition's registers, its certificates, its closing and a session's register", async () => {
    const [teacher] = await createTeachers(1);
    // An in-person session that started three hours ago and has ended: its register, arrivals and closing are open.
    const { trainer, edition, session, enrolments } = await registerEdition({
      sessionStartsAt: new Date(Date.now() - 3 * 3600_000),
      teachers: [teacher!],
      mode: "in-presenza",
    });
    const userId = trainer.id;
    const editionPath = "/formazione/edizioni/:editionId";
    const registerPath = "/formazione/incontri/:sessionId";

    const activities = await pageAt(trainerEditionRoute, {
      path: editionPath,
      url: `/formazione/edizioni/${edition.id}?attivita=2`,
      userId,
    });
    expect(activities.title).toMatch(/^Attività salvate – .* · Forma$/);
    expect(activities.notices).toEqual([{ tone: "success", level: 3, heading: "Attività salvate (2 modifiche)." }]);
    expect(
      (await pageAt(trainerEditionRoute, { path: editionPath, url: `/formazione/edizioni/${edition.id}`, userId }))
        .title,
    ).not.toMatch(/ – /);

    const revoked = await pageAt(certificatesRoute, {
      path: `${editionPath}/attestati`,
      url: `/formazione/edizioni/${edition.id}/attestati?fatto=revocato`,
      userId,
    });
    expect(revoked.title).toMatch(/^Attestato revocato – /);
    expect(revoked.notices).toEqual([{ tone: "success", level: 2, heading: "Attestato revocato." }]);
    const reissuedEn = await pageAt(certificatesRoute, {
      path: `${editionPath}/attestati`,
      url: `/formazione/edizioni/${edition.id}/attestati?fatto=riemesso`,
      userId,
      locale: "en",
    });
    expect(reissuedEn.title).toMatch(/^Certificate reissued – /);

    const issued = await pageAt(closingRoute, {
      path: `${editionPath}/chiusura`,
      url: `/formazione/edizioni/${edition.id}/chiusura?emessi=1&validi=2`,
      userId,
    });
    expect(issued.title).toMatch(/^Attestati emessi – /);
    expect(issued.notices).toEqual([
      { tone: "success", level: 2, heading: "1 attestato emesso. 2 partecipanti avevano già un attestato valido." },
    ]);

    const saved = await pageAt(registerRoute, {
      path: registerPath,
      url: `/formazione/incontri/${session.id}?salvato=3`,
      userId,
    });
    expect(saved.title).toMatch(/^Registro salvato – /);
    expect(saved.notices).toEqual([{ tone: "success", level: 2, heading: "Registro salvato: 3 righe modificate." }]);
    const imported = await pageAt(registerRoute, {
      path: registerPath,
      url: `/formazione/incontri/${session.id}?importato=1`,
      userId,
    });
    expect(imported.title).toMatch(/^Report importato – /);
    expect(imported.notices).toEqual([
      { tone: "success", level: 2, heading: "Report importato: 1 riga del registro modificata." },
    ]);
    // "Segna presente" from the phone: said once the line records the person there, under the section's heading.
    const enrolmentId = enrolments[0]!.id;
    const markedUrl = `/formazione/incontri/${session.id}?presente=${enrolmentId}`;
    expect((await pageAt(registerRoute, { path: registerPath, url: markedUrl, userId })).title).not.toMatch(/ – /);
    await recordAttendance(
      userId,
      session.id,
      [{ enrolmentId, status: "presente", minutesAttended: null }],
      "registro",
    );
    const marked = await pageAt(registerRoute, { path: registerPath, url: markedUrl, userId });
    expect(marked.title).toMatch(/^Presenza registrata – /);
    expect(marked.notices).toEqual([
      { tone: "success", level: 3, heading: expect.stringMatching(/^Presenza registrata per /) },
    ]);
    // A form of the page refused there (the same person marked again, from a second tab): the page answers with its
    // error, and the earlier mark the address still names is no longer what just happened, in the title or the page.
    const refused = await pageAt(registerRoute, {
      path: registerPath,
      url: markedUrl,
      userId,
      form: { intent: "segna-presente", enrolmentId },
    });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('data-testid="register-errors"');
    expect(refused.title).not.toMatch(/ – /);
    expect(refused.notices).toEqual([]);
  });
});
