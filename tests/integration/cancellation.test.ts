// Cancelling an event or an edition from the organiser's pages (issue 12 item 5): only from the
// second step, only with a reason; the reason reaches the enrolled and waitlisted teachers by
// email (a real SMTP server) and the public event page. Real SQLite or PostgreSQL (DATABASE_URL).
import { describe, expect, it } from "vitest";
import { enrol } from "../../app/models/enrolment.server.ts";
import * as editionRoute from "../../app/routes/gestione.edizioni.$editionId.tsx";
import * as organiserEventRoute from "../../app/routes/gestione.eventi.$eventId.tsx";
import * as publicEventRoute from "../../app/routes/eventi.$eventId.tsx";
import { prisma } from "../../app/utils/db.server.ts";
import type { Mailer } from "../../app/utils/mailer.server.ts";
import { createOpenEdition, createTeachers } from "../support/factories.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import { to, type Inbox } from "../support/smtp.ts";
import { sendQueued, TEST_MAIL_ORIGIN, withFileMailbox } from "../support/file-mailbox.ts";

let inbox: Inbox;
let mailer: Mailer;

withFileMailbox((started) => ({ inbox, mailer } = started));

const sendAll = () => sendQueued(mailer, "cancellation");

/** An open edition with one seat: one teacher enrolled, one on the waitlist. */
async function editionWithParticipants() {
  const opened = await createOpenEdition({ seatCap: 1 });
  const [enrolled, waiting] = await createTeachers(2);
  expect(await enrol(enrolled!.id, opened.edition.id)).toMatchObject({ ok: true, status: "iscritto" });
  expect(await enrol(waiting!.id, opened.edition.id)).toMatchObject({ ok: true, status: "in-attesa" });
  await sendAll();
  return { ...opened, teachers: [enrolled!, waiting!], cookie: await cookieOf(opened.organiser.id) };
}

async function snapshot(eventId: string, editionId: string) {
  const [event, edition, enrolments] = await Promise.all([
    prisma.event.findUniqueOrThrow({ where: { id: eventId }, select: { status: true, cancellationReason: true } }),
    prisma.edition.findUniqueOrThrow({
      where: { id: editionId },
      select: { status: true, seatsTaken: true, cancellationReason: true },
    }),
    prisma.enrolment.findMany({ where: { editionId }, orderBy: { id: "asc" }, select: { id: true, status: true } }),
  ]);
  const notifications = await prisma.notification.count({
    where: { enrolmentId: { in: enrolments.map((e) => e.id) } },
  });
  return { event, edition, enrolments, notifications };
}

const REASON = "Il relatore è malato: l'iniziativa sarà riproposta in primavera.";

describe("cancelling an event", () => {
  it("refuses without a reason or without the second step, changing nothing", async () => {
    const { event, edition, cookie } = await editionWithParticipants();
    const before = await snapshot(event.id, edition.id);
    const post = (form: Record<string, string>) =>
      runRoute(organiserEventRoute.action as Handler, {
        cookie,
        url: `http://localhost/gestione/eventi/${event.id}`,
        params: { eventId: event.id },
        form,
      });
    // One click on the old button (status → annullato) is not enough.
    const oneClick = await post({ intent: "status", to: "annullato" });
    expect(oneClick.status).toBe(400);
    expect(oneClick.data).toMatchObject({ error: "cancellation.confirmRequired", cancelling: true });
    // The second step without a reason, with only spaces, or with one too long.
    for (const reason of [undefined, "   ", "x".repeat(501)]) {
      const form: Record<string, string> = { intent: "cancel", confirm: "yes" };
      if (reason !== undefined) form.reason = reason;
      const refused = await post(form);
      expect(refused.status).toBe(400);
      expect(refused.data).toMatchObject({ error: "cancellation.reasonRequired", cancelling: true });
    }
    // A reason but no confirmation.
    expect((await post({ intent: "cancel", reason: REASON })).status).toBe(400);
    expect(await snapshot(event.id, edition.id)).toEqual(before);
  });

  it("with a reason: every edition is cancelled, the teachers get the reason by email, the page shows it", async () => {
    const { event, edition, teachers, cookie } = await editionWithParticipants();
    const done = await runRoute(organiserEventRoute.action as Handler, {
      cookie,
      url: `http://localhost/gestione/eventi/${event.id}`,
      params: { eventId: event.id },
      form: { intent: "cancel", confirm: "yes", reason: `  ${REASON}  ` },
    });
    expect(done).toMatchObject({ status: 302, location: `/gestione/eventi/${event.id}?esito=stato-annullato` });
    const after = await snapshot(event.id, edition.id);
    expect(after.event).toEqual({ status: "annullato", cancellationReason: REASON });
    expect(after.edition).toEqual({ status: "annullata", seatsTaken: 0, cancellationReason: REASON });
    expect(after.enrolments.map((e) => e.status)).toEqual(["edizione-annullata", "edizione-annullata"]);

    await sendAll();
    for (const teacher of teachers) {
      const mails = to(inbox, teacher.email).filter((m) => m.subject?.startsWith("Edizione annullata"));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain(`Motivo: ${REASON}`);
    }

    const page = await runRoute(publicEventRoute.loader as Handler, {
      url: `http://localhost/eventi/${event.id}`,
      params: { eventId: event.id },
    });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      event: {
        status: "annullato",
        cancellationReason: REASON,
        editions: [{ enrolmentState: "cancelled", cancellationReason: REASON }],
      },
    });
  });
});

