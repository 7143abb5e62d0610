// Attendance registers against the real database (SQLite or PostgreSQL): recordAttendance writes
// history only for lines that change and refuses lines of other editions, asynchronous activities
// and sessions not yet started; access through the register scope; the webinar report import
// (parsing, matching, preview, confirmation); the register and hours exports.
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import {
  AttendanceRefusedError,
  recordAttendance,
  setActivityCompletions,
} from "../../app/models/attendance.server.ts";
import {
  buildImportPreview,
  choiceOf,
  confirmImport,
  importMarks,
  parseParticipantsReport,
} from "../../app/models/attendance-import.server.ts";
import {
  editionHoursCsv,
  loadRegisterExport,
  registerCsv,
  renderRegisterPdf,
} from "../../app/models/register-export.server.ts";
import * as editionRoute from "../../app/routes/formazione.edizioni.$editionId.tsx";
import * as homeRoute from "../../app/routes/formazione._index.tsx";
import * as organiserEditionRoute from "../../app/routes/gestione.edizioni.$editionId.tsx";
import * as hoursRoute from "../../app/routes/formazione.edizioni.$editionId_.ore[.]csv.tsx";
import * as registerRoute from "../../app/routes/formazione.incontri.$sessionId.tsx";
import * as importRoute from "../../app/routes/formazione.incontri.$sessionId_.importa.tsx";
import * as csvRoute from "../../app/routes/formazione.incontri.$sessionId_.registro[.]csv.tsx";
import * as myPlanRoute from "../../app/routes/il-mio-piano.tsx";
import * as myEnrolmentsRoute from "../../app/routes/le-mie-iscrizioni.tsx";
import * as pdfRoute from "../../app/routes/formazione.incontri.$sessionId_.registro[.]pdf.tsx";
import { revokeRole } from "../../app/models/roles.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { createOpenEdition, createTeachers, createUser } from "../support/factories.ts";
import { bodyOf, callRoute as call, cookieOf, statusOf, type Handler } from "../support/routes.ts";
import { postRegister } from "../support/register-post.ts";
import { registerEdition } from "../support/registers.ts";
import { trainerEdition } from "../support/scopes.ts";

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const csvBytes = (text: string) => new Uint8Array(Buffer.concat([BOM, Buffer.from(text, "utf8")]));

afterAll(async () => {
  await prisma.$disconnect();
});

const HOUR = 3600_000;

/** An edition whose 2-hour webinar started an hour ago, with `count` enrolled teachers and a trainer. */
async function pastEdition(count: number) {
  return registerEdition({ sessionStartsAt: new Date(Date.now() - HOUR), teachers: await createTeachers(count) });
}

async function refusalOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AttendanceRefusedError) return error.refusal;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** Posts the register page's form of a session (fields in order, names repeated as the page repeats them). */
function registerPost(sessionId: string, cookie: string) {
  return (fields: [string, string][]) => {
    const body = new FormData();
    for (const [k, v] of fields) body.append(k, v);
    return postRegister(sessionId, cookie, body);
  };
}

describe("recordAttendance", () => {
  it("creates lines, writes history only for lines that change, and counts the changes", async () => {
    const { trainer, enrolments, session } = await pastEdition(3);
    const [a, b, c] = enrolments.map((e) => e.id) as [string, string, string];
    const first = await recordAttendance(
      trainer.id,
      session.id,
      [
        { enrolmentId: a, status: "presente", minutesAttended: null },
        { enrolmentId: b, status: "presente", minutesAttended: 30 },
        { enrolmentId: c, status: "ritardo", minutesAttended: 90 },
      ],
      "registro",
    );
    expect(first).toEqual({ changed: 3 });
    const again = await recordAttendance(
      trainer.id,
      session.id,
      [
        { enrolmentId: a, status: "presente", minutesAttended: null },
        { enrolmentId: b, status: "assente", minutesAttended: null },
        { enrolmentId: c, status: "ritardo", minutesAttended: 90 },
      ],
      "importazione",
    );
    expect(again).toEqual({ changed: 1 });
    const lines = await prisma.attendanceRecord.findMany({
      where: { sessionId: session.id },
      select: { enrolmentId: true, status: true, minutesAttended: true, source: true },
    });
    expect(new Map(lines.map((l) => [l.enrolmentId, l]))).toEqual(
      new Map([
        [a, { enrolmentId: a, status: "presente", minutesAttended: null, source: "registro" }],
        [b, { enrolmentId: b, status: "assente", minutesAttended: null, source: "importazione" }],
        [c, { enrolmentId: c, status: "ritardo", minutesAttended: 90, source: "registro" }],
      ]),
    );
    const history = await prisma.attendanceChange.findMany({
      where: { sessionId: session.id, enrolmentId: b },
      orderBy: { at: "asc" },
    });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.actorId, h.source])).toEqual([
      [null, "presente", trainer.id, "registro"],
      ["presente", "assente", trainer.id, "importazione"],
    ]);
    expect(await prisma.attendanceChange.count({ where: { sessionId: session.id } })).toBe(4);
  });

  it("refuses other editions' enrolments, withdrawn places, bad minutes, unstarted sessions and asynchronous activities, saving nothing", async () => {
    const { trainer, enrolments, session, edition } = await pastEdition(3);
    const other = await pastEdition(1);
    await prisma.enrolment.update({ where: { id: enrolments[2]!.id }, data: { status: "annullata", activeKey: null } });
    const refusal = await refusalOf(
      recordAttendance(
        trainer.id,
        session.id,
        [
          { enrolmentId: enrolments[0]!.id, status: "ritardo", minutesAttended: null },
          { enrolmentId: enrolments[1]!.id, status: "uscita-anticipata", minutesAttended: 121 },
          { enrolmentId: enrolments[2]!.id, status: "presente", minutesAttended: null },
          { enrolmentId: other.enrolments[0]!.id, status: "presente", minutesAttended: null },
        ],
        "registro",
      ),
    );
    expect(refusal).toEqual({
      kind: "righe-non-valide",
      lines: [
        { enrolmentId: enrolments[0]!.id, problem: "minuti-mancanti" },
        { enrolmentId: enrolments[1]!.id, problem: "minuti-non-validi" },
        { enrolmentId: enrolments[2]!.id, problem: "non-iscritto" },
        { enrolmentId: other.enrolments[0]!.id, problem: "non-iscritto" },
      ],
    });
    expect(await prisma.attendanceRecord.count({ where: { sessionId: session.id } })).toBe(0);

    const later = await prisma.trainingSession.create({
      data: {
        editionId: edition.id,
        startsAt: new Date(Date.now() + HOUR),
        endsAt: new Date(Date.now() + 3 * HOUR),
        delivery: "sincrona",
        minutes: 120,
      },
    });
    expect(
      await refusalOf(
        recordAttendance(
          trainer.id,
          later.id,
          [{ enrolmentId: enrolments[0]!.id, status: "presente", minutesAttended: null }],
          "registro",
        ),
      ),
    ).toMatchObject({ kind: "non-iniziato" });
    const activity = await prisma.trainingSession.create({
      data: {
        editionId: edition.id,
        startsAt: new Date(Date.now() - 5 * HOUR),
        endsAt: new Date(Date.now() - HOUR),
        delivery: "asincrona",
        minutes: 60,
      },
    });
    expect(
      await refusalOf(
        recordAttendance(
          trainer.id,
          activity.id,
          [{ enrolmentId: enrolments[0]!.id, status: "presente", minutesAttended: null }],
          "registro",
        ),
      ),
    ).toEqual({ kind: "sessione-asincrona" });
    // Nor has it a register file (was served as "…-incontro-0", everyone unrecorded, from a typed address).
    expect(await loadRegisterExport(activity.id)).toBeNull();
    expect(await loadRegisterExport(later.id)).not.toBeNull();
    // From the start onwards the register is open.
    expect(
      await recordAttendance(
        trainer.id,
        later.id,
        [{ enrolmentId: enrolments[0]!.id, status: "presente", minutesAttended: null }],
        "registro",
        new Date(later.startsAt.getTime()),
      ),
    ).toEqual({ changed: 1 });
  });

  it("saves a 350-line register in one call", async () => {
    const { trainer, enrolments, session } = await pastEdition(350);
    const marks = enrolments.map((e, i) => ({
      enrolmentId: e.id,
      status: i % 10 === 0 ? ("ritardo" as const) : ("presente" as const),
      minutesAttended: i % 10 === 0 ? i % 120 : null,
    }));
    expect(await recordAttendance(trainer.id, session.id, marks, "registro")).toEqual({ changed: 350 });
    const changedAgain = marks.map((m, i) =>
      i < 100 ? { ...m, status: "assente" as const, minutesAttended: null } : m,
    );
    expect(await recordAttendance(trainer.id, session.id, changedAgain, "registro")).toEqual({ changed: 100 });
    expect(await prisma.attendanceRecord.count({ where: { sessionId: session.id, status: "assente" } })).toBe(100);
    expect(await prisma.attendanceChange.count({ where: { sessionId: session.id } })).toBe(450);
  });
});

