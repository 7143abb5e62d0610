// Staff-side check-in (issue 15, point 7) against the real database: the teacher's personal QR code
// (a pass for one place of one edition) and the register's search lead the trainer to "segna
// presente", which writes through recordAttendance like the register (source "registro", a history
// row under the trainer's name). A pass of another edition, an altered pass and anyone but the
// edition's trainers are refused, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAttendancePass } from "../../app/domain/check-in.ts";
import { AttendanceRefusedError, recordAttendance } from "../../app/models/attendance.server.ts";
import {
  attendancePassKey,
  loadAttendancePass,
  markPresentByStaff,
  resolveAttendancePass,
} from "../../app/models/check-in.server.ts";
import * as registerRoute from "../../app/routes/formazione.incontri.$sessionId.tsx";
import * as passRoute from "../../app/routes/formazione.presenza.$pass.tsx";
import * as teacherPassRoute from "../../app/routes/le-mie-iscrizioni_.$enrolmentId.qr.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { createUser } from "../support/factories.ts";
import { registerEdition } from "../support/registers.ts";
import { renderRoutePage } from "../support/render-route.ts";
import { cookieOf, runRoute as call } from "../support/routes.ts";
import { trainerEdition } from "../support/scopes.ts";

afterAll(() => prisma.$disconnect());

const MINUTE = 60_000;

let anna: { id: string };
let bruno: { id: string };
let carla: { id: string };
let live: Awaited<ReturnType<typeof registerEdition>>;
let other: Awaited<ReturnType<typeof registerEdition>>;
const enrolmentIn = (edition: typeof live, userId: string) => edition.enrolments.find((e) => e.userId === userId)!.id;

beforeAll(async () => {
  anna = await createUser({ firstName: "Anna", lastName: "Albani" });
  bruno = await createUser({ firstName: "Bruno", lastName: "Bellini" });
  carla = await createUser({ firstName: "Carla", lastName: "Conti" });
  // A workshop under way (started an hour ago) with Anna and Bruno; another edition with Carla,
  // kept by the same trainer, so a refusal there is about the edition, not about access.
  live = await registerEdition({
    sessionStartsAt: new Date(Date.now() - 60 * MINUTE),
    teachers: [anna, bruno],
    mode: "in-presenza",
  });
  other = await registerEdition({
    sessionStartsAt: new Date(Date.now() - 60 * MINUTE),
    teachers: [carla, anna],
    mode: "in-presenza",
  });
  await prisma.eventTrainer.create({ data: { eventId: other.event.id, userId: live.trainer.id } });
});

const linesOf = (sessionId: string) =>
  prisma.attendanceRecord.findMany({
    where: { sessionId },
    select: { enrolmentId: true, status: true, source: true, recordedById: true },
  });

const registerUrl = (sessionId: string, query = "") => `http://localhost/formazione/incontri/${sessionId}${query}`;

function post(userId: string, sessionId: string, form: Record<string, string>) {
  return cookieOf(userId).then((cookie) =>
    call(registerRoute.action, { cookie, url: registerUrl(sessionId), params: { sessionId }, form }),
  );
}

describe("the register page after a mark", () => {
  /** The register page as the trainer sees it at `query`, rendered with its loader's data. */
  async function registerPage(fixture: typeof live, query: string) {
    const url = registerUrl(fixture.session.id, query);
    const page = await call(registerRoute.loader, {
      cookie: await cookieOf(fixture.trainer.id),
      url,
      params: { sessionId: fixture.session.id },
    });
    expect(page.status).toBe(200);
    return renderRoutePage(registerRoute.default, {
      path: "/formazione/incontri/:sessionId",
      url,
      loaderData: page.data,
    });
  }

  it("says 'Presenza registrata' only for someone whose line records them there (not for a reloaded or crafted ?presente=)", async () => {
    const dario = await createUser({ firstName: "Dario", lastName: "Donati" });
    const fixture = await registerEdition({
      sessionStartsAt: new Date(Date.now() - 60 * MINUTE),
      teachers: [dario],
      mode: "in-presenza",
    });
    const enrolmentId = fixture.enrolments[0]!.id;
    // Nothing recorded for Dario: a link naming him announces nothing (it said "Presenza registrata per Donati
    // Dario: Nessuna registrazione").
    expect(await registerPage(fixture, `?presente=${enrolmentId}`)).not.toContain("Presenza registrata per");
    const pass = (await loadAttendancePass(dario.id, enrolmentId))!.pass;
    const marked = await post(fixture.trainer.id, fixture.session.id, { intent: "segna-presente", partecipante: pass });
    expect(marked.status).toBe(302);
    expect(await registerPage(fixture, `?presente=${enrolmentId}`)).toContain("Presenza registrata per Donati Dario");
  });
});

