import { formatDateTime, formatLongDate, formatShortDate, formatTime } from "../app/utils/dates.ts";
import { sessionAtVenue, sessionMode, sessionOnline } from "../app/domain/session-place.ts";
import { providerLabelIn } from "../app/domain/provider-label.ts";
import type { Locale } from "../app/domain/vocabulary.ts";
import type { EmailContext, EmailPayload, Paragraph } from "./types.ts";

/** "Titolo (edizione 2)" / "Title (edition 2)". */
export function editionLabel(p: EmailPayload, locale: Locale): string {
  if (p.editionNumber === null) return p.eventTitle;
  return locale === "en"
    ? `${p.eventTitle} (edition ${p.editionNumber})`
    : `${p.eventTitle} (edizione ${p.editionNumber})`;
}

/**
 * The provider a payload names (providerLabel, providerLabelEn), in the recipient's language: its English label to a
 * reader in English when one was configured, else the label. Null when the payload names none.
 */
export function payloadProviderLabel(p: EmailPayload, locale: Locale): string | null {
  return p.providerLabel ? providerLabelIn({ label: p.providerLabel, labelEn: p.providerLabelEn }, locale) : null;
}

/** A deadline in Europe/Rome: "05/12/2026, 18:30 (ora italiana)". */
export function romeDeadline(iso: string, locale: Locale): string {
  return `${formatDateTime(iso, locale)} (${locale === "en" ? "Italian time" : "ora italiana"})`;
}

export const MY_ENROLMENTS = "/le-mie-iscrizioni";
export const CATALOGUE = "/eventi";

export function myEnrolmentsAction(locale: Locale) {
  return { label: locale === "en" ? "Open My enrolments" : "Apri Le mie iscrizioni", path: MY_ENROLMENTS };
}

/**
 * The place's own step to leave the waiting list in "Le mie iscrizioni" (its second step, `?conferma=<id>`, which
 * asks for the confirmation and an optional reason), named as its button is. Without the place, the page.
 */
export function leaveWaitlistAction(enrolmentId: string | undefined, locale: Locale) {
  const label = locale === "en" ? "Leave the waitlist" : "Esci dalla lista d'attesa";
  const id = enrolmentId ? encodeURIComponent(enrolmentId) : null;
  return { label, path: id ? `${MY_ENROLMENTS}?conferma=${id}#conferma-${id}` : MY_ENROLMENTS };
}

export function greeting(firstName: string, locale: Locale): string {
  const name = firstName.trim();
  if (locale === "en") return name ? `Dear ${name},` : "Hello,";
  return name ? `Gentile ${name},` : "Gentile docente,";
}

/**
 * When and where: one line per session ("• martedì 10 febbraio 2027, 15:00–17:00 — Title", an
 * asynchronous activity as its period), then the place and/or the room link as the event's mode
 * says. Empty when the payload has no schedule.
 */
/** "sabato 30 ottobre 2027, 09:00–12:00" (Rome): a synchronous session's day and hours. */
function sessionWhen(startsAt: string, endsAt: string, locale: Locale): string {
  return `${formatLongDate(startsAt, locale)}, ${formatTime(startsAt, locale)}–${formatTime(endsAt, locale)}`;
}

/**
 * The sessions an edition change moved, before and now ("• Mattina: era …, ora …"), under their
 * own heading; none when the change moved no time (a place, a room link, a deleted session).
 */
export function movedParagraphs(p: EmailPayload, locale: Locale): string[] {
  const moved = p.movedSessions ?? [];
  if (moved.length === 0) return [];
  const en = locale === "en";
  const lines = moved.map((m) => {
    const was = sessionWhen(m.wasStartsAt, m.wasEndsAt, locale);
    const now = sessionWhen(m.startsAt, m.endsAt, locale);
    return `• ${m.title ? `${m.title}: ` : ""}${en ? `was ${was}, now ${now}` : `era ${was}, ora ${now}`}`;
  });
  return [
    en
      ? `${moved.length === 1 ? "Session moved" : "Sessions moved"} (Italian time):`
      : `${moved.length === 1 ? "Incontro spostato" : "Incontri spostati"} (ora italiana):`,
    lines.join("\n"),
  ];
}