describe("register access and pages", () => {
  it("lets the assigned trainer and the organiser in, refuses another trainer (403) and unknown sessions (404)", async () => {
    const { trainer, organiser, session, edition } = await pastEdition(2);
    const stranger = await createUser({ roles: [{ role: "formatore" }] });
    // Assigned to this event, then no longer a trainer: the assignment goes with the role, and the access it gave.
    const former = await createUser({ roles: [{ role: "formatore" }] });
    await prisma.eventTrainer.create({ data: { eventId: edition.eventId, userId: former.id } });
    const national = await createUser({ roles: [{ role: "unita-nazionale" }] });
    const formerRole = await prisma.userRole.findFirstOrThrow({ where: { userId: former.id, role: "formatore" } });
    expect(
      await revokeRole({ userId: national.id, roles: [{ role: "unita-nazionale", regionCode: "" }] }, formerRole.id),
    ).toMatchObject({ ok: true, changed: true });
    expect(await prisma.eventTrainer.count({ where: { userId: former.id } })).toBe(0);
    const get = async (userId: string, handler: Handler, params: Record<string, string>, url: string) =>
      statusOf(
        await call(
          handler,
          new Request(`http://localhost${url}`, { headers: { Cookie: await cookieOf(userId) } }),
          params,
        ),
      );
    const users = { trainer: trainer.id, organiser: organiser.id, stranger: stranger.id, former: former.id };
    const onSession = { sessionId: session.id };
    const onEdition = { editionId: edition.id };
    const registerUrl = `/formazione/incontri/${session.id}`;
    const cases: [keyof typeof users, unknown, Record<string, string>, string, number][] = [
      ["trainer", registerRoute.loader, onSession, registerUrl, 200],
      ["organiser", registerRoute.loader, onSession, registerUrl, 200],
      ["stranger", registerRoute.loader, onSession, registerUrl, 403],
      ["stranger", editionRoute.loader, onEdition, `/formazione/edizioni/${edition.id}`, 403],
      ["stranger", csvRoute.loader, onSession, "/x", 403],
      ["stranger", pdfRoute.loader, onSession, "/x", 403],
      ["stranger", hoursRoute.loader, onEdition, "/x", 403],
      ["stranger", importRoute.loader, onSession, "/x", 403],
      ["former", registerRoute.loader, onSession, registerUrl, 403],
      ["former", editionRoute.loader, onEdition, `/formazione/edizioni/${edition.id}`, 403],
      ["former", csvRoute.loader, onSession, "/x", 403],
      ["former", hoursRoute.loader, onEdition, "/x", 403],
      ["trainer", registerRoute.loader, { sessionId: "nessuna" }, "/formazione/incontri/nessuna", 404],
    ];
    for (const [who, handler, params, url, status] of cases) {
      const where = `${who}: ${url} ${JSON.stringify(params)}`;
      expect(await get(users[who], handler as Handler, params, url), where).toBe(status);
    }
    // The trainer's downloads are named in their language, as their headers and labels are.
    const fileName = async (handler: unknown, params: Record<string, string>, query: string) => {
      const response = (await call(
        handler as Handler,
        new Request(`http://localhost/x${query}`, { headers: { Cookie: await cookieOf(trainer.id) } }),
        params,
      )) as Response;
      return /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1];
    };
    // The register's files name the edition by its id too, as the hours CSV does: a trainer of several events
    // got "registro-edizione-1-incontro-1" from each of them.
    expect(await fileName(csvRoute.loader, onSession, "")).toBe(
      `registro-edizione-${edition.number}-${edition.id}-incontro-1.csv`,
    );
    expect(await fileName(pdfRoute.loader, onSession, "?lang=en")).toBe(
      `register-edition-${edition.number}-${edition.id}-session-1.pdf`,
    );
    expect(await fileName(hoursRoute.loader, onEdition, "?lang=en")).toBe(
      `hours-edition-${edition.number}-${edition.id}.csv`,
    );
    // A refused POST writes nothing.
    const body = new FormData();
    body.append("intent", "all-present");
    const refused = await call(
      registerRoute.action as Handler,
      new Request("http://localhost/x", { method: "POST", body, headers: { Cookie: await cookieOf(stranger.id) } }),
      { sessionId: session.id },
    );
    expect(statusOf(refused)).toBe(403);
    expect(await prisma.attendanceRecord.count({ where: { sessionId: session.id } })).toBe(0);
  });

  it("lists the trainer's editions and, for a referent, the started editions of their region only (linked from the edition page once started); teachers are refused", async () => {
    const { trainer, edition } = await pastEdition(1);
    const tuscan = await createOpenEdition({
      level: "regionale",
      regionCode: "toscana",
      sessionStartsAt: new Date(Date.now() - HOUR),
    });
    const future = await createOpenEdition({ level: "regionale", regionCode: "toscana" });
    const lombard = await createOpenEdition({
      level: "regionale",
      regionCode: "lombardia",
      sessionStartsAt: new Date(Date.now() - HOUR),
    });
    const referent = await createUser({ roles: [{ role: "referente-usr", regionCode: "toscana" }] });
    const teacher = await createUser();
    const home = async (userId: string) =>
      call(
        homeRoute.loader as Handler,
        new Request("http://localhost/formazione", { headers: { Cookie: await cookieOf(userId) } }),
      );
    const mine = bodyOf<{ editions: { id: string }[]; managed: { id: string }[] }>(await home(trainer.id));
    expect(mine.editions.map((e) => e.id)).toEqual([edition.id]);
    expect(mine.managed).toEqual([]);
    const managed = bodyOf<{ managed: { id: string }[] }>(await home(referent.id)).managed.map((e) => e.id);
    expect(managed).toContain(tuscan.edition.id);
    expect(managed).not.toContain(future.edition.id);
    expect(managed).not.toContain(lombard.edition.id);
    expect(statusOf(await home(teacher.id))).toBe(403);
    // The organiser's edition page links to the registers once the edition has started.
    const organiserPage = async (editionId: string) =>
      bodyOf<{ registersOpen: boolean }>(
        await call(
          organiserEditionRoute.loader as Handler,
          new Request(`http://localhost/gestione/edizioni/${editionId}`, {
            headers: { Cookie: await cookieOf(referent.id) },
          }),
          { editionId },
        ),
      ).registersOpen;
    expect(await organiserPage(tuscan.edition.id)).toBe(true);
    expect(await organiserPage(future.edition.id)).toBe(false);
  });

  it("'segna tutti presenti' fills only empty lines, keeps what was typed, and a bad line returns every value typed", async () => {
    const { trainer, enrolments, session } = await pastEdition(3);
    const [a, b, c] = enrolments.map((e) => e.id) as [string, string, string];
    await recordAttendance(
      trainer.id,
      session.id,
      [{ enrolmentId: a, status: "assente", minutesAttended: null }],
      "registro",
    );
    const cookie = await cookieOf(trainer.id);
    const post = registerPost(session.id, cookie);
    const lines = (values: Record<string, [string, string]>) =>
      [a, b, c].flatMap(
        (id) =>
          [
            ["line", id],
            [`status-${id}`, values[id]?.[0] ?? ""],
            [`minutes-${id}`, values[id]?.[1] ?? ""],
          ] as [string, string][],
      );
    const bad = await post([["intent", "save"], ...lines({ [b]: ["ritardo", ""], [c]: ["uscita-anticipata", "500"] })]);
    expect(statusOf(bad)).toBe(400);
    const badBody = bodyOf<{
      lineErrors: Record<string, string>;
      values: Record<string, { status: string; minutes: string }>;
    }>(bad);
    expect(Object.keys(badBody.lineErrors).sort()).toEqual([b, c].sort());
    expect(badBody.values[c]).toEqual({ status: "uscita-anticipata", minutes: "500" });
    expect(await prisma.attendanceRecord.count({ where: { sessionId: session.id } })).toBe(1);

    const ok = await post([["intent", "all-present"], ...lines({ [c]: ["ritardo", "45"] })]);
    expect(statusOf(ok)).toBe(302);
    const saved = await prisma.attendanceRecord.findMany({
      where: { sessionId: session.id },
      select: { enrolmentId: true, status: true, minutesAttended: true },
    });
    expect(new Map(saved.map((r) => [r.enrolmentId, [r.status, r.minutesAttended]]))).toEqual(
      new Map([
        [a, ["assente", null]],
        [b, ["presente", null]],
        [c, ["ritardo", 45]],
      ]),
    );
    const page = bodyOf<{ history: { participant: string; toStatus: string | null }[] }>(
      await call(
        registerRoute.loader as Handler,
        new Request(`http://localhost/formazione/incontri/${session.id}`, { headers: { Cookie: cookie } }),
        { sessionId: session.id },
      ),
    );
    expect(page.history).toHaveLength(3);
  });

  it("a register saved from a page opened before another save writes only its own changes and refuses to overwrite a changed line", async () => {
    const { trainer, enrolments, session } = await pastEdition(3);
    const [a, b, c] = enrolments.map((e) => e.id) as [string, string, string];
    await recordAttendance(
      trainer.id,
      session.id,
      [a, b, c].map((id) => ({ enrolmentId: id, status: "presente" as const, minutesAttended: null })),
      "registro",
    );
    const cookie = await cookieOf(trainer.id);
    const post = registerPost(session.id, cookie);
    /** The register as a page that showed every line "presente" posts it, with `values` chosen on it. */
    const staleTab = (values: Record<string, [string, string]>, shown: Record<string, string> = {}) =>
      [a, b, c].flatMap(
        (id) =>
          [
            ["line", id],
            [`status-${id}`, values[id]?.[0] ?? "presente"],
            [`minutes-${id}`, values[id]?.[1] ?? ""],
            [`was-${id}`, shown[id] ?? "presente:"],
          ] as [string, string][],
      );
    const lines = async () =>
      new Map(
        (
          await prisma.attendanceRecord.findMany({
            where: { sessionId: session.id },
            select: { enrolmentId: true, status: true, minutesAttended: true },
          })
        ).map((r) => [r.enrolmentId, [r.status, r.minutesAttended]]),
      );

    // Another tab marks b late; this tab, still showing b present, marks a absent: b stays late.
    expect(statusOf(await post([["intent", "save"], ...staleTab({ [b]: ["ritardo", "40"] })]))).toBe(302);
    expect(statusOf(await post([["intent", "save"], ...staleTab({ [a]: ["assente", ""] })]))).toBe(302);
    expect(await lines()).toEqual(
      new Map([
        [a, ["assente", null]],
        [b, ["ritardo", 40]],
        [c, ["presente", null]],
      ]),
    );

    // The same stale tab now changes b too: refused (nothing saved), naming what b holds now,
    // keeping the choice, and the page's next save (showing b as it is now) replaces it.
    const refused = await post([["intent", "save"], ...staleTab({ [b]: ["giustificato", ""], [c]: ["assente", ""] })]);
    expect(statusOf(refused)).toBe(409);
    const body = bodyOf<{
      formError: string;
      lineErrors: Record<string, string>;
      values: Record<string, { status: string; minutes: string; was?: string }>;
    }>(refused);
    expect(Object.keys(body.lineErrors)).toEqual([b]);
    expect(body.lineErrors[b]).toContain("«Entrata in ritardo (40 min)»");
    // b now counts as shown with what it holds; the other lines keep what the page showed.
    expect(body.values[b]).toEqual({ status: "giustificato", minutes: "", was: "ritardo:40" });
    expect(body.values[c]).toEqual({ status: "assente", minutes: "", was: "presente:" });
    expect((await lines()).get(c)).toEqual(["presente", null]);
    expect(
      statusOf(
        await post([["intent", "save"], ...staleTab({ [b]: ["giustificato", ""] }, { [b]: body.values[b]!.was! })]),
      ),
    ).toBe(302);
    expect((await lines()).get(b)).toEqual(["giustificato", null]);
  });

  it("a line's note: saved trimmed with the line, its own change in the history, kept by imports and check-ins, refused too long or without a status, never on the teacher's pages", async () => {
    const { trainer, enrolments, session, event } = await pastEdition(2);
    const [a, b] = enrolments as [(typeof enrolments)[number], (typeof enrolments)[number]];
    const post = registerPost(session.id, await cookieOf(trainer.id));
    const line = (id: string, status: string, note: string, was = ":", wasNote = "") =>
      [
        ["line", id],
        [`status-${id}`, status],
        [`minutes-${id}`, ""],
        [`note-${id}`, note],
        [`was-${id}`, was],
        [`wasnote-${id}`, wasNote],
      ] as [string, string][];
    const record = (id: string) =>
      prisma.attendanceRecord.findUniqueOrThrow({
        where: { sessionId_enrolmentId: { sessionId: session.id, enrolmentId: id } },
        select: { status: true, note: true },
      });

    expect(
      statusOf(
        await post([["intent", "save"], ...line(a.id, "presente", "  Collegata da telefono  "), ...line(b.id, "", "")]),
      ),
    ).toBe(302);
    expect(await record(a.id)).toEqual({ status: "presente", note: "Collegata da telefono" });
    // Only the note changes: one change, in the history with the note before and after.
    const saved = await post([
      ["intent", "save"],
      ...line(a.id, "presente", "Uscita anticipata per servizio", "presente:", "Collegata da telefono"),
      ...line(b.id, "", ""),
    ]);
    expect((saved as Response).headers.get("Location")).toBe(`/formazione/incontri/${session.id}?salvato=1`);
    expect(await record(a.id)).toEqual({ status: "presente", note: "Uscita anticipata per servizio" });
    const history = await prisma.attendanceChange.findMany({
      where: { sessionId: session.id, enrolmentId: a.id },
      orderBy: { at: "asc" },
      select: { fromStatus: true, toStatus: true, fromNote: true, toNote: true },
    });
    expect(history).toEqual([
      { fromStatus: null, toStatus: "presente", fromNote: null, toNote: "Collegata da telefono" },
      {
        fromStatus: "presente",
        toStatus: "presente",
        fromNote: "Collegata da telefono",
        toNote: "Uscita anticipata per servizio",
      },
    ]);
    // A report import (no note) changes the status and keeps the note.
    await recordAttendance(
      trainer.id,
      session.id,
      [{ enrolmentId: a.id, status: "uscita-anticipata", minutesAttended: 60 }],
      "importazione",
    );
    expect(await record(a.id)).toEqual({ status: "uscita-anticipata", note: "Uscita anticipata per servizio" });

    // The register page shows it on the line and in the history.
    const page = bodyOf<{
      participants: { enrolmentId: string; line: { note: string | null } | null }[];
      history: { fromNote: string | null; toNote: string | null }[];
    }>(
      await call(
        registerRoute.loader as Handler,
        new Request(`http://localhost/formazione/incontri/${session.id}`, {
          headers: { Cookie: await cookieOf(trainer.id) },
        }),
        { sessionId: session.id },
      ),
    );
    expect(page.participants.find((p) => p.enrolmentId === a.id)!.line!.note).toBe("Uscita anticipata per servizio");
    expect(page.history.some((h) => h.toNote === "Uscita anticipata per servizio")).toBe(true);

    // Too long (201 characters) or without a status: refused next to the line, nothing saved.
    const tooLong = await post([
      ["intent", "save"],
      ...line(a.id, "uscita-anticipata", "x".repeat(201), "uscita-anticipata:60", "Uscita anticipata per servizio"),
      ...line(b.id, "", ""),
    ]);
    expect(statusOf(tooLong)).toBe(400);
    const refusal = bodyOf<{
      lineErrors: Record<string, string>;
      lineFields: Record<string, string>;
      values: Record<string, { note?: string }>;
    }>(tooLong);
    expect(refusal.lineErrors).toEqual({ [a.id]: "La nota può avere al massimo 200 caratteri." });
    expect(refusal.lineFields).toEqual({ [a.id]: "note" });
    expect(refusal.values[a.id]!.note).toBe("x".repeat(201));
    const noStatus = await post([["intent", "save"], ...line(b.id, "", "Assente giustificata?")]);
    expect(statusOf(noStatus)).toBe(400);
    expect(bodyOf<{ lineErrors: Record<string, string> }>(noStatus).lineErrors).toEqual({
      [b.id]: "Scegli lo stato della presenza per aggiungere una nota.",
    });
    expect(await record(a.id)).toEqual({ status: "uscita-anticipata", note: "Uscita anticipata per servizio" });
    expect(await prisma.attendanceRecord.count({ where: { sessionId: session.id, enrolmentId: b.id } })).toBe(0);
    // With "Segna presenti tutte le persone" the same line becomes present, with its note.
    expect(statusOf(await post([["intent", "all-present"], ...line(b.id, "", "Arrivata con il pullman")]))).toBe(302);
    expect(await record(b.id)).toEqual({ status: "presente", note: "Arrivata con il pullman" });

    // The register's CSV has it; the teacher's own pages do not.
    const csv = (await call(
      csvRoute.loader as Handler,
      new Request(`http://localhost/formazione/incontri/${session.id}/registro.csv`, {
        headers: { Cookie: await cookieOf(trainer.id) },
      }),
      { sessionId: session.id },
    )) as Response;
    const rows = parse((await csv.text()).replace(/^\uFEFF/, ""), { delimiter: ";", columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.find((r) => r.Email === a.user.email)!.Nota).toBe("Uscita anticipata per servizio");
    for (const route of [myEnrolmentsRoute, myPlanRoute]) {
      const mine = await call(
        route.loader as Handler,
        new Request("http://localhost/le-mie-iscrizioni", { headers: { Cookie: await cookieOf(a.userId) } }),
      );
      const text = mine instanceof Response ? await mine.text() : JSON.stringify(bodyOf(mine));
      // The teacher's page of their places (with this edition's progress), and their training plan.
      if (route === myEnrolmentsRoute) expect(text).toContain(event.title);
      expect(text).not.toContain("Uscita anticipata per servizio");
    }
  });

  it("marks asynchronous activities completed, in bulk, with history, and counts them in the progress", async () => {
    const { trainer, enrolments, edition } = await pastEdition(3);
    const activity = await prisma.trainingSession.create({
      data: {
        editionId: edition.id,
        startsAt: new Date(Date.now() - 5 * HOUR),
        endsAt: new Date(Date.now() - HOUR),
        delivery: "asincrona",
        minutes: 300,
        required: true,
      },
    });
    const cookie = await cookieOf(trainer.id);
    const body = new FormData();
    body.append("intent", `all-done:${activity.id}`);
    body.append("activity", activity.id);
    const r = await call(
      editionRoute.action as Handler,
      new Request("http://localhost/x", { method: "POST", body, headers: { Cookie: cookie } }),
      { editionId: edition.id },
    );
    expect(statusOf(r)).toBe(302);
    expect(await prisma.activityCompletion.count({ where: { sessionId: activity.id } })).toBe(3);
    // Unticking one on a page that showed all three ticked removes it, with a history line.
    const keep = new Set([`${activity.id}:${enrolments[0]!.id}`, `${activity.id}:${enrolments[1]!.id}`]);
    const all = new Set(enrolments.map((e) => `${activity.id}:${e.id}`));
    expect(
      await setActivityCompletions(await trainerEdition(trainer.id, edition.id), [activity.id], {
        done: keep,
        shown: all,
      }),
    ).toEqual({ changed: 1 });
    const history = await prisma.attendanceChange.findMany({
      where: { sessionId: activity.id },
      select: { fromStatus: true, toStatus: true },
    });
    expect(history.filter((h) => h.toStatus === "completata")).toHaveLength(3);
    expect(history.filter((h) => h.fromStatus === "completata" && h.toStatus === null)).toHaveLength(1);
    const page = bodyOf<{ participants: { enrolmentId: string; progress: { asyncMinutes: number } }[] }>(
      await call(editionRoute.loader as Handler, new Request("http://localhost/x", { headers: { Cookie: cookie } }), {
        editionId: edition.id,
      }),
    );
    expect(page.participants.find((p) => p.enrolmentId === enrolments[2]!.id)?.progress.asyncMinutes).toBe(0);
    expect(page.participants.find((p) => p.enrolmentId === enrolments[0]!.id)?.progress.asyncMinutes).toBe(300);
  });

  it("an activities form saved from a page opened before a co-trainer's save changes only its own boxes", async () => {
    const { trainer, enrolments, edition, event } = await pastEdition(3);
    const coTrainer = await createUser({
      firstName: "Carla",
      lastName: "Coformatrice",
      roles: [{ role: "formatore" }],
    });
    await prisma.eventTrainer.create({ data: { eventId: event.id, userId: coTrainer.id } });
    const activity = (minutes: number) =>
      prisma.trainingSession.create({
        data: {
          editionId: edition.id,
          startsAt: new Date(Date.now() - 5 * HOUR),
          endsAt: new Date(Date.now() - HOUR),
          delivery: "asincrona",
          minutes,
          required: minutes > 60,
        },
      });
    const project = await activity(300);
    const test = await activity(60);
    const [x, y, z] = enrolments.map((e) => e.id) as [string, string, string];
    const cookieA = await cookieOf(trainer.id);
    /** Posts the activities form as a page shows it: every activity, what it showed ticked, what is ticked now. */
    const post = async (cookie: string, intent: string, was: string[], done: string[]) => {
      const body = new FormData();
      body.append("intent", intent);
      for (const a of [project.id, test.id]) body.append("activity", a);
      for (const w of was) body.append("was", w);
      for (const d of done) body.append("done", d);
      return statusOf(
        await call(
          editionRoute.action as Handler,
          new Request(`http://localhost/formazione/edizioni/${edition.id}`, {
            method: "POST",
            body,
            headers: { Cookie: cookie },
          }),
          { editionId: edition.id },
        ),
      );
    };
    const completed = async () =>
      (
        await prisma.activityCompletion.findMany({
          where: { session: { editionId: edition.id } },
          select: { sessionId: true, enrolmentId: true },
        })
      )
        .map((c) => `${c.sessionId}:${c.enrolmentId}`)
        .sort();

    // Trainer A's page is loaded while nothing is completed; the co-trainer, on a page loaded as well,
    // ticks "Test finale" for X, then marks "Project work" completed for everyone.
    const shownToA = bodyOf<{ completions: string[] }>(
      await call(
        editionRoute.loader as Handler,
        new Request(`http://localhost/formazione/edizioni/${edition.id}`, { headers: { Cookie: cookieA } }),
        { editionId: edition.id },
      ),
    ).completions;
    expect(shownToA).toEqual([]);
    const cookieB = await cookieOf(coTrainer.id);
    expect(await post(cookieB, "save", [], [`${test.id}:${x}`])).toBe(302);
    expect(await post(cookieB, `all-done:${project.id}`, [`${test.id}:${x}`], [`${test.id}:${x}`])).toBe(302);
    const byCoTrainer = [...[x, y, z].map((e) => `${project.id}:${e}`), `${test.id}:${x}`].sort();
    expect(await completed()).toEqual(byCoTrainer);

    // A, on the page loaded before, ticks "Test finale" for Y and saves: the co-trainer's completions stay.
    expect(await post(cookieA, "save", shownToA, [`${test.id}:${y}`])).toBe(302);
    expect(await completed()).toEqual([...byCoTrainer, `${test.id}:${y}`].sort());
    expect(
      await prisma.attendanceChange.count({ where: { actorId: trainer.id, fromStatus: "completata", toStatus: null } }),
    ).toBe(0);

    // A box unticked on the page is removed, the boxes not touched there are left as they are.
    expect(await post(cookieA, "save", [`${test.id}:${y}`], [])).toBe(302);
    expect(await completed()).toEqual(byCoTrainer);
  });
});

