// Open offers when the organiser moves an edition's sessions (ADR 0011: an offer never outlives the
// edition), against the real database and a real SMTP server: the event form's save (updateEvent)
// bounds every open offer again by the rule a new offer meets (rescheduleOffers), in its own
// transaction; the people holding an offer are told with an "edizione-modificata-offerta" email
// (the new schedule and the offer's deadline, Italian or English, HTML and text, no invitation);
// an offer left with less than an hour becomes a place ("promosso"), one whose training is over ends.
// The people waiting in line are told too ("edizione-modificata-in-attesa", ADR 0011 addendum 07/12/2026): the new
// schedule, their position as the message leaves, and the link to leave the list; before, they learnt the new dates
// only once promoted.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/domain/permissions.ts";
import { acceptOffer, cancelByTeacher, enrol } from "../../app/models/enrolment.server.ts";
import { changeEventStatus, updateEvent } from "../../app/models/event.server.ts";
import { changeEditionSettings } from "../../app/models/seat-ledger.server.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { eventInputFrom, twoWebinarsFields, type EventFormFields } from "../support/event-form-fields.ts";
import { createUser, unique } from "../support/factories.ts";
import { createNationalUnit, publishEvent } from "../support/events.ts";
import { sendQueued, withFileMailbox } from "../support/file-mailbox.ts";
import { managedEdition } from "../support/scopes.ts";
import { to, type Inbox } from "../support/smtp.ts";
import { renderRoutePage, textOf } from "../support/render-route.ts";
import { cookieOf, runRoute, type Handler } from "../support/routes.ts";
import * as myEnrolmentsRoute from "../../app/routes/le-mie-iscrizioni.tsx";
import type { Mailer } from "../../app/utils/mailer.server.ts";

let inbox: Inbox;
let mailer: Mailer;
let national: Actor;
let nationalId: string;

withFileMailbox((started) => ({ inbox, mailer } = started));
beforeAll(async () => {
  ({ id: nationalId, actor: national } = await createNationalUnit());
});

type Fields = EventFormFields;

/** An online event, one edition of two webinars (10 and 17 February 2027, 15:00 Rome), one seat. */
function fieldsFor(): Fields {
  return twoWebinarsFields(`Offerte ${unique("off")}`, {
    "editions[0].seatCap": "1",
    "editions[0].enrolmentClosesAt": "2027-02-09T23:59",
  });
}

const ENROLLED_AT = new Date("2027-02-01T09:00:00Z");

/** A published edition with `seatCap` seats, promotion by offer for `offerHours`; the teachers enrol in order. */
async function editionWithOffers(
  seatCap: number,
  offerHours: number,
  teachers: { id: string }[],
  overrides: Fields = {},
) {
  const fields = { ...fieldsFor(), "editions[0].seatCap": String(seatCap), ...overrides };
  const { eventId, editions } = await publishEvent(national, fields);
  const edition = editions[0]!;
  expect(
    await changeEditionSettings(
      await managedEdition(nationalId, edition.id),
      { promotionMode: "offerta", offerHours, cancellationCutoffAt: null },
      ENROLLED_AT,
    ),
  ).toEqual({ ok: true });
  const places: string[] = [];
  for (const t of teachers) {
    const r = await enrol(t.id, edition.id, ENROLLED_AT);
    expect(r.ok).toBe(true);
    places.push((await prisma.enrolment.findFirstOrThrow({ where: { editionId: edition.id, userId: t.id } })).id);
  }
  /** The form as saved with some fields changed, the edition and its sessions kept. */
  const edited = (changes: Fields) =>
    eventInputFrom({
      ...fields,
      "editions[0].id": edition.id,
      "editions[0].sessions[0].id": edition.sessions[0]!.id,
      "editions[0].sessions[1].id": edition.sessions[1]!.id,
      ...changes,
    });
  /** The form as saved with the sessions moved (Rome local times) and the edition's first day. */
  const moved = (startsOn: string, sessions: [string, string, string, string]) =>
    eventInputFrom({
      ...fields,
      "editions[0].id": edition.id,
      "editions[0].startsOn": startsOn,
      "editions[0].sessions[0].id": edition.sessions[0]!.id,
      "editions[0].sessions[1].id": edition.sessions[1]!.id,
      "editions[0].sessions[0].startsAt": sessions[0],
      "editions[0].sessions[0].endsAt": sessions[1],
      "editions[0].sessions[1].startsAt": sessions[2],
      "editions[0].sessions[1].endsAt": sessions[3],
    });
  return { eventId, edition, places, moved, edited };
}

