// The kinds of notification (Notification.kind): one email template each (emails/index.ts).
// Declared in the domain, with what each kind is (a reminder, an account message, its calendar
// method), so that the models and the email templates depend on it, not on each other.
export type NotificationKind =
  | EnrolmentChangeKind
  /** updateEvent moved a session of an edition the teacher holds a place in (updated invitation). */
  | "edizione-modificata"
  /**
   * …and to every teacher holding an offer of a seat in it: the new schedule and the offer's deadline
   * (shortened when the last session now starts before it). No invitation: they hold no place yet.
   */
  | "edizione-modificata-offerta"
  /**
   * …and to every teacher waiting in its line (in-attesa): the new schedule, their position as it is when the
   * message leaves, and a link to leave the list, since the new dates may no longer suit them (ADR 0011, addendum
   * 07/12/2026). No invitation: they hold no place.
   */
  | "edizione-modificata-in-attesa"
  /** The day before a synchronous session (app/models/reminders.server.ts); a reminder: see REMINDER_KINDS. */
  | "promemoria-incontro"
  /** The trainer closed the edition and issued the teacher's certificate (app/models/certificate.server.ts). */
  | "attestato-disponibile"
  /** A certificate of the teacher's was revoked, with the reason (app/models/certificate.server.ts). */
  | "attestato-revocato"
  /** Account messages, user-scoped (app/models/account-tokens.server.ts). */
  | "conferma-email"
  | "reimposta-password"
  /** A sign-up with an address that already has an account (app/utils/account.server.ts). */
  | "account-esistente"
  /** Email change: the link to the new address, the notice to the old one (app/models/account.server.ts). */
  | "cambio-email"
  | "email-modificata"
  /** The account was closed (app/models/account-closure.server.ts): last message to the old address. */
  | "account-chiuso"
  /**
   * A never-confirmed account is about to be deleted (app/models/account-retention.server.ts, ADR 0086): once per
   * account, some days before, with a new link to confirm the address.
   */
  | "account-in-scadenza"
  /** The organiser of an edition wrote to some of its participants (app/models/participant-message.server.ts). */
  | "messaggio-organizzatore"
  /** An automatic message set on the edition, before each session or after the last (app/models/automatic-messages.server.ts). */
  | "messaggio-automatico"
  /** To an edition's organisers (owner, trainers): a participant's account was closed and the place released. */
  | "posto-liberato"
  /** An email change asked for an address that has an account: its owner is told, the asker sees the usual answer. */
  | "email-in-uso"
  /**
   * A digital identity (SPID, CIE…) was linked to the account, or unlinked from it (app/models/identity.server.ts):
   * a lasting way in, so its owner is told as of a change of address.
   */
  | "identita-collegata"
  | "identita-scollegata"
  /**
   * The national unit granted the account a role or revoked one (app/models/roles.server.ts): what it opens or
   * closes to the person, told as of an identity linked (review 0019, ADR 0013 addendum).
   */
  | "ruolo-modificato"
  /** A person's alert found events published since its last check (app/models/catalogue-alert.server.ts, ADR 0088). */
  | "nuovi-eventi";

/**
 * Kinds that tell a teacher of a change of their place or application: an EnrolmentChange row
 * names the change, and its id the notification (recordChange, app/models/enrolment-change.server.ts).
 */
