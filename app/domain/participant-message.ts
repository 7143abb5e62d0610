// Messages from an edition's organiser to its participants (issue 15): who can be chosen as
// recipients, and the bounds of subject and text. Pure: the query is in
// app/models/participant-message.server.ts.
import { normaliseLineBreaks, stripControlCharacters } from "./text.ts";

/**
 * Who receives the message:
 * - "iscritti": holds a seat (enrolled); "in-attesa": on the waitlist; "offerta": offered a seat, to accept;
 * - "presenti" / "assenti": enrolled, and present (also late or left early) / absent (or excused) at one session,
 *   as its register says: someone the register has no line for yet is in neither;
 * - "completato" / "non-completato": enrolled with / without a valid certificate of the edition.
 */
export const MESSAGE_AUDIENCES = [
  "iscritti",
  "in-attesa",
  "offerta",
  "presenti",
  "assenti",
  "completato",
  "non-completato",
] as const;
export type MessageAudience = (typeof MESSAGE_AUDIENCES)[number];

/** The audiences that need a session. */
export const SESSION_AUDIENCES: ReadonlySet<MessageAudience> = new Set(["presenti", "assenti"]);

export const MESSAGE_SUBJECT_MIN = 3;
export const MESSAGE_SUBJECT_MAX = 150;
export const MESSAGE_BODY_MIN = 10;
export const MESSAGE_BODY_MAX = 5000;

export function isMessageAudience(value: string): value is MessageAudience {
  return (MESSAGE_AUDIENCES as readonly string[]).includes(value);
}

/** The organiser's text as email paragraphs: split at blank lines, each trimmed, empty ones dropped. */
export function messageParagraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/**
 * What a message says and to whom, as the server reads it: text without control characters, line
 * breaks as LF, trimmed (app/utils/form-data.server.ts and the form's fields do the same), and the
 * session only for the audiences that need one. The preview is signed over this (its send key), and
 * the page compares it with the compose form to tell whether the preview still shows what would be
 * sent.
 */
export type MessageContent = { audience: string; sessionId: string; subject: string; body: string };

type RawContent = {
  audience?: string | null;
  sessionId?: string | null;
  subject?: string | null;
  body?: string | null;
};

const contentText = (value: string | null | undefined) =>
  normaliseLineBreaks(stripControlCharacters(value ?? "")).trim();

export function messageContent(raw: RawContent): MessageContent {
  const audience = contentText(raw.audience);
  const needsSession = isMessageAudience(audience) && SESSION_AUDIENCES.has(audience);
  return {
    audience,
    sessionId: needsSession ? contentText(raw.sessionId) : "",
    subject: contentText(raw.subject),
    body: contentText(raw.body),
  };
}

/** Whether two forms say the same thing to the same audience (see messageContent). */
export function sameMessageContent(a: RawContent, b: RawContent): boolean {
  const x = messageContent(a);
  const y = messageContent(b);
  return x.audience === y.audience && x.sessionId === y.sessionId && x.subject === y.subject && x.body === y.body;
}