const place = (id: string) =>
  prisma.enrolment.findUniqueOrThrow({
    where: { id },
    select: { status: true, offerExpiresAt: true, waitlistSeq: true, activeKey: true },
  });
/** The kinds of message written about a place, sorted by name. */
const kindsOf = async (enrolmentId: string) =>
  (await prisma.notification.findMany({ where: { enrolmentId }, select: { kind: true } })).map((n) => n.kind).sort();
const sendAll = () => sendQueued(mailer, "offerte");

describe("open offers when the edition's sessions move", () => {
  it("cuts a deadline past the new last session's start, keeps the others, and tells each holder (IT/EN, no invitation)", async () => {
    const seated = await createUser();
    const first = await createUser();
    const second = await createUser();
    const italian = await createUser({ firstName: "Chiara" });
    const english = await createUser({ firstName: "Dana" });
    await prisma.user.update({ where: { id: english.id }, data: { locale: "en" } });
    // 3 seats, offers for 10 days: seated, first, second hold the seats; italian, english wait.
    const { eventId, edition, places, moved } = await editionWithOffers(3, 240, [
      seated,
      first,
      second,
      italian,
      english,
    ]);
    const [seatedPlace, firstPlace, secondPlace, italianPlace, englishPlace] = places as [
      string,
      string,
      string,
      string,
      string,
    ];
    // first leaves on 3 February: italian is offered the seat until 13 February 09:00 UTC;
    // second leaves on 5 February: english until 15 February 09:00 UTC (both before the 17th's webinar).
    expect(await cancelByTeacher(first.id, firstPlace, new Date("2027-02-03T09:00:00Z"))).toEqual({ ok: true });
    expect(await cancelByTeacher(second.id, secondPlace, new Date("2027-02-05T09:00:00Z"))).toEqual({ ok: true });
    expect(await place(italianPlace)).toMatchObject({
      status: "offerta",
      offerExpiresAt: new Date("2027-02-13T09:00:00Z"),
    });
    expect(await place(englishPlace)).toMatchObject({
      status: "offerta",
      offerExpiresAt: new Date("2027-02-15T09:00:00Z"),
    });
    await sendAll();

    // On 6 February the last webinar moves to 14 February, 10:00 in Rome (09:00 UTC).
    const edited = moved("2027-02-10", [
      "2027-02-10T15:00",
      "2027-02-10T17:00",
      "2027-02-14T10:00",
      "2027-02-14T12:00",
    ]);
    const editedAt = new Date("2027-02-06T09:00:00Z");
    expect(await updateEvent(national, eventId, edited, editedAt)).toEqual({ ok: true, eventId });
    // Saving the same again changes nothing and tells nobody twice.
    expect(await updateEvent(national, eventId, edited, editedAt)).toEqual({ ok: true, eventId });

    // english's offer ended after the new last session's start: cut to it; italian's did not.
    expect(await place(englishPlace)).toMatchObject({
      status: "offerta",
      offerExpiresAt: new Date("2027-02-14T09:00:00Z"),
    });
    expect(await place(italianPlace)).toMatchObject({
      status: "offerta",
      offerExpiresAt: new Date("2027-02-13T09:00:00Z"),
    });
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).toMatchObject({ seatsTaken: 3 });
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { entityId: edition.id, action: "offerte-ricalcolate" },
    });
    expect(JSON.parse(audit.details)).toEqual({
      shortened: [{ enrolmentId: englishPlace, from: "2027-02-15T09:00:00.000Z", to: "2027-02-14T09:00:00.000Z" }],
      promoted: [],
      expired: [],
    });

    // Each offer holder gets the offer version, once; the seated teacher the usual one.
    expect(await kindsOf(italianPlace)).toEqual([
      "edizione-modificata-offerta",
      "inserito-in-lista-attesa",
      "posto-offerto",
    ]);
    expect(await kindsOf(englishPlace)).toEqual([
      "edizione-modificata-offerta",
      "inserito-in-lista-attesa",
      "posto-offerto",
    ]);
    expect(await kindsOf(seatedPlace)).toEqual(["edizione-modificata", "iscrizione-confermata"]);
    const shortenedRow = await prisma.notification.findFirstOrThrow({
      where: { enrolmentId: englishPlace, kind: "edizione-modificata-offerta" },
    });
    expect(JSON.parse(shortenedRow.payload)).toMatchObject({
      offerExpiresAt: "2027-02-14T09:00:00.000Z",
      offerShortened: true,
      sessions: [
        { startsAt: "2027-02-10T14:00:00.000Z", endsAt: "2027-02-10T16:00:00.000Z" },
        { startsAt: "2027-02-14T09:00:00.000Z", endsAt: "2027-02-14T11:00:00.000Z" },
      ],
    });

    await sendAll();
    const [it] = to(inbox, italian.email).filter((m) => m.subject?.startsWith("Edizione aggiornata"));
    expect(to(inbox, italian.email).filter((m) => m.subject?.startsWith("Edizione aggiornata"))).toHaveLength(1);
    expect(it!.subject).toContain("conferma entro 13/02/2027, 10:00 (ora italiana)");
    expect(it!.text).toContain("Gentile Chiara,");
    expect(it!.text).toContain("• domenica 14 febbraio 2027, 10:00–12:00");
    expect(it!.text).toContain(
      "La tua offerta resta valida: accetta o rinuncia entro 13/02/2027, 10:00 (ora italiana)",
    );
    expect(it!.html).toContain("La tua offerta resta valida");
    // No calendar: they hold no place yet.
    expect(it!.attachments.some((a) => a.contentType.startsWith("text/calendar"))).toBe(false);
    expect(it!.text).not.toContain("BEGIN:VCALENDAR");

    const [en] = to(inbox, english.email).filter((m) => m.subject?.startsWith("Edition updated"));
    expect(to(inbox, english.email).filter((m) => m.subject?.startsWith("Edition updated"))).toHaveLength(1);
    expect(en!.text).toContain("Dear Dana,");
    expect(en!.text).toContain("14 February 2027 at 10:00 (Italian time)");
    expect(en!.text).toContain("The deadline to accept has been brought forward");
    expect(en!.html).toContain('<html lang="en">');
    expect(en!.attachments.some((a) => a.contentType.startsWith("text/calendar"))).toBe(false);

    // The audit's case: the offer can no longer be accepted once the last session has started.
    expect(await acceptOffer(english.id, englishPlace, new Date("2027-02-14T09:30:00Z"))).toEqual({
      ok: false,
      reason: "offer-expired",
    });
    expect(await acceptOffer(italian.id, italianPlace, new Date("2027-02-12T09:00:00Z"))).toEqual({ ok: true });
  });

  it("an offer email still queued when the deadline is brought forward states the deadline as it is when it leaves", async () => {
    const seated = await createUser();
    const waiting = await createUser();
    const { eventId, places, moved } = await editionWithOffers(1, 240, [seated, waiting]);
    const [seatedPlace, waitingPlace] = places as [string, string];
    // seated leaves on 5 February: waiting is offered the seat until 15 February 09:00 UTC ("posto-offerto"
    // written with it), and the email has not left yet (a backlog, an SMTP outage).
    expect(await cancelByTeacher(seated.id, seatedPlace, new Date("2027-02-05T09:00:00Z"))).toEqual({ ok: true });
    expect(await place(waitingPlace)).toMatchObject({
      status: "offerta",
      offerExpiresAt: new Date("2027-02-15T09:00:00Z"),
    });
    // The last webinar moves to 14 February, 10:00 in Rome: the offer is cut to it.
    const firstMove = moved("2027-02-10", [
      "2027-02-10T15:00",
      "2027-02-10T17:00",
      "2027-02-14T10:00",
      "2027-02-14T12:00",
    ]);
    expect(await updateEvent(national, eventId, firstMove, new Date("2027-02-06T09:00:00Z"))).toEqual({
      ok: true,
      eventId,
    });
    // …and again, to 13 February, before the first change's email has left either.
    const secondMove = moved("2027-02-10", [
      "2027-02-10T15:00",
      "2027-02-10T17:00",
      "2027-02-13T10:00",
      "2027-02-13T12:00",
    ]);
    expect(await updateEvent(national, eventId, secondMove, new Date("2027-02-06T10:00:00Z"))).toEqual({
      ok: true,
      eventId,
    });
    expect(await place(waitingPlace)).toMatchObject({
      status: "offerta",
      offerExpiresAt: new Date("2027-02-13T09:00:00Z"),
    });
    const written = await prisma.notification.findFirstOrThrow({
      where: { enrolmentId: waitingPlace, kind: "posto-offerto" },
    });
    expect(JSON.parse(written.payload)).toMatchObject({ offerExpiresAt: "2027-02-15T09:00:00.000Z" });

    await sendAll();
    const mails = to(inbox, waiting.email);
    const offer = mails.filter((m) => m.subject?.startsWith("Posto disponibile"));
    expect(offer).toHaveLength(1);
    expect(offer[0]!.subject).toContain("conferma entro 13/02/2027, 10:00 (ora italiana)");
    expect(offer[0]!.text).toContain("Accettalo o rinuncia entro 13/02/2027, 10:00 (ora italiana)");
    // Every email about the offer states the real deadline, none a later one: the first change's says it
    // was brought forward, to the deadline as it is now.
    const changed = mails.filter((m) => m.subject?.startsWith("Edizione aggiornata"));
    expect(changed.length).toBeGreaterThan(0);
    for (const m of [...offer, ...changed]) {
      expect(`${m.subject}\n${m.text}`).not.toMatch(/1[45]\/02\/2027/);
    }
    for (const m of changed) {
      expect(m.subject).toContain("conferma entro 13/02/2027, 10:00 (ora italiana)");
      expect(m.text).toContain("La scadenza per accettare è stata anticipata");
    }
  });

  it("tells an offer holder of a new venue as the seat holders are told: the place, each session's hours, no room link yet", async () => {
    const seated = await createUser();
    const leaving = await createUser();
    const offered = await createUser();
    // A blended event: the first webinar online, the second held at the venue.
    const { eventId, places, edited } = await editionWithOffers(2, 240, [seated, leaving, offered], {
      mode: "blended",
      venue: "Liceo Galilei, Firenze",
      "editions[0].sessions[0].place": "online",
      "editions[0].sessions[1].place": "in-presenza",
    });
    const [, leavingPlace, offeredPlace] = places as [string, string, string];
    expect(await cancelByTeacher(leaving.id, leavingPlace, new Date("2027-02-03T09:00:00Z"))).toEqual({ ok: true });
    expect(await place(offeredPlace)).toMatchObject({ status: "offerta" });
    await sendAll();

    // Only the venue changes.
    const saved = await updateEvent(national, eventId, edited({ venue: "ITIS Meucci, Firenze" }), ENROLLED_AT);
    expect(saved).toEqual({ ok: true, eventId });
    expect(await kindsOf(offeredPlace)).toContain("edizione-modificata-offerta");
    await sendAll();

    const [offer] = to(inbox, offered.email).filter((m) => m.subject?.startsWith("Edizione aggiornata"));
    const [seat] = to(inbox, seated.email).filter((m) => m.subject?.startsWith("Edizione aggiornata"));
    for (const mail of [offer!, seat!]) {
      expect(mail.text).toContain("Luogo: ITIS Meucci, Firenze");
      expect(mail.text).toContain("gli incontri, il luogo o la stanza online");
      expect(mail.text).toContain("• mercoledì 10 febbraio 2027, 15:00–17:00 (online)");
      expect(mail.text).toContain("• mercoledì 17 febbraio 2027, 15:00–17:00 (in presenza)");
      expect(mail.html).toContain("Luogo: ITIS Meucci, Firenze");
    }
    // The room link goes to those who hold a seat (as the event page gives it); the offer says when it comes.
    expect(seat!.text).toContain("Link della stanza online: https://meet.example.it/stanza-prove");
    expect(offer!.text).not.toContain("https://meet.example.it/stanza-prove");
    expect(offer!.text).toContain(
      "Il link della stanza online sarà in Le mie iscrizioni quando avrai accettato il posto.",
    );
    expect(offer!.text).toContain("La tua offerta resta valida");
    expect(offer!.attachments.some((a) => a.contentType.startsWith("text/calendar"))).toBe(false);
  });

  it("promotes at once when less than an hour would be left, and tells them with the place's email only", async () => {
    const seated = await createUser();
    const offered = await createUser();
    const waiting = await createUser();
    const { eventId, edition, places, moved } = await editionWithOffers(1, 48, [seated, offered, waiting]);
    const [seatedPlace, offeredPlace, waitingPlace] = places as [string, string, string];
    expect(await cancelByTeacher(seated.id, seatedPlace, new Date("2027-02-08T09:00:00Z"))).toEqual({ ok: true });
    expect(await place(offeredPlace)).toMatchObject({
      status: "offerta",
      offerExpiresAt: new Date("2027-02-10T09:00:00Z"),
    });

    // At 11:00 in Rome on 8 February, the webinars move to that morning: the last starts at 11:30.
    const now = new Date("2027-02-08T10:00:00Z");
    const edited = moved("2027-02-08", [
      "2027-02-08T08:00",
      "2027-02-08T10:00",
      "2027-02-08T11:30",
      "2027-02-08T13:30",
    ]);
    expect(await updateEvent(national, eventId, edited, now)).toEqual({ ok: true, eventId });

    expect(await place(offeredPlace)).toMatchObject({ status: "iscritto", offerExpiresAt: null, waitlistSeq: null });
    expect(await place(waitingPlace)).toMatchObject({ status: "in-attesa" });
    // The seat is the one the offer held.
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).toMatchObject({ seatsTaken: 1 });
    const changes = await prisma.enrolmentChange.findMany({
      where: { enrolmentId: offeredPlace, fromStatus: "offerta" },
    });
    expect(changes).toMatchObject([{ fromStatus: "offerta", toStatus: "iscritto", actorId: nationalId }]);
    expect(await kindsOf(offeredPlace)).toEqual(["inserito-in-lista-attesa", "posto-offerto", "promosso"]);

    await sendAll();
    const mails = to(inbox, offered.email).filter((m) => m.subject?.startsWith("Hai un posto"));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("la tua iscrizione è confermata");
    // Told as the schedule change it is, not as a seat that became free.
    expect(mails[0]!.text).not.toContain("Si è liberato un posto");
    expect(mails[0]!.text).toMatch(
      /L'organizzazione ha spostato gli incontri di Offerte .+ \(edizione 1\): non resta più tempo per rispondere all'offerta del posto, quindi il posto che ti era stato offerto è ora tuo/,
    );
    expect(mails[0]!.text).toContain("lunedì 8 febbraio 2027, 11:30–13:30");
    expect(mails[0]!.attachments.some((a) => a.contentType.startsWith("text/calendar"))).toBe(true);
  });

  it("tells a teacher the same save promotes by raising the cap once, by the place's email with the new schedule", async () => {
    const seated = await createUser();
    const waiting = await createUser();
    // Promotion at once (the default): one seat, seated holds it, waiting is first in line.
    const fields = fieldsFor();
    const { eventId, editions } = await publishEvent(national, fields);
    const edition = editions[0]!;
    for (const t of [seated, waiting]) expect((await enrol(t.id, edition.id, ENROLLED_AT)).ok).toBe(true);
    const placeOf = async (userId: string) =>
      (await prisma.enrolment.findFirstOrThrow({ where: { editionId: edition.id, userId } })).id;
    const [seatedPlace, waitingPlace] = [await placeOf(seated.id), await placeOf(waiting.id)];
    await sendAll();

    // One save: two seats, and the second webinar a week later.
    const edited = eventInputFrom({
      ...fields,
      "editions[0].id": edition.id,
      "editions[0].seatCap": "2",
      "editions[0].endsOn": "2027-02-24",
      "editions[0].sessions[0].id": edition.sessions[0]!.id,
      "editions[0].sessions[1].id": edition.sessions[1]!.id,
      "editions[0].sessions[1].startsAt": "2027-02-24T15:00",
      "editions[0].sessions[1].endsAt": "2027-02-24T17:00",
    });
    expect(await updateEvent(national, eventId, edited, new Date("2027-02-06T09:00:00Z"))).toEqual({
      ok: true,
      eventId,
    });
    expect(await place(waitingPlace)).toMatchObject({ status: "iscritto" });
    expect(await kindsOf(waitingPlace)).toEqual(["inserito-in-lista-attesa", "promosso"]);
    expect(await kindsOf(seatedPlace)).toEqual(["edizione-modificata", "iscrizione-confermata"]);

    await sendAll();
    const mails = to(inbox, waiting.email).filter((m) => !m.subject?.startsWith("Sei in lista"));
    expect(mails.map((m) => m.subject?.startsWith("Hai un posto"))).toEqual([true]);
    expect(mails[0]!.text).toContain("mercoledì 24 febbraio 2027, 15:00–17:00");
    // The seat is one the save added (nobody left one): said as places added to the edition.
    expect(mails[0]!.text).toContain("C'è un nuovo posto per te");
    expect(mails[0]!.text).toMatch(
      /Sono stati aggiunti posti in Offerte .+ \(edizione 1\) e uno è tuo: la tua iscrizione è confermata\./,
    );
    expect(mails[0]!.html).toContain("Sono stati aggiunti posti in Offerte ");
    expect(mails[0]!.text).not.toContain("Si è liberato un posto");
  });

  it("tells a teacher the same save offers a seat by raising the cap once, by the offer's email with the new schedule", async () => {
    const seated = await createUser();
    const waiting = await createUser();
    // Promotion by offer: one seat, seated holds it, waiting is first in line.
    const { eventId, places, edited } = await editionWithOffers(1, 240, [seated, waiting]);
    const [seatedPlace, waitingPlace] = places as [string, string];
    await sendAll();

    // One save: two seats, and the second webinar a week later (24 February, 15:00 in Rome).
    const saved = edited({
      "editions[0].seatCap": "2",
      "editions[0].endsOn": "2027-02-24",
      "editions[0].sessions[1].startsAt": "2027-02-24T15:00",
      "editions[0].sessions[1].endsAt": "2027-02-24T17:00",
    });
    expect(await updateEvent(national, eventId, saved, new Date("2027-02-06T09:00:00Z"))).toEqual({
      ok: true,
      eventId,
    });
    expect(await place(waitingPlace)).toMatchObject({ status: "offerta" });
    // One message each: the offer for the person offered (no schedule change's message besides it).
    expect(await kindsOf(waitingPlace)).toEqual(["inserito-in-lista-attesa", "posto-offerto"]);
    expect(await kindsOf(seatedPlace)).toEqual(["edizione-modificata", "iscrizione-confermata"]);

    await sendAll();
    const mails = to(inbox, waiting.email).filter((m) => !m.subject?.startsWith("Sei in lista"));
    expect(mails.map((m) => m.subject?.startsWith("Posto disponibile"))).toEqual([true]);
    const offer = mails[0]!;
    // The seat is one the save added (nobody left one): said as places added to the edition.
    expect(offer.text).toMatch(/Sono stati aggiunti posti in Offerte .+ \(edizione 1\)\. Ecco l'edizione com'è ora\./);
    expect(offer.html).toContain("Sono stati aggiunti posti in Offerte ");
    expect(offer.text).not.toContain("Si è liberato un posto");
    // The edition as it is now: the moved webinar's new day, the first one's kept; no room link until accepted.
    expect(offer.text).toContain("Ecco l'edizione com'è ora.");
    expect(offer.text).toContain("• mercoledì 10 febbraio 2027, 15:00–17:00");
    expect(offer.text).toContain("• mercoledì 24 febbraio 2027, 15:00–17:00");
    expect(offer.text).not.toContain("17 febbraio");
    expect(offer.html).toContain("mercoledì 24 febbraio 2027, 15:00–17:00");
    expect(offer.text).not.toContain("https://meet.example.it/stanza-prove");
    expect(offer.text).toContain(
      "Il link della stanza online sarà in Le mie iscrizioni quando avrai accettato il posto.",
    );
    expect(offer.attachments.some((a) => a.contentType.startsWith("text/calendar"))).toBe(false);
  });

  it("ends the offer when the sessions move into the past: the seat goes to nobody", async () => {
    const seated = await createUser();
    const offered = await createUser();
    const waiting = await createUser();
    const { eventId, edition, places, moved } = await editionWithOffers(1, 48, [seated, offered, waiting]);
    const [seatedPlace, offeredPlace, waitingPlace] = places as [string, string, string];
    expect(await cancelByTeacher(seated.id, seatedPlace, new Date("2027-02-08T09:00:00Z"))).toEqual({ ok: true });
    expect(await place(offeredPlace)).toMatchObject({ status: "offerta" });

    // The organiser records that the webinars took place on 7 February.
    const now = new Date("2027-02-08T10:00:00Z");
    const edited = moved("2027-02-07", [
      "2027-02-07T09:00",
      "2027-02-07T11:00",
      "2027-02-07T15:00",
      "2027-02-07T17:00",
    ]);
    expect(await updateEvent(national, eventId, edited, now)).toEqual({ ok: true, eventId });

    expect(await place(offeredPlace)).toMatchObject({
      status: "offerta-scaduta",
      offerExpiresAt: null,
      activeKey: null,
    });
    expect(await place(waitingPlace)).toMatchObject({ status: "in-attesa" });
    expect(await prisma.edition.findUniqueOrThrow({ where: { id: edition.id } })).toMatchObject({ seatsTaken: 0 });
    expect(await kindsOf(offeredPlace)).toEqual(["inserito-in-lista-attesa", "offerta-scaduta", "posto-offerto"]);
    expect(await kindsOf(waitingPlace)).toEqual(["inserito-in-lista-attesa"]);

    // The deadline (10 February) still lay ahead: the teacher is told the training is over, not that they let it pass.
    await sendAll();
    const [ended] = to(inbox, offered.email).filter((m) => m.subject?.startsWith("Offerta"));
    expect(ended!.subject).toMatch(/^Offerta terminata: /);
    expect(ended!.text).toContain("la formazione risulta già svolta");
    expect(ended!.text).not.toContain("non è stato accettato entro il termine");
    expect(ended!.html).not.toContain("non è stato accettato entro il termine");
  });

  it("closing the event ends the offer: the teacher is told the event was closed, not that the deadline passed (IT/EN)", async () => {
    const [first, second, italian, english] = [
      await createUser(),
      await createUser(),
      await createUser(),
      await createUser(),
    ];
    await prisma.user.update({ where: { id: english.id }, data: { locale: "en" } });
    const { eventId, places } = await editionWithOffers(2, 48, [first, second, italian, english]);
    const [firstPlace, secondPlace, italianPlace, englishPlace] = places as [string, string, string, string];
    // Both seated teachers leave on 8 February: italian and english hold offers until the 10th.
    expect(await cancelByTeacher(first.id, firstPlace, new Date("2027-02-08T09:00:00Z"))).toEqual({ ok: true });
    expect(await cancelByTeacher(second.id, secondPlace, new Date("2027-02-08T09:00:00Z"))).toEqual({ ok: true });
    expect(await place(italianPlace)).toMatchObject({ status: "offerta" });
    expect(await place(englishPlace)).toMatchObject({ status: "offerta" });
    await sendAll();

    expect(await changeEventStatus(national, eventId, "chiuso")).toEqual({ ok: true });
    expect(await place(italianPlace)).toMatchObject({ status: "offerta-scaduta" });
    expect(await place(englishPlace)).toMatchObject({ status: "offerta-scaduta" });
    await sendAll();
    const [it] = to(inbox, italian.email).filter((m) => m.subject?.startsWith("Offerta"));
    expect(it!.subject).toMatch(/^Offerta terminata: /);
    expect(it!.text).toContain("L'organizzazione ha chiuso l'evento prima della scadenza della tua offerta");
    expect(it!.text).not.toContain("non è stato accettato entro il termine");
    expect(it!.html).not.toContain("non è stato accettato entro il termine");
    const [en] = to(inbox, english.email).filter((m) => m.subject?.startsWith("Offer"));
    expect(en!.subject).toMatch(/^Offer ended: /);
    expect(en!.text).toContain("The organiser closed the event before your offer's deadline");
    expect(en!.text).not.toContain("was not accepted by its deadline");
  });
});