export type EnrolmentChangeKind =
  | "iscrizione-confermata"
  | "inserito-in-lista-attesa"
  | "promosso"
  | "posto-offerto"
  | "offerta-scaduta"
  | "iscrizione-annullata"
  | "rimosso"
  | "edizione-annullata"
  | "candidatura-ricevuta"
  | "candidatura-accettata"
  | "candidatura-respinta"
  /** Closing the selection put the applicant on the reserve list (app/models/application.server.ts). */
  | "candidatura-in-riserva"
  /** The organiser placed the teacher in an edition, with a seat (app/models/placement.server.ts). */
  | "inserito-dall-organizzatore"
  /** The organiser placed the teacher in a full edition: on its waitlist (app/models/placement.server.ts). */
  | "in-attesa-dall-organizzatore"
  /** The organiser recorded the teacher's participation in an edition already over: a seat, no invitation (ADR 0098). */
  | "partecipazione-registrata"
  /** The organiser moved the teacher in the waitlist, with a reason (app/models/placement.server.ts). */
  | "posizione-lista-attesa-modificata"
  /** The organiser moved the teacher to another edition of the event, with a seat there (app/models/seat-ledger.server.ts, moveToEdition). */
  | "spostato-di-edizione"
  /** …moved to another edition that is full: on its waitlist. */
  | "spostato-in-lista-attesa"
  /**
   * Sessions leave the teacher's calendar, told by a message of its own whose one invitation is their
   * METHOD:CANCEL (RFC 6047: one iTIP method per message; Outlook and Gmail act only on the message's
   * text/calendar part, not on a further .ics attached). On the old place of a teacher moved with a seat to
   * another edition (moveToEdition: "spostato-di-edizione" carries the new edition's REQUEST), and on the
   * place of a seated teacher when a save deleted sessions (notifyEditionChanged, payload cancelledSessions).
   */
  | "incontri-annullati";

/**
 * Why an open offer ended before its deadline ("offerta-scaduta", payload `endedBy`): the organiser closed
 * the event (closeEventEditions, ADR 0084), or changed the schedule so that the training is over
 * (rescheduleOffers). Absent: the deadline passed with the offer neither accepted nor declined. The same causes
 * say why an application under review ended with no selection ("candidatura-respinta", payload `endedBy`): the event
 * closed (closeEventEditions) or the edition ended with the selection never closed (endOutlivedPlacesIn); absent, the
 * organiser's selection was closed and it was not selected.
 */
export const OFFER_END_CAUSES = ["evento-chiuso", "formazione-conclusa"] as const;
export type OfferEndCause = (typeof OFFER_END_CAUSES)[number];

export function isOfferEndCause(v: unknown): v is OfferEndCause {
  return (OFFER_END_CAUSES as readonly unknown[]).includes(v);
}

/**
 * What the waiting list did with a seat an account closure freed ("posto-liberato", payload `nextInLine`;
 * absent: nobody was waiting): given to the first in line, or offered to them; or, with people waiting,
 * given to nobody because the event is closed (ADR 0084) or the training is over (fillDecision), or for
 * another reason ("non-assegnato": those waiting are in another pool's line, or the edition holds more
 * seats than its cap).
 */
export const FREED_SEAT_OUTCOMES = [
  "promosso",
  "offerta",
  "evento-chiuso",
  "formazione-conclusa",
  "non-assegnato",
] as const;
export type FreedSeatOutcome = (typeof FREED_SEAT_OUTCOMES)[number];

export function isFreedSeatOutcome(v: unknown): v is FreedSeatOutcome {
  return (FREED_SEAT_OUTCOMES as readonly unknown[]).includes(v);
}

/**
 * Kinds that are reminders: the outbox skips these ("non-inviare") for users with
 * User.emailReminders = false, even if they turned reminders off after the row was written.
 * Transactional messages always go out.
 */
export const REMINDER_KINDS: ReadonlySet<string> = new Set<string>(["promemoria-incontro"]);

/**
 * Alerts of new events (ADR 0088): the outbox skips one ("non-inviare", avvisi-disattivati) once none of the
 * searches it lists is still an alert of the person: the email's one-click unsubscribe deleted them all, or
 * the person deleted that alert from /profilo/avvisi, after the row was written.
 */
export const ALERT_KINDS: ReadonlySet<string> = new Set<string>(["nuovi-eventi"]);

/**
 * Messages that tell the teacher their place in the waiting list: the outbox states it as it is when the
 * message leaves (someone ahead may have left since it was written), not as it was then, and states none
 * once the place no longer waits (offered a seat, seated or ended meanwhile). The reserve list is a
 * waiting list too: closing the selection offers the free seats to the first reserves in the same step,
 * so the rank written in the message is already behind the list when it leaves.
 */
