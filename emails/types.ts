import type { AlertDigestSection } from "../app/domain/catalogue-alert.ts";
import type { FreedSeatOutcome, OfferEndCause } from "../app/domain/notification-kinds.ts";
import type { ProviderName } from "../app/domain/provider-label.ts";
import type { Locale } from "../app/domain/vocabulary.ts";

/** What a notification's payload may carry (JSON written by app/models/enrolment*.ts). */
export type EmailPayload = {
  eventTitle: string;
  editionNumber: number | null;
  /** ISO instant, for "posto-offerto" and "edizione-modificata-offerta" (the deadline to accept). */
  offerExpiresAt: string | null;
  /** Free text of the organiser, for "rimosso" and "edizione-annullata". */
  reason: string | null;
  /** Place in the waiting list when known (computed at send time). */
  position: number | null;
  /** "promemoria-incontro": the session (ISO instants) and, for online sessions, the room link. */
  sessionStartsAt?: string;
  sessionEndsAt?: string;
  sessionTitle?: string;
  onlineUrl?: string;
  /** "promemoria-incontro", "messaggio-automatico": the venue of a session held there (ADR 0091). */
  venue?: string;
  /**
   * Messages that confirm or change a place (confirmation, promotion, accepted application,
   * edition changed): the edition's sessions as they are when the message is sent, with the
   * event's mode, venue and room link, so the email states dates, times, place or link.
   */
  schedule?: {
    /** place: a blended event's live session held in one place only (ADR 0091). */
    sessions: { startsAt: string; endsAt: string; title: string; delivery: string; place?: string | null }[];
    mode: string;
    venue: string | null;
    onlineUrl: string | null;
  };
  /**
   * Messages that give a seat (the REQUEST kinds), computed when the message leaves: until when the
   * teacher may give the seat up (cancellationDeadline, app/domain/enrolment.ts: the organiser's cut-off
   * or the first session's start; ISO, null: none) and whether they still can then (canTeacherCancel).
   * `recordedPresent`: a register line of the edition records the teacher present (their lines came back
   * with them): the seat can no longer be given up, whatever its deadline (ADR 0011 addendum).
   * Absent: not known; the email then only says how to cancel.
   */
  cancellation?: { until: string | null; open: boolean; recordedPresent?: boolean };
  /** "edizione-modificata": the edition's sessions after the change (ISO instants). */
  sessions?: { startsAt: string; endsAt: string; title: string }[];
  /**
   * "edizione-modificata" / "incontri-annullati": sessions deleted by the change (ISO instants; id = the
   * calendar UID's session id), cancelled by the METHOD:CANCEL invitation of "incontri-annullati".
   */
  cancelledSessions?: { id: string; startsAt: string; endsAt: string; title: string }[];
  /**
   * "edizione-modificata" / "edizione-modificata-offerta": the sessions whose times this change
   * moved, with their times now and before (ISO instants).
   */
  movedSessions?: { title: string; startsAt: string; endsAt: string; wasStartsAt: string; wasEndsAt: string }[];
  /**
   * "edizione-modificata" / "edizione-modificata-offerta": a blended event's sessions whose place this
   * change changed, with their place now and before ("in-presenza", "online", null = both; ADR 0091).
   */
  placeChangedSessions?: {
    title: string;
    startsAt: string;
    endsAt: string;
    place: string | null;
    wasPlace: string | null;
  }[];
  /**
   * "edizione-modificata" / "incontri-annullati" with deleted sessions: some kept session also moved or was added
   * (the update's REQUEST and the deletion's CANCEL are then two messages).
   */
  rescheduled?: boolean;
  /**
   * "edizione-modificata" / "spostato-di-edizione": the sessions leaving the calendar (deleted ones, the old
   * edition's) are cancelled by a message of their own ("incontri-annullati"), not by this one.
   */
  cancelledApart?: boolean;
  /** "incontri-annullati" on the old place of a move: the edition the teacher was moved to. */
  movedToEditionNumber?: number;
  /**
   * "offerta-scaduta": why the offer ended before its deadline (the organiser closed the event, or moved
   * the sessions so that the training is over). Absent: the deadline passed. "candidatura-respinta": why an
   * application under review ended with no selection (the event closed, the edition over). Absent: the selection
   * was closed and the application not selected.
   */
  endedBy?: OfferEndCause;
  /** "edizione-modificata-in-attesa": the waiting place the message is about (its link to leave the list). */
  enrolmentId?: string;
  /** "edizione-annullata": the place that ended was an application under review (no selection will take place). */
  wasApplication?: boolean;
  /** "edizione-modificata-offerta": the change brought the offer's deadline (offerExpiresAt) forward. */
  offerShortened?: boolean;
  /**
   * "promosso": the seat is the one an open offer held, given because the organiser moved the sessions and no
   * time was left to answer the offer (rescheduleOffers), not a seat that became free.
   */
  fromOffer?: boolean;
  /**
   * "posto-offerto", "promosso": the seat is one the organiser added by raising the edition's cap (changeSeatCap,
   * updateEvent), not one somebody left. Absent (rows queued before 07/12/2026 too): a seat that became free.
   */
  seatsAdded?: boolean;
  /**
   * "conferma-email" / "reimposta-password": the raw single-use token of the link. It stays in
   * the outbox payload only until the message is sent (the worker clears it then).
   */
  token?: string;
  /** ADDRESSED_KINDS: where the message goes instead of the account's address (removed once sent). */
  to?: string;
  /** "email-modificata": the account's new address. */
  newEmail?: string;
  /**
   * "identita-collegata" / "identita-scollegata": the provider's label as configured ("Entra con SPID"); a
   * "conferma-email" of an account made by a first sign-in with an identity: that identity's provider. With
   * providerLabelEn, its English label when configured ("Sign in with SPID"): the template names the provider in the
   * recipient's language (providerLabelIn).
   */
  providerLabel?: string;
  providerLabelEn?: string;
  /**
   * "identita-collegata" / "identita-scollegata" of an identity whose provider was removed from OIDC_PROVIDERS (payload
   * `providerGone`, with no label), and "conferma-email" / "account-in-scadenza" of an account made with one: its id,
   * named as what it was (goneProvidersText), never as a label. Rows queued before carried the id as providerLabel and
   * read as before.
   */
  goneProvider?: string;
  /**
   * "reimposta-password" asked for an account without a password (payload firstPassword): the link sets its first one,
   * and the email says so. Rows queued before, without the flag, read as a reset.
   */
  firstPassword?: boolean;
  /** "conferma-email" of an account made with an identity: the name it was made in (ADR 0014). */
  accountName?: string;
  /**
   * "account-esistente": how the account signs in when the sign-up was tried (waysIntoHolder): whether its password
   * worked then and its identities' providers' labels as configured ("Entra con SPID", and labelEn when given; a row
   * queued before labelEn has the label alone), and the ids of its identities' providers removed from the
   * configuration since (unavailable: no way in; rows queued before named them among the labels). Absent (a row of
   * before): not known.
   */
  waysIn?: { password: boolean; providers: ProviderName[]; unavailable?: string[] };
  /** "messaggio-organizzatore": the organiser's subject and text (app/models/participant-message.server.ts). */
  messageSubject?: string;
  messageBody?: string;
  /**
   * "messaggio-organizzatore" / "messaggio-automatico": the organiser who wrote the message (or
   * set the automatic rule), as their account was when the message was written. The email names
   * them and carries Reply-To their address (ADR 0076). Old payloads have none: no Reply-To, no
   * sentence. Erased if their account is closed before (or after) the email leaves
   * (app/models/account-closure.server.ts).
   */
  sender?: EmailSender;
  /** "posto-liberato": the organiser's page of the edition (a path of this site). */
  /**
   * "edizione-annullata": the event's public page, when another of its editions is still open for
   * enrolment (the email points there instead of the catalogue).
   */
  eventPath?: string;
  editionPath?: string;
  /** "spostato-di-edizione" / "spostato-in-lista-attesa": the edition the teacher was moved from. */
  fromEditionNumber?: number;
  /** …and whether the place there held a seat (its sessions were in the teacher's calendar: the email cancels them). */
  fromEditionHeldSeat?: boolean;
  /**
   * "posizione-lista-attesa-modificata": the places reserved for the teacher's region were given to everyone
   * (releaseQuota): the teacher waits in the general line now, at its end. "posto-offerto", "promosso": the seat is
   * one a released quota left unused (releaseQuota), not one somebody left. Absent (rows queued before 07/12/2026
   * too): a seat that became free.
   */
  quotaReleased?: boolean;
  /** "posto-liberato": what the waitlist did with the freed place (absent: nobody was waiting). */
  nextInLine?: FreedSeatOutcome;
  /**
   * "nuovi-eventi": a section per search of the person's alerts that found new events (ADR 0088): the
   * search (the catalogue's query string), the events to list (ISO first day) and how many more the
   * search shows in the catalogue. Rows queued before the email became one per person carried one
   * search as alertQuery/alertEvents/alertTotal: parsePayload reads them as one section.
   */
  alertSections?: AlertDigestSection[];
  /**
   * "attestato-disponibile" of a reissued certificate: the code of the certificate it replaces, revoked by the
   * reissue (which sends no "attestato-revocato"). Absent for a first certificate.
   */
  replacesCertificateCode?: string;
  /** "account-in-scadenza": the instant from which the never-confirmed account is deleted (ISO). */
  deleteAfter?: string;
  /**
   * "ruolo-modificato": the role granted or revoked (APP_ROLE_LABELS' key), its region ("" for none), when (ISO) and,
   * for a revoked trainer role, how many events it took the person off.
   */
  roleChange?: RoleChange;
};

