// The one way actions read a posted form. A body that is not a form (JSON, plain text) answers
// 415, one that cannot be parsed (a truncated multipart body) 400, instead of the parser's
// exception becoming a 500; control characters are dropped from every text value, so NUL never
// reaches the database on either engine, and line breaks are read as one LF each, as the browser
// counted them against the field's maxlength (app/domain/text.ts). The 415 and 400 say so in the
// request's language (?lang=, the language cookie): an English reader was answered in Italian.
import type { Locale } from "~/domain/vocabulary.ts";
import {
  hasCarriageReturns,
  hasControlCharacters,
  normaliseLineBreaks,
  stripControlCharacters,
} from "~/domain/text.ts";
import { translator } from "~/i18n/i18n.tsx";
import { getLocale } from "./locale.server.ts";

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

export function formContentType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

export function unsupportedForm(locale: Locale): Response {
  return new Response(translator(locale)("form.notAForm"), {
    status: 415,
    statusText: "Unsupported Media Type",
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

export function malformedForm(locale: Locale): Response {
  return new Response(translator(locale)("form.unreadable"), {
    status: 400,
    statusText: "Bad Request",
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * The same form with control characters removed from its text values and their line breaks as LF
 * (files are left as they are); the form itself when there is nothing to change (the usual case: no
 * second FormData to build).
 */
export function cleanFormData(form: FormData): FormData {
  let dirty = false;
  for (const [name, value] of form) {
    if (
      hasControlCharacters(name) ||
      (typeof value === "string" && (hasControlCharacters(value) || hasCarriageReturns(value)))
    ) {
      dirty = true;
      break;
    }
  }
  if (!dirty) return form;
  const clean = new FormData();
  for (const [name, value] of form) {
    clean.append(
      stripControlCharacters(name),
      typeof value === "string" ? normaliseLineBreaks(stripControlCharacters(value)) : value,
    );
  }
  return clean;
}

/**
 * The bodies of ordinary forms the HTTP adapter read whole (app/utils/http-app.server.ts), by the
 * body stream of the Request built around them: an urlencoded form is parsed from the Buffer itself,
 * as undici's `formData()` parses it, without reading the Request's body stream back (ADR 0050).
 * Keyed by the stream, not the Request: a copy made with `body: request.body` (Remix's single-fetch
 * action request for a `.data` POST, its `index` stripping) carries that very stream, hence the same
 * bytes, and finds the Buffer too (ADR 0064).
 */
const formBodies = new WeakMap<ReadableStream<Uint8Array>, Buffer>();

/** The adapter's record of `request`'s whole body (a Buffer it gave the Request). */
export function rememberFormBody(request: Request, body: Buffer) {
  if (request.body) formBodies.set(request.body, body);
}

/** A Content-Type whose MIME type undici parses as application/x-www-form-urlencoded, plainly written. */
const URLENCODED = /^[\t ]*application\/x-www-form-urlencoded[\t ]*(?:;|$)/i;

/**
 * What undici's `formData()` gives for an urlencoded body (node:internal/deps/undici: the bytes
 * decoded as UTF-8, then URLSearchParams' entries appended in order), from the Buffer the adapter
 * kept; null when it must be read as usual: no Buffer kept (a streamed body, a Request given another
 * body), another or an unusual content type, a body already read.
 */
export function formFromKeptBody(request: Request): FormData | null {
  const stream = request.body;
  const body = stream ? formBodies.get(stream) : undefined;
  if (!stream || !body || request.bodyUsed) return null;
  if (!URLENCODED.test(request.headers.get("content-type") ?? "")) return null;
  formBodies.delete(stream);
  const form = new FormData();
  for (const [name, value] of new URLSearchParams(body.toString())) form.append(name, value);
  return form;
}

/** The posted form, or throws a 415/400 Response when the body is not a readable form. */
export async function readForm(request: Request): Promise<FormData> {
  if (!FORM_TYPES.has(formContentType(request))) throw unsupportedForm(await getLocale(request));
  let form = formFromKeptBody(request);
  if (!form) {
    try {
      form = await request.formData();
    } catch {
      throw malformedForm(await getLocale(request));
    }
  }
  return cleanFormData(form);
}
