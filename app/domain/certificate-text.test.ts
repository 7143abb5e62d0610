import { describe, expect, it } from "vitest";
import { statedCertificate } from "../../tests/support/certificates.ts";
import {
  certificateLines,
  certificatePlace,
  placeWords,
  statedIssuePlace,
  type CertificateCircumstances,
} from "./certificate-text.ts";

const URL = "https://forma.example.it/attestati/verifica/FRM-ABCD-EFGH-JKMN";

/** A European seminar held at a school and online. */
const stated: typeof statedCertificate = (fields = {}) =>
  statedCertificate({ eventLevel: "europeo", placeVenue: "Liceo Galilei, Firenze", placeOnline: true, ...fields });

const circumstances: CertificateCircumstances = {
  fiscalCode: "RSSMRA80A41D612X",
  signatoryRole: null,
  signatory: "Giulia Conti",
};

describe("certificateLines", () => {
  it("English: the rendering's words, Rome dates in English, type and level in English, same code and address", () => {
    const lines = certificateLines(stated(), circumstances, "en", URL);
    expect(lines).toMatchObject({
      lang: "en-GB",
      documentTitle: "Certificate of attendance — Maria Rossi",
      heading: "Certificate of attendance",
      certify: "This is to certify that",
      holder: "Maria Rossi",
      fiscalCode: "Italian tax code (codice fiscale) RSSMRA80A41D612X",
      attended: "attended the training initiative",
      type: "Multilateral seminar, European level",
      // Rome's calendar days (1 November 00:30 in Rome is still 31 October in UTC).
      held: "held from 31 October to 1 November 2026 at Liceo Galilei, Firenze and online,",
      hours: "20 hours and 30 minutes",
      issued: "Issued in Firenze on 5 December 2026",
      role: { text: "Head of the training initiative" },
      signatory: "Giulia Conti",
      verificationHeading: "Verification code",
      verificationText: `English rendering of the official Italian certificate FRM-ABCD-EFGH-JKMN; verify at ${URL}`,
      qrAlt: `QR code of the verification address ${URL}`,
      // The issuing body's name is Italian.
      organiser: { text: "Unità nazionale eTwinning – INDIRE", lang: "it" },
    });
  });

  it("English: an Italian title is kept as written, marked and said to be Italian; an English one is printed plain", () => {
    const italian = certificateLines(stated(), circumstances, "en", URL);
    expect(italian.title).toEqual({ text: "«Progettare con eTwinning»", lang: "it" });
    expect(italian.titleNote).toBe("(title in Italian)");
    const english = certificateLines(
      stated({ eventTitle: "Learning Event: media literacy", eventTitleLanguage: "en" }),
      circumstances,
      "en",
      URL,
    );
    expect(english.title).toEqual({ text: "«Learning Event: media literacy»" });
    expect(english.titleNote).toBeNull();
    const french = certificateLines(stated({ eventTitleLanguage: "fr" }), circumstances, "en", URL);
    expect(french.title.lang).toBe("fr");
    expect(french.titleNote).toBe("(title in French)");
  });

  it("English: a letterhead's own role stays in the organiser's Italian words, marked as Italian", () => {
    const lines = certificateLines(stated(), { ...circumstances, signatoryRole: "Dirigente dell'Ufficio" }, "en", URL);
    expect(lines.role).toEqual({ text: "Dirigente dell'Ufficio", lang: "it" });
    expect(lines.signatureAlt).toBe("Signature: Giulia Conti");
  });

  it("Italian: the official certificate's words, as before; an English title marked as English", () => {
    const lines = certificateLines(stated({ eventType: "webinar" }), circumstances, "it", URL);
    expect(lines).toMatchObject({
      lang: "it-IT",
      heading: "Attestato di partecipazione",
      certify: "Si attesta che",
      fiscalCode: "codice fiscale RSSMRA80A41D612X",
      title: { text: "«Progettare con eTwinning»" },
      titleNote: null,
      type: "Webinar",
      held: "svoltasi dal 31 ottobre al 1° novembre 2026 presso Liceo Galilei, Firenze e online,",
      totalIntro: "per un totale di ore certificate pari a",
      hours: "20 ore e 30 minuti",
      issued: "Rilasciato a Firenze il 5 dicembre 2026",
      role: { text: "Responsabile dell'iniziativa formativa" },
      organiser: { text: "Unità nazionale eTwinning – INDIRE" },
      verificationText: `L'autenticità di questo attestato si verifica inquadrando il codice QR o all'indirizzo ${URL}`,
    });
    const english = certificateLines(stated({ eventTitleLanguage: "en" }), circumstances, "it", URL);
    expect(english.title.lang).toBe("en");
    expect(english.titleNote).toBeNull();
  });

  it("without a level or a fiscal code, the English type line is the type alone and no code is printed", () => {
    const lines = certificateLines(
      stated({ eventType: "webinar", eventLevel: null }),
      { ...circumstances, fiscalCode: null },
      "en",
      URL,
    );
    expect(lines.type).toBe("Webinar");
    expect(lines.fiscalCode).toBeNull();
  });
});