describe("webinar report import", () => {
  it("reads ; and , files with Excel's BOM, header variants, reconnections and minutes from join/leave times", () => {
    const starts = new Date("2026-10-22T15:00:00Z");
    const semicolon = parseParticipantsReport(
      csvBytes("Nome;E-mail;Ingresso;Uscita;Minuti\nAnna;anna@x.it;17:00;17:30;\nAnna;ANNA@x.it;17:40;19:00;80\n"),
      starts,
    );
    expect(semicolon).toEqual({
      ok: true,
      encoding: "utf-8",
      meetingStartsAt: null,
      rows: [
        {
          name: "Anna",
          email: "anna@x.it",
          minutes: 30,
          joinedAt: new Date("2026-10-22T15:00:00Z"),
          leftAt: new Date("2026-10-22T15:30:00Z"),
        },
        {
          name: "Anna",
          email: "ANNA@x.it",
          minutes: 80,
          joinedAt: new Date("2026-10-22T15:40:00Z"),
          leftAt: new Date("2026-10-22T17:00:00Z"),
        },
      ],
    });
    const comma = parseParticipantsReport(
      Buffer.from(
        'Name (original name),User Email,Join time,Leave time,Duration (minutes)\n"Rossi, Maria",m@x.it,10/22/2026 05:00:00 PM,10/22/2026 06:00:00 PM,60\n',
      ),
      starts,
    );
    expect(comma.ok && comma.rows[0]).toMatchObject({
      name: "Rossi, Maria",
      email: "m@x.it",
      minutes: 60,
      joinedAt: new Date("2026-10-22T15:00:00Z"),
    });
    // Zoom's export with the meeting summary first: the header is found below it.
    const zoom = parseParticipantsReport(
      Buffer.from(
        "Meeting ID,Topic,Start Time,Duration (Minutes)\n123,Webinar,10/22/2026 05:00:00 PM,120\n\nName (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\nAnna,anna@x.it,10/22/2026 05:00:00 PM,10/22/2026 07:00:00 PM,120,No\n",
      ),
      starts,
    );
    expect(zoom).toMatchObject({ ok: true, rows: [{ name: "Anna", email: "anna@x.it", minutes: 120 }] });
  });

  it("names what is wrong: columns, encoding, binary, size, bad rows; reads Windows-1252 and UTF-16", () => {
    const starts = new Date("2026-10-22T15:00:00Z");
    expect(parseParticipantsReport(csvBytes("Nome;Cognome;Ore\nA;B;2\n"), starts)).toEqual({
      ok: false,
      problem: {
        code: "columns",
        missing: ["Email", "Minuti", "Ingresso", "Uscita"],
        found: ["Nome", "Cognome", "Ore"],
      },
    });
    // Not UTF-8: read as Windows-1252 (Excel on Windows), not refused.
    expect(
      parseParticipantsReport(Buffer.from("Nome;Email;Minuti\nNiccol\xf2;n@x.it;3\n", "latin1"), starts),
    ).toMatchObject({
      ok: true,
      encoding: "windows-1252",
      rows: [{ name: "Niccolò", email: "n@x.it", minutes: 3 }],
    });
    expect(parseParticipantsReport(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), starts)).toEqual({
      ok: false,
      problem: { code: "binary" },
    });
    // UTF-16 is read (Teams); a UTF-8 BOM followed by invalid bytes is not.
    expect(parseParticipantsReport(new Uint8Array([0xff, 0xfe, 0x45, 0x00, 0x6d, 0x00]), starts)).toEqual({
      ok: false,
      problem: { code: "columns", missing: ["Email", "Minuti", "Ingresso", "Uscita"], found: ["Em"] },
    });
    expect(parseParticipantsReport(new Uint8Array([0xef, 0xbb, 0xbf, 0x45, 0xf2, 0x0a]), starts)).toEqual({
      ok: false,
      problem: { code: "encoding" },
    });
    expect(parseParticipantsReport(new Uint8Array(2 * 1024 * 1024 + 1).fill(65), starts)).toEqual({
      ok: false,
      problem: { code: "too-large" },
    });
    expect(parseParticipantsReport(csvBytes("Email;Minuti\na@x.it;tanti\n"), starts)).toEqual({
      ok: false,
      problem: { code: "rows", rows: [{ line: 2, kind: "minutes", value: "tanti" }] },
    });
    expect(parseParticipantsReport(csvBytes("Email;Minuti\n"), starts)).toEqual({
      ok: false,
      problem: { code: "noRows" },
    });
  });

  it("previews matched, unmatched and absent participants against the database, saves only on confirmation", async () => {
    const { trainer, enrolments, session } = await pastEdition(4);
    const [e0, e1, e2, e3] = enrolments;
    // e3 already has a line: missing from the report, it stays as it is.
    await recordAttendance(
      trainer.id,
      session.id,
      [{ enrolmentId: e3!.id, status: "giustificato", minutesAttended: null }],
      "registro",
    );
    const report = [
      "Nome;Email;Minuti",
      `A;${e0!.user.email.toUpperCase()};60`,
      `A;${e0!.user.email};70`,
      `B;${e1!.user.email};45`,
      "Ospite;ospite@altrove.it;120",
    ].join("\r\n");
    const parsed = parseParticipantsReport(csvBytes(report), session.startsAt);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    const preview = (await buildImportPreview(session.id, parsed.rows))!;
    expect(preview.matched.map((m) => [m.enrolmentId, m.minutes, m.rows, m.proposed])).toEqual(
      expect.arrayContaining([
        [e0!.id, 120, 2, { status: "presente", minutesAttended: null }],
        [e1!.id, 45, 1, { status: "ritardo", minutesAttended: 45 }],
      ]),
    );
    expect(preview.unmatched.map((u) => u.email)).toEqual(["ospite@altrove.it"]);
    expect(preview.absent.map((a) => [a.enrolmentId, a.current?.status ?? null]).sort()).toEqual(
      [
        [e2!.id, null],
        [e3!.id, "giustificato"],
      ].sort(),
    );
    expect(await prisma.attendanceRecord.count({ where: { sessionId: session.id } })).toBe(1);

    // Through the route: upload -> preview (nothing saved) -> confirm with the carried rows.
    const cookie = await cookieOf(trainer.id);
    const upload = new FormData();
    upload.append("intent", "preview");
    upload.append("report", new File([csvBytes(report)], "report.csv", { type: "text/csv" }));
    const previewed = await call(
      importRoute.action as Handler,
      new Request("http://localhost/x", { method: "POST", body: upload, headers: { Cookie: cookie } }),
      { sessionId: session.id },
    );
    expect(statusOf(previewed)).toBe(200);
    const { rows, shown } = bodyOf<{ rows: string; shown: [string, string][] }>(previewed);
    expect(await prisma.attendanceRecord.count({ where: { sessionId: session.id } })).toBe(1);
    const confirm = new FormData();
    confirm.append("intent", "confirm");
    confirm.append("rows", rows);
    for (const [name, value] of shown) confirm.append(name, value);
    const confirmed = await call(
      importRoute.action as Handler,
      new Request("http://localhost/x", { method: "POST", body: confirm, headers: { Cookie: cookie } }),
      { sessionId: session.id },
    );
    expect(statusOf(confirmed)).toBe(302);
    const saved = await prisma.attendanceRecord.findMany({
      where: { sessionId: session.id },
      select: { enrolmentId: true, status: true, minutesAttended: true, source: true },
    });
    expect(new Map(saved.map((r) => [r.enrolmentId, [r.status, r.minutesAttended, r.source]]))).toEqual(
      new Map([
        [e0!.id, ["presente", null, "importazione"]],
        [e1!.id, ["ritardo", 45, "importazione"]],
        [e2!.id, ["assente", null, "importazione"]],
        [e3!.id, ["giustificato", null, "registro"]],
      ]),
    );
    // A tampered hidden field is refused, a wrong upload gets its message.
    const tampered = new FormData();
    tampered.append("intent", "confirm");
    tampered.append("rows", '[{"name":"x","email":"a@b.it","minutes":-5,"joinedAt":null,"leftAt":null}]');
    expect(
      statusOf(
        await call(
          importRoute.action as Handler,
          new Request("http://localhost/x", { method: "POST", body: tampered, headers: { Cookie: cookie } }),
          { sessionId: session.id },
        ),
      ),
    ).toBe(400);
    const wrong = new FormData();
    wrong.append("intent", "preview");
    wrong.append("report", new File([csvBytes("Nome;Telefono\nA;1\n")], "r.csv"));
    const wrongResult = await call(
      importRoute.action as Handler,
      new Request("http://localhost/x", { method: "POST", body: wrong, headers: { Cookie: cookie } }),
      { sessionId: session.id },
    );
    expect(bodyOf<{ error: string }>(wrongResult).error).toContain("Colonne mancanti: Email");
    expect(await confirmImport(trainer.id, session.id, parsed.rows)).toEqual({ changed: 0 });
    // Over 2 MB: refused before parsing, with its message.
    const big = new FormData();
    big.append("intent", "preview");
    big.append("report", new File([new Uint8Array(2 * 1024 * 1024 + 10).fill(65)], "big.csv", { type: "text/csv" }));
    const tooLarge = await call(
      importRoute.action as Handler,
      new Request("http://localhost/x", { method: "POST", body: big, headers: { Cookie: cookie } }),
      { sessionId: session.id },
    );
    expect(statusOf(tooLarge)).toBe(413);
    expect(bodyOf<{ error: string }>(tooLarge).error).toContain("supera i 2 MB");
  });

  it("counts two devices connected at once (and rows repeated) once in the preview, and flags those people", async () => {
    const { enrolments, session } = await pastEdition(2);
    const [e0, e1] = enrolments;
    const at = (minutes: number) => new Date(session.startsAt.getTime() + minutes * 60_000);
    const row = (email: string, from: number, to: number) => ({
      name: "X",
      email,
      minutes: to - from,
      joinedAt: at(from),
      leftAt: at(to),
    });
    // e0 follows the first hour of the two on the PC with the phone joined too; e1 reconnects once.
    const preview = (await buildImportPreview(session.id, [
      row(e0!.user.email, 0, 60),
      row(e0!.user.email, 0, 60),
      row(e1!.user.email, 0, 50),
      row(e1!.user.email, 55, 120),
    ]))!;
    expect(new Map(preview.matched.map((m) => [m.enrolmentId, [m.minutes, m.overlapped, m.proposed]]))).toEqual(
      new Map([
        [e0!.id, [60, true, { status: "uscita-anticipata", minutesAttended: 60 }]],
        [e1!.id, [115, false, { status: "presente", minutesAttended: null }]],
      ]),
    );
  });

  it("keeps lines already recorded (QR check-in, a justified absence) unless 'sostituisci' is ticked, and refuses a line changed after the preview", async () => {
    const { trainer, enrolments, session } = await pastEdition(3);
    const [e0, e1, e2] = enrolments;
    // e0 checked in with the QR in the room; e1's absence was justified by hand, with a note.
    await recordAttendance(
      e0!.userId,
      session.id,
      [{ enrolmentId: e0!.id, status: "presente", minutesAttended: null }],
      "check-in",
    );
    await recordAttendance(
      trainer.id,
      session.id,
      [{ enrolmentId: e1!.id, status: "giustificato", minutesAttended: null, note: "certificato medico" }],
      "registro",
    );
    // e0 also opened the meeting for 12 minutes, e1 for 30; e2 is not in the report.
    const report = ["Nome;Email;Minuti", `A;${e0!.user.email};12`, `B;${e1!.user.email};30`].join("\r\n");
    const parsed = parseParticipantsReport(csvBytes(report), session.startsAt);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    const line = async (id: string) =>
      prisma.attendanceRecord.findUnique({
        where: { sessionId_enrolmentId: { sessionId: session.id, enrolmentId: id } },
        select: { status: true, minutesAttended: true, note: true, source: true },
      });

    // The model: recorded lines that differ from the proposal are marked, and not written unless chosen.
    const preview = (await buildImportPreview(session.id, parsed.rows))!;
    expect(new Map(preview.matched.map((m) => [m.enrolmentId, [m.proposed, m.differs]]))).toEqual(
      new Map([
        [e0!.id, [{ status: "ritardo", minutesAttended: 12 }, true]],
        [e1!.id, [{ status: "ritardo", minutesAttended: 30 }, true]],
      ]),
    );
    expect(importMarks(preview, choiceOf(preview)).map((m) => [m.enrolmentId, m.status])).toEqual([
      [e2!.id, "assente"],
    ]);

    const cookie = await cookieOf(trainer.id);
    const post = (fields: [string, string | File][]) => {
      const body = new FormData();
      for (const [k, v] of fields) body.append(k, v);
      return call(
        importRoute.action as Handler,
        new Request("http://localhost/x", { method: "POST", body, headers: { Cookie: cookie } }),
        { sessionId: session.id },
      );
    };
    type Previewed = { rows: string; shown: [string, string][]; error?: string; changedSincePreview?: string[] };
    const previewPage = async () =>
      bodyOf<Previewed>(
        await post([
          ["intent", "preview"],
          ["report", new File([csvBytes(report)], "report.csv", { type: "text/csv" })],
        ]),
      );
    const confirmOf = (page: Previewed, replace: string[] = []) =>
      post([
        ["intent", "confirm"],
        ["rows", page.rows],
        ...page.shown,
        ...replace.map((id): [string, string] => ["replace", id]),
      ]);

    // Confirmed with no box ticked: only e2's empty line is filled.
    const first = await previewPage();
    expect(first.shown.map(([, v]) => v).sort()).toEqual([`${e0!.id}:presente:`, `${e1!.id}:giustificato:`].sort());
    expect(statusOf(await confirmOf(first))).toBe(302);
    expect(await line(e0!.id)).toEqual({ status: "presente", minutesAttended: null, note: null, source: "check-in" });
    expect(await line(e1!.id)).toMatchObject({
      status: "giustificato",
      note: "certificato medico",
      source: "registro",
    });
    expect(await line(e2!.id)).toMatchObject({ status: "assente", source: "importazione" });

    // "Sostituisci" ticked for e0 only: e0's line takes the proposal, e1's stays.
    expect(statusOf(await confirmOf(await previewPage(), [e0!.id]))).toBe(302);
    expect(await line(e0!.id)).toMatchObject({ status: "ritardo", minutesAttended: 12, source: "importazione" });
    expect(await line(e1!.id)).toMatchObject({ status: "giustificato", note: "certificato medico" });

    // e1 ticked, but a colleague marks e1 present after the preview: refused, nothing saved, the preview again.
    const third = await previewPage();
    await recordAttendance(
      trainer.id,
      session.id,
      [{ enrolmentId: e1!.id, status: "presente", minutesAttended: null }],
      "registro",
    );
    const refused = await confirmOf(third, [e1!.id]);
    expect(statusOf(refused)).toBe(409);
    const again = bodyOf<Previewed>(refused);
    expect(again.changedSincePreview).toEqual([e1!.id]);
    expect(again.error).toContain(`${e1!.user.lastName} ${e1!.user.firstName}`);
    expect(again.shown.map(([, v]) => v)).toContain(`${e1!.id}:presente:`);
    expect(await line(e1!.id)).toMatchObject({ status: "presente", note: "certificato medico", source: "registro" });

    // The model alike: a preview that showed e1's line not recorded cannot overwrite it.
    expect(
      await refusalOf(confirmImport(trainer.id, session.id, parsed.rows, { shown: new Map(), replace: new Set() })),
    ).toEqual({
      kind: "righe-non-valide",
      lines: [
        {
          enrolmentId: e1!.id,
          problem: "modificata",
          current: { status: "presente", minutesAttended: null, note: "certificato medico" },
        },
      ],
    });
    expect(await line(e1!.id)).toMatchObject({ status: "presente" });
  });
});