/**
 * What an edition change touched, as both edition-change emails say it ("L'organizzazione ha modificato
 * …"): the sessions when some were deleted, else the sessions, the place or the room (a change of the
 * event's venue or room link is not singled out: the message then states the edition as it now is).
 */
export function changedWhat(p: EmailPayload, locale: Locale): string {
  const deleted = (p.cancelledSessions ?? []).length > 0;
  if (locale === "en") return deleted ? "the sessions" : "the sessions, the place or the online room";
  return deleted ? "gli incontri" : "gli incontri, il luogo o la stanza online";
}

/** A blended event's session's place as a teacher reads it (null: both, ADR 0091). */
function placeText(place: string | null, en: boolean): string {
  if (place === "in-presenza") return en ? "in person" : "in presenza";
  if (place === "online") return "online";
  return en ? "in person and online" : "in presenza e online";
}

/** The sessions whose place changed (a blended event's, ADR 0091): told as a move is, before and now. */
export function placeChangedParagraphs(p: EmailPayload, locale: Locale): string[] {
  const changed = p.placeChangedSessions ?? [];
  if (changed.length === 0) return [];
  const en = locale === "en";
  const lines = changed.map((m) => {
    const when = sessionWhen(m.startsAt, m.endsAt, locale);
    const was = placeText(m.wasPlace, en);
    const now = placeText(m.place, en);
    return `• ${when}${m.title ? ` — ${m.title}` : ""}: ${en ? `was ${was}, now ${now}` : `era ${was}, ora ${now}`}`;
  });
  return [
    en
      ? `${changed.length === 1 ? "Session held elsewhere" : "Sessions held elsewhere"} (Italian time):`
      : `${changed.length === 1 ? "Incontro che cambia luogo" : "Incontri che cambiano luogo"} (ora italiana):`,
    lines.join("\n"),
  ];
}

/** A schedule's session as the place rule reads it (a payload from before ADR 0091 has no place). */
const placed = (x: { delivery: string; place?: string | null }) => ({ delivery: x.delivery, place: x.place ?? null });

/**
 * `offered`: the message goes to a teacher holding an offer of a seat, who is given no room link until
 * they accept (as roomLinkState gives it to enrolled teachers only, app/domain/room-link.ts); `waiting`: to
 * a teacher waiting in line, who is given it once they hold a seat.
 */