describe("personal pass", () => {
  it("the teacher's own place has a QR code leading to the trainer's page; nobody else's", async () => {
    const enrolmentId = enrolmentIn(live, anna.id);
    const page = await call(teacherPassRoute.loader, {
      cookie: await cookieOf(anna.id),
      url: `http://localhost/le-mie-iscrizioni/${enrolmentId}/qr`,
      params: { enrolmentId },
    });
    expect(page.status).toBe(200);
    const data = page.data as { pass: string; url: string; svg: string };
    expect(data.url).toMatch(new RegExp(`/formazione/presenza/${enrolmentId}\\.[A-Za-z0-9_-]{12}$`));
    expect(data.svg).toContain("<svg");
    const stranger = await call(teacherPassRoute.loader, {
      cookie: await cookieOf(bruno.id),
      url: `http://localhost/le-mie-iscrizioni/${enrolmentId}/qr`,
      params: { enrolmentId },
    });
    expect(stranger.status).toBe(404);
    expect(await loadAttendancePass(bruno.id, enrolmentId)).toBeNull();
  });

  it("is valid only for its edition: refused on another edition's register, altered, or for a place no longer active", async () => {
    const annaLive = enrolmentIn(live, anna.id);
    const pass = (await loadAttendancePass(anna.id, annaLive))!.pass;
    const scopeLive = await trainerEdition(live.trainer.id, live.edition.id);
    const scopeOther = await trainerEdition(live.trainer.id, other.edition.id);
    expect(await resolveAttendancePass(scopeLive, pass)).toMatchObject({ ok: true, enrolmentId: annaLive });
    expect(await resolveAttendancePass(scopeOther, pass)).toEqual({ ok: false, reason: "altra-edizione" });
    const altered = pass.slice(0, -1) + (pass.endsWith("A") ? "B" : "A");
    expect(await resolveAttendancePass(scopeLive, altered)).toEqual({ ok: false, reason: "non-valido" });
    // A pass made for the same enrolment but another edition (as if moved) does not verify.
    const forged = makeAttendancePass(attendancePassKey(), { id: annaLive, editionId: other.edition.id });
    expect(await resolveAttendancePass(scopeOther, forged)).toEqual({ ok: false, reason: "non-valido" });

    // Through the register: Anna's pass of the live edition on the other edition's register.
    const refused = await post(live.trainer.id, other.session.id, { intent: "segna-presente", partecipante: pass });
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({ formError: expect.stringContaining("altra edizione") });
    expect(await linesOf(other.session.id)).toEqual([]);

    // Anna's place in the other edition, cancelled after her pass was made: refused there too.
    const annaOther = enrolmentIn(other, anna.id);
    const cancelledPass = (await loadAttendancePass(anna.id, annaOther))!.pass;
    await prisma.enrolment.update({ where: { id: annaOther }, data: { status: "annullato", activeKey: null } });
    expect(await loadAttendancePass(anna.id, annaOther)).toBeNull();
    expect(await resolveAttendancePass(scopeOther, cancelledPass)).toEqual({ ok: false, reason: "non-iscritto" });
    const cancelled = await post(live.trainer.id, other.session.id, {
      intent: "segna-presente",
      partecipante: cancelledPass,
    });
    expect(cancelled.status).toBe(409);
    expect(cancelled.data).toMatchObject({ formError: expect.stringContaining("non è più attiva") });
    expect(await linesOf(other.session.id)).toEqual([]);
  });

  it("marks the participant present through the register's writer, with a history row under the trainer's name", async () => {
    const enrolmentId = enrolmentIn(live, bruno.id);
    const pass = (await loadAttendancePass(bruno.id, enrolmentId))!.pass;
    // The QR code's address: the trainer's camera opens it and lands on the register of the session under way.
    const opened = await call(passRoute.loader, {
      cookie: await cookieOf(live.trainer.id),
      url: `http://localhost/formazione/presenza/${pass}`,
      params: { pass },
    });
    expect(opened.status).toBe(302);
    expect(opened.location).toBe(
      `/formazione/incontri/${live.session.id}?partecipante=${encodeURIComponent(pass)}#presenze-telefono`,
    );
    const page = await call(registerRoute.loader, {
      cookie: await cookieOf(live.trainer.id),
      url: registerUrl(live.session.id, `?partecipante=${encodeURIComponent(pass)}`),
      params: { sessionId: live.session.id },
    });
    expect((page.data as { staff: { pass: unknown } }).staff.pass).toMatchObject({
      ok: true,
      enrolmentId,
      firstName: "Bruno",
    });
    expect(await linesOf(live.session.id)).toEqual([]);

    const marked = await post(live.trainer.id, live.session.id, { intent: "segna-presente", partecipante: pass });
    expect(marked.status).toBe(302);
    expect(marked.location).toBe(`/formazione/incontri/${live.session.id}?presente=${enrolmentId}#presenze-telefono`);
    // An hour into the session: a late arrival, as the QR code would record it.
    expect(await linesOf(live.session.id)).toEqual([
      { enrolmentId, status: "ritardo", source: "registro", recordedById: live.trainer.id },
    ]);
    const history = await prisma.attendanceChange.findMany({
      where: { sessionId: live.session.id, enrolmentId },
      select: { fromStatus: true, toStatus: true, source: true, actorId: true },
    });
    expect(history).toEqual([{ fromStatus: null, toStatus: "ritardo", source: "registro", actorId: live.trainer.id }]);
  });

  it("refuses anyone but the edition's trainers: the teacher, another trainer; on the register and on the pass's address", async () => {
    const enrolmentId = enrolmentIn(live, anna.id);
    const pass = (await loadAttendancePass(anna.id, enrolmentId))!.pass;
    const stranger = await createUser({ firstName: "Ugo", lastName: "Altro", roles: [{ role: "formatore" }] });
    for (const userId of [anna.id, stranger.id]) {
      const refused = await post(userId, live.session.id, { intent: "segna-presente", enrolmentId });
      expect(refused.status).toBe(403);
      const opened = await call(passRoute.loader, {
        cookie: await cookieOf(userId),
        url: `http://localhost/formazione/presenza/${pass}`,
        params: { pass },
      });
      expect(opened.status).toBe(403);
    }
    const scope = await trainerEdition(live.trainer.id, other.edition.id);
    // A session of another edition than the scope's is not found, whatever the enrolment.
    await expect(markPresentByStaff(scope, live.session.id, enrolmentId)).rejects.toBeInstanceOf(
      AttendanceRefusedError,
    );
    // An address that is not a pass made here.
    const bogus = `${enrolmentId}.AAAAAAAAAAAA`;
    const unknown = await call(passRoute.loader, {
      cookie: await cookieOf(live.trainer.id),
      url: `http://localhost/formazione/presenza/${bogus}`,
      params: { pass: bogus },
    });
    expect(unknown.status).toBe(404);
    expect(await prisma.attendanceRecord.count({ where: { sessionId: live.session.id, enrolmentId } })).toBe(0);
  });
});

