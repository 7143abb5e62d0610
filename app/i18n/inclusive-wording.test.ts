// ADR 0095: Forma's Italian does not give a gender to people it knows nothing about. Forma has no
// gender field, so "sei iscritto", "Benvenuto", "Elena Cecchi spostato", "l'organizzatore ti ha
// spostato" guess one; the Ministry's guidelines (MIUR 2018) ask for neutral wording instead
// ("La tua iscrizione è confermata", "Ti diamo il benvenuto", "Spostamento di Elena Cecchi",
// "l'organizzazione"), and never asterisks, schwa or slashes ("iscritto/a").
// A cheap guard, not a grammar checker: a short list of masculine-only forms addressed to the
// reader or naming one person, over every Italian message, every Italian email (subject and text)
// and the labels the domain gives people's states and roles.
import { describe, expect, it as test } from "vitest";
import { it as catalogue } from "./messages.ts";
import { parsePayload, renderEmail, TEMPLATES } from "../../emails/index.ts";
import { ENROLMENT_STATUS_LABELS } from "../domain/enrolment.ts";
import { QUESTIONS } from "../domain/questionnaire.ts";
import { APP_ROLE_LABELS, PROFESSIONAL_ROLE_LABELS } from "../domain/vocabulary.ts";

/** Each form is masculine-only and about a person: none of them may come back. */
const MASCULINE_ONLY: { form: string; pattern: RegExp }[] = [
  {
    form: "sei stato / sei iscritto…",
    pattern:
      /\bsei (stato|iscritto|inserito|spostato|invitato|collegato|autenticato|abilitato|ammesso|escluso|selezionato|sicuro|pronto|formatore)\b/i,
  },
  { form: "sarai avvisato…", pattern: /\bsarai (avvisato|iscritto|spostato|inserito|contattato|informato)\b/i },
  { form: "eri iscritto / ti sei iscritto", pattern: /\b(eri|ti sei) (iscritto|stato)\b/i },
  {
    form: "benvenuto (not the noun: «il benvenuto», «email di benvenuto»)",
    pattern: /(?<!\b(il|di|del|al|un) )\bbenvenut[oi]\b/i,
  },
  { form: "resta collegato", pattern: /\b(resta|rimani) (collegato|connesso)\b/i },
  { form: "ti ha iscritto / spostato…", pattern: /\bti ha (iscritto|spostato|inserito|rimosso|invitato)\b/i },
  { form: "{person} spostato…", pattern: /\}\s+(spostat|inserit|arrivat|rimoss|iscritt)[oi]\b/i },
  { form: "l'organizzatore", pattern: /\b(l|dall|all|dell|nell)['’]organizzatore\b/i },
  { form: "il formatore", pattern: /\b(il|al|dal|del|un) formatore\b/i },
  { form: "il docente / il partecipante", pattern: /\b(il|al|dal|del|un) (docente|partecipante|corsista)\b/i },
  { form: "un collega", pattern: /\bun collega\b/i },
  { form: "il primo in lista", pattern: /\b(il|al) (primo|prossimo|successivo) in (lista|riserva)\b/i },
  { form: "gli iscritti", pattern: /\b(gli|agli|degli|dagli|negli|sugli|tutti gli) iscritti\b/i },
  {
    form: "nessun iscritto / partecipante…",
    pattern: /\bnessun (iscritto|partecipante|candidato|utente|destinatario|formatore)\b/i,
  },
  { form: "tra i selezionati", pattern: /\btra i (selezionati|candidati|iscritti)\b/i },
  { form: "da solo / te stesso", pattern: /\b(da solo|te stesso)\b/i },
  {
    form: "a person's outcome as a bare participle («Completato», «Non ammesso»: say what was completed)",
    pattern: /^(non )?(completat|iscritt|ammess|esclus|promoss|idone|selezionat)[oi]$/i,
  },
  {
    form: "slash, schwa or asterisk forms (iscritto/a, iscrittə, iscritt*)",
    pattern: /\w[oi]\/[ae]\b|ə|\b\w+\*(?=\s|$)/,
  },
];

function offences(texts: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(texts)) {
    for (const { form, pattern } of MASCULINE_ONLY) {
      const hit = pattern.exec(text);
      if (hit) found.push(`${where}: «${hit[0]}» (${form})`);
    }
  }
  return found;
}

