// The words of the certificate (attestato) in its two languages: the official Italian document and
// the English rendering a holder can show abroad (Erasmus+ mobility, Europass CV, a school's
// partners: ADR 0096). Pure: what the PDF prints, line by line, from what the certificate states
// (StatedCertificate: recorded at issue, ADR 0009 and 0100) and the few details read at download
// time (the holder's codice fiscale, the letterhead's signatory); app/models/certificate-pdf.server.ts
// lays them out, the same page for both languages. The rendering states the same code, verification
// address, hours and signatory as the Italian certificate and says that the Italian one is the official document.
import { issuePlaceOf } from "./certificate.ts";
import { hoursInWords } from "./hours.ts";
import { printsOnlyReplacement } from "./person-name.ts";
import { sessionAtVenue, sessionOnline } from "./session-place.ts";
import { EVENT_LEVEL_LABELS, EVENT_TYPE_LABELS, LANGUAGE_LABELS, labelOf, type Locale } from "./vocabulary.ts";
import { formatDateRange, formatOnDate } from "~/utils/dates.ts";

/**
 * What a certificate states, as recorded when it was issued (the Certificate row's columns): the one description the
 * PDFs in both languages, the public verification page, the scale generator and the tests' fixtures share. Nothing
 * here is read from the event or the account later: an event edited after issue changes no certificate (ADR 0100).
 */
export type StatedCertificate = {
  code: string;
  holderName: string;
  eventTitle: string;
  /** The language the title is written in (ADR 0078). */
  eventTitleLanguage: string;
  eventType: string;
  /** The event's level (regionale, nazionale, europeo): the English rendering states it; null: unknown, not printed. */
  eventLevel: string | null;
  /** The event's region: with the level, the place of issue (issuePlaceOf). */
  eventRegionCode: string | null;
  organiser: string;
  /** Where the training was held (certificatePlace): the venue printed, or null. */
  placeVenue: string | null;
  /** Held (also) online. */
  placeOnline: boolean;
  editionStartsOn: Date;
  editionEndsOn: Date;
  certifiedMinutes: number;
  issuedAt: Date;
};

/** The columns of StatedCertificate, for a query's select: a certificate is read with all of them or none. */
export const STATED_FIELDS = {
  code: true,
  holderName: true,
  eventTitle: true,
  eventTitleLanguage: true,
  eventType: true,
  eventLevel: true,
  eventRegionCode: true,
  organiser: true,
  placeVenue: true,
  placeOnline: true,
  editionStartsOn: true,
  editionEndsOn: true,
  certifiedMinutes: true,
  issuedAt: true,
} as const satisfies Record<keyof StatedCertificate, true>;

/** Where the training was held: at the venue, online, both (ADR 0091); null: not printed. */
export type CertificatePlace = { venue: string | null; online: boolean } | null;

/**
 * Where the training was held, as the certificate says it: at the venue ("presso <sede>"), online ("in modalità
 * online"), both, or nothing. A blended event's live sessions may all be held in one of the two (ADR 0091): the
 * certificate names only the places some live session was held in; an edition without live sessions, the event's mode.
 * Worked out at issue and recorded (placeVenue, placeOnline).
 */
export function certificatePlace(
  event: { mode: string; venue: string | null },
  sessions: { delivery: string; place: string | null }[],
): CertificatePlace {
  const venue = event.venue?.trim() || null;
  const live = sessions.filter((s) => s.delivery === "sincrona");
  const atVenue = live.length ? live.some((s) => sessionAtVenue(s, event)) : event.mode !== "online";
  const online = live.length ? live.some((s) => sessionOnline(s, event)) : event.mode !== "in-presenza";
  if (atVenue && venue) return { venue, online };
  return online ? { venue: null, online } : null;
}

/** The recorded place as the certificate states it. */
export function statedPlace(c: Pick<StatedCertificate, "placeVenue" | "placeOnline">): CertificatePlace {
  return c.placeVenue || c.placeOnline ? { venue: c.placeVenue, online: c.placeOnline } : null;
}

/** The place of issue the certificate states: the seat of the office that issued it (from the recorded level and region). */
export function statedIssuePlace(c: Pick<StatedCertificate, "eventLevel" | "eventRegionCode">): string {
  return issuePlaceOf(c.eventLevel ?? "nazionale", c.eventRegionCode);
}

/**
 * What the certificate prints that is not a fact of the training, read when it is downloaded: the holder's codice
 * fiscale (from the account) and who signs (the organiser's letterhead, which may be set after issue).
 */
export type CertificateCircumstances = {
  fiscalCode?: string | null;
  /** The letterhead's signatory's role, typed by the organiser in Italian; null: the default role. */
  signatoryRole?: string | null;
  signatory: string;
};

/** A line's text with the language of the part that is in another language than the document's, if any. */
export type CertificateLine = { text: string; lang?: string };

export type CertificateLines = {
  /** The document's language (the PDF's /Lang). */
  lang: "it-IT" | "en-GB";
  /** The PDF's title (the viewer's title bar). */
  documentTitle: string;
  /** The issuing body, whose name is Italian: marked as such in the English rendering. */
  organiser: CertificateLine;
  logoAlt: string;
  heading: string;
  certify: string;
  holder: string;
  fiscalCode: string | null;
  attended: string;
  /** The event's title in guillemets, marked with its language where it differs from the document's. */
  title: CertificateLine;
  /** Under the title when it is kept in another language than the document's: "(title in Italian)". */
  titleNote: string | null;
  type: string;
  held: string;
  totalIntro: string;
  hours: string;
  issued: string;
  role: CertificateLine;
  signatory: string;
  signatureAlt: string;
  signatureNote: string;
  verificationHeading: string;
  verificationText: string;
  qrAlt: string;
};

