// A session's register keeps the lines of places that ended after it (ADR 0019 and its addendum): a
// participant moved to another edition, or removed, was in the room; the register page, its PDF to sign
// and its CSV still list them with their line, marked with what happened and read-only, while the summary
// counts the current places. Against a real database (SQLite or PostgreSQL), through the routes.
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { AttendanceRefusedError, recordAttendance } from "../../app/models/attendance.server.ts";
import { removeByOrganiser } from "../../app/models/enrolment.server.ts";
import { moveToEdition } from "../../app/models/seat-ledger.server.ts";
import * as registerRoute from "../../app/routes/formazione.incontri.$sessionId.tsx";
import * as csvRoute from "../../app/routes/formazione.incontri.$sessionId_.registro[.]csv.tsx";
import * as pdfRoute from "../../app/routes/formazione.incontri.$sessionId_.registro[.]pdf.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { formatOnDate } from "../../app/utils/dates.ts";
import { addEdition, createUser } from "../support/factories.ts";
import { pdfText } from "../support/pdf-text.ts";
import { registerEdition } from "../support/registers.ts";
import { renderRoutePage } from "../support/render-route.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { managedEdition } from "../support/scopes.ts";

afterAll(async () => {
  await prisma.$disconnect();
});

/** The register page rendered as the server renders it, with the loader's data. */
const renderRegister = (url: string, loaderData: unknown) =>
  renderRoutePage(registerRoute.default, { url, path: "/formazione/incontri/:sessionId", loaderData });

type RegisterData = {
  participants: {
    enrolmentId: string;
    email: string;
    line: { status: string; minutesAttended: number | null; note: string | null } | null;
    ended: { status: string; endedAt: Date | string | null; movedToEdition: number | null } | null;
  }[];
};