describe("the place of issue", () => {
  it("is the seat of the office the recorded level and region name, Florence for national and European events", () => {
    expect(statedIssuePlace({ eventLevel: "regionale", eventRegionCode: "lombardia" })).toBe("Milano");
    expect(statedIssuePlace({ eventLevel: "europeo", eventRegionCode: null })).toBe("Firenze");
    expect(statedIssuePlace({ eventLevel: null, eventRegionCode: null })).toBe("Firenze");
  });
});

describe("placeWords", () => {
  it("words the place in each language", () => {
    expect(placeWords({ venue: "Liceo Galilei", online: false }, "it")).toBe("presso Liceo Galilei");
    expect(placeWords({ venue: "Liceo Galilei", online: false }, "en")).toBe("at Liceo Galilei");
    expect(placeWords({ venue: null, online: true }, "it")).toBe("in modalità online");
    expect(placeWords({ venue: null, online: true }, "en")).toBe("online");
    expect(placeWords(null, "en")).toBeNull();
  });
});

describe("where the certificate says the training was held", () => {
  const venue = "Liceo Galilei, Firenze";
  const live = (place: string | null) => ({ delivery: "sincrona", place });
  it("names the event's places as before for sessions without a place of their own", () => {
    expect(placeWords(certificatePlace({ mode: "blended", venue }, [live(null)]), "it")).toBe(
      `presso ${venue} e online`,
    );
    expect(placeWords(certificatePlace({ mode: "in-presenza", venue }, [live(null)]), "it")).toBe(`presso ${venue}`);
    expect(placeWords(certificatePlace({ mode: "online", venue: null }, [live(null)]), "it")).toBe(
      "in modalità online",
    );
    expect(placeWords(certificatePlace({ mode: "in-presenza", venue: null }, [live(null)]), "it")).toBeNull();
  });

  it("names only the places a blended event's live sessions were held in (ADR 0091)", () => {
    expect(placeWords(certificatePlace({ mode: "blended", venue }, [live("online"), live("online")]), "it")).toBe(
      "in modalità online",
    );
    expect(placeWords(certificatePlace({ mode: "blended", venue }, [live("in-presenza")]), "it")).toBe(
      `presso ${venue}`,
    );
    expect(placeWords(certificatePlace({ mode: "blended", venue }, [live("in-presenza"), live("online")]), "it")).toBe(
      `presso ${venue} e online`,
    );
  });

  // ADR 0075, addendum 08/12/2026: "Firma: � �" read the replacement signs aloud.
  it("says the signature image is a signature, in the document's language, when its name prints as U+FFFD only", () => {
    for (const [locale, alt] of [
      ["it", "Firma"],
      ["en", "Signature"],
    ] as const) {
      expect(
        certificateLines(stated(), { ...circumstances, signatory: "\uFFFD \uFFFD" }, locale, URL).signatureAlt,
      ).toBe(alt);
      expect(certificateLines(stated(), { ...circumstances, signatory: "山田" }, locale, URL).signatureAlt).toBe(alt);
    }
    expect(certificateLines(stated(), { ...circumstances, signatory: "Taro 山田" }, "it", URL).signatureAlt).toBe(
      "Firma: Taro 山田",
    );
  });
});