export type RoleChange = {
  action: "grant" | "revoke";
  role: string;
  regionCode: string;
  changedAt: string | null;
  unassignedEvents: number | null;
};

/** Who wrote an organiser's message: their account id (to erase it on closure), name and address. */
export type EmailSender = { id: string; name: string; email: string };

export type EmailContext = {
  locale: Locale;
  /** APP_ORIGIN, without trailing slash. */
  origin: string;
  /** The service's contact address (CONTACT_EMAIL, ADR 0104): whom a notice says to write to. */
  contactEmail: string;
  firstName: string;
  /**
   * Whether password sign-in is on (PASSWORD_SIGN_IN): a notice that would send the person to «Password dimenticata?»
   * says to sign in with the digital identity instead when it is off. Absent: on.
   */
  passwordSignIn?: boolean;
  /**
   * The one-click unsubscribe link of an optional email (a reminder; ADR 0077), also in the
   * message's List-Unsubscribe header: the footer offers it. Absent for every other email.
   */
  unsubscribeUrl?: string;
  /**
   * The language of the event's title (Event.titleLanguage), when the message has an event: where
   * it differs from the message's, the HTML marks the title with it wherever it appears, as the
   * pages do (partLang, WCAG 3.1.2), so a screen reader reads an Italian title in an English
   * message in Italian. Absent: nothing is marked.
   */
  titleLanguage?: string;
};

