// The email templates in /emails (kept here because the unit project collects app/**/*.test.ts).
import { describe, expect, it } from "vitest";
import {
  escapeHtml,
  parsePayload,
  REMINDER_KINDS,
  renderEmail,
  TEMPLATES,
  TOKEN_KINDS,
  type EmailContext,
} from "../../emails/index.ts";
import { oneLine } from "../../emails/escape.ts";
import { unsubscribeUrl } from "./unsubscribe-token.server.ts";

// contactEmail: the CONTACT_EMAIL setting (ADR 0104), not the demo's placeholder, so that a template
// that wrote a constant address would fail.
const ctx = {
  locale: "it" as const,
  origin: "https://forma.example.it/",
  contactEmail: "formazione@ufficio.example.org",
  firstName: "Maria",
};
const payload = (extra: Record<string, unknown> = {}) =>
  parsePayload({ eventTitle: "Coding in classe", editionNumber: 2, ...extra });

/** A blended edition's schedule: a live session and an asynchronous activity, a venue and a room. */
const BLENDED_SCHEDULE = {
  sessions: [
    {
      startsAt: "2027-02-10T14:00:00.000Z",
      endsAt: "2027-02-10T16:00:00.000Z",
      title: "Avvio",
      delivery: "sincrona",
    },
    {
      startsAt: "2027-02-11T08:00:00.000Z",
      endsAt: "2027-02-20T22:00:00.000Z",
      title: "Compito",
      delivery: "asincrona",
    },
  ],
  mode: "blended",
  venue: "Liceo Galilei, Firenze",
  onlineUrl: "https://meet.example.it/stanza",
};

describe("escapeHtml", () => {
  it("escapes the five HTML characters and nothing else", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;",
    );
    expect(escapeHtml("àèìòù perché")).toBe("àèìòù perché");
    expect(escapeHtml(null)).toBe("");
    expect(escapeHtml(3)).toBe("3");
  });
  it("oneLine removes line breaks from header values", () => {
    expect(oneLine("Titolo\r\nBcc: x@y.it")).toBe("Titolo Bcc: x@y.it");
  });
});

describe("renderEmail", () => {
  it("renders every kind in both languages with subject, HTML and text", () => {
    // Account messages (conferma-email, reimposta-password, account-esistente) and alerts (nuovi-eventi) are not
    // about an event: tested below.
    for (const kind of Object.keys(TEMPLATES).filter(
      (k) => !TOKEN_KINDS.has(k) && k !== "account-esistente" && k !== "nuovi-eventi",
    )) {
      for (const locale of ["it", "en"] as const) {
        const mail = renderEmail(kind, payload({ offerExpiresAt: "2026-12-05T17:30:00.000Z", reason: "Motivo" }), {
          ...ctx,
          locale,
        });
        expect(mail.subject).toContain("Coding in classe");
        expect(mail.subject.endsWith("· Forma")).toBe(true);
        expect(mail.html).toContain(`<html lang="${locale}">`);
        expect(mail.html).toContain(">Forma<");
        expect(mail.text).toContain("Coding in classe");
        expect(mail.text).toContain("https://forma.example.it/");
        expect(mail.html).not.toContain("https://forma.example.it//");
      }
    }
  });

  it("escapes values from the payload in the HTML but keeps them readable in the text", () => {
    const mail = renderEmail(
      "rimosso",
      payload({ eventTitle: `<script>alert("x")</script>`, reason: "Assenze & ritardi" }),
      ctx,
    );
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(mail.html).toContain("Motivo: Assenze &amp; ritardi");
    expect(mail.text).toContain("Motivo: Assenze & ritardi");
    expect(mail.text).toContain(`<script>alert("x")</script>`);
  });

  it("uses the user's language", () => {
    expect(renderEmail("iscrizione-confermata", payload(), ctx).subject).toBe(
      "Iscrizione confermata: Coding in classe (edizione 2) · Forma",
    );
    const en = renderEmail("iscrizione-confermata", payload(), { ...ctx, locale: "en" });
    expect(en.subject).toBe("Enrolment confirmed: Coding in classe (edition 2) · Forma");
    expect(en.text).toContain("Dear Maria,");
    expect(en.text).toContain("You receive this message because");
    expect(renderEmail("iscrizione-confermata", payload(), ctx).text).toContain("Ricevi questo messaggio perché");
  });

  it("gives the offer's deadline in Europe/Rome", () => {
    // 17:30 UTC in December is 18:30 in Rome; in July (summer time) 17:30 UTC is 19:30.
    const winter = renderEmail("posto-offerto", payload({ offerExpiresAt: "2026-12-05T17:30:00.000Z" }), ctx);
    expect(winter.subject).toContain("05/12/2026");
    expect(winter.subject).toContain("18:30");
    expect(winter.text).toContain("ora italiana");
    const summer = renderEmail("posto-offerto", payload({ offerExpiresAt: "2026-07-05T17:30:00.000Z" }), {
      ...ctx,
      locale: "en",
    });
    expect(summer.subject).toContain("19:30");
    expect(summer.subject).toContain("Italian time");
  });

  it("says an expired offer's place is no longer held, not where it went (maybe nobody: ADR 0011)", () => {
    for (const locale of ["it", "en"] as const) {
      const mail = renderEmail("offerta-scaduta", payload(), { ...ctx, locale });
      expect(mail.text).toMatch(locale === "it" ? /non è più riservato a te/ : /no longer held for you/);
      expect(mail.text).not.toMatch(/prossimo in lista|next person/);
    }
  });

  it("an offer of a seat states the edition as it is when it leaves, with no room link before it is accepted (IT/EN)", () => {
    // The offer may be made by the very save that moved the sessions (a cap raised with them): it is then that
    // save's one message to the person offered (ADR 0011, addendum 07/12/2026).
    const offerExpiresAt = "2027-02-05T17:30:00.000Z";
    // The schedule as the outbox adds it when the message leaves (statesSchedule).
    const offered = parsePayload(
      { eventTitle: "Coding in classe", editionNumber: 2, offerExpiresAt },
      { schedule: BLENDED_SCHEDULE },
    );
    const it = renderEmail("posto-offerto", offered, ctx).text;
    expect(it).toContain("Si è liberato un posto in Coding in classe (edizione 2). Ecco l'edizione com'è ora.");
    expect(it).toContain("• mercoledì 10 febbraio 2027, 15:00–17:00 — Avvio");
    expect(it).toContain("• attività da svolgere dal 11/02/2027 al 20/02/2027 — Compito");
    expect(it).toContain("Luogo: Liceo Galilei, Firenze");
    expect(it).toContain("Il link della stanza online sarà in Le mie iscrizioni quando avrai accettato il posto.");
    expect(it).not.toContain("https://meet.example.it/stanza");
    const en = renderEmail("posto-offerto", offered, { ...ctx, locale: "en" }).text;
    expect(en).toContain("A place became free in Coding in classe (edition 2). This is the edition as it is now.");
    expect(en).toContain("Place: Liceo Galilei, Firenze");
    expect(en).toContain("The online room link will be on My enrolments once you accept the place.");
    expect(en).not.toContain("https://meet.example.it/stanza");
    // Without a schedule (the place gone when it leaves), no promise of one.
    expect(renderEmail("posto-offerto", payload({ offerExpiresAt }), ctx).text).not.toContain("com'è ora");
  });

  it("an offer of a seat the organiser added by raising the cap says places were added, not that one became free (IT/EN)", () => {
    const offerExpiresAt = "2027-02-05T17:30:00.000Z";
    const added = parsePayload(
      { eventTitle: "Coding in classe", editionNumber: 2, offerExpiresAt, seatsAdded: true },
      { schedule: BLENDED_SCHEDULE },
    );
    const it = renderEmail("posto-offerto", added, ctx);
    expect(it.text).toContain("Sono stati aggiunti posti in Coding in classe (edizione 2). Ecco l'edizione com'è ora.");
    expect(it.html).toContain("Sono stati aggiunti posti in Coding in classe (edizione 2).");
    const en = renderEmail("posto-offerto", added, { ...ctx, locale: "en" });
    expect(en.text).toContain(
      "More places were added to Coding in classe (edition 2). This is the edition as it is now.",
    );
    for (const mail of [it, en]) expect(mail.text).not.toMatch(/liberato|became free/);
    // Without a schedule, the same sentence alone.
    expect(renderEmail("posto-offerto", payload({ offerExpiresAt, seatsAdded: true }), ctx).text).toContain(
      "Sono stati aggiunti posti in Coding in classe (edizione 2).\n",
    );
    // A row queued before the field (or a seat somebody left): a seat that became free, as before.
    for (const old of [payload({ offerExpiresAt }), payload({ offerExpiresAt, seatsAdded: "yes" })]) {
      expect(renderEmail("posto-offerto", old, ctx).text).toContain(
        "Si è liberato un posto in Coding in classe (edizione 2).",
      );
      expect(renderEmail("posto-offerto", old, { ...ctx, locale: "en" }).text).toContain(
        "A place became free in Coding in classe (edition 2).",
      );
    }
  });

  it("an offer of a seat a released regional quota left unused says those places were opened to everyone, not that one became free (IT/EN)", () => {
    // ADR 0011, addendum 07/12/2026: releaseQuota writes quotaReleased in the offer's payload.
    const offerExpiresAt = "2027-02-05T17:30:00.000Z";
    const released = parsePayload(
      { eventTitle: "Coding in classe", editionNumber: 2, offerExpiresAt, quotaReleased: true },
      { schedule: BLENDED_SCHEDULE },
    );
    const it = renderEmail("posto-offerto", released, ctx);
    expect(it.text).toContain(
      "L'organizzazione di Coding in classe (edizione 2) ha aperto a tutti i posti riservati a una regione. Ecco l'edizione com'è ora.",
    );
    const en = renderEmail("posto-offerto", released, { ...ctx, locale: "en" });
    expect(en.text).toContain(
      "The organiser of Coding in classe (edition 2) has opened the places reserved for a region to everyone. This is the edition as it is now.",
    );
    for (const mail of [it, en]) expect(`${mail.text}${mail.html}`).not.toMatch(/liberato|became free|aggiunti|added/);
    // A row queued before the field: a seat that became free, as before.
    for (const old of [payload({ offerExpiresAt }), payload({ offerExpiresAt, quotaReleased: "yes" })]) {
      expect(renderEmail("posto-offerto", old, ctx).text).toContain(
        "Si è liberato un posto in Coding in classe (edizione 2).",
      );
    }
  });

  it("says an offer's place may go to the next person once the offer expires, not that it will (there may be nobody, or no seat given)", () => {
    // After an expired offer the seat goes to the next in line only if someone waits in its line and the edition still
    // gives seats (not in a closed event, not once the training is over: ADR 0011, 0084).
    const offerExpiresAt = "2026-12-05T17:30:00.000Z";
    const offered = renderEmail("posto-offerto", payload({ offerExpiresAt }), ctx).text;
    expect(offered).toContain(
      "Accettalo o rinuncia entro 05/12/2026, 18:30 (ora italiana): se non lo accetti entro allora, l'offerta scade e il posto può passare alla persona successiva in lista d'attesa.",
    );
    const offeredEn = renderEmail("posto-offerto", payload({ offerExpiresAt }), { ...ctx, locale: "en" }).text;
    expect(offeredEn).toContain(
      "if you do not accept it by then, the offer expires and the place may go to the next person on the waiting list.",
    );
    for (const offerShortened of [false, true]) {
      const changed = payload({ offerExpiresAt, ...(offerShortened ? { offerShortened } : {}) });
      expect(renderEmail("edizione-modificata-offerta", changed, ctx).text).toContain(
        "se non accetti entro allora, l'offerta scade e il posto può passare alla persona successiva in lista d'attesa.",
      );
      expect(renderEmail("edizione-modificata-offerta", changed, { ...ctx, locale: "en" }).text).toContain(
        "if you do not accept it by then, the offer expires and the place may go to the next person on the waiting list.",
      );
    }
    // None of the offer emails says where the place will go as a certainty; the expiry's says nothing of it.
    for (const locale of ["it", "en"] as const) {
      for (const kind of ["posto-offerto", "edizione-modificata-offerta", "offerta-scaduta"]) {
        const text = renderEmail(kind, payload({ offerExpiresAt }), { ...ctx, locale }).text;
        expect(text, `${kind} (${locale})`).not.toMatch(/passerà alla persona|goes to the next person/);
      }
      expect(renderEmail("offerta-scaduta", payload(), { ...ctx, locale }).text).not.toMatch(
        /persona successiva|next person/,
      );
    }
  });

  it("says an offer ended early because the organiser closed the event or the training is over, not that it lapsed", () => {
    for (const locale of ["it", "en"] as const) {
      const closed = renderEmail("offerta-scaduta", payload({ endedBy: "evento-chiuso" }), { ...ctx, locale });
      const over = renderEmail("offerta-scaduta", payload({ endedBy: "formazione-conclusa" }), { ...ctx, locale });
      for (const mail of [closed, over]) {
        for (const part of [mail.subject, mail.text, mail.html]) {
          expect(part).not.toMatch(/entro il termine|scaduta|by its deadline|expired/i);
        }
      }
      expect(closed.text).toContain(
        locale === "it"
          ? "L'organizzazione ha chiuso l'evento prima della scadenza della tua offerta"
          : "The organiser closed the event before your offer's deadline",
      );
      expect(over.text).toContain(
        locale === "it" ? "la formazione risulta già svolta" : "the training has now taken place",
      );
      expect(closed.html).toContain(locale === "it" ? "ha chiuso l&#39;evento" : "closed the event");
      expect(closed.subject).toBe(
        locale === "it"
          ? "Offerta terminata: Coding in classe (edizione 2) · Forma"
          : "Offer ended: Coding in classe (edition 2) · Forma",
      );
    }
    // Only a known cause is read from a stored payload.
    expect(parsePayload({ endedBy: "altro" }).endedBy).toBeUndefined();
  });

  it("tells an applicant whose selection never took place why, not that the selection turned them down", () => {
    for (const locale of ["it", "en"] as const) {
      const closed = renderEmail("candidatura-respinta", payload({ endedBy: "evento-chiuso" }), { ...ctx, locale });
      const over = renderEmail("candidatura-respinta", payload({ endedBy: "formazione-conclusa" }), { ...ctx, locale });
      const judged = renderEmail("candidatura-respinta", payload(), { ...ctx, locale });
      for (const mail of [closed, over]) {
        expect(mail.subject).toContain(locale === "it" ? "Selezione non svolta" : "Selection not carried out");
        expect(mail.text).not.toMatch(/non è stata accolta|was not accepted/);
      }
      expect(closed.text).toContain(
        locale === "it"
          ? "L'organizzazione ha chiuso l'iniziativa prima di completare la selezione"
          : "The organiser closed the event before completing the selection",
      );
      expect(over.text).toContain(
        locale === "it" ? "senza che l'organizzazione completasse la selezione" : "without the organiser completing",
      );
      expect(judged.text).toMatch(locale === "it" ? /non è stata accolta/ : /was not accepted/);
      const cancelled = renderEmail("edizione-annullata", payload({ reason: "Aula chiusa", wasApplication: true }), {
        ...ctx,
        locale,
      });
      expect(cancelled.text).toContain(
        locale === "it" ? "prima della selezione: la selezione non si farà" : "before the selection",
      );
      expect(cancelled.text).not.toMatch(/iscrizione è chiusa|enrolment has ended/);
    }
    expect(parsePayload({ wasApplication: "yes" }).wasApplication).toBeUndefined();
  });

  it("shows the waiting-list position when known", () => {
    expect(renderEmail("inserito-in-lista-attesa", payload({ position: 3 }), ctx).text).toContain("in posizione 3");
    expect(renderEmail("inserito-in-lista-attesa", payload(), ctx).text).not.toContain("posizione");
  });

  it("links with APP_ORIGIN", () => {
    const mail = renderEmail("posto-offerto", payload(), ctx);
    expect(mail.html).toContain(`href="https://forma.example.it/le-mie-iscrizioni"`);
  });

  it("refuses an unknown kind and reads a malformed payload as empty", () => {
    expect(() => renderEmail("sconosciuto", payload(), ctx)).toThrow(/sconosciuto/);
    expect(parsePayload("not json")).toEqual({
      eventTitle: "",
      editionNumber: null,
      offerExpiresAt: null,
      reason: null,
      position: null,
    });
    expect(parsePayload(JSON.stringify({ offerExpiresAt: "ieri", editionNumber: "2" }))).toMatchObject({
      offerExpiresAt: null,
      editionNumber: null,
    });
  });
});

