// The shared frame of every Forma email: header "Forma", greeting, the message, one button,
// and a footer that says why the teacher receives it. HTML and plain text from the same pieces.
import { formaLink } from "../app/utils/forma-link.ts";
import { greeting } from "./common.ts";
import { escapeHtml, oneLine } from "./escape.ts";
import type { EmailContent, EmailContext, ForeignPart, LinkLine, Paragraph, RenderedEmail } from "./types.ts";

/** Where the teacher's preferences live (email reminders among them). */
export const PROFILE_PATH = "/profilo";
/** Where a person's alerts for new events are listed and deleted (ADR 0088). */
export const ALERTS_PATH = "/profilo/avvisi";

export { formaLink };

/** A footer line: text, or a link (an anchor in the HTML, "label: address" in the text). */
type FooterLine = Paragraph;

/** A link as the plain text says it: "label after: address". */
function linkText(l: LinkLine): string {
  return `${l.label}${l.after ?? ""}: ${l.url}`;
}

function footer(ctx: EmailContext, about: EmailContent["about"]): FooterLine[] {
  // Every link to a page of ours opens it in the message's language (formaLink), the footer's too.
  const link = (path: string) => formaLink(ctx.origin, path, ctx.locale);
  const site = { label: "Forma", url: link("/") };
  if (about === "account") {
    return ctx.locale === "en"
      ? [
          "You receive this message because this address was used for an account on Forma, the eTwinning Italia training catalogue. If it was not you, ignore it.",
          site,
        ]
      : [
          "Ricevi questo messaggio perché questo indirizzo è stato usato per un account su Forma, il catalogo della formazione eTwinning Italia. Se non l'hai chiesto tu, ignoralo.",
          site,
        ];
  }
  if (about === "account-notice") {
    // A notice of something already done to the account (its address changed, its closure): not a
    // link someone else may have asked for, so never "if it was not you, ignore it" (the body says whom to write to).
    return ctx.locale === "en"
      ? [
          "You receive this message because it concerns your account on Forma, the eTwinning Italia training catalogue.",
          site,
        ]
      : [
          "Ricevi questo messaggio perché riguarda il tuo account su Forma, il catalogo della formazione eTwinning Italia.",
          site,
        ];
  }
  if (about === "organiser") {
    return [
      ctx.locale === "en"
        ? "You receive this message because you organise or teach this edition on Forma, the eTwinning Italia training catalogue."
        : "Ricevi questo messaggio perché organizzi o tieni questa edizione su Forma, il catalogo della formazione eTwinning Italia.",
    ];
  }
  if (about === "alert") {
    // The same link as the List-Unsubscribe header: it deletes every alert of the person (ADR 0088).
    const stop = ctx.unsubscribeUrl
      ? [
          {
            label: ctx.locale === "en" ? "Stop every alert" : "Non ricevere più nessun avviso",
            url: ctx.unsubscribeUrl,
          },
        ]
      : [];
    return ctx.locale === "en"
      ? [
          "You receive this email because you asked Forma, the eTwinning Italia training catalogue, to tell you of new events for the searches you saved.",
          { label: "Your alerts", url: link(ALERTS_PATH) },
          ...stop,
          site,
        ]
      : [
          "Ricevi questa email perché hai chiesto a Forma, il catalogo della formazione eTwinning Italia, di avvisarti dei nuovi eventi per le ricerche che hai salvato.",
          { label: "I tuoi avvisi", url: link(ALERTS_PATH) },
          ...stop,
          site,
        ];
  }
  if (about === "reminder") {
    // The same link as the List-Unsubscribe header: one click here shows the page with its button.
    const stop = ctx.unsubscribeUrl
      ? [
          {
            label: ctx.locale === "en" ? "Stop these reminders" : "Non ricevere più i promemoria",
            url: ctx.unsubscribeUrl,
          },
        ]
      : [];
    return ctx.locale === "en"
      ? [
          "You receive this reminder because you have a place in this edition on Forma, the eTwinning Italia training catalogue. Reminders can be turned off on your Profile page; messages about your enrolments are always sent.",
          { label: "Your profile", url: link(PROFILE_PATH) },
          ...stop,
          site,
        ]
      : [
          "Ricevi questo promemoria perché hai un posto in questa edizione su Forma, il catalogo della formazione eTwinning Italia. I promemoria si disattivano nella pagina Profilo; i messaggi sulle iscrizioni vengono sempre inviati.",
          { label: "Il tuo profilo", url: link(PROFILE_PATH) },
          ...stop,
          site,
        ];
  }
  return ctx.locale === "en"
    ? [
        "You receive this message because you have an account on Forma, the eTwinning Italia training catalogue, and this concerns one of your enrolments or applications. Messages about your enrolments are always sent.",
        site,
      ]
    : [
        "Ricevi questo messaggio perché hai un account su Forma, il catalogo della formazione eTwinning Italia, e riguarda una tua iscrizione o candidatura. I messaggi sulle iscrizioni vengono sempre inviati.",
        site,
      ];
}