describe("exports", () => {
  it("register CSV has a BOM, ; and one row per enrolled participant by surname; the hours report counts the same hours", async () => {
    const { trainer, enrolments, session, edition } = await pastEdition(3);
    await recordAttendance(
      trainer.id,
      session.id,
      [
        { enrolmentId: enrolments[0]!.id, status: "presente", minutesAttended: null },
        { enrolmentId: enrolments[1]!.id, status: "uscita-anticipata", minutesAttended: 50 },
      ],
      "registro",
    );
    const data = (await loadRegisterExport(session.id))!;
    const csv = registerCsv(data, "it");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = parse(csv.slice(1), { delimiter: ";", columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0]!)).toEqual(["Cognome", "Nome", "Email", "Stato", "Minuti", "Nota", "Iscrizione"]);
    const byEmail = new Map(rows.map((r) => [r.Email, r]));
    expect(byEmail.get(enrolments[0]!.user.email)).toMatchObject({ Stato: "Presente", Minuti: "120" });
    expect(byEmail.get(enrolments[1]!.user.email)).toMatchObject({ Stato: "Uscita anticipata", Minuti: "50" });
    expect(byEmail.get(enrolments[2]!.user.email)).toMatchObject({ Stato: "Nessuna registrazione", Minuti: "" });
    // A name that looks like a formula is written as text.
    await prisma.user.update({ where: { id: enrolments[2]!.userId }, data: { lastName: "=HYPERLINK(1)" } });
    const guarded = parse(registerCsv((await loadRegisterExport(session.id))!, "it").slice(1), {
      delimiter: ";",
      columns: true,
    }) as Record<string, string>[];
    expect(guarded.find((r) => r.Email === enrolments[2]!.user.email)?.Cognome).toBe("'=HYPERLINK(1)");

    // The school code and the region have columns of their own, as in iscritti.csv (they shared "Scuola", or were
    // missing: a referent could not pick her region's people out of a national course).
    await prisma.user.update({
      where: { id: enrolments[0]!.userId },
      data: { schoolName: "IC Dante Alighieri", schoolCode: "FIIC80000X", regionCode: "puglia" },
    });
    const hours = (await editionHoursCsv(edition.id, "it"))!;
    const hourRows = parse(hours.slice(1), { delimiter: ";", columns: true }) as Record<string, string>[];
    expect(hourRows).toHaveLength(3);
    const first = hourRows.find((r) => r.Email === enrolments[0]!.user.email)!;
    expect(first).toMatchObject({
      "Incontro 1 (min)": "120",
      "Ore certificate (in decimali)": "2",
      "Quota (%)": "100",
      "Percorso completato": "sì",
      Scuola: "IC Dante Alighieri",
      "Codice meccanografico": "FIIC80000X",
      Regione: "Puglia",
    });
    expect(hourRows.find((r) => r.Email === enrolments[1]!.user.email)).toMatchObject({
      "Incontro 1 (min)": "50",
      "Ore certificate (in decimali)": "0,83",
      "Ore totali (in decimali)": "2",
      "Percorso completato": "no",
    });
    // In English the headers are English, the hours keep the file's decimal comma: the ";" is for Excel in Italian
    // settings, which kept "0.83" as text (or a date) and read "1,234" as 1.234.
    const englishRows = parse((await editionHoursCsv(edition.id, "en"))!.slice(1), {
      delimiter: ";",
      columns: true,
    }) as Record<string, string>[];
    expect(englishRows.find((r) => r.Email === enrolments[0]!.user.email)).toMatchObject({
      School: "IC Dante Alighieri",
      "School code": "FIIC80000X",
      Region: "Apulia",
    });
    expect(englishRows.find((r) => r.Email === enrolments[1]!.user.email)).toMatchObject({
      "Session 1 (min)": "50",
      "Certified hours (decimal)": "0,83",
      "Total hours (decimal)": "2",
      "Share (%)": "41",
      Completed: "no",
    });
  });

  it("register PDF of 350 participants is a paginated A4 PDF", async () => {
    const { session } = await pastEdition(350);
    const data = (await loadRegisterExport(session.id))!;
    expect(data.lines).toHaveLength(350);
    const pdf = await renderRegisterPdf(data, "it");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdf.toString("latin1");
    const pages = text.match(/\/Type \/Page\b/g)?.length ?? 0;
    // About 18 rows per page, each with its header: the factory's emails (user-…@scuola.example.it) are
    // wider than their column and wrap to two lines, whole (they were cut with "…", 30 rows a page).
    expect(pages).toBeGreaterThanOrEqual(18);
    expect(pages).toBeLessThanOrEqual(22);
    expect(text).toMatch(new RegExp(`/Count ${pages}\\b`));
  });
});
