// A register line taken back to "Nessuna registrazione" (review 0015, daily-work finding 1): a session
// that got lines and did not take place (QR check-ins before the start, "Segna presenti tutte le persone"
// on a session called off) could never be postponed nor removed, since updateEvent refuses both while it
// has lines and nothing deleted a line. The register now clears a recorded line (the line deleted in the
// save's transaction, the change kept in the history with toStatus null), under the same checks as any
// other change; once emptied, the session moves and goes. Real SQLite or PostgreSQL (DATABASE_URL).
import { afterAll, describe, expect, it } from "vitest";
import { enrol } from "../../app/models/enrolment.server.ts";
import { recordAttendance } from "../../app/models/attendance.server.ts";
import { updateEvent } from "../../app/models/event.server.ts";
import * as registerRoute from "../../app/routes/formazione.incontri.$sessionId.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import { eventInputFrom, twoWebinarsFields, type EventFormFields } from "../support/event-form-fields.ts";
import { createNationalUnit, publishEvent } from "../support/events.ts";
import { createUser, unique } from "../support/factories.ts";
import { bodyOf, callRoute, cookieOf, statusOf, type Handler } from "../support/routes.ts";
import { postRegister as postRegisterBody } from "../support/register-post.ts";

afterAll(() => prisma.$disconnect());

const MINUTE = 60_000;

/** The two webinars' event (10 and 17 February 2027), two teachers enrolled, the form's fields with the stored ids. */
async function eventWithTwoTeachers() {
  const national = await createNationalUnit();
  const fields = twoWebinarsFields(unique("Rinviato "));
  const { eventId, editions } = await publishEvent(national.actor, fields);
  const edition = editions[0]!;
  const stored: EventFormFields = { ...fields, "editions[0].id": edition.id };
  edition.sessions.forEach((s, j) => (stored[`editions[0].sessions[${j}].id`] = s.id));
  const enrolments: string[] = [];
  for (const name of ["Alfa", "Beta"]) {
    const teacher = await createUser({ lastName: name });
    const outcome = await enrol(teacher.id, edition.id);
    if (!outcome.ok) throw new Error(`enrol failed: ${JSON.stringify(outcome)}`);
    enrolments.push((await prisma.enrolment.findFirstOrThrow({ where: { userId: teacher.id } })).id);
  }
  return { national, eventId, edition, sessions: edition.sessions, stored, enrolments };
}

/** The session as if its day had come: started ten minutes ago (its register is open). */
async function startedTenMinutesAgo(sessionId: string) {
  const startsAt = new Date(Date.now() - 10 * MINUTE);
  await prisma.trainingSession.update({
    where: { id: sessionId },
    data: { startsAt, endsAt: new Date(startsAt.getTime() + 120 * MINUTE) },
  });
}

/** Posts the register page's form: for each enrolment its status and the line as the page showed it. */
async function postRegister(
  sessionId: string,
  cookie: string,
  intent: "save" | "all-present",
  lines: { enrolmentId: string; status: string; was: string; note?: string; wasNote?: string }[],
) {
  const body = new FormData();
  body.append("intent", intent);
  for (const l of lines) {
    body.append("line", l.enrolmentId);
    body.append(`status-${l.enrolmentId}`, l.status);
    body.append(`minutes-${l.enrolmentId}`, "");
    body.append(`was-${l.enrolmentId}`, l.was);
    body.append(`note-${l.enrolmentId}`, l.note ?? "");
    body.append(`wasnote-${l.enrolmentId}`, l.wasNote ?? "");
  }
  return postRegisterBody(sessionId, cookie, body);
}

const linesOf = (sessionId: string) =>
  prisma.attendanceRecord.findMany({ where: { sessionId }, select: { enrolmentId: true, status: true } });