describe("people waiting when the edition's sessions move", () => {
  it("tells each of them once: the new dates, their position as the message leaves, a link to leave the list (IT/EN)", async () => {
    const seated = await createUser();
    const leaver = await createUser();
    const italian = await createUser({ firstName: "Chiara" });
    const english = await createUser({ firstName: "Dana" });
    await prisma.user.update({ where: { id: english.id }, data: { locale: "en" } });
    // One seat: seated holds it; leaver, italian and english wait in that order.
    const { eventId, places, moved } = await editionWithOffers(1, 240, [seated, leaver, italian, english]);
    const [seatedPlace, leaverPlace, italianPlace, englishPlace] = places as [string, string, string, string];
    for (const id of [leaverPlace, italianPlace, englishPlace]) {
      expect(await place(id)).toMatchObject({ status: "in-attesa" });
    }
    await sendAll();

    // On 6 February the last webinar moves to 14 February, 10:00 in Rome; the same save again tells nobody twice.
    const changed = moved("2027-02-10", [
      "2027-02-10T15:00",
      "2027-02-10T17:00",
      "2027-02-14T10:00",
      "2027-02-14T12:00",
    ]);
    const editedAt = new Date("2027-02-06T09:00:00Z");
    expect(await updateEvent(national, eventId, changed, editedAt)).toEqual({ ok: true, eventId });
    expect(await updateEvent(national, eventId, changed, editedAt)).toEqual({ ok: true, eventId });
    // A save that moves no session tells nobody.
    const sameDates = { ...changed, description: "Un percorso di due webinar, con i materiali." };
    expect(await updateEvent(national, eventId, sameDates, editedAt)).toEqual({ ok: true, eventId });

    for (const id of [leaverPlace, italianPlace, englishPlace]) {
      expect(await kindsOf(id)).toEqual(["edizione-modificata-in-attesa", "inserito-in-lista-attesa"]);
    }
    expect(await kindsOf(seatedPlace)).toEqual(["edizione-modificata", "iscrizione-confermata"]);
    // The row states the schedule as saved and names the place (its link to leave); the outbox states the position.
    const row = await prisma.notification.findFirstOrThrow({
      where: { enrolmentId: italianPlace, kind: "edizione-modificata-in-attesa" },
    });
    expect(row.userId).toBe(italian.id);
    expect(JSON.parse(row.payload)).toMatchObject({
      enrolmentId: italianPlace,
      sessions: [
        { startsAt: "2027-02-10T14:00:00.000Z", endsAt: "2027-02-10T16:00:00.000Z" },
        { startsAt: "2027-02-14T09:00:00.000Z", endsAt: "2027-02-14T11:00:00.000Z" },
      ],
    });

    // The first in line leaves before the messages go out: theirs is not sent, the others' positions move up.
    expect(await cancelByTeacher(leaver.id, leaverPlace, new Date("2027-02-06T10:00:00Z"))).toEqual({ ok: true });
    await sendAll();
    expect(
      await prisma.notification.findFirstOrThrow({
        where: { enrolmentId: leaverPlace, kind: "edizione-modificata-in-attesa" },
        select: { deliveryStatus: true, lastError: true },
      }),
    ).toEqual({ deliveryStatus: "non-inviare", lastError: "attesa-non-attuale" });
    expect(to(inbox, leaver.email).filter((m) => m.subject?.startsWith("Edizione aggiornata"))).toHaveLength(0);

    const itMails = to(inbox, italian.email).filter((m) => m.subject?.startsWith("Edizione aggiornata"));
    expect(itMails).toHaveLength(1);
    const it = itMails[0]!;
    expect(it.subject).toMatch(/^Edizione aggiornata, sei in lista d'attesa: Offerte .+ \(edizione 1\)/);
    expect(it.text).toContain("Gentile Chiara,");
    expect(it.text).toContain("• domenica 14 febbraio 2027, 10:00–12:00");
    expect(it.text).toContain("Sei ancora in lista d'attesa, in posizione 1:");
    expect(it.text).toContain("Se le nuove date non ti vanno più bene, esci dalla lista d'attesa");
    const leaveIt = `https://forma.example.it/le-mie-iscrizioni?conferma=${italianPlace}#conferma-${italianPlace}`;
    expect(it.text).toContain(`Esci dalla lista d'attesa: ${leaveIt}`);
    expect(it.html).toContain(`href="${leaveIt}"`);
    // No room link and no calendar: they hold no place.
    expect(it.text).not.toContain("https://meet.example.it/stanza-prove");
    expect(it.text).toContain("Il link della stanza online sarà in Le mie iscrizioni se otterrai un posto.");
    expect(it.attachments.some((a) => a.contentType.startsWith("text/calendar"))).toBe(false);

    const enMails = to(inbox, english.email).filter((m) => m.subject?.startsWith("Edition updated"));
    expect(enMails).toHaveLength(1);
    const en = enMails[0]!;
    expect(en.subject).toMatch(/^Edition updated, you are on the waiting list: /);
    expect(en.text).toContain("Dear Dana,");
    expect(en.text).toContain("• Sunday, 14 February 2027, 10:00–12:00");
    expect(en.text).toContain("You are still on the waiting list, in position 2:");
    expect(en.text).toContain(
      `Leave the waitlist: https://forma.example.it/le-mie-iscrizioni?conferma=${englishPlace}&lang=en#conferma-${englishPlace}`,
    );
    expect(en.html).toContain('<html lang="en">');

    // The link opens the place's step to leave the list on "Le mie iscrizioni".
    const url = `http://localhost/le-mie-iscrizioni?conferma=${italianPlace}`;
    const loaded = await runRoute(myEnrolmentsRoute.loader as unknown as Handler, {
      cookie: await cookieOf(italian.id),
      url,
    });
    const html = await renderRoutePage(myEnrolmentsRoute.default, { url, loaderData: loaded.data });
    expect(textOf(html)).toContain("Vuoi uscire dalla lista d'attesa?");
    expect(html).toContain(`id="conferma-${italianPlace}"`);
  });
});