describe("new kinds: edition changed, reminder, account links", () => {
  it("lists the edition's sessions after a change, in Europe/Rome", () => {
    const mail = renderEmail(
      "edizione-modificata",
      payload({
        sessions: [{ startsAt: "2026-12-05T14:00:00.000Z", endsAt: "2026-12-05T16:00:00.000Z", title: "Incontro 1" }],
      }),
      ctx,
    );
    expect(mail.subject).toBe("Edizione aggiornata: Coding in classe (edizione 2) · Forma");
    expect(mail.text).toContain("05/12/2026, 15:00 (ora italiana) — Incontro 1");
    expect(mail.text).toContain("invito di calendario");
  });

  it("incontri-annullati says which sessions leave the calendar and why, in both languages, HTML and text", () => {
    const deleted = payload({
      cancelledSessions: [
        { id: "s2", startsAt: "2026-12-05T14:00:00.000Z", endsAt: "2026-12-05T16:00:00.000Z", title: "Incontro 2" },
      ],
    });
    const it = renderEmail("incontri-annullati", deleted, ctx);
    expect(it.subject).toBe("Incontri annullati: Coding in classe (edizione 2) · Forma");
    for (const part of [it.text, it.html.replaceAll("&#39;", "'")]) {
      expect(part).toContain("05/12/2026, 15:00 (ora italiana) — Incontro 2");
      expect(part).toContain("L'invito di calendario allegato a questo messaggio li toglie dal tuo calendario.");
      expect(part).toContain("Gli altri incontri dell'edizione restano come erano.");
    }
    const withMoves = renderEmail("incontri-annullati", { ...deleted, rescheduled: true }, { ...ctx, locale: "en" });
    expect(withMoves.subject).toBe("Sessions cancelled: Coding in classe (edition 2) · Forma");
    expect(withMoves.text).toContain("5 December 2026 at 15:00 (Italian time) — Incontro 2");
    expect(withMoves.text).toContain("The other changes to the edition are in a separate message");
    const moved = payload({ movedToEditionNumber: 3 });
    expect(renderEmail("incontri-annullati", moved, ctx).text).toContain(
      "L'organizzazione ha spostato la tua iscrizione da Coding in classe (edizione 2) all'edizione 3",
    );
    const movedEn = renderEmail("incontri-annullati", moved, { ...ctx, locale: "en" });
    expect(movedEn.subject).toBe("Sessions removed from your calendar: Coding in classe (edition 2) · Forma");
    expect(movedEn.html).toContain(
      "The sessions of edition 3 come with the message about the move, while that place is yours.",
    );
  });

  it("names each session whose times moved, before and now, in Rome time across the October change", () => {
    // 31 October 2027: 01:30–03:30 in Rome is 23:30Z–02:30Z (summer time ends at 03:00, back to 02:00).
    const moved = payload({
      movedSessions: [
        {
          title: "Notte del cambio",
          startsAt: "2027-10-30T23:30:00.000Z",
          endsAt: "2027-10-31T02:30:00.000Z",
          wasStartsAt: "2027-10-30T07:00:00.000Z",
          wasEndsAt: "2027-10-30T10:00:00.000Z",
        },
        { title: "", startsAt: "not a date", endsAt: "2027-10-31T02:30:00.000Z" },
      ],
    });
    expect(moved.movedSessions).toHaveLength(1);
    const it = renderEmail("edizione-modificata", moved, ctx).text;
    expect(it).toContain(
      "Incontro spostato (ora italiana):\n\n• Notte del cambio: era sabato 30 ottobre 2027, 09:00–12:00, ora domenica 31 ottobre 2027, 01:30–03:30",
    );
    const en = renderEmail("edizione-modificata", moved, { ...ctx, locale: "en" }).text;
    expect(en).toContain(
      "Session moved (Italian time):\n\n• Notte del cambio: was Saturday, 30 October 2027, 09:00–12:00, now Sunday, 31 October 2027, 01:30–03:30",
    );
    // The offer holder is told the same.
    expect(renderEmail("edizione-modificata-offerta", moved, { ...ctx, locale: "en" }).text).toContain(
      "was Saturday, 30 October 2027, 09:00–12:00, now Sunday, 31 October 2027, 01:30–03:30",
    );
    // A change that moved no time (a place, a room) names none.
    expect(renderEmail("edizione-modificata", payload({}), ctx).text).not.toContain("spostat");
  });

  it("a cancelled edition's email links to the event's other open edition when there is one, in both languages", () => {
    const other = payload({ reason: "Aula non disponibile.", eventPath: "/eventi/ev123" });
    const en = renderEmail("edizione-annullata", other, { ...ctx, locale: "en" });
    expect(en.text).toContain("Another edition of this event is still open for enrolment");
    expect(en.text).toContain("See the other editions: https://forma.example.it/eventi/ev123?lang=en");
    expect(renderEmail("edizione-annullata", other, ctx).text).toContain(
      "Vedi le altre edizioni: https://forma.example.it/eventi/ev123",
    );
    expect(renderEmail("edizione-annullata", payload({}), ctx).text).toContain("Sfoglia il catalogo");
    // Only an event's page is taken from a stored payload.
    expect(parsePayload({ eventPath: "https://evil.example/eventi/x" }).eventPath).toBeUndefined();
    expect(parsePayload({ eventPath: "/admin/utenti" }).eventPath).toBeUndefined();
  });

  it("tells an offer holder of the change: new schedule and deadline (brought forward or not), in both languages", () => {
    const offer = (extra: Record<string, unknown>) =>
      payload({
        sessions: [{ startsAt: "2026-12-05T08:00:00.000Z", endsAt: "2026-12-05T10:00:00.000Z", title: "Incontro 2" }],
        offerExpiresAt: "2026-12-05T08:00:00.000Z",
        ...extra,
      });
    const it = renderEmail("edizione-modificata-offerta", offer({ offerShortened: true }), ctx);
    expect(it.subject).toBe(
      "Edizione aggiornata, conferma entro 05/12/2026, 09:00 (ora italiana): Coding in classe (edizione 2) · Forma",
    );
    expect(it.text).toContain("• 05/12/2026, 09:00 (ora italiana) — Incontro 2");
    expect(it.text).toContain("La scadenza per accettare è stata anticipata");
    expect(it.text).toContain("https://forma.example.it/le-mie-iscrizioni");
    expect(it.html).toContain("La scadenza per accettare è stata anticipata");
    // Not an invitation: that comes with the place.
    expect(it.text).not.toContain("invito di calendario allegato");
    expect(renderEmail("edizione-modificata-offerta", offer({}), ctx).text).toContain("La tua offerta resta valida");
    const en = renderEmail("edizione-modificata-offerta", offer({ offerShortened: true }), { ...ctx, locale: "en" });
    expect(en.subject).toContain("accept by 5 December 2026 at 09:00 (Italian time)");
    expect(en.text).toContain("The deadline to accept has been brought forward");
    expect(parsePayload({ offerShortened: "yes" }).offerShortened).toBeUndefined();
  });

  it("tells an offer holder the edition as it is now from the schedule: hours, activities' periods, the venue, no room link", () => {
    const written = { eventTitle: "Coding", editionNumber: 1, offerExpiresAt: "2027-02-09T17:00:00.000Z" };
    const withSchedule = (locale: "it" | "en") =>
      renderEmail("edizione-modificata-offerta", parsePayload(written, { schedule: BLENDED_SCHEDULE }), {
        ...ctx,
        locale,
      });
    const it = withSchedule("it");
    expect(it.text).toContain("L'organizzazione ha modificato gli incontri, il luogo o la stanza online di Coding");
    expect(it.text).toContain("• mercoledì 10 febbraio 2027, 15:00–17:00 — Avvio");
    expect(it.text).toContain("• attività da svolgere dal 11/02/2027 al 20/02/2027 — Compito");
    expect(it.text).not.toContain("00:00");
    expect(it.text).toContain("Luogo: Liceo Galilei, Firenze");
    expect(it.html).toContain("Luogo: Liceo Galilei, Firenze");
    // No room link before the place is accepted (only enrolled teachers get it).
    expect(it.text).not.toContain(BLENDED_SCHEDULE.onlineUrl);
    expect(it.html).not.toContain(BLENDED_SCHEDULE.onlineUrl);
    expect(it.text).toContain("Il link della stanza online sarà in Le mie iscrizioni quando avrai accettato il posto.");
    // The list written with the payload is not repeated beside the schedule.
    expect(it.text).not.toContain("Gli incontri ora sono:");
    const en = withSchedule("en");
    expect(en.text).toContain("The organiser changed the sessions, the place or the online room of Coding");
    expect(en.text).toContain("• Wednesday, 10 February 2027, 15:00–17:00 — Avvio");
    expect(en.text).toContain("Place: Liceo Galilei, Firenze");
    expect(en.text).toContain("The online room link will be on My enrolments once you accept the place.");
    expect(en.text).not.toContain(BLENDED_SCHEDULE.onlineUrl);
  });

  it("tells a teacher waiting of the change: the edition now, still in line at their position, the link to leave it", () => {
    const written = { eventTitle: "Coding", editionNumber: 1, enrolmentId: "place1" };
    const waiting = (locale: "it" | "en", position: number | null = 3) =>
      renderEmail("edizione-modificata-in-attesa", parsePayload(written, { schedule: BLENDED_SCHEDULE, position }), {
        ...ctx,
        locale,
      });
    const it = waiting("it");
    expect(it.subject).toBe("Edizione aggiornata, sei in lista d'attesa: Coding (edizione 1) · Forma");
    expect(it.text).toContain("L'organizzazione ha modificato gli incontri, il luogo o la stanza online di Coding");
    expect(it.text).toContain("• mercoledì 10 febbraio 2027, 15:00–17:00 — Avvio");
    expect(it.text).toContain("Luogo: Liceo Galilei, Firenze");
    expect(it.text).toContain("Sei ancora in lista d'attesa, in posizione 3:");
    expect(it.text).toContain(
      "Esci dalla lista d'attesa: https://forma.example.it/le-mie-iscrizioni?conferma=place1#conferma-place1",
    );
    // No room link, no invitation: they hold no place.
    expect(it.text).not.toContain(BLENDED_SCHEDULE.onlineUrl);
    expect(it.text).toContain("Il link della stanza online sarà in Le mie iscrizioni se otterrai un posto.");
    expect(it.text).not.toContain("invito di calendario allegato");
    expect(waiting("it", null).text).toContain("Sei ancora in lista d'attesa: se si libera un posto");
    const en = waiting("en");
    expect(en.subject).toBe("Edition updated, you are on the waiting list: Coding (edition 1) · Forma");
    expect(en.text).toContain("You are still on the waiting list, in position 3:");
    expect(en.text).toContain("The online room link will be on My enrolments if you get a place.");
    expect(en.text).toContain(
      "Leave the waitlist: https://forma.example.it/le-mie-iscrizioni?conferma=place1&lang=en#conferma-place1",
    );
    // Only a place's id is taken from a stored payload; without one the link is the page.
    expect(parsePayload({ enrolmentId: "../admin?x=1" }).enrolmentId).toBeUndefined();
    expect(renderEmail("edizione-modificata-in-attesa", payload({}), ctx).text).toContain(
      "Esci dalla lista d'attesa: https://forma.example.it/le-mie-iscrizioni\n",
    );
  });

  it("confirmation, promotion, accepted application and change state dates, times, place and link", () => {
    const schedule = BLENDED_SCHEDULE;
    for (const kind of ["iscrizione-confermata", "promosso", "candidatura-accettata", "edizione-modificata"]) {
      const it = renderEmail(kind, parsePayload({ eventTitle: "Coding", editionNumber: 1 }, { schedule }), ctx);
      expect(it.text, kind).toContain("• mercoledì 10 febbraio 2027, 15:00–17:00 — Avvio");
      expect(it.text, kind).toContain("• attività da svolgere dal 11/02/2027 al 20/02/2027 — Compito");
      expect(it.text, kind).toContain("Luogo: Liceo Galilei, Firenze");
      expect(it.text, kind).toContain("Link della stanza online: https://meet.example.it/stanza");
      // In the HTML the room is a link named by what it opens, not its address.
      expect(it.html, kind).toContain(
        `<a href="https://meet.example.it/stanza" style="color:#0066cc">Link della stanza online</a>`,
      );
      const en = renderEmail(kind, parsePayload({ eventTitle: "Coding", editionNumber: 1 }, { schedule }), {
        ...ctx,
        locale: "en",
      });
      expect(en.text, kind).toContain("Wednesday, 10 February 2027, 15:00–17:00 — Avvio");
      expect(en.text, kind).toContain("Place: Liceo Galilei, Firenze");
    }
    const inPerson = renderEmail(
      "iscrizione-confermata",
      parsePayload({ eventTitle: "Coding", editionNumber: 1 }, { schedule: { ...schedule, mode: "in-presenza" } }),
      ctx,
    );
    expect(inPerson.text).not.toContain("stanza online");
  });

  it("seat emails state until when the seat can be given up, and never invite a cancellation once it is closed", () => {
    const seatKinds = [
      "iscrizione-confermata",
      "promosso",
      "candidatura-accettata",
      "inserito-dall-organizzatore",
      "spostato-di-edizione",
    ];
    const until = "2027-02-09T11:00:00.000Z";
    const seat = (cancellation?: { until: string | null; open: boolean; recordedPresent?: boolean }) =>
      parsePayload({ eventTitle: "Coding", editionNumber: 1 }, cancellation ? { cancellation } : {});
    for (const kind of seatKinds) {
      const open = renderEmail(kind, seat({ until, open: true }), ctx);
      expect(open.text, kind).toMatch(
        /Se non potrai partecipare, annulla l'iscrizione entro il 09\/02\/2027, 12:00 \(ora italiana\)[:.]/,
      );
      const openEn = renderEmail(kind, seat({ until, open: true }), { ...ctx, locale: "en" });
      expect(openEn.text, kind).toContain("please cancel your enrolment by 9 February 2027 at 12:00 (Italian time)");

      const closed = renderEmail(kind, seat({ until, open: false }), ctx);
      const closedEn = renderEmail(kind, seat({ until, open: false }), { ...ctx, locale: "en" });
      for (const part of [closed.text, closed.html]) {
        expect(part, kind).not.toMatch(/annulla l(&#39;|')iscrizione/);
        expect(part, kind).toContain("Il termine per annullare l");
        expect(part, kind).toContain("è scaduto il 09/02/2027, 12:00 (ora italiana): non è più possibile annullarla.");
        expect(part, kind).toContain(ctx.contactEmail);
      }
      for (const part of [closedEn.text, closedEn.html]) {
        expect(part, kind).not.toContain("please cancel");
        expect(part, kind).toContain(
          "The deadline to cancel your enrolment passed on 9 February 2027 at 12:00 (Italian time)",
        );
      }

      // The register already records the teacher present (lines carried back with them): no invitation to
      // cancel, whatever the deadline, and whom to write to (ADR 0011 addendum).
      for (const deadline of [until, null]) {
        const present = { until: deadline, open: false, recordedPresent: true };
        const italian = renderEmail(kind, seat(present), ctx);
        const english = renderEmail(kind, seat(present), { ...ctx, locale: "en" });
        for (const part of [italian.text, italian.html]) {
          expect(part, kind).not.toMatch(/annulla l(&#39;|')iscrizione/);
          expect(part, kind).toContain("Il registro ti indica già presente a un incontro di questa edizione");
          expect(part, kind).toContain(ctx.contactEmail);
        }
        expect(english.text, kind).not.toContain("please cancel");
        expect(english.text, kind).toContain(
          "The register already records you as present at a session of this edition",
        );
      }

      // Unknown (no schedule when it left), or no deadline at all: how to cancel, with no date.
      for (const unknown of [seat(), seat({ until: null, open: true })]) {
        const text = renderEmail(kind, unknown, ctx).text;
        expect(text, kind).toContain("Se non potrai partecipare, annulla l'iscrizione");
        expect(text, kind).not.toContain("entro il");
      }
    }
  });

  it("seat emails say a cancelled seat may go to the waiting list, never that it will (IT/EN)", () => {
    // A seat given up goes on only if someone waits in its line and the edition still gives seats (not in a closed
    // event, not once the training is over: ADR 0011, 0084), as the offer emails and the decline step say it.
    const until = "2027-02-09T11:00:00.000Z";
    const seat = (cancellation?: { until: string | null; open: boolean }) =>
      parsePayload({ eventTitle: "Coding", editionNumber: 1 }, cancellation ? { cancellation } : {});
    for (const kind of ["iscrizione-confermata", "inserito-dall-organizzatore", "spostato-di-edizione"]) {
      expect(renderEmail(kind, seat({ until, open: true }), ctx).text, kind).toContain(
        "Se non potrai partecipare, annulla l'iscrizione entro il 09/02/2027, 12:00 (ora italiana): il posto potrà passare a chi è in lista d'attesa.",
      );
      expect(renderEmail(kind, seat(), ctx).text, kind).toContain(
        "Se non potrai partecipare, annulla l'iscrizione: il posto potrà passare a chi è in lista d'attesa.",
      );
      expect(renderEmail(kind, seat({ until, open: true }), { ...ctx, locale: "en" }).text, kind).toContain(
        "please cancel your enrolment by 9 February 2027 at 12:00 (Italian time), so that the place may go to someone on the waiting list.",
      );
    }
    // Leaving a line for dates that no longer suit: a seat that becomes free may go to the next in line.
    const waiting = parsePayload({ eventTitle: "Coding", editionNumber: 1, enrolmentId: "p1" });
    expect(renderEmail("edizione-modificata-in-attesa", waiting, ctx).text).toContain(
      "esci dalla lista d'attesa con il pulsante qui sotto: così un posto che si libera potrà passare alla persona successiva in lista.",
    );
    expect(renderEmail("edizione-modificata-in-attesa", waiting, { ...ctx, locale: "en" }).text).toContain(
      "so that a place that becomes free may go to the next person in line.",
    );
    // No template says where a seat will go as a certainty.
    for (const kind of Object.keys(TEMPLATES)) {
      for (const locale of ["it", "en"] as const) {
        const text = renderEmail(kind, seat({ until, open: true }), { ...ctx, locale }).text;
        expect(text, `${kind} (${locale})`).not.toMatch(
          /il posto (andrà|passerà)|the place goes to|place will go|goes to a colleague/,
        );
      }
    }
  });

  it("reminds of a session with its Rome time and the room link, and says why it is sent", () => {
    const p = payload({
      sessionStartsAt: "2026-07-05T15:00:00.000Z",
      sessionEndsAt: "2026-07-05T17:00:00.000Z",
      onlineUrl: "https://meet.example.it/stanza",
    });
    const mail = renderEmail("promemoria-incontro", p, ctx);
    expect(mail.subject).toContain("05/07/2026, 17:00");
    expect(mail.text).toContain("termina alle 19:00");
    expect(mail.text).toContain("Stanza online: https://meet.example.it/stanza");
    expect(mail.html).toContain(`<a href="https://meet.example.it/stanza" style="color:#0066cc">Stanza online</a>`);
    // The footer points to the page where the preference lives.
    expect(mail.text).toContain("I promemoria si disattivano nella pagina Profilo");
    expect(mail.text).toContain("https://forma.example.it/profilo");
    expect(REMINDER_KINDS.has("promemoria-incontro")).toBe(true);
    const noLink = renderEmail(
      "promemoria-incontro",
      payload({ sessionStartsAt: "2026-07-05T15:00:00.000Z", onlineUrl: "javascript:alert(1)" }),
      { ...ctx, locale: "en" },
    );
    expect(noLink.html).not.toContain("javascript:");
    expect(noLink.text).toContain("Italian time");
  });

  it("links account messages to the token's page, in both languages", () => {
    for (const locale of ["it", "en"] as const) {
      // An English message's links open the page in English (?lang=en); Italian is the default.
      const lang = locale === "en" ? "?lang=en" : "";
      const confirm = renderEmail("conferma-email", parsePayload({ token: "abc_DEF-123" }), { ...ctx, locale });
      expect(confirm.text).toContain(`https://forma.example.it/conferma-email/abc_DEF-123${lang}\n`);
      const reset = renderEmail("reimposta-password", parsePayload({ token: "xyz" }), { ...ctx, locale });
      expect(reset.html).toContain(`href="https://forma.example.it/reimposta-password/xyz${lang}"`);
      expect(reset.text).toContain(locale === "en" ? "ignore this message" : "ignora questo messaggio");
    }
  });

  it("reimposta-password for an account without a password asks to choose one; rows without the flag read as a reset", () => {
    // ADR 0014, addendum of 07/12/2026: the flag is written when the link is asked for an account with no password.
    const first = parsePayload({ token: "xyz", firstPassword: true });
    const italian = renderEmail("reimposta-password", first, ctx);
    expect(italian.subject).toMatch(/^Scegli una password per il tuo account Forma\b/);
    const italianText = italian.text.replace(/\s+/g, " ");
    expect(italianText).toContain(
      "È stato chiesto di scegliere una password per il tuo account Forma, che ora non ne ha una. Il link qui sotto vale un'ora",
    );
    expect(italianText).toContain(
      "Se non l'hai chiesto tu, ignora questo messaggio: il tuo account resta senza password.",
    );
    expect(italianText).not.toMatch(/reimpostare|non cambia|nuova password/);
    expect(italian.html).toContain('href="https://forma.example.it/reimposta-password/xyz"');
    const english = renderEmail("reimposta-password", first, { ...ctx, locale: "en" });
    expect(english.subject).toMatch(/^Choose a password for your Forma account\b/);
    const englishText = english.text.replace(/\s+/g, " ");
    expect(englishText).toContain("asked to choose a password for your Forma account, which has none now.");
    expect(englishText).toContain("ignore this message: your account stays without a password.");
    expect(englishText).not.toMatch(/reset|does not change|new password/);
    // A row queued before the flag (or for an account with a password): the reset, as before.
    for (const p of [parsePayload({ token: "xyz" }), parsePayload({ token: "xyz", firstPassword: "yes" })]) {
      const before = renderEmail("reimposta-password", p, ctx);
      expect(before.subject).toMatch(/^Reimposta la tua password\b/);
      expect(before.text).toContain("la password non cambia");
    }
  });

  it("reads the new payload fields defensively", () => {
    const p = parsePayload({
      sessionStartsAt: "domani",
      sessions: [{ startsAt: "x" }, { startsAt: "2026-01-01T10:00:00Z", endsAt: "2026-01-01T11:00:00Z" }],
      token: 3,
    });
    expect(p.sessionStartsAt).toBeUndefined();
    expect(p.token).toBeUndefined();
    expect(p.sessions).toEqual([{ startsAt: "2026-01-01T10:00:00Z", endsAt: "2026-01-01T11:00:00Z", title: "" }]);
  });
});

describe("promosso", () => {
  it("a seat from an offer the schedule change left no time to answer says so, not that a place became free", () => {
    const moved = payload({ fromOffer: true });
    const it_ = renderEmail("promosso", moved, ctx);
    const en = renderEmail("promosso", moved, { ...ctx, locale: "en" });
    expect(it_.text).not.toContain("Si è liberato un posto");
    expect(it_.text).toContain(
      "L'organizzazione ha spostato gli incontri di Coding in classe (edizione 2): non resta più tempo per rispondere all'offerta del posto, quindi il posto che ti era stato offerto è ora tuo e la tua iscrizione è confermata.",
    );
    expect(en.text).not.toContain("A place became free");
    expect(en.text).toContain(
      "The organiser moved the sessions of Coding in classe (edition 2): no time is left to answer the offer of a place, so the place you were offered is now yours and your enrolment is confirmed.",
    );
    // Without the flag (a seat freed by someone leaving), as before.
    expect(renderEmail("promosso", payload(), ctx).text).toContain("Si è liberato un posto in Coding in classe");
    expect(parsePayload({ fromOffer: "yes" }).fromOffer).toBeUndefined();
  });

  it("a seat the organiser added by raising the cap says places were added, not that one became free (IT/EN)", () => {
    const added = parsePayload(
      { eventTitle: "Coding in classe", editionNumber: 2, seatsAdded: true },
      { schedule: BLENDED_SCHEDULE },
    );
    const it_ = renderEmail("promosso", added, ctx);
    const en = renderEmail("promosso", added, { ...ctx, locale: "en" });
    expect(it_.subject).toBe("Hai un posto: Coding in classe (edizione 2) · Forma");
    expect(it_.text).toContain("C'è un nuovo posto per te");
    expect(it_.text).toContain(
      "Sono stati aggiunti posti in Coding in classe (edizione 2) e uno è tuo: la tua iscrizione è confermata.",
    );
    expect(it_.html).toContain("C&#39;è un nuovo posto per te");
    expect(it_.html).toContain("Sono stati aggiunti posti in Coding in classe (edizione 2) e uno è tuo");
    expect(en.text).toContain("There is a new place for you");
    expect(en.text).toContain(
      "More places were added to Coding in classe (edition 2) and one is yours: your enrolment is confirmed.",
    );
    for (const mail of [it_, en]) expect(`${mail.text}${mail.html}`).not.toMatch(/liberato|become free|became free/);
    // A row queued before the field (or a seat somebody left): a seat that became free, as before.
    for (const old of [payload(), payload({ seatsAdded: "yes" })]) {
      const oldIt = renderEmail("promosso", old, ctx).text;
      expect(oldIt).toContain("Si è liberato un posto per te");
      expect(oldIt).toContain("Si è liberato un posto in Coding in classe (edizione 2) ed è tuo");
      expect(renderEmail("promosso", old, { ...ctx, locale: "en" }).text).toContain(
        "A place became free in Coding in classe (edition 2) and it is yours",
      );
    }
  });

  it("a seat a released regional quota left unused says those places were opened to everyone, not that one became free (IT/EN)", () => {
    const released = parsePayload(
      { eventTitle: "Coding in classe", editionNumber: 2, quotaReleased: true },
      { schedule: BLENDED_SCHEDULE },
    );
    const it_ = renderEmail("promosso", released, ctx);
    const en = renderEmail("promosso", released, { ...ctx, locale: "en" });
    expect(it_.text).toContain("C'è un posto per te");
    expect(it_.text).toContain(
      "L'organizzazione di Coding in classe (edizione 2) ha aperto a tutti i posti riservati a una regione, e uno è tuo: la tua iscrizione è confermata.",
    );
    expect(en.text).toContain("There is a place for you");
    expect(en.text).toContain(
      "The organiser of Coding in classe (edition 2) has opened the places reserved for a region to everyone, and one is yours: your enrolment is confirmed.",
    );
    for (const mail of [it_, en]) {
      expect(`${mail.text}${mail.html}`).not.toMatch(/liberato|become free|became free|aggiunti|added|nuovo posto/);
    }
    // A row queued before the field: a seat that became free, as before.
    for (const old of [payload(), payload({ quotaReleased: "yes" })]) {
      expect(renderEmail("promosso", old, ctx).text).toContain("Si è liberato un posto per te");
    }
  });
});

describe("posto-liberato", () => {
  it("tells organisers apart: nobody waiting, the place given or offered, people waiting and nobody given it", () => {
    const text = (nextInLine: string | undefined, locale: "it" | "en") =>
      renderEmail("posto-liberato", payload(nextInLine ? { nextInLine } : {}), { ...ctx, locale }).text;
    expect(text(undefined, "it")).toContain("La lista d'attesa era vuota: il posto ora è libero.");
    expect(text(undefined, "en")).toContain("Nobody was waiting: the place is now free.");
    expect(text("evento-chiuso", "it")).toContain(
      "Il posto non è stato assegnato: l'evento è chiuso, quindi chi è in lista d'attesa resta in attesa.",
    );
    expect(text("evento-chiuso", "en")).toContain("The place has not been given to anyone: the event is closed");
    expect(text("formazione-conclusa", "it")).toContain("Il posto non è stato assegnato: la formazione è conclusa");
    expect(text("formazione-conclusa", "en")).toContain("The place has not been given to anyone: the training is over");
    expect(text("non-assegnato", "it")).toContain("Il posto non è stato assegnato a chi è in lista d'attesa");
    expect(text("non-assegnato", "en")).toContain("The place has not been given to anyone on the waiting list");
    for (const waited of ["evento-chiuso", "formazione-conclusa", "non-assegnato"]) {
      expect(text(waited, "it")).not.toContain("La lista d'attesa era vuota");
      expect(text(waited, "en")).not.toContain("Nobody was waiting");
    }
    expect(text("promosso", "it")).toContain("Il posto è andato alla prima persona in lista d'attesa");
    expect(parsePayload({ nextInLine: "altro" }).nextInLine).toBeUndefined();
  });
});

describe("attestato-disponibile", () => {
  it("says in both languages the same fact: the register was closed, not who closed it (a referent may have)", () => {
    const it_ = renderEmail("attestato-disponibile", payload(), ctx);
    const en = renderEmail("attestato-disponibile", payload(), { ...ctx, locale: "en" });
    expect(it_.text).toContain("Il registro di Coding in classe (edizione 2) è stato chiuso");
    expect(en.text).toContain("The register of Coding in classe (edition 2) has been closed and your certificate");
    expect(en.text).not.toContain("The trainer");
  });
});

describe("notices of a change already made to the account (email-modificata, account-chiuso, identita-…)", () => {
  it("never tell the person to ignore them, and say whom to write to, in both languages, HTML and text", () => {
    // An identity linked or unlinked by someone else is the reason these notices exist: the body says to act
    // and write to the national unit, the footer must not undo it (review 0016, finding 4).
    for (const kind of [
      "email-modificata",
      "account-chiuso",
      "identita-collegata",
      "identita-scollegata",
      "ruolo-modificato",
    ]) {
      for (const locale of ["it", "en"] as const) {
        const mail = renderEmail(kind, parsePayload({ newEmail: "nuovo@example.it" }), { ...ctx, locale });
        for (const part of [mail.text, mail.html]) {
          expect(part, `${kind} (${locale})`).not.toMatch(/ignoralo|ignore it|ignora questo|ignore this/i);
          // The service's address, as the site's footer gives it (CONTACT_EMAIL).
          expect(part, `${kind} (${locale})`).toContain(ctx.contactEmail);
          expect(part, `${kind} (${locale})`).toContain(locale === "en" ? "national unit" : "Unità nazionale");
        }
        expect(mail.text).toContain(
          locale === "en"
            ? "You receive this message because it concerns your account on Forma"
            : "Ricevi questo messaggio perché riguarda il tuo account su Forma",
        );
      }
    }
    // A link someone else may have asked for keeps "ignore it".
    expect(renderEmail("cambio-email", parsePayload({ token: "t" }), ctx).text).toContain("ignoralo");
  });
});

describe("account-esistente", () => {
  it("tells the owner of a known address that someone signed up with it, and links to sign-in, in both languages", () => {
    for (const [locale, subject] of [
      ["it", "Hai già un account Forma"],
      ["en", "You already have a Forma account"],
    ] as const) {
      const mail = renderEmail("account-esistente", payload(), { ...ctx, locale });
      expect(mail.subject).toContain(subject);
      expect(mail.text).toContain("https://forma.example.it/accedi");
    }
  });

  // An account made with SPID/CIE often has no password: "accedi con la tua password" sent its owner to one they never
  // had. The email names how the account signs in (ADR 0014, addendum of 07/12/2026).
  const existing = (waysIn: { password: boolean; providers: string[] }) => parsePayload({ waysIn });
  const mailText = (p: ReturnType<typeof payload>, extra: Partial<EmailContext> = {}) =>
    renderEmail("account-esistente", p, { ...ctx, ...extra }).text;

  it("tells an account made with SPID/CIE to sign in with its identity, by name, not with a password it has not got", () => {
    const spid = existing({ password: false, providers: ["Entra con SPID", "Entra con CIE"] });
    const italian = mailText(spid);
    expect(italian).toContain(
      "Se la richiesta è tua, accedi con «Entra con SPID» o «Entra con CIE» dalla pagina di accesso: il tuo account non ha una password.",
    );
    expect(italian).not.toContain("accedi con la tua password");
    // Choosing a password is still offered, as a choice, where password sign-in is on.
    expect(italian).toContain(
      "Se vuoi accedere anche con email e password, scegline una dalla stessa pagina («Password dimenticata?»).",
    );
    const en = mailText(spid, { locale: "en" });
    expect(en).toContain(
      "If it was you, sign in with “Entra con SPID” or “Entra con CIE” on the sign-in page: your account has no password.",
    );
    expect(en).not.toContain("sign in with your password");
    expect(en).toContain("Forgot your password?");
    // Password sign-in off: the identity only, no password at all.
    for (const locale of ["it", "en"] as const) {
      const off = mailText(spid, { locale, passwordSignIn: false });
      expect(off).toContain(locale === "en" ? "sign in with “Entra con SPID”" : "accedi con «Entra con SPID»");
      expect(off).not.toMatch(/password/i);
    }
  });

  it("tells a password account to sign in with its password, and names its identities too when it has some", () => {
    const plain = mailText(existing({ password: true, providers: [] }));
    expect(plain).toContain(
      "Se la richiesta è tua, accedi con la tua password, oppure scegline una nuova dalla pagina di accesso («Password dimenticata?»).",
    );
    expect(plain).not.toMatch(/SPID|CIE|identità/);
    const both = mailText(existing({ password: true, providers: ["Entra con SPID"] }));
    expect(both).toContain("accedi con la tua password oppure con «Entra con SPID» dalla pagina di accesso");
    expect(both).toContain("Password dimenticata?");
    const en = mailText(existing({ password: true, providers: ["Entra con SPID"] }), { locale: "en" });
    expect(en).toContain("sign in with your password or with “Entra con SPID” on the sign-in page");
  });

  it("says what it can when it does not know the account's ways in (a row of before) or the account has none", () => {
    // A row queued before the payload named them: both ways, neither asserted.
    expect(mailText(payload())).toContain(
      "con la tua password o con l'identità digitale (SPID, CIE) collegata al tuo account",
    );
    // No password and no identity: choose a password; with password sign-in off, whom to write to.
    expect(mailText(existing({ password: false, providers: [] }))).toContain(
      "il tuo account non ha ancora una password, scegline una dalla pagina di accesso («Password dimenticata?»)",
    );
    expect(mailText(existing({ password: false, providers: [] }), { passwordSignIn: false })).toContain(
      `scrivi all'Unità nazionale all'indirizzo ${ctx.contactEmail}`,
    );
    // A label is one line, as providerLabel's.
    expect(
      mailText(existing({ password: false, providers: ["Entra\ncon SPID", "", 3 as unknown as string] })),
    ).toContain("accedi con «Entra con SPID» dalla pagina");
  });
});

describe("identita-collegata / identita-scollegata", () => {
  it("name the provider, say what to do if it was not the owner, and link to the identities page, in both languages", () => {
    for (const locale of ["it", "en"] as const) {
      const lang = locale === "en" ? "?lang=en" : "";
      const p = parsePayload({ provider: "spid", providerLabel: "Entra con\nSPID" });
      const linked = renderEmail("identita-collegata", p, { ...ctx, locale });
      expect(linked.subject).toContain(locale === "en" ? "has been linked" : "è stata collegata");
      expect(linked.text).toContain("(Entra con SPID)");
      expect(linked.text).toContain(locale === "en" ? "If you did not link it" : "Se non l'hai collegata tu");
      expect(linked.text).toContain(`https://forma.example.it/profilo/accessi${lang}\n`);
      const unlinked = renderEmail("identita-scollegata", p, { ...ctx, locale });
      expect(unlinked.subject).toContain(locale === "en" ? "has been unlinked" : "è stata scollegata");
      expect(unlinked.text).toContain("(Entra con SPID)");
      // A row without a label still reads as a sentence.
      expect(renderEmail("identita-collegata", parsePayload({}), { ...ctx, locale }).text).not.toContain("()");
    }
  });

  it("identita-scollegata of a provider removed from the configuration names it as what it was, not by its id; rows of before still read", () => {
    // An identity of a provider removed from OIDC_PROVIDERS, unlinked after (ADR 0014, addendum of 07/12/2026).
    const gone = parsePayload({ provider: "spid-old", providerGone: true });
    const italian = renderEmail("identita-scollegata", gone, ctx).text.replace(/\s+/g, " ");
    expect(italian).toContain(
      "Dal tuo account Forma è stata scollegata un'identità digitale di un fornitore di identità che Forma non offre più (spid-old): non permette più di entrarci.",
    );
    expect(italian).not.toMatch(/[^(]spid-old/);
    const english = renderEmail("identita-scollegata", gone, { ...ctx, locale: "en" }).text.replace(/\s+/g, " ");
    expect(english).toContain(
      "A digital identity from an identity provider Forma no longer offers (spid-old) has been unlinked from your Forma account: it no longer signs in to it.",
    );
    expect(renderEmail("identita-scollegata", gone, ctx).html).toContain("non offre più (spid-old)");
    // A row queued before carried the id as its label: it still renders, as it did.
    const before = parsePayload({ provider: "spid-old", providerLabel: "spid-old" });
    expect(renderEmail("identita-scollegata", before, ctx).text).toContain("un'identità digitale (spid-old)");
    // A label wins over the flag (a crafted or mixed row): the provider is named by its label.
    const labelled = parsePayload({ provider: "spid", providerLabel: "Entra con SPID", providerGone: true });
    expect(renderEmail("identita-scollegata", labelled, ctx).text).toContain("(Entra con SPID)");
  });
});

describe("a provider named in the recipient's language (labelEn, ADR 0014 addendum of 07/12/2026)", () => {
  const spid = { label: "Entra con SPID", labelEn: "Sign in with SPID" };

  it("identita-collegata / identita-scollegata name it by its English label in English, by its label in Italian", () => {
    const p = parsePayload({ provider: "spid", providerLabel: spid.label, providerLabelEn: spid.labelEn });
    for (const kind of ["identita-collegata", "identita-scollegata"] as const) {
      expect(renderEmail(kind, p, { ...ctx, locale: "en" }).text).toContain("(Sign in with SPID)");
      expect(renderEmail(kind, p, { ...ctx, locale: "it" }).text).toContain("(Entra con SPID)");
      expect(renderEmail(kind, p, { ...ctx, locale: "it" }).text).not.toContain("Sign in with SPID");
    }
  });

  it("conferma-email names the maker's provider in the recipient's language", () => {
    const p = parsePayload({
      token: "t".repeat(43),
      providerLabel: spid.label,
      providerLabelEn: spid.labelEn,
      accountName: "Luca Bianchi",
    });
    expect(renderEmail("conferma-email", p, { ...ctx, locale: "en" }).text).toContain(
      'created by signing in with "Sign in with SPID" in the name of Luca Bianchi',
    );
    expect(renderEmail("conferma-email", p, { ...ctx, locale: "it" }).text).toContain(
      "creato accedendo con «Entra con SPID» a nome di Luca Bianchi",
    );
  });

  it("conferma-email and account-in-scadenza of an account made with a provider removed since name it as what it was; rows of before still read", () => {
    // The maker's provider removed from OIDC_PROVIDERS before the row was queued (ADR 0014, addendum of 07/12/2026).
    const gone = parsePayload({
      token: "t".repeat(43),
      deleteAfter: "2027-01-10T10:00:00.000Z",
      provider: "spid-old",
      providerGone: true,
      accountName: "Luca Bianchi",
    });
    for (const kind of ["conferma-email", "account-in-scadenza"] as const) {
      const italian = renderEmail(kind, gone, { ...ctx, locale: "it" }).text.replace(/\s+/g, " ");
      expect(italian).toContain(
        "Questo account Forma è stato creato accedendo con un'identità digitale di un fornitore di identità che Forma non offre più (spid-old), a nome di Luca Bianchi, con questo indirizzo email.",
      );
      expect(italian).toContain("Se non sei Luca Bianchi, non confermare");
      expect(italian).not.toMatch(/[^(]spid-old/);
      const english = renderEmail(kind, gone, { ...ctx, locale: "en" }).text.replace(/\s+/g, " ");
      expect(english).toContain(
        "This Forma account was created by signing in with a digital identity from an identity provider Forma no longer offers (spid-old), in the name of Luca Bianchi, with this email address.",
      );
      expect(english).not.toMatch(/[^(]spid-old/);
    }
    // A row queued before carried the id as its label: it still renders, as it did.
    const before = parsePayload({ token: "t".repeat(43), providerLabel: "spid-old", accountName: "Luca Bianchi" });
    expect(renderEmail("conferma-email", before, ctx).text).toContain(
      "creato accedendo con «spid-old» a nome di Luca Bianchi",
    );
  });

  it("account-esistente names each provider by the label of the recipient's language; rows of before still read", () => {
    const p = parsePayload({ waysIn: { password: false, providers: [spid, { label: "Entra con CIE" }] } });
    expect(renderEmail("account-esistente", p, { ...ctx, locale: "en" }).text).toContain(
      "sign in with “Sign in with SPID” or “Entra con CIE” on the sign-in page",
    );
    expect(renderEmail("account-esistente", p, { ...ctx, locale: "it" }).text).toContain(
      "accedi con «Entra con SPID» o «Entra con CIE» dalla pagina di accesso",
    );
    // Queued before labelEn: the labels as strings.
    const before = parsePayload({ waysIn: { password: false, providers: ["Entra con SPID"] } });
    expect(renderEmail("account-esistente", before, { ...ctx, locale: "en" }).text).toContain(
      "sign in with “Entra con SPID” on the sign-in page",
    );
  });
});

describe("account-esistente with a provider removed from the configuration (ADR 0014 addendum of 07/12/2026)", () => {
  const text = (waysIn: unknown, extra: Partial<EmailContext> = {}) =>
    renderEmail("account-esistente", parsePayload({ waysIn }), { ...ctx, ...extra }).text.replace(/\s+/g, " ");

  it("never sends the owner to a button that is gone: says the way they used is no longer offered, and what to do", () => {
    const gone = { password: false, providers: [], unavailable: ["spid-old"] };
    const italian = text(gone);
    expect(italian).toContain(
      "Se la richiesta è tua: al tuo account si accedeva con un fornitore di identità che Forma non offre più (spid-old), che non si può più usare, e non ha ancora una password: scegline una dalla pagina di accesso («Password dimenticata?»).",
    );
    expect(italian).not.toContain("«spid-old»");
    expect(text(gone, { locale: "en" })).toContain(
      "If it was you: your account was signed in to through an identity provider Forma no longer offers (spid-old), which can no longer be used, and it has no password yet",
    );
    // Password sign-in off: whom to write to.
    expect(text(gone, { passwordSignIn: false })).toContain(
      `al tuo account si accedeva con un fornitore di identità che Forma non offre più (spid-old) e ora non ha un modo di accesso che funzioni; scrivi all'Unità nazionale all'indirizzo ${ctx.contactEmail}.`,
    );
  });
});

describe("ruolo-modificato", () => {
  it("names the role, its region and the day, and for a revoked trainer role the events it took away, in both languages", () => {
    const granted = parsePayload({
      action: "grant",
      role: "referente-usr",
      regionCode: "toscana",
      changedAt: "2026-12-07T10:00:00.000Z",
    });
    const italian = renderEmail("ruolo-modificato", granted, ctx);
    expect(italian.subject).toContain("Al tuo account Forma è stato assegnato un ruolo");
    expect(italian.text).toContain(
      "L'Unità nazionale ha assegnato al tuo account Forma il ruolo «Referente USR» (Toscana)",
    );
    expect(italian.text).toContain("lunedì 7 dicembre 2026");
    const en = renderEmail("ruolo-modificato", granted, { ...ctx, locale: "en" });
    expect(en.text).toContain("granted your Forma account the role «Regional office referent» (Tuscany) on Monday");
    const revoked = parsePayload({
      action: "revoke",
      role: "formatore",
      regionCode: "",
      changedAt: "2026-12-07T10:00:00.000Z",
      unassignedEvents: 3,
    });
    const itRevoked = renderEmail("ruolo-modificato", revoked, ctx);
    expect(itRevoked.subject).toContain("Al tuo account Forma è stato revocato un ruolo");
    expect(itRevoked.text).toContain("revocato al tuo account Forma il ruolo «Incarico di formazione» lunedì");
    expect(itRevoked.text).toContain("non tiene più la formazione di 3 eventi");
    expect(renderEmail("ruolo-modificato", revoked, { ...ctx, locale: "en" }).text).toContain(
      "took your account off 3 events as their trainer",
    );
    // No events taken away: no sentence about them.
    const none = parsePayload({ action: "revoke", role: "formatore", regionCode: "", unassignedEvents: 0 });
    expect(renderEmail("ruolo-modificato", none, ctx).text).not.toContain("eventi");
  });
});

describe("organisers' messages name who wrote them (ADR 0076)", () => {
  const sender = { id: "u1", name: `Giulia "G" <Conti>`, email: "giulia.conti@usr.example.it" };
  const message = { messageSubject: "Materiali", messageBody: "Ecco i materiali." };

  it("say who wrote them and that a reply reaches them, in HTML and text, in both languages", () => {
    for (const kind of ["messaggio-organizzatore", "messaggio-automatico"]) {
      const it = renderEmail(kind, payload({ ...message, sender }), ctx);
      expect(it.text).toContain(
        `Messaggio di Giulia "G" <Conti> (giulia.conti@usr.example.it). Per rispondere, rispondi a questa email`,
      );
      expect(it.html).toContain("Messaggio di Giulia &quot;G&quot; &lt;Conti&gt; (giulia.conti@usr.example.it)");
      const en = renderEmail(kind, payload({ ...message, sender }), { ...ctx, locale: "en" });
      expect(en.text).toContain(
        `Message from Giulia "G" <Conti> (giulia.conti@usr.example.it). To reply, reply to this email`,
      );
      expect(en.html).toContain("To reply, reply to this email");
    }
  });

  it("say nothing of a sender when an old payload has none", () => {
    for (const kind of ["messaggio-organizzatore", "messaggio-automatico"]) {
      for (const locale of ["it", "en"] as const) {
        const mail = renderEmail(kind, payload(message), { ...ctx, locale });
        expect(mail.text).not.toMatch(/Messaggio di|Message from [A-Z]|rispondi a questa email|reply to this email/);
      }
    }
  });

  it("read the sender defensively: one line of name, one plain address, or none", () => {
    expect(payload({ sender: { ...sender, name: "Giulia\r\nBcc: x@y.it" } }).sender).toEqual({
      ...sender,
      name: "Giulia Bcc: x@y.it",
    });
    for (const email of ["a@b.it\r\nBcc: x@y.it", "a@b.it, x@y.it", "<a@b.it>", "nessuno", ""]) {
      expect(payload({ sender: { ...sender, email } }).sender).toBeUndefined();
    }
    expect(payload({ sender: { name: "Giulia", email: "a@b.it" } }).sender).toBeUndefined();
    expect(payload({ sender: "Giulia <a@b.it>" }).sender).toBeUndefined();
  });
});

/**
 * What a reader of the HTML part sees, line by line: block ends and <br> break lines, any other
 * line break in the source is a space (as browsers and mail clients render it), a link reads as
 * "label: address" (the plain text's form), entities decoded; the <head> is not shown.
 */
function linesSeenInHtml(html: string): string[] {
  const body = html.replace(/<head>[\s\S]*?<\/head>/, "");
  return (
    body
      .replace(/\s+/g, " ")
      // A link reads in the text as "its label, what follows it on the line: its address".
      .replace(
        /<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>([^<]*)/g,
        (_m, href: string, label: string, after: string) => `${label}${after}: ${href}`,
      )
      .replace(/<br\s*\/?>|<\/(p|h1|td|tr|table)>/g, "\n")
      .replace(/<[^>]+>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "")
  );
}

/** The plain text part's lines, without the "--" that opens the footer. */
function linesOfText(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && l !== "--");
}

describe("an event title in another language than the message's is marked with it (WCAG 3.1.2)", () => {
  it("wraps the title in a span with its language in the HTML, wherever it appears, and leaves the text alone", () => {
    const en = renderEmail("iscrizione-confermata", payload({ eventTitle: "Coding & robotica in classe" }), {
      ...ctx,
      locale: "en",
      titleLanguage: "it",
    });
    const marked = '<span lang="it">Coding &amp; robotica in classe</span>';
    expect(en.html).toContain(`You have a place in ${marked} (edition 2).`);
    expect(en.html.split(marked)).toHaveLength(2);
    expect(en.text).toContain("You have a place in Coding & robotica in classe (edition 2).");
    expect(en.text).not.toContain("<span");
    // The subject cannot carry a language; the page's <title> stays plain.
    expect(en.subject).toBe("Enrolment confirmed: Coding & robotica in classe (edition 2) · Forma");

    // An English title in an Italian message, in the heading too (an organiser's message names it there).
    const it_ = renderEmail(
      "messaggio-organizzatore",
      payload({
        eventTitle: "Learning Event: media literacy",
        messageSubject: "Materiali",
        messageBody: "Ecco i materiali di Learning Event: media literacy.",
      }),
      {
        ...ctx,
        titleLanguage: "en",
      },
    );
    expect(it_.html).toContain('<span lang="en">Learning Event: media literacy</span>');
    expect(it_.html).toContain('Ecco i materiali di <span lang="en">Learning Event: media literacy</span>.');
  });

  it("marks nothing when the title is in the message's language or its language is unknown", () => {
    const same = renderEmail("iscrizione-confermata", payload(), { ...ctx, titleLanguage: "it" });
    const unknown = renderEmail("iscrizione-confermata", payload(), { ...ctx, locale: "en" });
    const short = renderEmail("iscrizione-confermata", payload({ eventTitle: "IA" }), {
      ...ctx,
      locale: "en",
      titleLanguage: "it",
    });
    for (const email of [same, unknown, short]) expect(email.html).not.toContain("<span lang=");
  });
});

/** A payload with every field some template reads, so that every template writes all it can. */
const rich = parsePayload({
  eventTitle: `Coding & "robotica" <in classe>`,
  editionNumber: 2,
  offerExpiresAt: "2026-12-05T17:30:00.000Z",
  reason: "Assenze\nripetute",
  position: 4,
  sessionStartsAt: "2027-02-10T14:00:00.000Z",
  sessionEndsAt: "2027-02-10T16:00:00.000Z",
  sessionTitle: "Avvio",
  onlineUrl: "https://meet.example.it/stanza",
  sessions: [
    { startsAt: "2027-02-10T14:00:00.000Z", endsAt: "2027-02-10T16:00:00.000Z", title: "Avvio" },
    { startsAt: "2027-02-17T14:00:00.000Z", endsAt: "2027-02-17T16:00:00.000Z", title: "Secondo" },
  ],
  cancelledSessions: [
    { id: "s9", startsAt: "2027-02-24T14:00:00.000Z", endsAt: "2027-02-24T16:00:00.000Z", title: "Terzo" },
    { id: "s8", startsAt: "2027-03-03T14:00:00.000Z", endsAt: "2027-03-03T16:00:00.000Z", title: "Quarto" },
  ],
  token: "tok_123",
  to: "nuovo@example.it",
  newEmail: "nuovo@example.it",
  messageSubject: "Materiali",
  // One line break inside a paragraph (an address, a list), then a blank line between paragraphs.
  messageBody: "Ecco i materiali:\n- slide\n- esercizi\n\nA presto.",
  sender: { id: "u1", name: "Giulia Conti", email: "giulia.conti@usr.example.it" },
  editionPath: "/gestione/edizioni/e1",
  eventPath: "/eventi/ev9",
  fromEditionNumber: 1,
  nextInLine: "offerta",
  alertSections: [
    {
      query: "type=webinar",
      since: "2026-12-04T07:00:00.000Z",
      events: [{ id: "ev1", title: "Primo", startsAt: "2027-01-14T15:00:00.000Z" }],
      more: 2,
    },
    { query: "region=toscana", since: "2026-12-04T07:00:00.000Z", events: [], more: 3 },
  ],
});

describe("every email's HTML says what its plain text says", () => {
  const schedule = BLENDED_SCHEDULE;

  it("line for line, for every kind in both languages, with no remote image", () => {
    for (const kind of Object.keys(TEMPLATES)) {
      for (const locale of ["it", "en"] as const) {
        const mail = renderEmail(kind, { ...rich, schedule }, { ...ctx, locale });
        const html = linesSeenInHtml(mail.html);
        const text = linesOfText(mail.text);
        // The banner: "Forma" in the HTML, "FORMA" in the text.
        expect(html[0], kind).toBe("Forma");
        expect(text[0], kind).toBe("FORMA");
        expect(html.slice(1), `${kind} (${locale})`).toEqual(text.slice(1));
        expect(mail.html, kind).not.toMatch(/<img|url\(|<link|@import/i);
        // No bare address in the HTML: every link is an anchor named by what it opens (WCAG 2.4.4).
        expect(mail.html.replace(/<[^>]*>/g, ""), `${kind} (${locale})`).not.toMatch(/https?:\/\//);
      }
    }
  });
});

describe("every link of an English email to a page of ours opens it in English (?lang=en)", () => {
  /** Every absolute link of the message: the text's addresses and the HTML's hrefs. */
  const linksOf = (mail: { text: string; html: string }) => [
    ...(mail.text.match(/https?:\/\/[^\s<>"]+/g) ?? []),
    ...[...mail.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&")),
  ];
  const ours = (link: string) => new URL(link).origin === "https://forma.example.it";

  it("in every template, the footer's links included (profile, alerts, unsubscribe, the site)", () => {
    let checked = 0;
    for (const kind of Object.keys(TEMPLATES)) {
      for (const locale of ["en", "it"] as const) {
        const mail = renderEmail(
          kind,
          { ...rich, schedule: BLENDED_SCHEDULE },
          { ...ctx, locale, unsubscribeUrl: unsubscribeUrl(ctx.origin, "promemoria.u1.x", locale) },
        );
        const links = linksOf(mail).filter(ours);
        // At least the site's own address in the footer.
        expect(links.length, `${kind} (${locale})`).toBeGreaterThan(0);
        for (const link of links) {
          expect(new URL(link).searchParams.get("lang"), `${kind} (${locale}): ${link}`).toBe(
            locale === "en" ? "en" : null,
          );
          checked++;
        }
        // The room of an online session is not ours and keeps its address as given.
        for (const link of linksOf(mail).filter((l) => !ours(l))) expect(link).toBe(BLENDED_SCHEDULE.onlineUrl);
      }
    }
    // The footers that link to pages: alerts (/profilo/avvisi) and reminders (/profilo).
    const alert = renderEmail("nuovi-eventi", rich, { ...ctx, locale: "en" });
    expect(alert.text).toContain("https://forma.example.it/profilo/avvisi?lang=en");
    const reminder = renderEmail("promemoria-incontro", rich, { ...ctx, locale: "en" });
    expect(reminder.text).toContain("https://forma.example.it/profilo?lang=en");
    expect(checked).toBeGreaterThan(Object.keys(TEMPLATES).length * 2);
  });
});

describe("nuovi-eventi (alerts of new events, ADR 0088)", () => {
  const events = [
    { id: "ev1", title: "Webinar: l'IA in classe", startsAt: "2027-01-14T15:00:00.000Z" },
    { id: "ev2", title: "Seminario regionale", startsAt: "2027-02-02T08:00:00.000Z" },
  ];
  const alert = (extra: Record<string, unknown> = {}) =>
    parsePayload({ alertSections: [{ query: "type=webinar&region=toscana", events, more: 10 }], ...extra });

  it("lists each new event with its day and page, counts the rest, links to the search and how to stop, in both languages", () => {
    const it = renderEmail("nuovi-eventi", alert(), ctx);
    expect(it.subject).toBe("12 nuovi eventi per la tua ricerca · Forma");
    expect(it.text).toContain("Webinar: l'IA in classe, giovedì 14 gennaio 2027: https://forma.example.it/eventi/ev1");
    expect(it.text).toContain("E altri 10 nel catalogo.");
    expect(it.html).toContain(`href="https://forma.example.it/eventi?type=webinar&amp;region=toscana"`);
    expect(it.text).toContain("https://forma.example.it/profilo/avvisi");
    const en = renderEmail(
      "nuovi-eventi",
      alert({ alertSections: [{ query: "type=webinar&region=toscana", events: events.slice(0, 1), more: 0 }] }),
      { ...ctx, locale: "en", unsubscribeUrl: "https://forma.example.it/disiscrizione/x" },
    );
    expect(en.subject).toBe("A new event for your search · Forma");
    expect(en.text).toContain("Stop every alert");
    expect(en.html).toContain(`href="https://forma.example.it/eventi?type=webinar&amp;region=toscana&amp;lang=en"`);
  });

  it("with several searches: one email, each search named in words with its events and its link for the rest", () => {
    const p = parsePayload({
      alertSections: [
        { query: "q=robotica", events: events.slice(0, 1), more: 0 },
        { query: "type=webinar&region=toscana", events: events.slice(1), more: 3 },
      ],
    });
    const it = renderEmail("nuovi-eventi", p, ctx);
    expect(it.subject).toBe("Nuovi eventi per i tuoi avvisi · Forma");
    const text = it.text.replace(/\s+/g, " ");
    expect(text).toContain(
      "Per la tua ricerca «robotica»: Webinar: l'IA in classe, giovedì 14 gennaio 2027: https://forma.example.it/eventi/ev1",
    );
    expect(text).toContain(
      "Per la tua ricerca Webinar · Toscana: Seminario regionale, martedì 2 febbraio 2027: https://forma.example.it/eventi/ev2",
    );
    expect(text).toContain("E altri 3 nel catalogo: https://forma.example.it/eventi?type=webinar&region=toscana");
    expect(it.html).toContain(`href="https://forma.example.it/eventi"`);
    const en = renderEmail("nuovi-eventi", p, { ...ctx, locale: "en" });
    expect(en.subject).toBe("New events for your alerts · Forma");
    expect(en.text.replace(/\s+/g, " ")).toContain("For your search Webinar · Tuscany:");
  });

  it("links 'and N more' to the search's events published since the check's start, the ones it could not list", () => {
    const since = "2026-12-04T07:00:00.000Z";
    const one = parsePayload({ alertSections: [{ query: "type=webinar&region=toscana", since, events, more: 10 }] });
    expect(one.alertSections?.[0]?.since).toBe(since);
    const newOnes =
      "https://forma.example.it/eventi?type=webinar&region=toscana&publishedSince=2026-12-04T07%3A00%3A00.000Z";
    expect(renderEmail("nuovi-eventi", one, ctx).text).toContain(`E altri 10 nel catalogo: ${newOnes}`);
    // The button still opens the whole search.
    expect(renderEmail("nuovi-eventi", one, ctx).html).toContain(
      `href="https://forma.example.it/eventi?type=webinar&amp;region=toscana"`,
    );
    expect(renderEmail("nuovi-eventi", one, { ...ctx, locale: "en" }).text).toContain(
      `And 10 more in the catalogue: ${newOnes}&lang=en`,
    );
    const several = parsePayload({
      alertSections: [
        { query: "q=robotica", since, events: events.slice(0, 1), more: 0 },
        { query: "mode=online", since: "2026-12-05T07:00:00.000Z", events: events.slice(1), more: 3 },
      ],
    });
    expect(renderEmail("nuovi-eventi", several, ctx).text).toContain(
      "E altri 3 nel catalogo: https://forma.example.it/eventi?mode=online&publishedSince=2026-12-05T07%3A00%3A00.000Z",
    );
    // A start that is no instant is not carried.
    expect(parsePayload({ alertSections: [{ query: "", since: "ieri", events, more: 1 }] }).alertSections).toEqual([
      { query: "", events, more: 1 },
    ]);
  });

  it("links each event by its title in the HTML (the text keeps its address), the rest and the footer's pages too", () => {
    const since = "2026-12-04T07:00:00.000Z";
    const p = parsePayload({ alertSections: [{ query: "type=webinar", since, events, more: 10 }] });
    const it = renderEmail("nuovi-eventi", p, ctx);
    expect(it.html).toContain(
      `<a href="https://forma.example.it/eventi/ev1" style="color:#0066cc">Webinar: l&#39;IA in classe</a>, giovedì 14 gennaio 2027</p>`,
    );
    expect(it.text).toContain("Webinar: l'IA in classe, giovedì 14 gennaio 2027: https://forma.example.it/eventi/ev1");
    expect(it.html).toContain(
      `<a href="https://forma.example.it/eventi?type=webinar&amp;publishedSince=2026-12-04T07%3A00%3A00.000Z" style="color:#0066cc">E altri 10 nel catalogo</a>`,
    );
    expect(it.html).toContain(
      `<a href="https://forma.example.it/profilo/avvisi" style="color:#0066cc">I tuoi avvisi</a>`,
    );
    expect(it.html).toContain(`<a href="https://forma.example.it/" style="color:#0066cc">Forma</a>`);
    // An event's page is not a bare address anywhere in the HTML.
    expect(it.html.replace(/<[^>]*>/g, "")).not.toContain("https://");
  });

  it("marks a title in another language than the email's with it; a row without the titles' languages marks nothing", () => {
    const p = parsePayload({
      alertSections: [
        {
          query: "type=webinar",
          events: [
            { ...events[0], titleLanguage: "it" },
            {
              id: "ev3",
              title: "Learning Event: media literacy",
              startsAt: "2027-03-01T15:00:00.000Z",
              titleLanguage: "en",
            },
          ],
          more: 0,
        },
      ],
    });
    expect(p.alertSections?.[0]?.events.map((e) => e.titleLanguage)).toEqual(["it", "en"]);
    const en = renderEmail("nuovi-eventi", p, { ...ctx, locale: "en" });
    expect(en.html).toContain(
      `<a href="https://forma.example.it/eventi/ev1?lang=en" style="color:#0066cc"><span lang="it">Webinar: l&#39;IA in classe</span></a>, Thursday, 14 January 2027`,
    );
    expect(en.html).toContain(
      `<a href="https://forma.example.it/eventi/ev3?lang=en" style="color:#0066cc">Learning Event: media literacy</a>`,
    );
    const it = renderEmail("nuovi-eventi", p, ctx);
    expect(it.html).toContain('<span lang="en">Learning Event: media literacy</span>');
    expect(it.html).not.toContain('<span lang="it">');
    expect(en.text).not.toContain("<span");
    // Old rows (no language) and malformed ones: the email renders, nothing is marked.
    const old = parsePayload({
      alertSections: [{ query: "type=webinar", events: [{ ...events[0], titleLanguage: '"><x' }], more: 0 }],
    });
    expect(old.alertSections?.[0]?.events).toEqual([events[0]]);
    const oldEn = renderEmail("nuovi-eventi", old, { ...ctx, locale: "en" });
    expect(oldEn.html).toContain(`style="color:#0066cc">Webinar: l&#39;IA in classe</a>`);
    expect(oldEn.html).not.toContain("<span lang=");
  });

  it("reads a row queued before the email was one per person as one search", () => {
    const p = parsePayload({ alertQuery: "type=webinar", alertTotal: 12, alertEvents: events });
    expect(p.alertSections).toEqual([{ query: "type=webinar", events, more: 10 }]);
    expect(renderEmail("nuovi-eventi", p, ctx).subject).toBe("12 nuovi eventi per la tua ricerca · Forma");
  });

  it("reads its payload defensively: no query with a line break, events with an id, a title and a date", () => {
    const p = parsePayload({
      alertSections: [
        { query: "type=webinar\r\nBcc: x@y", events, more: 1 },
        {
          query: "type=webinar",
          events: [{ id: "../x", title: "a", startsAt: "2027-01-01T00:00:00Z" }, { id: "ok", title: "b" }, "x"],
          more: "12",
        },
        "x",
      ],
    });
    expect(p.alertSections).toEqual([{ query: "type=webinar", events: [], more: 0 }]);
  });
});

describe("a blended event's sessions held in one place (ADR 0091)", () => {
  const placed = {
    ...BLENDED_SCHEDULE,
    sessions: [
      { ...BLENDED_SCHEDULE.sessions[0]!, place: "online" },
      {
        startsAt: "2027-02-12T08:00:00.000Z",
        endsAt: "2027-02-12T16:00:00.000Z",
        title: "Giornata a Firenze",
        delivery: "sincrona",
        place: "in-presenza",
      },
    ],
  };

  it("say where each session is held, and give the venue and the room only if some session is held there", () => {
    const both = renderEmail(
      "iscrizione-confermata",
      parsePayload({ eventTitle: "Coding", editionNumber: 1 }, { schedule: placed }),
      ctx,
    ).text;
    expect(both).toContain("(online) — Avvio");
    expect(both).toContain("(in presenza) — Giornata a Firenze");
    expect(both).toContain("Luogo: Liceo Galilei, Firenze");
    expect(both).toContain("Link della stanza online: https://meet.example.it/stanza");
    const allOnline = { ...placed, sessions: placed.sessions.map((s) => ({ ...s, place: "online" })) };
    const online = renderEmail(
      "iscrizione-confermata",
      parsePayload({ eventTitle: "Coding", editionNumber: 1 }, { schedule: allOnline }),
      ctx,
    ).text;
    expect(online).not.toContain("Luogo:");
    const allInPerson = { ...placed, sessions: placed.sessions.map((s) => ({ ...s, place: "in-presenza" })) };
    const inPerson = renderEmail(
      "iscrizione-confermata",
      parsePayload({ eventTitle: "Coding", editionNumber: 1 }, { schedule: allInPerson }),
      { ...ctx, locale: "en" },
    ).text;
    expect(inPerson).toContain("(in person) — Avvio");
    expect(inPerson).not.toContain("meet.example.it");
  });

  it("remind of a session held in person with its venue and no room", () => {
    const p = payload({
      sessionStartsAt: "2027-02-12T08:00:00.000Z",
      sessionEndsAt: "2027-02-12T16:00:00.000Z",
      venue: "Liceo Galilei, Firenze",
    });
    const it = renderEmail("promemoria-incontro", p, ctx).text;
    expect(it).toContain("Luogo: Liceo Galilei, Firenze");
    expect(it).not.toContain("Stanza online");
    expect(renderEmail("promemoria-incontro", p, { ...ctx, locale: "en" }).text).toContain(
      "Place: Liceo Galilei, Firenze",
    );
  });

  it("tell of a session whose place changed as of a move: before and now", () => {
    const p = payload({
      placeChangedSessions: [
        {
          title: "Avvio",
          startsAt: "2027-02-10T14:00:00.000Z",
          endsAt: "2027-02-10T16:00:00.000Z",
          place: "in-presenza",
          wasPlace: "online",
        },
      ],
    });
    expect(p.placeChangedSessions).toHaveLength(1);
    expect(renderEmail("edizione-modificata", p, ctx).text).toContain("Avvio: era online, ora in presenza");
    expect(renderEmail("edizione-modificata-offerta", p, { ...ctx, locale: "en" }).text).toContain(
      "Avvio: was online, now in person",
    );
  });
});