/** Escaped text whose line breaks stay line breaks in HTML. */
function lines(s: string): string {
  return escapeHtml(s).replace(/\r?\n/g, "<br>\n");
}

/**
 * Escaped HTML with every occurrence of a foreign part (already escaped the same way) wrapped in a
 * span naming its language. Parts shorter than three characters are left alone: they could match
 * inside other words.
 */
function markForeignParts(html: string, parts: ForeignPart[]): string {
  return parts.reduce((out, part) => {
    const text = escapeHtml(part.text);
    return text.length < 3 ? out : out.split(text).join(`<span lang="${escapeHtml(part.lang)}">${text}</span>`);
  }, html);
}

/** A link line in HTML: the anchor (its label in its own language when that differs), then what follows it. */
function anchor(l: LinkLine, foreign: ForeignPart[] = []): string {
  const label = l.lang
    ? `<span lang="${escapeHtml(l.lang)}">${escapeHtml(l.label)}</span>`
    : markForeignParts(escapeHtml(l.label), foreign);
  return `<a href="${escapeHtml(l.url)}" style="color:#0066cc">${label}</a>${markForeignParts(escapeHtml(l.after ?? ""), foreign)}`;
}

export function renderLayout(content: EmailContent, ctx: EmailContext, foreign: ForeignPart[] = []): RenderedEmail {
  const subject = oneLine(`${content.subject} · Forma`);
  const hello = greeting(ctx.firstName, ctx.locale);
  // A path on Forma, or an absolute http(s) link (the online room of a reminder). A link on Forma in
  // an English message says so (?lang=en): it opens in English on a device that never chose a language.
  const actionUrl = content.action
    ? /^https?:\/\//i.test(content.action.path)
      ? content.action.path
      : formaLink(ctx.origin, content.action.path, ctx.locale)
    : null;
  const foot = footer(ctx, content.about);

  const text = [
    "FORMA",
    "",
    content.heading,
    "",
    hello,
    "",
    ...content.paragraphs.flatMap((p) => [typeof p === "string" ? p : linkText(p), ""]),
    ...(content.action && actionUrl ? [`${content.action.label}: ${actionUrl}`, ""] : []),
    "--",
    ...foot.map((f) => (typeof f === "string" ? f : linkText(f))),
    "",
  ].join("\n");

  // A line break inside a paragraph (the sessions of a schedule, the lines of an organiser's text)
  // is a <br>: HTML would show the lines run together, where the plain text keeps them apart.
  // A text in another language than the message's (the event's title) is marked with it (WCAG 3.1.2).
  // A long address in a paragraph (each event's page in an alert, an online room) wraps where it must
  // rather than widening the message past a phone's screen.
  // A link reads as what it opens (an event's title, "E altri 3 nel catalogo", the online room), never as a bare
  // address: the plain text keeps the address after it.
  const p = (s: Paragraph) =>
    `<p style="margin:0 0 16px 0;line-height:1.5;overflow-wrap:anywhere;word-break:break-word">${
      typeof s === "string" ? markForeignParts(lines(s), foreign) : anchor(s, foreign)
    }</p>`;
  const html = `<!doctype html>
<html lang="${ctx.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f2f5f8;font-family:'Titillium Web',Arial,sans-serif;color:#1a1a1a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f2f5f8"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff">
<tr><td style="background:#0066cc;color:#ffffff;padding:16px 24px;font-size:24px;font-weight:bold">Forma</td></tr>
<tr><td style="padding:24px">
<h1 style="font-size:20px;margin:0 0 16px 0">${markForeignParts(escapeHtml(content.heading), foreign)}</h1>
${p(hello)}
${content.paragraphs.map(p).join("\n")}
${
  content.action && actionUrl
    ? `<p style="margin:24px 0"><a href="${escapeHtml(actionUrl)}" style="background:#0066cc;color:#ffffff;padding:12px 20px;text-decoration:none;font-weight:bold;display:inline-block">${escapeHtml(content.action.label)}</a></p>`
    : ""
}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #d9dadb;font-size:13px;color:#5c6f82">
${foot.map((f) => `<p style="margin:0 0 8px 0">${typeof f === "string" ? lines(f) : anchor(f)}</p>`).join("\n")}
</td></tr>
</table>
</td></tr></table>
</body>
</html>
`;
  return { subject, html, text };
}