export function scheduleParagraphs(
  p: EmailPayload,
  locale: Locale,
  options: { offered?: boolean; waiting?: boolean } = {},
): Paragraph[] {
  const s = p.schedule;
  if (!s || s.sessions.length === 0) return [];
  const en = locale === "en";
  const lines = s.sessions.map((x) => {
    const when =
      x.delivery === "asincrona"
        ? en
          ? `activity to complete from ${formatShortDate(x.startsAt, locale)} to ${formatShortDate(x.endsAt, locale)}`
          : `attività da svolgere dal ${formatShortDate(x.startsAt, locale)} al ${formatShortDate(x.endsAt, locale)}`
        : sessionWhen(x.startsAt, x.endsAt, locale);
    // A blended event's session held in one place says which (ADR 0091).
    const own = x.delivery === "sincrona" && s.mode === "blended" ? sessionMode(placed(x), s) : null;
    const where =
      own === "in-presenza" ? (en ? " (in person)" : " (in presenza)") : own === "online" ? " (online)" : "";
    return `• ${when}${where}${x.title ? ` — ${x.title}` : ""}`;
  });
  const out: Paragraph[] = [
    en
      ? `${s.sessions.length === 1 ? "Session" : "Sessions"} (Italian time):`
      : `${s.sessions.length === 1 ? "Incontro" : "Incontri"} (ora italiana):`,
    lines.join("\n"),
  ];
  const venue = s.venue?.trim();
  // The venue if some session is held there, the room if some session is held online: a blended
  // event's sessions may all be held in one of the two.
  const live = s.sessions.filter((x) => x.delivery === "sincrona");
  const atVenue = live.length === 0 ? s.mode !== "online" : live.some((x) => sessionAtVenue(placed(x), s));
  const online = live.length === 0 ? s.mode !== "in-presenza" : live.some((x) => sessionOnline(placed(x), s));
  if (atVenue && venue) out.push(en ? `Place: ${venue}` : `Luogo: ${venue}`);
  if (online && options.waiting) {
    out.push(
      en
        ? "The online room link will be on My enrolments if you get a place."
        : "Il link della stanza online sarà in Le mie iscrizioni se otterrai un posto.",
    );
  } else if (online && s.onlineUrl && !options.offered) {
    const label = en ? "Online room link" : "Link della stanza online";
    // A link named by what it opens; an address that is not a web page's stays text, never an anchor.
    out.push(/^https?:\/\//i.test(s.onlineUrl) ? { label, url: s.onlineUrl } : `${label}: ${s.onlineUrl}`);
  } else if (online && options.offered) {
    out.push(
      en
        ? "The online room link will be on My enrolments once you accept the place."
        : "Il link della stanza online sarà in Le mie iscrizioni quando avrai accettato il posto.",
    );
  } else if (online) {
    out.push(
      en
        ? "The online room link will be on My enrolments before the first session."
        : "Il link della stanza online sarà in Le mie iscrizioni prima del primo incontro.",
    );
  }
  return out;
}

/**
 * What a seat email says about giving the seat up, as the message leaves (p.cancellation): until when
 * it can be cancelled, or that it no longer can (its deadline passed, or the register already records
 * the teacher present) and whom to write to (the service's address, as the site's footer gives it)
 * instead of inviting a cancellation the teacher cannot make. `passOn`: the sentence adds that the
 * place may go to someone on the waiting list, never that it will: a freed seat goes on only if someone waits in its
 * line and the edition still gives seats (not in a closed event, not once the training is over: ADR 0011, 0084), as
 * the offer emails and the decline step say it.
 */
export function cancellationParagraphs(
  p: EmailPayload,
  { locale, contactEmail }: Pick<EmailContext, "locale" | "contactEmail">,
  passOn: boolean,
): string[] {
  const en = locale === "en";
  if (p.cancellation?.recordedPresent) {
    return [
      en
        ? `The register already records you as present at a session of this edition: this enrolment can no longer be cancelled. If you cannot go on with the course, write to ${contactEmail}.`
        : `Il registro ti indica già presente a un incontro di questa edizione: l'iscrizione non si può più annullare. Se non puoi continuare il corso, scrivi a ${contactEmail}.`,
    ];
  }
  const until = p.cancellation?.until ? romeDeadline(p.cancellation.until, locale) : null;
  if (p.cancellation && !p.cancellation.open && until) {
    return [
      en
        ? `The deadline to cancel your enrolment passed on ${until}: it can no longer be cancelled. If you cannot attend, write to ${contactEmail}.`
        : `Il termine per annullare l'iscrizione è scaduto il ${until}: non è più possibile annullarla. Se non potrai partecipare, scrivi a ${contactEmail}.`,
    ];
  }
  const by = until ? (en ? ` by ${until}` : ` entro il ${until}`) : "";
  return [
    en
      ? `If you can no longer attend, please cancel your enrolment${by}${passOn ? `${by ? "," : ""} so that the place may go to someone on the waiting list` : ""}.`
      : `Se non potrai partecipare, annulla l'iscrizione${by}${passOn ? ": il posto potrà passare a chi è in lista d'attesa" : ""}.`,
  ];
}

/**
 * Who wrote an organiser's message and that a reply reaches them (the email's Reply-To is their
 * address, ADR 0076); none for an old payload without the sender.
 */
export function senderParagraphs(p: EmailPayload, locale: Locale): string[] {
  if (!p.sender) return [];
  const { name, email } = p.sender;
  return [
    locale === "en"
      ? `Message from ${name} (${email}). To reply, reply to this email: your answer goes to ${name}.`
      : `Messaggio di ${name} (${email}). Per rispondere, rispondi a questa email: la risposta arriva a ${name}.`,
  ];
}
