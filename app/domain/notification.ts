// What a notification row is made of, per kind: its recipient, the place it is about, its payload
// and the dedupe key that names the change it tells of (Notification.dedupeKey is unique, so a
// retried or replayed change, a second instance or a second run of a job cannot queue the same
// message twice). Pure: app/models/notification-writer.server.ts writes the rows this builds, and
// the enrolment hot path (app/models/enrolment-seat.server.ts) puts the same key and payload in
// its raw SQL. ADR 0016.
import type { AutoRule } from "./automatic-message.ts";
import type { EnrolmentChangeKind, NotificationKind } from "./notification-kinds.ts";
import type { ProviderName } from "./provider-label.ts";

/** The account-link kinds: the token row names the message (app/models/account-tokens.server.ts). */
export type AccountTokenKind = Extract<NotificationKind, "conferma-email" | "reimposta-password" | "cambio-email">;

type Payload = Record<string, unknown>;

/** One notification to write, per kind, with what names the change it tells of. */
export type NotificationInput =
  | { kind: EnrolmentChangeKind; userId: string; enrolmentId: string; changeId: string; payload?: Payload }
  | {
      kind: AccountTokenKind;
      userId: string;
      tokenId: string;
      /**
       * The raw token, until the outbox has sent it; "to": the new address of an email change; firstPassword: a
       * "reimposta-password" link for an account that has no password (the email says "scegli una password").
       */
      payload: { token: string; to?: string; firstPassword?: true };
    }
  | {
      kind: "email-modificata";
      userId: string;
      tokenId: string;
      /** token: the raw "ripristina-email" link that undoes the change (ADR 0107). */
      payload: { to: string; newEmail: string; token: string };
    }
  /**
   * At most one an hour per account: `at` says which hour. "account-esistente": how the account signs in (a working
   * password, its identities' providers' labels), so the email does not send an account made with SPID/CIE to a
   * password it has not got (ADR 0014).
   */
  | {
      kind: "email-in-uso" | "account-esistente";
      userId: string;
      at: Date;
      payload?: { waysIn: { password: boolean; providers: ProviderName[]; unavailable: string[] } };
    }
  | { kind: "account-chiuso"; userId: string; payload: { to: string } }
  /** The UserIdentity row linked or unlinked names the change; the payload names its provider. */
  | {
      kind: "identita-collegata" | "identita-scollegata";
      userId: string;
      identityId: string;
      /**
       * A provider still configured: its labels (the template picks the recipient's). One removed from OIDC_PROVIDERS
       * since (an identity unlinked after): providerGone, and the email names it as what it was (goneProvidersText).
       */
      payload:
        | { provider: string; providerLabel: string; providerLabelEn?: string }
        | { provider: string; providerGone: true };
    }
  /**
   * A role granted or revoked: the audit row of the change names it. changedAt: ISO instant; unassignedEvents: the
   * events a revoked trainer role took the person off.
   */
  | {
      kind: "ruolo-modificato";
      userId: string;
      auditId: string;
      payload: {
        action: "grant" | "revoke";
        role: string;
        regionCode: string;
        changedAt: string;
        unassignedEvents?: number;
      };
    }
  /**
   * Once per account (the key names the account, not the link): the new confirmation link's token row, its raw token
   * until sent, and the instant from which the account is deleted (ISO); for an account made with an identity, its
   * maker, as in "conferma-email" (ADR 0014).
   */
  | {
      kind: "account-in-scadenza";
      userId: string;
      tokenId: string;
      payload: {
        token: string;
        deleteAfter: string;
        providerLabel?: string;
        providerLabelEn?: string;
        /** The maker's provider removed from OIDC_PROVIDERS: its id and the flag, no label (AccountMaker). */
        provider?: string;
        providerGone?: true;
        accountName?: string;
      };
    }
  /** To an organiser (userId) of the edition of a place freed by a closed account. */
  | { kind: "posto-liberato"; userId: string; freedEnrolmentId: string; payload: Payload }
  | {
      kind: "attestato-disponibile" | "attestato-revocato";
      userId: string;
      enrolmentId: string;
      certificateId: string;
      payload: Payload;
    }
  /** scheduleKey: scheduleChangeKey of the edition's sessions after the change (edition-change.server.ts). */
  | {
      kind: "edizione-modificata" | "edizione-modificata-offerta" | "edizione-modificata-in-attesa";
      userId: string;
      enrolmentId: string;
      scheduleKey: string;
      payload: Payload;
    }
  /** Sessions deleted by a change of the edition: named, as that change's other messages, by its scheduleKey. */
  | { kind: "incontri-annullati"; userId: string; enrolmentId: string; scheduleKey: string; payload: Payload }
  | {
      kind: "promemoria-incontro";
      userId: string;
      enrolmentId: string;
      sessionId: string;
      /** When the session starts (ISO instant): a session moved to another time is reminded of again. */
      sessionStartsAt: string;
      payload: Payload;
    }
  | { kind: "messaggio-organizzatore"; userId: string; enrolmentId: string; messageId: string; payload: Payload }
  /** checkedAt: the check that found the events (ISO instant): one email per person and check. */
  | { kind: "nuovi-eventi"; userId: string; checkedAt: string; payload: Payload }
  | {
      kind: "messaggio-automatico";
      userId: string;
      enrolmentId: string;
      editionId: string;
      /** null: the rule "after the last session". */
      sessionId: string | null;
      /** When that session starts (ISO instant), null with it: a session moved to another time is told again. */
      sessionStartsAt: string | null;
      rule: AutoRule;
      payload: Payload;
    };