describe("a session's register after a participant is moved or removed", () => {
  it("still lists them with their line, marked and read-only, on the page, in the CSV and in the PDF", async () => {
    const teachers = [
      await createUser({ firstName: "Chiara", lastName: "Albani" }),
      await createUser({ firstName: "Marco", lastName: "Bartoli" }),
      await createUser({ firstName: "Elena", lastName: "Cecchi" }),
    ];
    // Session 1 of edition 1 started an hour ago; edition 2 of the same event is ahead.
    const { edition, event, organiser, trainer, session, enrolments } = await registerEdition({
      sessionStartsAt: new Date(Date.now() - 3600_000),
      teachers,
    });
    await prisma.edition.update({ where: { id: edition.id }, data: { seatsTaken: teachers.length } });
    const other = await addEdition(event.id);
    const placeOf = (userId: string) => enrolments.find((e) => e.userId === userId)!;
    const [albani, bartoli, cecchi] = teachers.map((t) => placeOf(t.id)) as [
      (typeof enrolments)[number],
      (typeof enrolments)[number],
      (typeof enrolments)[number],
    ];
    await recordAttendance(
      trainer.id,
      session.id,
      [
        { enrolmentId: albani.id, status: "presente", minutesAttended: null },
        { enrolmentId: bartoli.id, status: "ritardo", minutesAttended: 90, note: "collegato da telefono" },
        { enrolmentId: cecchi.id, status: "presente", minutesAttended: null },
      ],
      "registro",
    );

    // A week later Bartoli moves to edition 2 and Cecchi is removed.
    const scope = await managedEdition(organiser.id, edition.id);
    expect(
      await moveToEdition(scope, { enrolmentId: bartoli.id, targetEditionId: other.id, waitlist: false, reason: null }),
    ).toMatchObject({ ok: true });
    expect(await removeByOrganiser(scope, cecchi.id, "Doppia iscrizione")).toMatchObject({ ok: true });
    const endedAt = (id: string) =>
      prisma.enrolment.findUniqueOrThrow({ where: { id }, select: { endedAt: true } }).then((e) => e.endedAt!);
    const movedOn = formatOnDate(await endedAt(bartoli.id), "it");
    const removedOn = formatOnDate(await endedAt(cecchi.id), "it");
    // As the page's HTML writes them: "l'8 dicembre" and "l'11" carry React's escaped apostrophe (the comparison with
    // the plain text failed on the 8th and the 11th of every month only).
    const inHtml = (text: string) => text.replaceAll("'", "&#x27;");

    const cookie = await cookieOf(trainer.id);
    const params = { sessionId: session.id };
    const url = `http://localhost/formazione/incontri/${session.id}`;

    // The page: all three lines; the two ended places with their line and what ended them.
    const page = await runRoute(registerRoute.loader as Handler, { cookie, url, params });
    expect(page.status).toBe(200);
    const byEmail = new Map((page.data as RegisterData).participants.map((p) => [p.email, p]));
    expect(byEmail.size).toBe(3);
    expect(byEmail.get(albani.user.email)).toMatchObject({ line: { status: "presente" }, ended: null });
    expect(byEmail.get(bartoli.user.email)).toMatchObject({
      line: { status: "ritardo", minutesAttended: 90, note: "collegato da telefono" },
      ended: { status: "spostato", movedToEdition: 2 },
    });
    expect(byEmail.get(cecchi.user.email)).toMatchObject({
      line: { status: "presente" },
      ended: { status: "rimosso", movedToEdition: null },
    });

    // Rendered: the ended lines have no control, their mark and "sola lettura"; the summary counts the current place.
    const html = await renderRegister(url, page.data);
    const rowOf = (email: string) => html.match(new RegExp(`<tr[^>]*data-email="${email}"[^>]*>.*?</tr>`))?.[0] ?? "";
    expect(rowOf(albani.user.email)).toContain('data-testid="register-line"');
    expect(rowOf(albani.user.email)).toContain("<select");
    for (const [place, mark] of [
      [bartoli, `Iscrizione spostata all&#x27;edizione 2 ${inHtml(movedOn)}`],
      [cecchi, `Iscrizione rimossa ${inHtml(removedOn)}`],
    ] as const) {
      const row = rowOf(place.user.email);
      expect(row).toContain('data-testid="register-ended-line"');
      expect(row).toContain(mark);
      expect(row).toContain("sola lettura");
      expect(row).not.toMatch(/<(select|input)/);
    }
    expect(rowOf(bartoli.user.email)).toContain("Entrata in ritardo");
    expect(html).toContain("Registrati 1 su 1.");
    // The lines by status count the current places too: the ended ones' "presente" and "ritardo" are not in it.
    expect(html).toContain('<p data-testid="register-tally">Nelle righe registrate: 1 presente.</p>');
    expect(html).toContain("Il registro elenca anche 2 iscrizioni concluse dopo l&#x27;incontro");

    // Read-only: the register still refuses a write to an ended place, and the lines stay as they were.
    for (const place of [bartoli, cecchi]) {
      const refused = await recordAttendance(
        trainer.id,
        session.id,
        [{ enrolmentId: place.id, status: "assente", minutesAttended: null }],
        "registro",
      ).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AttendanceRefusedError);
      expect((refused as AttendanceRefusedError).refusal).toMatchObject({
        kind: "righe-non-valide",
        lines: [{ enrolmentId: place.id, problem: "non-iscritto" }],
      });
    }

    // The CSV: the same lines, the ended ones marked in the "Iscrizione" column.
    const csv = await csvRoute.loader({
      request: new Request(`${url}/registro.csv`, { headers: { Cookie: cookie } }),
      params,
      context: {},
    });
    expect(csv.status).toBe(200);
    const rows = parse((await csv.text()).replace(/^\uFEFF/, ""), { delimiter: ";", columns: true }) as Record<
      string,
      string
    >[];
    const csvByEmail = new Map(rows.map((r) => [r.Email, r]));
    expect(rows).toHaveLength(3);
    expect(csvByEmail.get(albani.user.email)).toMatchObject({ Stato: "Presente", Iscrizione: "" });
    expect(csvByEmail.get(bartoli.user.email)).toMatchObject({
      Cognome: "Bartoli",
      Stato: "Entrata in ritardo",
      Minuti: "90",
      Nota: "collegato da telefono",
      Iscrizione: `Iscrizione spostata all'edizione 2 ${movedOn}`,
    });
    expect(csvByEmail.get(cecchi.user.email)).toMatchObject({
      Cognome: "Cecchi",
      Stato: "Presente",
      Minuti: "120",
      Iscrizione: `Iscrizione rimossa ${removedOn}`,
    });

    // The PDF to sign: the three names, the ended ones with their status and their mark.
    const pdf = await pdfRoute.loader({
      request: new Request(`${url}/registro.pdf`, { headers: { Cookie: cookie } }),
      params,
      context: {},
    });
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, " ");
    for (const name of ["Albani", "Bartoli", "Cecchi"]) expect(text).toContain(name);
    expect(text).toContain(`Entrata in ritardo · Iscrizione spostata all'edizione 2 ${movedOn}`);
    expect(text).toContain(`Presente · Iscrizione rimossa ${removedOn}`);
  });
});
