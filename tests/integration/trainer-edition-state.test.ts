// What the trainer's pages say of an edition's state (review 0018, finding 7): the list on /formazione reads
// "Annullata" for a cancelled edition, "Attestati emessi il …" for a closed one (its registers stay correctable, so
// not "chiusi"), "Conclusa: attestati da emettere" for one over and not closed yet (it read "Aperta" like one still
// running: review of trainers' daily work, 08/12/2026) and "Aperta" otherwise; a cancelled edition's page says it
// was cancelled and offers no closing.
// Real SQLite or PostgreSQL (DATABASE_URL), the pages rendered with their loaders' data.
import { afterAll, describe, expect, it } from "vitest";
import * as homeRoute from "../../app/routes/formazione._index.tsx";
import * as editionRoute from "../../app/routes/formazione.edizioni.$editionId.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { formatOnDate } from "../../app/utils/dates.ts";
import { createTeachers } from "../support/factories.ts";
import { createNationalUnit } from "../support/events.ts";
import { registerEdition } from "../support/registers.ts";
import { renderRoutePage } from "../support/render-route.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";

afterAll(() => prisma.$disconnect());

const HOUR = 3600_000;

/** The /formazione page of this user, rendered: each edition row's last cell (its state), by edition id. */
async function statesOnHome(userId: string, table: string): Promise<Map<string, string>> {
  const url = "http://localhost/formazione";
  const page = await runRoute(homeRoute.loader as Handler, { cookie: await cookieOf(userId), url });
  expect(page.status).toBe(200);
  const html = await renderRoutePage(homeRoute.default, { path: "/formazione", url, loaderData: page.data });
  const body = html.match(new RegExp(`data-testid="${table}".*?<tbody>(.*?)</tbody>`))?.[1] ?? "";
  return new Map(
    [...body.matchAll(/<tr>.*?href="\/formazione\/edizioni\/([^"]+)".*?<td>((?:(?!<td>).)*?)<\/td><\/tr>/g)].map(
      (m) => [m[1]!, m[2]!.replace(/<!-- -->/g, "").replace(/&#x27;/g, "'")],
    ),
  );
}

describe("an edition's state on the trainer's pages", () => {
  it("the list says Annullata, Attestati emessi il …, Conclusa: attestati da emettere, or Aperta, for the trainer and for the organiser", async () => {
    const [teacher] = await createTeachers(1);
    // Two-hour sessions: started 3 hours ago is over, started an hour ago is running.
    const started = new Date(Date.now() - 3 * HOUR);
    const open = await registerEdition({ sessionStartsAt: new Date(Date.now() - HOUR), teachers: [teacher!] });
    const over = await registerEdition({ sessionStartsAt: started, teachers: [teacher!] });
    const closed = await registerEdition({ sessionStartsAt: started, teachers: [teacher!] });
    const cancelled = await registerEdition({ sessionStartsAt: started, teachers: [teacher!] });
    const trainer = open.trainer;
    for (const other of [over, closed, cancelled])
      await prisma.eventTrainer.create({ data: { eventId: other.event.id, userId: trainer.id } });
    const closedAt = new Date(Date.now() - HOUR);
    await prisma.edition.update({ where: { id: closed.edition.id }, data: { attendanceClosedAt: closedAt } });
    await prisma.edition.update({ where: { id: cancelled.edition.id }, data: { status: "annullata" } });

    const expected = [
      [open.edition.id, "Aperta"],
      [over.edition.id, "Conclusa: attestati da emettere"],
      [closed.edition.id, `Attestati emessi ${formatOnDate(closedAt, "it")}`],
      [cancelled.edition.id, "Annullata"],
    ] as const;
    const trainerStates = await statesOnHome(trainer.id, "trainer-editions");
    for (const [id, state] of expected) expect(trainerStates.get(id)).toBe(state);
    // The organiser's table of started editions (the 50 latest to start) says the same.
    await prisma.edition.updateMany({
      where: { id: { in: expected.map(([id]) => id) } },
      data: { startsOn: new Date() },
    });
    const { id: nationalId } = await createNationalUnit();
    const managedStates = await statesOnHome(nationalId, "managed-editions");
    for (const [id, state] of expected) expect(managedStates.get(id)).toBe(state);
  });

  it("a cancelled edition's page says so and offers no closing; an open one's offers it", async () => {
    const [teacher] = await createTeachers(1);
    const started = new Date(Date.now() - 3 * HOUR);
    const open = await registerEdition({ sessionStartsAt: started, teachers: [teacher!] });
    const cancelled = await registerEdition({ sessionStartsAt: started, teachers: [teacher!] });
    await prisma.edition.update({ where: { id: cancelled.edition.id }, data: { status: "annullata" } });
    const render = async (fixture: typeof open) => {
      const url = `http://localhost/formazione/edizioni/${fixture.edition.id}`;
      const page = await runRoute(editionRoute.loader as Handler, {
        cookie: await cookieOf(fixture.trainer.id),
        url,
        params: { editionId: fixture.edition.id },
      });
      expect(page.status).toBe(200);
      return renderRoutePage(editionRoute.default, {
        path: "/formazione/edizioni/:editionId",
        url,
        loaderData: page.data,
      });
    };

    const cancelledPage = await render(cancelled);
    expect(cancelledPage).toMatch(
      /<div class="alert alert-warning" role="status" data-testid="edition-cancelled">Questa edizione è stata annullata/,
    );
    expect(cancelledPage).not.toContain(`/formazione/edizioni/${cancelled.edition.id}/chiusura`);

    const openPage = await render(open);
    expect(openPage).not.toContain('data-testid="edition-cancelled"');
    expect(openPage).toContain(`href="/formazione/edizioni/${open.edition.id}/chiusura"`);
  });
});

describe("the way back from an edition's registers to its management page", () => {
  it("is linked for an organiser who manages the edition, not for a trainer who does not", async () => {
    // "Registri presenze e attestati" on /gestione/edizioni/:id led here, and the breadcrumb only to /formazione.
    const [teacher] = await createTeachers(1);
    const fixture = await registerEdition({ sessionStartsAt: new Date(Date.now() - 3 * HOUR), teachers: [teacher!] });
    const { id: nationalId } = await createNationalUnit();
    const url = `http://localhost/formazione/edizioni/${fixture.edition.id}`;
    const pageOf = async (userId: string) => {
      const page = await runRoute(editionRoute.loader as Handler, {
        cookie: await cookieOf(userId),
        url,
        params: { editionId: fixture.edition.id },
      });
      expect(page.status).toBe(200);
      return renderRoutePage(editionRoute.default, {
        path: "/formazione/edizioni/:editionId",
        url,
        loaderData: page.data,
      });
    };
    const organiserPage = await pageOf(nationalId);
    const link = organiserPage.match(/<a[^>]*data-testid="edition-management-link"[^>]*>(.*?)<\/a>/);
    expect(link?.[0]).toContain(`href="/gestione/edizioni/${fixture.edition.id}"`);
    expect(link?.[1]).toBe("Iscrizioni, lista d&#x27;attesa e posti dell&#x27;edizione 1");
    expect(await pageOf(fixture.trainer.id)).not.toContain(`href="/gestione/edizioni/`);
  });
});