/** "presso Liceo Galilei e online", "in modalità online" (it); "at Liceo Galilei and online", "online" (en). */
export function placeWords(place: CertificatePlace, locale: Locale): string | null {
  if (!place) return null;
  if (place.venue) {
    if (locale === "en") return place.online ? `at ${place.venue} and online` : `at ${place.venue}`;
    return place.online ? `presso ${place.venue} e online` : `presso ${place.venue}`;
  }
  if (!place.online) return null;
  return locale === "en" ? "online" : "in modalità online";
}

/**
 * The certificate's lines in `locale`: Italian, the official certificate (its words unchanged since ADR 0079); English,
 * its rendering (ADR 0096). `url` is the verification address, the same for both.
 */
export function certificateLines(
  c: StatedCertificate,
  d: CertificateCircumstances,
  locale: Locale,
  url: string,
): CertificateLines {
  const when = formatDateRange(c.editionStartsOn, c.editionEndsOn, locale);
  const place = placeWords(statedPlace(c), locale);
  const titleLang = c.eventTitleLanguage || "it";
  const title: CertificateLine = { text: `«${c.eventTitle}»` };
  if (titleLang !== locale) title.lang = titleLang;
  if (locale === "it") {
    return {
      lang: "it-IT",
      documentTitle: `Attestato di partecipazione — ${c.holderName}`,
      organiser: { text: c.organiser },
      logoAlt: `Logo: ${c.organiser}`,
      heading: "Attestato di partecipazione",
      certify: "Si attesta che",
      holder: c.holderName,
      fiscalCode: d.fiscalCode ? `codice fiscale ${d.fiscalCode}` : null,
      attended: "ha partecipato all'iniziativa formativa",
      title,
      titleNote: null,
      type: labelOf(EVENT_TYPE_LABELS, c.eventType, "it"),
      held: `svoltasi ${when}${place ? ` ${place}` : ""},`,
      totalIntro: "per un totale di ore certificate pari a",
      hours: hoursInWords(c.certifiedMinutes, "it"),
      issued: `Rilasciato a ${statedIssuePlace(c)} ${formatOnDate(c.issuedAt, "it")}`,
      role: { text: d.signatoryRole || "Responsabile dell'iniziativa formativa" },
      signatory: d.signatory,
      // A signatory's name printed as "�" only is no text alternative: the image is a signature, said in the document's language.
      signatureAlt: printsOnlyReplacement(d.signatory) ? "Firma" : `Firma: ${d.signatory}`,
      signatureNote: "Firma autografa sostituita a mezzo stampa ai sensi dell'art. 3, comma 2, del D.Lgs. 39/1993",
      verificationHeading: "Codice di verifica",
      verificationText: `L'autenticità di questo attestato si verifica inquadrando il codice QR o all'indirizzo ${url}`,
      qrAlt: `Codice QR dell'indirizzo di verifica ${url}`,
    };
  }
  // English: a title written in English is printed as it is; any other is kept as written and said to be in its
  // language ("(title in Italian)"), never translated here: the event's texts have no English version besides it.
  // "national level", "regional level", "European level": the adjective in running text (European keeps its capital).
  const levelLabel = c.eventLevel ? labelOf(EVENT_LEVEL_LABELS, c.eventLevel, "en") : "";
  const level = levelLabel === "European" ? levelLabel : levelLabel.toLowerCase();
  const type = labelOf(EVENT_TYPE_LABELS, c.eventType, "en");
  return {
    lang: "en-GB",
    documentTitle: `Certificate of attendance — ${c.holderName}`,
    organiser: { text: c.organiser, lang: "it" },
    logoAlt: `Logo: ${c.organiser}`,
    heading: "Certificate of attendance",
    certify: "This is to certify that",
    holder: c.holderName,
    fiscalCode: d.fiscalCode ? `Italian tax code (codice fiscale) ${d.fiscalCode}` : null,
    attended: "attended the training initiative",
    title,
    titleNote: title.lang ? `(title in ${labelOf(LANGUAGE_LABELS, titleLang, "en")})` : null,
    type: level ? `${type}, ${level} level` : type,
    held: `held ${when}${place ? ` ${place}` : ""},`,
    totalIntro: "for a certified total of",
    hours: hoursInWords(c.certifiedMinutes, "en"),
    issued: `Issued in ${statedIssuePlace(c)} ${formatOnDate(c.issuedAt, "en")}`,
    // The letterhead's role is the organiser's own Italian words: kept, and marked as Italian.
    role: d.signatoryRole ? { text: d.signatoryRole, lang: "it" } : { text: "Head of the training initiative" },
    signatory: d.signatory,
    signatureAlt: printsOnlyReplacement(d.signatory) ? "Signature" : `Signature: ${d.signatory}`,
    signatureNote:
      "Handwritten signature replaced by the printed name under art. 3(2) of Italian Legislative Decree 39/1993",
    verificationHeading: "Verification code",
    verificationText: `English rendering of the official Italian certificate ${c.code}; verify at ${url}`,
    qrAlt: `QR code of the verification address ${url}`,
  };
}
