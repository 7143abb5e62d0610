import type { Locale } from "../app/domain/vocabulary.ts";

/** What a notification's payload may carry (JSON written by app/models/enrolment*.ts). */
export type EmailPayload = {
  eventTitle: string;
  editionNumber: number | null;
  /** ISO instant, for "posto-offerto". */
  offerExpiresAt: string | null;
  /** Free text of the organiser, for "rimosso" and "edizione-annullata". */
  reason: string | null;
  /** Place in the waiting list when known (computed at send time). */
  position: number | null;
};

export type EmailContext = {
  locale: Locale;
  /** APP_ORIGIN, without trailing slash. */
  origin: string;
  firstName: string;
};

/**
 * A message as plain text pieces: the layout escapes them for HTML. No template writes HTML.
 */
export type EmailContent = {
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; path: string };
};

export type Template = (payload: EmailPayload, ctx: EmailContext) => EmailContent;

export type RenderedEmail = { subject: string; html: string; text: string };