export const WAITLIST_POSITION_KINDS: ReadonlySet<string> = new Set<string>([
  "inserito-in-lista-attesa",
  "in-attesa-dall-organizzatore",
  "spostato-in-lista-attesa",
  "posizione-lista-attesa-modificata",
  "candidatura-in-riserva",
  "edizione-modificata-in-attesa",
]);

/**
 * What a person can stop receiving with one click (List-Unsubscribe, RFC 8058; ADR 0077), and the
 * preference each topic turns off: "promemoria" is User.emailReminders. The topic is bound into the
 * link's signature, so a link stops one topic of one person.
 */
export const UNSUBSCRIBE_TOPICS = ["promemoria", "avvisi"] as const;
export type UnsubscribeTopic = (typeof UNSUBSCRIBE_TOPICS)[number];

/**
 * The kinds that carry an unsubscribe link, with their topic: the reminders only. Every other kind
 * is transactional (a place, an offer, a certificate, the account) or a message from the organiser
 * of an edition the person is in, which reaches them whatever their reminder choice: none carries
 * one.
 */
export const UNSUBSCRIBE_TOPIC: Readonly<Record<string, UnsubscribeTopic>> = {
  "promemoria-incontro": "promemoria",
  // "avvisi" deletes every alert of the person (ADR 0088).
  "nuovi-eventi": "avvisi",
};

/** Account messages: about the person's account, not an enrolment; their payload carries a raw token until sent. */
export const TOKEN_KINDS: ReadonlySet<string> = new Set<string>([
  "conferma-email",
  "reimposta-password",
  "cambio-email",
  "email-modificata",
  "account-chiuso",
  "email-in-uso",
  "account-in-scadenza",
  "identita-collegata",
  "identita-scollegata",
  "ruolo-modificato",
]);

/**
 * Account messages sent to an address other than the account's current one (payload "to"): the
 * new address of an email change, the old one told of it, a closed account's last address.
 * The address leaves the payload with the token once sent.
 */
export const ADDRESSED_KINDS: ReadonlySet<string> = new Set<string>([
  "cambio-email",
  "email-modificata",
  "account-chiuso",
]);

/**
 * Account messages whose email is a link (payload "token", checked against its AccountToken at send time):
 * confirming an address (after sign-up, or before an unconfirmed account is deleted), setting a password,
 * confirming a new address. The outbox does not send one whose link is used or expired, or no longer in the
 * payload (the message was accepted once, and a bounce made it "errore" again).
 */
export const LINK_KINDS: ReadonlySet<string> = new Set<string>([
  "conferma-email",
  "reimposta-password",
  "cambio-email",
  "account-in-scadenza",
]);

/**
 * Messages that offer a seat until a deadline: the outbox does not send one once the place no longer holds
 * the offer (accepted, declined, expired, ended by the organiser) or its deadline has passed.
 */
export const OFFER_KINDS: ReadonlySet<string> = new Set<string>(["posto-offerto", "edizione-modificata-offerta"]);

/**
 * Messages that announce a seat to the teacher (an enrolment confirmed, a seat from the waiting list, an
 * application accepted, a place given by the organiser, a move to another edition with a seat there), or say
 * it is still theirs (an edition changed: "La tua iscrizione resta valida"): the outbox does not send one once
 * the place no longer holds that seat (the teacher cancelled, was removed or moved meanwhile, ADR 0109); the
 * message that ended the place tells them what is true. A "spostato-di-edizione" that carries the old
 * edition's CANCEL (rows written before 06/12/2026: payload fromEditionHeldSeat without cancelledApart) still
 * leaves, since that CANCEL stays needed whatever happened to the new place (carriesOldCancel in the outbox);
 * since then "incontri-annullati" carries it on its own, and is never held.
 */
export const SEAT_GIVING_KINDS: ReadonlySet<string> = new Set<string>([
  "iscrizione-confermata",
  "promosso",
  "candidatura-accettata",
  "inserito-dall-organizzatore",
  "edizione-modificata",
  "spostato-di-edizione",
]);