/** A Notification row as written (the delivery columns keep their database defaults). */
export type NotificationRow = {
  userId: string;
  kind: NotificationKind;
  enrolmentId: string | null;
  payload: string;
  dedupeKey: string;
};

const hourOf = (at: Date) => Math.floor(at.getTime() / 3600_000);

/** The key of a notification about one enrolment change (the EnrolmentChange row's id). */
export function enrolmentChangeDedupeKey(kind: EnrolmentChangeKind, changeId: string): string {
  return `${kind}:${changeId}`;
}

/**
 * The dedupe key of one message of many, split around the person it goes to: `head + userId + tail`. A job that
 * writes the same message to every participant asks the database which of them have no row with their key yet
 * (placesNotYetNotified, notification-writer.server.ts), so each run reads only what it has still to write.
 */
export type KeyAroundPerson = { head: string; tail: string };

const keyOf = (key: KeyAroundPerson, userId: string) => `${key.head}${userId}${key.tail}`;

/**
 * A reminder reaches each person once per session and start time: the session moved to another day
 * after its reminder went out is reminded of again before its new start (the key then differs).
 */
export function reminderDedupeKey(sessionId: string, sessionStartsAt: string, userId: string): string {
  return keyOf(reminderKeyAroundPerson(sessionId, sessionStartsAt), userId);
}

/** reminderDedupeKey of everyone enrolled in the session, around their user id. */
export function reminderKeyAroundPerson(sessionId: string, sessionStartsAt: string): KeyAroundPerson {
  return { head: `promemoria-incontro:${sessionId}:`, tail: `:${sessionStartsAt}` };
}

/** The outbox dedupe key of one recipient's copy: a message reaches each person once. */
export function participantMessageDedupeKey(messageId: string, userId: string): string {
  return `messaggio-organizzatore:${messageId}:${userId}`;
}

/** One key per edition, session (or "fine" for after the last one) and its start time, rule and person. */
export function autoMessageDedupeKey(
  editionId: string,
  sessionId: string | null,
  rule: AutoRule,
  userId: string,
  sessionStartsAt: string | null = null,
): string {
  return keyOf(autoMessageKeyAroundPerson(editionId, sessionId, rule, sessionStartsAt), userId);
}

/** autoMessageDedupeKey of everyone enrolled in the edition, around their user id. */
export function autoMessageKeyAroundPerson(
  editionId: string,
  sessionId: string | null,
  rule: AutoRule,
  sessionStartsAt: string | null = null,
): KeyAroundPerson {
  return {
    head: `messaggio-automatico:${editionId}:${sessionId ?? "fine"}:${rule}:`,
    tail: sessionId && sessionStartsAt ? `:${sessionStartsAt}` : "",
  };
}

/** The dedupe key of a notification: what names the change it tells of, per kind. */
export function dedupeKeyOf(input: NotificationInput): string {
  switch (input.kind) {
    case "conferma-email":
    case "reimposta-password":
    case "cambio-email":
    case "email-modificata":
      return `${input.kind}:${input.tokenId}`;
    case "email-in-uso":
    case "account-esistente":
      return `${input.kind}:${input.userId}:${hourOf(input.at)}`;
    case "account-chiuso":
    case "account-in-scadenza":
      return `${input.kind}:${input.userId}`;
    case "identita-collegata":
    case "identita-scollegata":
      return `${input.kind}:${input.identityId}`;
    case "ruolo-modificato":
      return `${input.kind}:${input.auditId}`;
    case "posto-liberato":
      return `posto-liberato:${input.freedEnrolmentId}:${input.userId}`;
    case "attestato-disponibile":
    case "attestato-revocato":
      return `${input.kind}:${input.certificateId}`;
    case "edizione-modificata":
    case "edizione-modificata-offerta":
    case "edizione-modificata-in-attesa":
      return `${input.kind}:${input.enrolmentId}:${input.scheduleKey}`;
    // A move names it by the old place's change; a deletion by the edition's change, as "edizione-modificata".
    case "incontri-annullati":
      return "scheduleKey" in input
        ? `${input.kind}:${input.enrolmentId}:${input.scheduleKey}`
        : enrolmentChangeDedupeKey(input.kind, input.changeId);
    case "promemoria-incontro":
      return reminderDedupeKey(input.sessionId, input.sessionStartsAt, input.userId);
    case "messaggio-organizzatore":
      return participantMessageDedupeKey(input.messageId, input.userId);
    case "messaggio-automatico":
      return autoMessageDedupeKey(input.editionId, input.sessionId, input.rule, input.userId, input.sessionStartsAt);
    case "nuovi-eventi":
      return `nuovi-eventi:${input.userId}:${input.checkedAt}`;
    default:
      return enrolmentChangeDedupeKey(input.kind, input.changeId);
  }
}

/** The row for one notification: recipient, the place it is about (if any), payload JSON, dedupe key. */
export function notificationRow(input: NotificationInput): NotificationRow {
  return {
    userId: input.userId,
    kind: input.kind,
    enrolmentId: "enrolmentId" in input ? input.enrolmentId : null,
    payload: "payload" in input ? JSON.stringify(input.payload ?? {}) : "{}",
    dedupeKey: dedupeKeyOf(input),
  };
}