/** A text of another language than the message's, and that language (BCP 47). */
export type ForeignPart = { text: string; lang: string };

/**
 * A paragraph that is a link: in the HTML an anchor whose text is `label` (marked with `lang` when it is in another
 * language than the message's: an event's title), followed by `after`; in the plain text "label after: url". So a
 * screen reader announces the link by what it opens, not by its address (WCAG 2.4.4), and the text keeps the address.
 */
export type LinkLine = { label: string; url: string; lang?: string; after?: string };

/** A paragraph of a message: text, or a link (LinkLine). */
export type Paragraph = string | LinkLine;

/**
 * A message as plain text pieces: the layout escapes them for HTML. No template writes HTML.
 */
export type EmailContent = {
  subject: string;
  heading: string;
  paragraphs: Paragraph[];
  action?: { label: string; path: string };
  /**
   * Why the person receives it (the footer): an enrolment (default), a reminder, a link for their account
   * ("account": someone else may have asked for it, so "ignore it"), a notice of a change already made to
   * their account ("account-notice": never "ignore it"), or an edition they run.
   */
  about?: "enrolment" | "reminder" | "account" | "account-notice" | "organiser" | "alert";
};

export type Template = (payload: EmailPayload, ctx: EmailContext) => EmailContent;

export type RenderedEmail = { subject: string; html: string; text: string };