/**
 * Messages that tell the teacher their place waits ("sei in lista d'attesa"): the outbox does not send one
 * once the place no longer waits (offered a seat, seated, ended meanwhile; ADR 0109, addendum): the message
 * that changed it is the true one. "spostato-in-lista-attesa" is held only when it carries no CANCEL of the
 * old edition's sessions (the old place held no seat): that CANCEL stays needed, as for an old
 * "spostato-di-edizione".
 * "candidatura-in-riserva" is not one of them: it tells the outcome of the selection, still true for a reserve
 * offered a seat in the same step (its position is then left out, WAITLIST_POSITION_KINDS).
 */
export const WAITING_KINDS: ReadonlySet<string> = new Set<string>([
  "inserito-in-lista-attesa",
  "in-attesa-dall-organizzatore",
  "posizione-lista-attesa-modificata",
  "spostato-in-lista-attesa",
  // An edition changed, told to a place still waiting: once offered a seat or seated, the offer's or the place's
  // message states the edition.
  "edizione-modificata-in-attesa",
]);

/**
 * Messages that announce a certificate (Notification.certificateId): the outbox does not send one once that
 * certificate was revoked (ADR 0109, addendum); a reissue announces its new certificate with its own message.
 */
export const CERTIFICATE_KINDS: ReadonlySet<string> = new Set<string>(["attestato-disponibile"]);

/**
 * What a closed account still receives (ADR 0013): its last message, to the address it had. Every other
 * row for a closed account (a certificate issued or revoked, an edition changed after the closure) is not
 * sent: its address, chiuso-<id>@forma.invalid, cannot receive mail.
 */
export const CLOSED_ACCOUNT_KINDS: ReadonlySet<string> = new Set<string>(["account-chiuso"]);

/**
 * Messages an organiser wrote: their payload may name the organiser ("sender"), and the email then
 * carries Reply-To their address (ADR 0076). Closing that organiser's account erases the sender
 * from these rows (app/models/account-closure.server.ts).
 */
export const SENDER_KINDS: ReadonlySet<string> = new Set<string>(["messaggio-organizzatore", "messaggio-automatico"]);

/**
 * Kinds whose email carries the edition's sessions as a calendar invitation (iTIP, RFC 5546):
 * REQUEST adds or updates them (same UIDs, SEQUENCE from TrainingSession.sequence), CANCEL removes them.
 */
export const INVITATION_METHOD: Readonly<Record<string, "REQUEST" | "CANCEL">> = {
  "iscrizione-confermata": "REQUEST",
  promosso: "REQUEST",
  "candidatura-accettata": "REQUEST",
  "edizione-modificata": "REQUEST",
  "inserito-dall-organizzatore": "REQUEST",
  // Moved with a seat: the new edition's sessions (the feeds drop the old ones with the old place).
  "spostato-di-edizione": "REQUEST",
  "edizione-annullata": "CANCEL",
  // The teacher's place ended: their calendar drops the sessions too.
  "iscrizione-annullata": "CANCEL",
  rimosso: "CANCEL",
  // Sessions deleted from the edition, or those of the edition a seated teacher was moved from.
  "incontri-annullati": "CANCEL",
};

/**
 * Kinds whose email states the edition's schedule as it is when it leaves (the outbox loads it: each
 * session's day and hours, the place, the room): those that give or change a place (a REQUEST
 * invitation), the change told to a teacher holding an offer of a seat or waiting for one, who has
 * no invitation but must see what changed (a venue, sessions' hours) to decide, and the offer of a seat
 * itself ("posto-offerto"): the person decides on the dates, and an offer made by the save that moved the
 * sessions (a cap raised with them) is that save's one message to them (ADR 0011, addendum 07/12/2026).
 */
export function statesSchedule(kind: string): boolean {
  return (
    INVITATION_METHOD[kind] === "REQUEST" ||
    kind === "posto-offerto" ||
    kind === "edizione-modificata-offerta" ||
    kind === "edizione-modificata-in-attesa"
  );
}