describe("search on the register", () => {
  it("finds participants by name or email (accents and case ignored) and marks one present", async () => {
    const cookie = await cookieOf(live.trainer.id);
    const found = await call(registerRoute.loader, {
      cookie,
      url: registerUrl(live.session.id, "?cerca=albani"),
      params: { sessionId: live.session.id },
    });
    const annaEnrolment = enrolmentIn(live, anna.id);
    expect((found.data as { staff: { found: string[] } }).staff.found).toEqual([annaEnrolment]);
    const marked = await post(live.trainer.id, live.session.id, {
      intent: "segna-presente",
      enrolmentId: annaEnrolment,
      cerca: "albani",
    });
    expect(marked.location).toBe(
      `/formazione/incontri/${live.session.id}?cerca=albani&presente=${annaEnrolment}#presenze-telefono`,
    );
    expect(await linesOf(live.session.id)).toContainEqual({
      enrolmentId: annaEnrolment,
      status: "ritardo",
      source: "registro",
      recordedById: live.trainer.id,
    });
    // An enrolment of another edition is refused by the register's own check.
    const carlaOther = enrolmentIn(other, carla.id);
    const refused = await post(live.trainer.id, live.session.id, { intent: "segna-presente", enrolmentId: carlaOther });
    expect(refused.status).toBe(409);
    expect(await prisma.attendanceRecord.count({ where: { enrolmentId: carlaOther } })).toBe(0);
  });
});

/** The register page of an edition's session, as its trainer opens it. */
const registerPageOf = async (edition: typeof live) =>
  call(registerRoute.loader, {
    cookie: await cookieOf(edition.trainer.id),
    url: registerUrl(edition.session.id),
    params: { sessionId: edition.session.id },
  });