/** A payload with every optional part a template may use, in a few shapes. */
const PAYLOADS = [
  {},
  { position: 3, reason: "Aula non disponibile", offerExpiresAt: "2026-12-05T17:30:00.000Z" },
  { nextInLine: "promosso", fromEditionNumber: 1, fromEditionHeldSeat: true, offerShortened: true },
  { nextInLine: "offerta", fromEditionNumber: 1, messageSubject: "Materiali", messageBody: "Ecco le slide." },
  { token: "t0k3n", newEmail: "nuovo@scuola.example.it", deleteAfter: "2026-12-20T10:00:00.000Z" },
  { replacesCertificateCode: "FRM-3467-9ACD-EFGH" },
  { endedBy: "evento-chiuso" },
  { endedBy: "formazione-conclusa" },
  { movedToEditionNumber: 3 },
  {
    cancelledSessions: [
      { id: "s", startsAt: "2026-12-05T14:00:00.000Z", endsAt: "2026-12-05T16:00:00.000Z", title: "" },
    ],
    rescheduled: true,
    cancelledApart: true,
  },
]
  .map((extra) => parsePayload({ eventTitle: "Coding in classe", editionNumber: 2, ...extra }))
  // A seat's cancellation deadline is added when the message leaves (not stored): still open, and passed; and a
  // seat whose holder the register already records present.
  .concat(
    [true, false].map((open) =>
      parsePayload(
        { eventTitle: "Coding in classe", editionNumber: 2 },
        { cancellation: { until: "2027-02-09T11:00:00.000Z", open } },
      ),
    ),
    parsePayload(
      { eventTitle: "Coding in classe", editionNumber: 2 },
      { cancellation: { until: "2027-02-09T11:00:00.000Z", open: false, recordedPresent: true } },
    ),
  );

describe("Italian wording for people of unknown gender (ADR 0095)", () => {
  test("the patterns catch the forms they are for", () => {
    // The guard has to see what it guards against, or it would pass on anything.
    const samples = {
      a: "sei iscritto a questa edizione",
      b: "Benvenuto in Forma",
      c: "{person} spostato all'edizione {number}",
      d: "L'organizzatore ti ha spostato",
      e: "il posto andrà a un collega",
      f: "Sono soddisfatto/a",
      g: "Resta collegato su questo dispositivo",
      h: "Il formatore è stato competente",
      i: "Completato",
    };
    const caught = new Set(offences(samples).map((o) => o.split(":")[0]));
    expect([...caught].sort()).toEqual(Object.keys(samples).sort());
    // …and not what is already neutral.
    expect(
      offences({
        a: "il link è nell'email di benvenuto",
        b: "Ente organizzatore",
        c: "Ti diamo il benvenuto in Forma",
        d: "La tua iscrizione è confermata",
        e: "Gentile docente,",
        f: "Percorso completato",
      }),
    ).toEqual([]);
  });

  test("no Italian message of the catalogue uses them", () => {
    expect(offences(catalogue as Record<string, string>)).toEqual([]);
  });

  test("no Italian email uses them, in the subject or the text", () => {
    const texts: Record<string, string> = {};
    for (const kind of Object.keys(TEMPLATES)) {
      for (const [i, payload] of PAYLOADS.entries()) {
        const mail = renderEmail(kind, payload, {
          locale: "it",
          origin: "https://forma.example.it/",
          contactEmail: "formazione@forma.example.it",
          firstName: "",
        });
        texts[`${kind}#${i} subject`] = mail.subject;
        texts[`${kind}#${i} text`] = mail.text;
      }
    }
    expect(Object.keys(texts).length).toBeGreaterThan(Object.keys(TEMPLATES).length * 2);
    expect(offences(texts)).toEqual([]);
  });

  test("nor do the labels of enrolment states, roles and questionnaire items", () => {
    const texts: Record<string, string> = {};
    for (const [name, labels] of Object.entries({
      ENROLMENT_STATUS_LABELS,
      APP_ROLE_LABELS,
      PROFESSIONAL_ROLE_LABELS,
    })) {
      for (const [key, label] of Object.entries(labels)) texts[`${name}.${key}`] = label.it;
    }
    for (const q of QUESTIONS) texts[`QUESTIONS.${q.id}`] = q.it;
    expect(offences(texts)).toEqual([]);
  });
});