describe("clearing a register line", () => {
  it("'Nessuna registrazione' on a recorded line deletes it with a history row to null; the emptied session can then be postponed", async () => {
    const { national, eventId, sessions, stored, enrolments } = await eventWithTwoTeachers();
    const [a, b] = enrolments as [string, string];
    const session = sessions[0]!;
    await startedTenMinutesAgo(session.id);
    const cookie = await cookieOf(national.id);

    // The organiser marks everyone present; then the session is called off.
    const all = await postRegister(session.id, cookie, "all-present", [
      { enrolmentId: a, status: "", was: ":" },
      { enrolmentId: b, status: "", was: ":" },
    ]);
    expect(statusOf(all)).toBe(302);
    expect(await linesOf(session.id)).toHaveLength(2);
    // Moving it to its new day (later than now) is refused while it has lines.
    expect(await updateEvent(national.actor, eventId, eventInputFrom(stored))).toMatchObject({
      ok: false,
      fieldErrors: { "editions[0].sessions[0].startsAt": ["events.error.sessionRecordedMovedAhead"] },
    });

    // A page that showed a's line present and one that a colleague had changed meanwhile: the clear of
    // a changed line is refused like any other change, nothing saved.
    await recordAttendance(
      national.id,
      session.id,
      [{ enrolmentId: b, status: "assente", minutesAttended: null }],
      "registro",
    );
    const stale = await postRegister(session.id, cookie, "save", [
      { enrolmentId: a, status: "nessuna", was: "presente:" },
      { enrolmentId: b, status: "nessuna", was: "presente:" },
    ]);
    expect(statusOf(stale)).toBe(409);
    expect(Object.keys(bodyOf<{ lineErrors: Record<string, string> }>(stale).lineErrors)).toEqual([b]);
    expect(await linesOf(session.id)).toHaveLength(2);

    // "" (the line left as it is) clears nothing; "nessuna" on a recorded line clears it, note and all.
    await recordAttendance(
      national.id,
      session.id,
      [{ enrolmentId: a, status: "presente", minutesAttended: null, note: "collegata dal treno" }],
      "registro",
    );
    const kept = await postRegister(session.id, cookie, "save", [
      { enrolmentId: a, status: "", was: "presente:", wasNote: "collegata dal treno" },
      { enrolmentId: b, status: "", was: "assente:" },
    ]);
    expect(statusOf(kept)).toBe(302);
    expect(await linesOf(session.id)).toHaveLength(2);
    const cleared = await postRegister(session.id, cookie, "save", [
      {
        enrolmentId: a,
        status: "nessuna",
        was: "presente:",
        note: "collegata dal treno",
        wasNote: "collegata dal treno",
      },
      { enrolmentId: b, status: "nessuna", was: "assente:" },
    ]);
    expect(statusOf(cleared)).toBe(302);
    expect((cleared as Response).headers.get("Location")).toBe(`/formazione/incontri/${session.id}?salvato=2`);
    expect(await linesOf(session.id)).toEqual([]);
    const history = await prisma.attendanceChange.findMany({
      where: { sessionId: session.id, toStatus: null },
      select: {
        enrolmentId: true,
        fromStatus: true,
        fromNote: true,
        toMinutes: true,
        toNote: true,
        actorId: true,
        source: true,
      },
    });
    expect(new Map(history.map((h) => [h.enrolmentId, h]))).toEqual(
      new Map([
        [
          a,
          {
            enrolmentId: a,
            fromStatus: "presente",
            fromNote: "collegata dal treno",
            toMinutes: null,
            toNote: null,
            actorId: national.id,
            source: "registro",
          },
        ],
        [
          b,
          {
            enrolmentId: b,
            fromStatus: "assente",
            fromNote: null,
            toMinutes: null,
            toNote: null,
            actorId: national.id,
            source: "registro",
          },
        ],
      ]),
    );
    // The register page shows the clear in its history as "… → Nessuna registrazione".
    const page = bodyOf<{ participants: { line: unknown }[]; history: { toStatus: string | null }[] }>(
      await callRoute(
        registerRoute.loader as Handler,
        new Request(`http://localhost/formazione/incontri/${session.id}`, { headers: { Cookie: cookie } }),
        { sessionId: session.id },
      ),
    );
    expect(page.participants.map((p) => p.line)).toEqual([null, null]);
    expect(page.history.filter((h) => h.toStatus === null)).toHaveLength(2);
    // Clearing a line that is not there changes nothing.
    expect(
      await recordAttendance(
        national.id,
        session.id,
        [{ enrolmentId: a, status: null, minutesAttended: null }],
        "registro",
      ),
    ).toEqual({ changed: 0 });

    // Emptied, the session moves to its new day.
    expect(await updateEvent(national.actor, eventId, eventInputFrom(stored))).toMatchObject({ ok: true });
    expect((await prisma.trainingSession.findUniqueOrThrow({ where: { id: session.id } })).startsAt).toEqual(
      new Date("2027-02-10T14:00:00Z"),
    );
  });

  it("a session with a QR check-in and nothing else is removed once the register has cleared it", async () => {
    const { national, eventId, edition, sessions, stored, enrolments } = await eventWithTwoTeachers();
    const [a, b] = enrolments as [string, string];
    const second = sessions[1]!;
    await startedTenMinutesAgo(second.id);
    await recordAttendance(a, second.id, [{ enrolmentId: a, status: "presente", minutesAttended: null }], "check-in");
    // The form without the second session (its 2 hours no longer certified).
    const withoutSecond: EventFormFields = { ...stored, certifiedHours: "2" };
    for (const field of ["id", "startsAt", "endsAt", "delivery", "hours"])
      withoutSecond[`editions[0].sessions[1].${field}`] = null;
    expect(await updateEvent(national.actor, eventId, eventInputFrom(withoutSecond))).toMatchObject({
      ok: false,
      fieldErrors: { "editions[0].sessions": ["events.error.sessionHasAttendance"] },
    });

    const cookie = await cookieOf(national.id);
    const cleared = await postRegister(second.id, cookie, "save", [
      { enrolmentId: a, status: "nessuna", was: "presente:" },
      { enrolmentId: b, status: "", was: ":" },
    ]);
    expect(statusOf(cleared)).toBe(302);
    expect(await linesOf(second.id)).toEqual([]);
    expect(
      await prisma.attendanceChange.findMany({
        where: { sessionId: second.id },
        orderBy: { at: "asc" },
        select: { fromStatus: true, toStatus: true, source: true },
      }),
    ).toEqual([
      { fromStatus: null, toStatus: "presente", source: "check-in" },
      { fromStatus: "presente", toStatus: null, source: "registro" },
    ]);

    expect(await updateEvent(national.actor, eventId, eventInputFrom(withoutSecond))).toMatchObject({ ok: true });
    expect(await prisma.trainingSession.findMany({ where: { editionId: edition.id }, select: { id: true } })).toEqual([
      { id: sessions[0]!.id },
    ]);
  });
});