describe("arrivals before the start", () => {
  it("the trainer marks people present from the check-in window's opening, like their own QR code; the full register still waits for the start", async () => {
    const dora = await createUser({ firstName: "Dora", lastName: "Dini" });
    const ezio = await createUser({ firstName: "Ezio", lastName: "Esposito" });
    // Starts in 20 minutes: the check-in window (30 minutes before) is open, the register is not.
    const soon = await registerEdition({
      sessionStartsAt: new Date(Date.now() + 20 * MINUTE),
      teachers: [dora, ezio],
      mode: "in-presenza",
    });
    expect((await registerPageOf(soon)).data).toMatchObject({ started: false, arrivalsOpen: true });
    const marked = await post(soon.trainer.id, soon.session.id, {
      intent: "segna-presente",
      enrolmentId: enrolmentIn(soon, dora.id),
    });
    expect(marked.status).toBe(302);
    expect(await linesOf(soon.session.id)).toEqual([
      {
        enrolmentId: enrolmentIn(soon, dora.id),
        status: "presente",
        source: "registro",
        recordedById: soon.trainer.id,
      },
    ]);
    // Saving the whole register (absences too) is for once the session has started.
    await expect(
      recordAttendance(
        soon.trainer.id,
        soon.session.id,
        [{ enrolmentId: enrolmentIn(soon, ezio.id), status: "assente", minutesAttended: null }],
        "registro",
      ),
    ).rejects.toMatchObject({ refusal: { kind: "non-iniziato" } });

    // Two hours ahead the window is closed: nobody is marked, and the page offers no check-in yet.
    const later = await registerEdition({
      sessionStartsAt: new Date(Date.now() + 120 * MINUTE),
      teachers: [ezio],
      mode: "in-presenza",
    });
    expect((await registerPageOf(later)).data).toMatchObject({ started: false, arrivalsOpen: false });
    const scope = await trainerEdition(later.trainer.id, later.edition.id);
    await expect(markPresentByStaff(scope, later.session.id, enrolmentIn(later, ezio.id))).rejects.toMatchObject({
      refusal: { kind: "non-iniziato" },
    });
    expect(await linesOf(later.session.id)).toEqual([]);
  });
});

describe("the line a staff check-in writes", () => {
  it("is the one the participant's QR code would write: present on time, late with the minutes left, whole once the session is over", async () => {
    const [gino, ilaria, luca] = [
      await createUser({ firstName: "Gino" }),
      await createUser({ firstName: "Ilaria" }),
      await createUser({ firstName: "Luca" }),
    ];
    const startsAt = new Date(Date.now() - 30 * MINUTE);
    const workshop = await registerEdition({
      sessionStartsAt: startsAt,
      teachers: [gino, ilaria, luca],
      mode: "in-presenza",
    });
    const scope = await trainerEdition(workshop.trainer.id, workshop.edition.id);
    const at = (minutes: number) => new Date(startsAt.getTime() + minutes * MINUTE);
    const lineOf = (userId: string) =>
      prisma.attendanceRecord.findFirstOrThrow({
        where: { sessionId: workshop.session.id, enrolmentId: enrolmentIn(workshop, userId) },
        select: { status: true, minutesAttended: true },
      });

    // Within the tolerance after the start: present.
    await markPresentByStaff(scope, workshop.session.id, enrolmentIn(workshop, gino.id), at(5));
    expect(await lineOf(gino.id)).toEqual({ status: "presente", minutesAttended: null });
    // Forty minutes into a two-hour session: late, with the 80 minutes left, not the whole 120.
    const late = await markPresentByStaff(scope, workshop.session.id, enrolmentIn(workshop, ilaria.id), at(40));
    expect(late.mark).toEqual({ status: "ritardo", minutesAttended: 80 });
    expect(await lineOf(ilaria.id)).toEqual({ status: "ritardo", minutesAttended: 80 });
    // After the end nobody is arriving: the trainer records what happened, whole attendance.
    await markPresentByStaff(scope, workshop.session.id, enrolmentIn(workshop, luca.id), at(125));
    expect(await lineOf(luca.id)).toEqual({ status: "presente", minutesAttended: null });
  });
});

