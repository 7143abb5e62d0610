// Small bilingual pages the server answers without React: the Express layer's own answers
// (app/utils/http-app.server.ts: database away, errors, refused origins, bodies too large) and the
// "not found" of resource routes (PDFs, CSVs, calendars, files), which Remix sends as they are,
// without the app's error page.

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A small bilingual page: Italian first, English second (lang attributes for screen readers). */
export function plainPage(status: number, it: { title: string; text: string }, en: { title: string; text: string }) {
  const html = `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(it.title)} – Forma</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}h1{font-size:1.6rem}hr{margin:2rem 0}</style>
</head>
<body>
<main>
<h1>${escapeHtml(it.title)}</h1>
<p>${escapeHtml(it.text)}</p>
<p><a href="/eventi">Torna al catalogo</a></p>
<hr>
<div lang="en">
<h2>${escapeHtml(en.title)}</h2>
<p>${escapeHtml(en.text)}</p>
<p><a href="/eventi">Back to the catalogue</a></p>
</div>
</main>
</body>
</html>
`;
  return { status, html };
}

/** What a resource route answers when what it serves does not exist or is not the person's (404). */
export function resourceNotFound(
  text: { it: string; en: string } = {
    it: "Il documento richiesto non esiste o non è disponibile per il tuo account.",
    en: "The document you asked for does not exist or is not available to your account.",
  },
): Response {
  const page = plainPage(404, { title: "Non trovato", text: text.it }, { title: "Not found", text: text.en });
  return new Response(page.html, {
    status: page.status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * What a resource route's refusal becomes when it was thrown as bare text (a guard's 403 in front of a CSV, a PDF or a
 * ZIP; an id that cannot be one): the same small bilingual page, said for a refusal (http-app.server.ts).
 */
export function resourceForbidden(): Response {
  const page = plainPage(
    403,
    {
      title: "Accesso non consentito",
      text: "Il tuo account non può aprire questo documento. Se pensi che sia un errore, rivolgiti a chi organizza l'iniziativa.",
    },
    {
      title: "Access not allowed",
      text: "Your account cannot open this document. If you think this is a mistake, contact whoever organises the initiative.",
    },
  );
  return new Response(page.html, {
    status: page.status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
