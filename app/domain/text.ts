// Plain-text hygiene shared by every input path (forms, query strings), so both engines store
// the same characters: PostgreSQL refuses NUL in text, SQLite would keep it.

// C0 controls except tab, line feed and carriage return (which textareas send), and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The text without NUL and the other control characters no form field means to send. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, "");
}

const A_CONTROL_CHARACTER = new RegExp(CONTROL_CHARACTERS.source);

/** Whether stripControlCharacters would change the text. */
export function hasControlCharacters(text: string): boolean {
  return A_CONTROL_CHARACTER.test(text);
}

/**
 * Line breaks as the browser counted them. A textarea's maxlength (and its value in the page) counts
 * a line break as one character, but the posted form spells it CR LF: a reason of 500 characters
 * with three line breaks reached the server as 503 and was refused as too long. Forms are read with
 * every CR LF (and a lone CR) as one LF, which is also how the texts are stored.
 */
export function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/** Whether normaliseLineBreaks would change the text. */
export function hasCarriageReturns(text: string): boolean {
  return text.includes("\r");
}

/**
 * A one-line field's text with each line break (and the spaces around it) as one space. No input field sends a
 * line break, but a crafted form did, and the text (an event's title, a school's name) was stored with it, for
 * the PDFs and the pages of others.
 */
export function foldLineBreaks(text: string): string {
  return text.replace(/[^\S\r\n]*[\r\n][\s]*/g, " ");
}