describe("a line that already records the person there", () => {
  it("is left as it is and refused as already recorded; absent or excused lines are replaced", async () => {
    const [marta, nino, olga, pia] = [
      await createUser({ firstName: "Marta", lastName: "Marini" }),
      await createUser({ firstName: "Nino", lastName: "Neri" }),
      await createUser({ firstName: "Olga", lastName: "Orsi" }),
      await createUser({ firstName: "Pia", lastName: "Pace" }),
    ];
    // A two-hour in-person session that started 60 minutes ago.
    const startsAt = new Date(Date.now() - 60 * MINUTE);
    const workshop = await registerEdition({
      sessionStartsAt: startsAt,
      teachers: [marta, nino, olga, pia],
      mode: "in-presenza",
    });
    const sessionId = workshop.session.id;
    const scope = await trainerEdition(workshop.trainer.id, workshop.edition.id);
    const at = (minutes: number) => new Date(startsAt.getTime() + minutes * MINUTE);
    const id = (userId: string) => enrolmentIn(workshop, userId);
    // Marta checked in with the room's QR code before the start (present); Nino's late arrival of
    // 100 minutes was typed by the trainer; Olga was marked absent, Pia excused.
    await recordAttendance(
      marta.id,
      sessionId,
      [{ enrolmentId: id(marta.id), status: "presente", minutesAttended: null }],
      "check-in",
      at(-5),
    );
    await recordAttendance(
      workshop.trainer.id,
      sessionId,
      [
        { enrolmentId: id(nino.id), status: "ritardo", minutesAttended: 100 },
        { enrolmentId: id(olga.id), status: "assente", minutesAttended: null },
        { enrolmentId: id(pia.id), status: "giustificato", minutesAttended: null },
      ],
      "registro",
      at(20),
    );
    const lineOf = (userId: string) =>
      prisma.attendanceRecord.findFirstOrThrow({
        where: { sessionId, enrolmentId: id(userId) },
        select: { status: true, minutesAttended: true, source: true },
      });
    const historyCount = () => prisma.attendanceChange.count({ where: { sessionId } });
    const before = await historyCount();

    // Forty minutes in, the trainer taps "Segna presente" for Marta and for Nino: their lines stay.
    await expect(markPresentByStaff(scope, sessionId, id(marta.id), at(40))).rejects.toMatchObject({
      refusal: {
        kind: "righe-non-valide",
        lines: [{ enrolmentId: id(marta.id), problem: "gia-registrata", current: { status: "presente" } }],
      },
    });
    await expect(markPresentByStaff(scope, sessionId, id(nino.id), at(40))).rejects.toMatchObject({
      refusal: { lines: [{ problem: "gia-registrata", current: { status: "ritardo", minutesAttended: 100 } }] },
    });
    expect(await lineOf(marta.id)).toEqual({ status: "presente", minutesAttended: null, source: "check-in" });
    expect(await lineOf(nino.id)).toEqual({ status: "ritardo", minutesAttended: 100, source: "registro" });
    expect(await historyCount()).toBe(before);

    // Through the page (the personal QR code and the search): refused with what the register holds.
    const byPass = await post(workshop.trainer.id, sessionId, {
      intent: "segna-presente",
      partecipante: (await loadAttendancePass(marta.id, id(marta.id)))!.pass,
    });
    expect(byPass.status).toBe(409);
    expect(byPass.data).toMatchObject({ formError: expect.stringContaining("già registrata («Presente»)") });
    const bySearch = await post(workshop.trainer.id, sessionId, { intent: "segna-presente", enrolmentId: id(nino.id) });
    expect(bySearch.status).toBe(409);
    expect(bySearch.data).toMatchObject({
      formError: expect.stringContaining("già registrata («Entrata in ritardo (100 min)»)"),
    });
    expect(await lineOf(marta.id)).toMatchObject({ status: "presente", minutesAttended: null });
    expect(await lineOf(nino.id)).toMatchObject({ status: "ritardo", minutesAttended: 100 });
    expect(await historyCount()).toBe(before);

    // Olga (absent) and Pia (excused) have come after all: their lines become the arrival mark.
    expect((await markPresentByStaff(scope, sessionId, id(olga.id), at(40))).mark).toEqual({
      status: "ritardo",
      minutesAttended: 80,
    });
    expect(await lineOf(olga.id)).toEqual({ status: "ritardo", minutesAttended: 80, source: "registro" });
    const pia2 = await post(workshop.trainer.id, sessionId, { intent: "segna-presente", enrolmentId: id(pia.id) });
    expect(pia2.status).toBe(302);
    expect(await lineOf(pia.id)).toMatchObject({ status: "ritardo" });
  });
});