describe("cancelling an edition", () => {
  const postTo = (editionId: string, cookie: string, form: Record<string, string>) =>
    runRoute(editionRoute.action as Handler, {
      cookie,
      url: `http://localhost/gestione/edizioni/${editionId}`,
      params: { editionId },
      form,
    });

  it("refuses without the confirmation or a reason, changing nothing", async () => {
    const { event, edition, cookie } = await editionWithParticipants();
    const before = await snapshot(event.id, edition.id);
    const forms: Record<string, string>[] = [
      { intent: "cancel", reason: REASON },
      { intent: "cancel", confirm: "yes" },
      { intent: "cancel", confirm: "yes", reason: " \t " },
      { intent: "cancel", confirm: "yes", reason: "y".repeat(501) },
    ];
    for (const form of forms) {
      const refused = await postTo(edition.id, cookie, form);
      expect(refused.status).toBe(400);
      expect(refused.data).toMatchObject({ cancelling: true });
    }
    expect(await snapshot(event.id, edition.id)).toEqual(before);
  });

  it("with a reason: the teachers get it by email and the event page shows it on the edition", async () => {
    const { event, edition, teachers, cookie } = await editionWithParticipants();
    const reason = "Aula non disponibile in quelle date.";
    expect(await postTo(edition.id, cookie, { intent: "cancel", confirm: "yes", reason })).toMatchObject({
      status: 302,
    });
    expect((await snapshot(event.id, edition.id)).edition).toEqual({
      status: "annullata",
      seatsTaken: 0,
      cancellationReason: reason,
    });
    await sendAll();
    for (const teacher of teachers) {
      const mail = to(inbox, teacher.email).find((m) => m.subject?.startsWith("Edizione annullata"));
      expect(mail?.text).toContain(`Motivo: ${reason}`);
    }
    const page = await runRoute(publicEventRoute.loader as Handler, {
      url: `http://localhost/eventi/${event.id}`,
      params: { eventId: event.id },
    });
    // With no other edition open, the email offers the catalogue.
    expect(to(inbox, teachers[0]!.email).find((m) => m.subject?.startsWith("Edizione annullata"))?.text).toContain(
      "Sfoglia il catalogo",
    );
    // The organiser's page of the edition offers no free seats ("—", not the seats the cancellation freed).
    const organiserPage = await runRoute(editionRoute.loader as Handler, {
      cookie,
      url: `http://localhost/gestione/edizioni/${edition.id}`,
      params: { editionId: edition.id },
    });
    expect(organiserPage.data).toMatchObject({ edition: { status: "annullata" }, seatsLeft: null });
    // The event itself is still published; its only edition says it was cancelled, and why.
    expect(page.data).toMatchObject({
      event: {
        status: "pubblicato",
        cancellationReason: null,
        editions: [{ enrolmentState: "cancelled", cancellationReason: reason }],
      },
    });
  });

  it("points the teachers to the event's other edition still open for enrolment, not only to the catalogue", async () => {
    const { event, edition, teachers, cookie } = await editionWithParticipants();
    const first = await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } });
    await prisma.edition.create({
      data: {
        eventId: event.id,
        number: 2,
        startsOn: first.startsOn,
        endsOn: first.endsOn,
        seatCap: 30,
        enrolmentOpensAt: first.enrolmentOpensAt,
        enrolmentClosesAt: first.enrolmentClosesAt,
      },
    });
    expect(
      await postTo(edition.id, cookie, { intent: "cancel", confirm: "yes", reason: "Aula non disponibile." }),
    ).toMatchObject({ status: 302 });
    await sendAll();
    for (const teacher of teachers) {
      const mail = to(inbox, teacher.email).find((m) => m.subject?.startsWith("Edizione annullata"));
      expect(mail?.text).toContain("Un'altra edizione di questa iniziativa ha ancora le iscrizioni aperte");
      expect(mail?.text).toContain(`Vedi le altre edizioni: ${TEST_MAIL_ORIGIN}/eventi/${event.id}`);
    }
  });
});
