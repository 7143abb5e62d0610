// A closed account's pseudonym is stored as its name ("Account chiuso 3f9a2c", account-closure.server.ts). The
// participant list, registers and their files said it in the reader's language (20b51f10); the pages below still
// showed it in Italian to an English reader (review of the English interface, 07/12/2026). Each is read here as the
// server renders it, in English and in Italian (unchanged).
import type { ComponentType } from "react";
import { afterAll, describe, expect, it } from "vitest";
import type { Locale } from "../../app/domain/vocabulary.ts";
import { closeAccount } from "../../app/models/account-closure.server.ts";
import { writeAudit } from "../../app/models/audit.server.ts";
import { moveManyToEdition } from "../../app/models/bulk-move.server.ts";
import { enrol } from "../../app/models/enrolment.server.ts";
import * as editionLogRoute from "../../app/routes/gestione.edizioni.$editionId_.modifiche.tsx";
import * as messagesRoute from "../../app/routes/gestione.edizioni.$editionId_.messaggi.tsx";
import { grantRole } from "../../app/models/roles.server.ts";
import * as adminUsersRoute from "../../app/routes/admin.utenti.tsx";
import * as bulkMoveRoute from "../../app/routes/gestione.edizioni.$editionId_.sposta.tsx";
import * as eventRoute from "../../app/routes/gestione.eventi.$eventId.tsx";
import * as certificatesRoute from "../../app/routes/formazione.edizioni.$editionId_.attestati.tsx";
import { issueCertificates } from "../../app/models/certificate.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { actorOf } from "../support/events.ts";
import { addEdition, createOpenEdition, createTeachers, createUser, unique } from "../support/factories.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { registerEdition } from "../support/registers.ts";
import { managedEdition, trainerEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

type RouteModule = { loader: unknown; default: ComponentType };

/** The text of `route`'s page at `url` (its pattern `path`) as `userId` reads it in `locale`. */
async function pageText(
  route: RouteModule,
  where: { path: string; url: string; userId: string; locale: Locale },
): Promise<string> {
  return textOf(await pageHtml(route, where));
}

/** The markup of that page, as pageText reads it. */
async function pageHtml(
  route: RouteModule,
  { path, url, userId, locale }: { path: string; url: string; userId: string; locale: Locale },
): Promise<string> {
  const full = new URL(url, "http://localhost");
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const values = full.pathname.split("/");
  const params = Object.fromEntries(names.map((n) => [n, values[path.split("/").indexOf(`:${n}`)]!]));
  const page = await runRoute(route.loader as Handler, { cookie: await cookieOf(userId), url: full.href, params });
  expect(page.status).toBe(200);
  return renderRoutePage(route.default, { url: full.href, path, loaderData: page.data, locale });
}

/** Both languages of a page: English names the pseudonym in English, Italian as stored. */
async function bothLanguages(read: (locale: Locale) => Promise<string>, tail: string) {
  const english = await read("en");
  const italian = await read("it");
  expect(english).toContain(`Closed account ${tail}`);
  expect(english).not.toContain("Account chiuso");
  expect(italian).toContain(`Account chiuso ${tail}`);
  expect(italian).not.toContain("Closed account");
  return { english, italian };
}

describe("a closed account's pseudonym on the staff's pages", () => {
  it("is in the page's language in the change logs: who changed, whom a change is about, a trainer taken off", async () => {
    const { organiser, event, edition } = await createOpenEdition();
    // A trainer who placed someone in the edition (the row names the person by id), then closes the account: the
    // closure takes them off the event (the event's log names them, by the pseudonym) and the edition's log now
    // names its actor and its person by the pseudonym.
    const trainer = await createUser({ firstName: "Fabio", lastName: "Formatore" });
    await prisma.eventTrainer.create({ data: { eventId: event.id, userId: trainer.id } });
    await prisma.$transaction((tx) =>
      writeAudit(tx, {
        actorId: trainer.id,
        entityType: "edition",
        entityId: edition.id,
        action: "partecipante-rimosso",
        details: { userId: trainer.id, fromStatus: "iscritto", reason: "Doppia iscrizione" },
      }),
    );
    expect(await closeAccount(trainer.id, trainer.id)).toMatchObject({ ok: true });
    const tail = trainer.id.slice(-6);

    const eventPage = await bothLanguages(
      (locale) =>
        pageText(eventRoute, {
          path: "/gestione/eventi/:eventId",
          url: `/gestione/eventi/${event.id}`,
          userId: organiser.id,
          locale,
        }),
      tail,
    );
    // The row the closure wrote: its actor and the name in its details.
    expect(eventPage.english).toMatch(new RegExp(`Closed account ${tail} [^]*: Closed account ${tail}`));

    const editionLog = await bothLanguages(
      (locale) =>
        pageText(editionLogRoute, {
          path: "/gestione/edizioni/:editionId/modifiche",
          url: `/gestione/edizioni/${edition.id}/modifiche`,
          userId: organiser.id,
          locale,
        }),
      tail,
    );
    expect(editionLog.english.match(/Closed account/g)).toHaveLength(2);
    expect(editionLog.italian.match(/Account chiuso/g)).toHaveLength(2);
  });

  it("is in the page's language in the author column of the messages to participants", async () => {
    const { organiser, edition } = await createOpenEdition();
    const colleague = await createUser({ firstName: "Carla", lastName: "Collega" });
    await prisma.participantMessage.createMany({
      data: [colleague.id, organiser.id].map((authorId, i) => ({
        editionId: edition.id,
        authorId,
        audience: "iscritti",
        subject: `Messaggio ${i}`,
        body: "Testo",
        recipientCount: 0,
        sendKey: `${edition.id}:${i}`,
      })),
    });
    expect(await closeAccount(colleague.id, colleague.id)).toMatchObject({ ok: true });
    const tail = colleague.id.slice(-6);
    const { english } = await bothLanguages(
      (locale) =>
        pageText(messagesRoute, {
          path: "/gestione/edizioni/:editionId/messaggi",
          url: `/gestione/edizioni/${edition.id}/messaggi`,
          userId: organiser.id,
          locale,
        }),
      tail,
    );
    // The other author as written.
    expect(english).toContain(`${organiser.firstName} ${organiser.lastName}`);
  });

  it("is in the page's language in the national unit's role log, as who granted a role", async () => {
    const granter = await createUser({
      firstName: "Nadia",
      lastName: "Nazionale",
      roles: [{ role: "unita-nazionale" }],
    });
    const reader = await createUser({ firstName: "Lea", lastName: "Lettrice", roles: [{ role: "unita-nazionale" }] });
    const surname = unique("Ruolo");
    const person = await createUser({ firstName: "Paola", lastName: surname });
    expect(await grantRole(actorOf(granter), { userId: person.id, role: "formatore", regionCode: "" })).toMatchObject({
      ok: true,
    });
    expect(await closeAccount(granter.id, granter.id)).toMatchObject({ ok: true });
    await bothLanguages(
      (locale) =>
        pageText(adminUsersRoute, {
          path: "/admin/utenti",
          url: `/admin/utenti?q=${surname}`,
          userId: reader.id,
          locale,
        }),
      granter.id.slice(-6),
    );
  });

  it("is in the page's language in a bulk move's summary, read after the person closed the account", async () => {
    const { organiser, event, edition } = await createOpenEdition({ seatCap: 5 });
    const other = await addEdition(event.id, { seatCap: 5 });
    const teachers = await createTeachers(2);
    const places: string[] = [];
    for (const teacher of teachers) {
      const r = await enrol(teacher.id, edition.id);
      if (!r.ok) throw new Error(JSON.stringify(r));
      places.push(r.enrolmentId);
    }
    const { auditId } = (await moveManyToEdition(await managedEdition(organiser.id, edition.id), {
      targetEditionId: other.id,
      enrolmentIds: places,
      reason: null,
    }))!;
    expect(await closeAccount(teachers[0]!.id, teachers[0]!.id)).toMatchObject({ ok: true });
    const tail = teachers[0]!.id.slice(-6);
    /** The summary's table of people, alone (the rest of the page lists this edition's people too). */
    const summaryRows = async (locale: Locale) => {
      const html = await pageHtml(bulkMoveRoute, {
        path: "/gestione/edizioni/:editionId/sposta",
        url: `/gestione/edizioni/${edition.id}/sposta?esito=${auditId}`,
        userId: organiser.id,
        locale,
      });
      const from = html.indexOf('data-testid="bulk-outcome-rows"');
      expect(from).toBeGreaterThan(0);
      return textOf(html.slice(from, html.indexOf("</table>", from)));
    };
    const english = await summaryRows("en");
    expect(english).toContain(`${tail} Closed account`);
    expect(english).not.toContain("Account chiuso");
    // The other person as written ("Surname Name").
    expect(english).toMatch(/N\d Docente/);
    const italian = await summaryRows("it");
    expect(italian).toContain(`${tail} Account chiuso`);
    expect(italian).not.toContain("Closed account");
  });

  it("is in the page's language as the creator of an event, on the event's management page", async () => {
    const { organiser, event } = await createOpenEdition();
    const reader = await createUser({ firstName: "Lea", lastName: "Lettrice", roles: [{ role: "unita-nazionale" }] });
    expect(await closeAccount(organiser.id, organiser.id)).toMatchObject({ ok: true });
    const { english } = await bothLanguages(
      (locale) =>
        pageText(eventRoute, {
          path: "/gestione/eventi/:eventId",
          url: `/gestione/eventi/${event.id}`,
          userId: reader.id,
          locale,
        }),
      organiser.id.slice(-6),
    );
    expect(english).toContain(`Created by Closed account ${organiser.id.slice(-6)}`);
  });

  it("is in the page's language as a certificate's holder, on the certificates page", async () => {
    // From 1 to 6 December 2026 (until 5386e76b) a closure did not stop the certificates that followed it: they state
    // the pseudonym as the holder's name, and the trainers' certificates page showed it as stored.
    const [teacher] = await createTeachers(1);
    const { edition, trainer, session, enrolments } = await registerEdition({
      sessionStartsAt: new Date(Date.now() - 26 * 3600_000),
      teachers: [teacher!],
    });
    await prisma.attendanceRecord.create({
      data: { sessionId: session.id, enrolmentId: enrolments[0]!.id, status: "presente", recordedById: trainer.id },
    });
    expect(await issueCertificates(await trainerEdition(trainer.id, edition.id))).toMatchObject({ issued: 1 });
    expect(await closeAccount(teacher!.id, teacher!.id)).toMatchObject({ ok: true });
    const tail = teacher!.id.slice(-6);
    await prisma.certificate.updateMany({
      where: { enrolmentId: enrolments[0]!.id },
      data: { holderName: `Account chiuso ${tail}` },
    });
    const { english } = await bothLanguages(
      (locale) =>
        pageText(certificatesRoute, {
          path: "/formazione/edizioni/:editionId/attestati",
          url: `/formazione/edizioni/${edition.id}/attestati`,
          userId: trainer.id,
          locale,
        }),
      tail,
    );
    // The holder's row and the revocation's button, which names whose certificate it revokes.
    expect(english.match(/Closed account/g)!.length).toBeGreaterThanOrEqual(2);
  });
});
